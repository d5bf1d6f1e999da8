"""Whether a client's signed consent covers the text the practice uses now (a policy fact).

The text a client signs is rendered from the current version's template with the practice's
name and its jurisdiction's facts. All three are part of what was signed: a signature covers
the current text only when its hash is the hash of that text as rendered *now*. So a changed
practice name, jurisdiction or fact (a software update can change the shipped facts) makes
every client's signature stale ("re-consent needed") without anyone having to remember it.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import load_jurisdiction
from closeddoor.consent.model import RenderedConsent
from closeddoor.consent.render import render_consent
from closeddoor.consent.template import parse_template
from closeddoor.store import consent_repository as repo

PUBLISHED = repo.PUBLISHED


def current_version_id(conn: Connection) -> str | None:
    """The newest published consent version, or None before any is published."""
    return repo.current_version_id(conn)


def render_version_now(conn: Connection, version_id: str) -> RenderedConsent:
    """The version's text as this practice would show it now (its name, its jurisdiction's
    facts as shipped). Raises ConsentError when it no longer renders (e.g. a missing fact)."""
    document = repo.existing_version_document(conn, version_id)
    name, code = repo.practice_name_and_jurisdiction(conn)
    template = parse_template(json.loads(document), f"consent version {version_id}")
    return render_consent(template, load_jurisdiction(code), name)


def consent_is_current(conn: Connection, client_id: str) -> bool:
    """True when the client signed the current version's text exactly as it renders now."""
    version_id = current_version_id(conn)
    if version_id is None:
        return False
    try:
        digest = render_version_now(conn, version_id).sha256
    except ConsentError:
        return False
    return repo.has_signed(conn, client_id, version_id, digest)
