"""An id in a request's path longer than any id the practice issues is refused as unknown, and the
refusal is audited with the id cut and marked: before, PostgreSQL refused the over-long value, the
append failed and every such request answered 503 with an alarm in the log."""

from __future__ import annotations

import pytest

from closeddoor.audit.chain import AUDIT_ID_CHARS
from closeddoor.audit.tags import AuditTag
from closeddoor.runtime import fitted_id
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api, sql


def test_long_id_is_cut_with_a_mark_and_a_fitting_one_is_kept_when_audited() -> None:
    uuid_like = "0" * AUDIT_ID_CHARS
    assert fitted_id(uuid_like) == uuid_like and fitted_id("") == ""
    cut = fitted_id(uuid_like + "tail")
    assert len(cut) == AUDIT_ID_CHARS and cut.endswith("\u2026") and cut != uuid_like


@pytest.mark.parametrize("where", ["client", "note"])
def test_overlong_path_id_is_404_and_audited_cut_when_a_chart_or_note_is_read(
        shared_practice: Practice, shared_api: Api, where: str) -> None:
    client_id = ClientFactory.create(shared_practice, "clinician1")
    # A real id followed by more: once cut, it must not read as the real client's id.
    long_id = client_id + "x" * 300
    path = f"/clients/{long_id}" if where == "client" else f"/clients/{client_id}/notes/{long_id}"
    answer = shared_api.get(path, "clinician1")
    assert answer.status_code == 404, answer.text
    [(recorded_client, recorded_resource, outcome)] = sql(
        shared_practice, "SELECT client_id, resource_id, outcome FROM audit_events "
                         "ORDER BY seq DESC LIMIT 1")
    recorded = recorded_client if where == "client" else recorded_resource
    assert outcome == "deny" and recorded == fitted_id(long_id) != client_id


def test_a_lists_entries_share_one_moment_and_details_and_cut_long_ids(
        shared_practice: Practice) -> None:
    """`Runtime.client_entries` stamps a list's decisions once; each still names its client
    (cut to fit), its outcome and its reason."""
    long_id = "0" * AUDIT_ID_CHARS + "tail"
    entries = shared_practice.services.runtime.client_entries(
        "actor-1", AuditTag.RECORD_CLIENT_READ,
        [("client-a", "allow", "care-team"), (long_id, "deny", "not-on-care-team")],
        listed="list")
    assert [(e.client_id, e.outcome, e.reason) for e in entries] == [
        ("client-a", "allow", "care-team"), (fitted_id(long_id), "deny", "not-on-care-team")]
    assert len({e.at for e in entries}) == 1
    assert {e.details for e in entries} == {'{"listed":"list"}'}
    assert {e.tag for e in entries} == {AuditTag.RECORD_CLIENT_READ.value}
