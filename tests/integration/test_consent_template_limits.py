"""An owner's hostile consent template is a quick 422 naming the section, rendered before any
write transaction opens, so it never holds the database other clinicians read (issue 10,
item 4)."""

from __future__ import annotations

import json
import time
from typing import Any

import pytest

import closeddoor.consent.service as consent_service
from closeddoor.store.db import kept_idle
from tests.factories import Practice
from tests.integration.helpers import Api
from tests.integration.test_consent_versions import document_of, editable, new_draft

HOSTILE = ["{{ 3**20000003 % 7 }}", "{{ '{0}'.format_map(facts) }}",
           "{% for i in range(200000) %}x{% endfor %}", "{{ lipsum(100000) }}"]


@pytest.mark.parametrize("body", HOSTILE)
def test_draft_refused_quickly_naming_section_when_template_is_hostile(
    api: Api, body: str
) -> None:
    draft = new_draft(api)
    document = editable(document_of(api, draft))
    document["sections"][3]["body"] = body
    started = time.monotonic()
    response = api.put(f"/consent/versions/{draft}", "owner", document)
    # A bound that catches a runaway render (unguarded, these take minutes or never end),
    # wide enough not to trip on a loaded CI machine: speed itself is measured in bench/.
    assert time.monotonic() - started < 15
    assert response.status_code == 422, response.text
    key = document["sections"][3]["key"]
    assert f"section '{key}'" in response.json()["detail"]


@pytest.mark.parametrize("step", ["update", "publish"])
def test_template_renders_outside_any_transaction_when_saved_or_published(
    practice: Practice, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    services, owner = practice.services, practice.actor("owner")
    draft = services.consent.create_draft(owner)
    document = services.consent.version_template(owner, draft)
    if step == "publish":
        services.consent.record_review(
            owner, draft, reviewed_by="Synthetic Counsel (test)",
            reviewed_on=practice.clock.now().date().isoformat(),
            text_sha256=services.consent.version(owner, draft).rendered_sha256)
    open_connections: list[int] = []
    real_render = consent_service.render_consent

    def spy(*args: Any, **kwargs: Any) -> Any:
        # Connections kept open between transactions (the audit writer's) hold none open.
        open_connections.append(services.engine.pool.checkedout()  # type: ignore[attr-defined]
                                - kept_idle(services.engine))
        return real_render(*args, **kwargs)

    monkeypatch.setattr(consent_service, "render_consent", spy)
    if step == "update":
        body = json.loads(consent_service.template_to_json(document))
        services.consent.update_draft(owner, draft, body)
    else:
        services.consent.publish(owner, draft)
    assert open_connections == [0]
