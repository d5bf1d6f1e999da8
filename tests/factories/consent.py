"""Consent versions the owner has had reviewed: the only kind a practice can publish."""

from __future__ import annotations

from closeddoor.bootstrap import Services
from closeddoor.policy import Actor

REVIEWER = "Synthetic Counsel (test)"


def publish_reviewed_version(services: Services, owner: Actor, draft: str | None = None) -> str:
    """Record a review of the draft's text as it renders now (a new draft copied from the
    current text when none is given), then publish it; the version's id."""
    consent = services.consent
    version_id = draft or consent.create_draft(owner)
    consent.record_review(owner, version_id, reviewed_by=REVIEWER,
                          reviewed_on=services.runtime.now().date().isoformat(),
                          text_sha256=consent.version(owner, version_id).rendered_sha256)
    consent.publish(owner, version_id)
    return version_id
