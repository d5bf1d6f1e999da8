"""Whether a client's signed consent covers the text the practice uses now (a policy fact).

The text a client signs is rendered from the current version's template with the practice's
name and its jurisdiction's facts. All three are part of what was signed: a signature covers
the current text only when its hash is the hash of that text as rendered *now*. So a changed
practice name, jurisdiction or fact (a software update can change the shipped facts) makes
every client's signature stale ("re-consent needed") without anyone having to remember it.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, exists, select

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import load_jurisdiction
from closeddoor.consent.model import RenderedConsent
from closeddoor.consent.render import render_consent
from closeddoor.consent.template import parse_template
from closeddoor.store.tables import consent_signatures, consent_versions, practice

PUBLISHED = "published"


def current_version_id(conn: Connection) -> str | None:
    """The newest published consent version, or None before any is published."""
    return conn.execute(
        select(consent_versions.c.id)
        .where(consent_versions.c.status == PUBLISHED)
        .order_by(consent_versions.c.number.desc())
        .limit(1)
    ).scalar_one_or_none()


def render_version_now(conn: Connection, version_id: str) -> RenderedConsent:
    """The version's text as this practice would show it now (its name, its jurisdiction's
    facts as shipped). Raises ConsentError when it no longer renders (e.g. a missing fact)."""
    document = conn.execute(select(consent_versions.c.document).where(
        consent_versions.c.id == version_id)).scalar_one()
    name, code = conn.execute(select(practice.c.name, practice.c.jurisdiction)).one()
    template = parse_template(json.loads(document), f"consent version {version_id}")
    return render_consent(template, load_jurisdiction(str(code)), str(name))


def consent_is_current(conn: Connection, client_id: str) -> bool:
    """True when the client signed the current version's text exactly as it renders now."""
    version_id = current_version_id(conn)
    if version_id is None:
        return False
    try:
        digest = render_version_now(conn, version_id).sha256
    except ConsentError:
        return False
    return bool(conn.execute(select(exists().where(
        consent_signatures.c.client_id == client_id,
        consent_signatures.c.version_id == version_id,
        consent_signatures.c.text_sha256 == digest,
    ))).scalar())
