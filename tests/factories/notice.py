"""Notice of Privacy Practices versions the owner completed and had reviewed."""

from __future__ import annotations

from typing import Any

from closeddoor.bootstrap import Services
from closeddoor.policy import Actor

REVIEWER = "Synthetic Counsel (test)"
CONTACT = "Synthetic Privacy Officer, telephone 555-0199"


def completed(services: Services, owner: Actor, version_id: str, **changes: Any
              ) -> dict[str, Any]:
    """The draft's editable fields with a contact and an effective date filled in."""
    version = services.notice.version(owner, version_id)
    document = version.document
    data: dict[str, Any] = {
        "title": document.title, "contact": CONTACT,
        "effective_on": services.runtime.now().date().isoformat(),
        "sections": [{"key": s.key, "title": s.title, "body": s.body,
                      "citations": list(s.citations)} for s in document.sections]}
    data.update(changes)
    return data


def publish_notice(services: Services, owner: Actor, **changes: Any) -> str:
    """A new draft, completed (with `changes`), reviewed and published; its id."""
    notice = services.notice
    version_id = notice.create_draft(owner)
    notice.update_draft(owner, version_id, completed(services, owner, version_id, **changes))
    notice.record_review(owner, version_id, reviewed_by=REVIEWER,
                         reviewed_on=services.runtime.now().date().isoformat(),
                         text_sha256=notice.version(owner, version_id).rendered.sha256)
    notice.publish(owner, version_id)
    return version_id
