"""Client search that people can use: a clinician finds their own clients by any part of a name
(case and accents do not matter), never another clinician's; the front desk's practice-wide
lookup stays exact, through the blind index. Both on SQLite and PostgreSQL."""

from __future__ import annotations

from closeddoor.audit.tags import AuditTag
from tests.factories import ClientFactory, Practice, team_up
from tests.integration.helpers import Api


def _ids(api: Api, who: str, name: str) -> set[str]:
    found = api.post("/clients/search", who, {"name": name})
    assert found.status_code == 200, found.text
    return {c["id"] for c in found.json()["items"]}


def test_clinician_finds_own_client_by_part_of_a_name_when_case_and_accents_differ(
        practice: Practice, api: Api) -> None:
    client = ClientFactory.create(practice, given_name="Zoë", family_name="Ávila-Synthetic")
    assert _ids(api, "clinician1", "avil") == {client}
    assert _ids(api, "clinician1", "ZOE") == {client}
    assert _ids(api, "clinician1", "zo avila") == {client}
    assert _ids(api, "clinician1", "synth") >= {client}
    assert client not in _ids(api, "clinician1", "zoey")


def test_clinician_finds_by_preferred_name_when_it_is_on_file(
        practice: Practice, api: Api) -> None:
    client = ClientFactory.create(practice, preferred_name="Birdie")
    assert _ids(api, "clinician1", "bird") == {client}


def test_clinician_never_finds_another_clinicians_client_when_a_part_matches(
        practice: Practice, api: Api) -> None:
    theirs = ClientFactory.create(practice, "clinician2", family_name="Quillfeather")
    assert _ids(api, "clinician1", "quill") == set()
    assert _ids(api, "clinician1", "Quillfeather") == set()
    assert _ids(api, "clinician2", "quill") == {theirs}
    me = practice.user_id("clinician1")
    events = api.get_all(f"/audit/events?client_id={theirs}", "owner")
    assert not [e for e in events if e["actor_id"] == me]


def test_clinician_finds_client_when_added_to_the_care_team(
        practice: Practice, api: Api) -> None:
    client = ClientFactory.create(practice, "clinician2", family_name="Marchbanks")
    assert _ids(api, "clinician1", "marchb") == set()
    team_up(practice, client, "clinician1")
    assert _ids(api, "clinician1", "marchb") == {client}


def test_front_desk_lookup_is_exact_when_billing_searches(practice: Practice, api: Api) -> None:
    client = ClientFactory.create(practice, family_name="Underhollow")
    assert _ids(api, "billing", "underho") == set()
    assert _ids(api, "billing", "UNDERHOLLOW") == {client}


def test_search_is_audited_as_one_listing_naming_each_client_decrypted(
        practice: Practice, api: Api) -> None:
    hit = ClientFactory.create(practice, family_name="Ferncastle")
    miss = ClientFactory.create(practice, family_name="Larkspurrow")
    assert _ids(api, "clinician1", "fern") == {hit}
    me = practice.user_id("clinician1")
    everything = api.get("/audit/events?limit=50", "owner").json()["items"]
    named = {e["client_id"] for e in everything
             if e["tag"] == AuditTag.RECORD_CLIENT_SEARCH.value and e["actor_id"] == me
             and e["client_id"]}
    assert named == {hit, miss}
    summary = [e for e in everything if e["tag"] == AuditTag.RECORD_CLIENT_SEARCH.value
               and e["actor_id"] == me and not e["client_id"]]
    assert len(summary) == 1


def test_search_refuses_with_the_field_named_when_the_name_is_blank_or_too_long(
        practice: Practice, api: Api) -> None:
    assert api.post("/clients/search", "clinician1", {"name": " "}).status_code == 422
    assert api.post("/clients/search", "clinician1", {"name": "a" * 201}).status_code == 422
