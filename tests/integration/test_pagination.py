"""Paged lists (issue 16): a walk through the client list and the audit meets every item
exactly once, also while clients are added; a changed, cut or borrowed cursor is a 422; the page
size is bounded; a clinician's pages hold only their caseload. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from closeddoor.errors import PolicyDenied
from closeddoor.paging import MAX_LIMIT
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api, scalar, sql


def _register(practice: Practice, count: int, creator: str = "owner") -> list[str]:
    return practice.services.charts.create_clients(
        practice.actor(creator), [ClientFactory.data() for _ in range(count)])


def _walk(api: Api, path: str, who: str, *, limit: int,
          between_pages: Any = None) -> list[str]:
    """The ids met following `next_cursor` from the first page to the end."""
    seen: list[str] = []
    cursor = ""
    joiner = "&" if "?" in path else "?"
    for _ in range(1000):
        page = api.get(f"{path}{joiner}limit={limit}{cursor}", who)
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) <= limit
        seen.extend(str(item.get("id", item.get("seq"))) for item in body["items"])
        if body["next_cursor"] is None:
            return seen
        if between_pages is not None:
            between_pages()
        cursor = f"&cursor={body['next_cursor']}"
    raise AssertionError("the walk did not end")


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_walk_meets_every_client_once_when_clients_are_added_between_pages(
        practice: Practice, api: Api, sort: str) -> None:
    # Two registration times, so the keyset meets ties on created_at (broken by id).
    first = _register(practice, 7)
    practice.clock.advance(timedelta(minutes=1))
    second = _register(practice, 6)
    added: list[str] = []

    def add_one() -> None:
        practice.clock.advance(timedelta(seconds=1))
        added.extend(_register(practice, 1))

    seen = _walk(api, f"/clients?sort={sort}", "owner", limit=3, between_pages=add_one)
    assert len(seen) == len(set(seen)), "a client was listed twice"
    assert set(first + second) <= set(seen), "a client present throughout was missed"
    assert set(seen) <= set(first + second + added)
    if sort == "oldest":  # what is added lands after the walk's position: it is met too
        assert set(added) <= set(seen)


def test_previous_page_is_the_page_before_when_walking_back(
        practice: Practice, api: Api) -> None:
    _register(practice, 9)
    one = api.get("/clients?sort=oldest&limit=4", "owner").json()
    two = api.get(f"/clients?sort=oldest&limit=4&cursor={one['next_cursor']}", "owner").json()
    back = api.get(f"/clients?sort=oldest&limit=4&cursor={two['prev_cursor']}", "owner")
    assert back.status_code == 200, back.text
    assert [c["id"] for c in back.json()["items"]] == [c["id"] for c in one["items"]]
    assert back.json()["prev_cursor"] is None


def test_clinician_pages_hold_only_their_caseload_when_walked_in_every_sort(
        practice: Practice, api: Api) -> None:
    mine = _register(practice, 5, "clinician1")
    theirs = _register(practice, 4, "clinician2")
    _register(practice, 3)  # on no caseload
    for sort in ("name", "newest", "oldest"):
        seen = _walk(api, f"/clients?sort={sort}", "clinician1", limit=2)
        assert sorted(seen) == sorted(mine), sort
    assert sorted(_walk(api, "/clients", "clinician2", limit=3)) == sorted(theirs)
    assert len(_walk(api, "/clients", "billing", limit=5)) == 12


def test_name_sort_is_refused_when_the_whole_practice_is_listed(
        practice: Practice, api: Api) -> None:
    refused = api.get("/clients?sort=name", "owner")
    assert refused.status_code == 422
    assert "sort" in refused.json()["detail"]


def _mangle(cursor: str) -> list[str]:
    flipped = cursor[:10] + ("A" if cursor[10] != "A" else "B") + cursor[11:]
    return [flipped, cursor[:-3], cursor + "AAAA", "not-a-cursor", "%%%", "A" * 600, "e30"]


def test_forged_or_garbled_cursor_is_422_when_listing_clients(
        practice: Practice, api: Api) -> None:
    _register(practice, 5)
    cursor = api.get("/clients?sort=oldest&limit=2", "owner").json()["next_cursor"]
    assert cursor
    for bad in _mangle(cursor):
        answer = api.get(f"/clients?sort=oldest&limit=2&cursor={bad}", "owner")
        assert answer.status_code == 422, (bad, answer.text)
    # A true cursor of another list (the other order) is refused too.
    assert api.get(f"/clients?sort=newest&cursor={cursor}", "owner").status_code == 422


def test_cursor_of_one_clients_audit_is_refused_on_anothers(
        practice: Practice, api: Api) -> None:
    a, b = _register(practice, 2)
    for client in (a, b):
        for _ in range(3):
            api.get(f"/clients/{client}", "owner")
    page = api.get(f"/audit/events?client_id={a}&limit=2", "owner").json()
    assert page["next_cursor"]
    assert api.get(f"/audit/events?client_id={b}&cursor={page['next_cursor']}",
                   "owner").status_code == 422
    assert api.get(f"/audit/events?cursor={page['next_cursor']}", "owner").status_code == 422
    for bad in _mangle(page["next_cursor"]):
        assert api.get(f"/audit/events?client_id={a}&cursor={bad}",
                       "owner").status_code == 422


@pytest.mark.parametrize("limit", ["0", "-1", str(MAX_LIMIT + 1), "many"])
def test_limit_out_of_bounds_is_422_when_a_list_is_asked_for(
        practice: Practice, api: Api, limit: str) -> None:
    client = _register(practice, 1, "clinician1")[0]
    for path in ("/clients", "/audit/events", f"/clients/{client}/notes",
                 f"/clients/{client}/appointments"):
        who = "owner" if path == "/audit/events" else "clinician1"
        assert api.get(f"{path}?limit={limit}", who).status_code == 422, path


def test_default_page_is_fifty_when_no_limit_is_given(practice: Practice, api: Api) -> None:
    _register(practice, 60)
    page = api.get("/clients", "owner").json()
    assert len(page["items"]) == 50 and page["next_cursor"]
    rest = api.get(f"/clients?cursor={page['next_cursor']}", "owner").json()
    assert len(rest["items"]) == 10 and rest["next_cursor"] is None


def test_audit_walk_meets_every_event_once_newest_first(practice: Practice, api: Api) -> None:
    _register(practice, 3)
    seqs = [int(s) for s in _walk(api, "/audit/events", "owner", limit=7)]
    assert seqs == sorted(seqs, reverse=True)
    assert len(seqs) == len(set(seqs))
    # Every event up to the first page's newest was met (reading appends more as it goes).
    assert set(range(1, seqs[0] + 1)) <= set(seqs)


def test_notes_walk_meets_every_note_once_when_paged(practice: Practice, api: Api) -> None:
    client = _register(practice, 1, "clinician1")[0]
    notes = practice.services.notes
    made = {notes.create_note(practice.actor("clinician1"), client, {
        "kind": "progress", "format": "free", "body": f"Synthetic note {n}.", "sign": True})
        for n in range(5)}
    seen = _walk(api, f"/clients/{client}/notes", "clinician1", limit=2)
    assert sorted(seen) == sorted(made)
    # A cursor from a reader who may see the chart opens nothing for one who may not.
    cursor = api.get(f"/clients/{client}/notes?limit=2", "clinician1").json()["next_cursor"]
    refused = api.get(f"/clients/{client}/notes?cursor={cursor}", "clinician2")
    assert refused.status_code == 404 and "Synthetic note" not in refused.text


def test_bulk_registration_refused_and_audited_when_the_role_may_not_register(
        practice: Practice) -> None:
    before = scalar(practice, "SELECT count(*) FROM clients")
    with pytest.raises(PolicyDenied):
        _register(practice, 3, creator="supervisor")
    assert scalar(practice, "SELECT count(*) FROM clients") == before
    [denied] = sql(practice, "SELECT outcome FROM audit_events WHERE tag = 'record:client:create'"
                   " AND actor_id = :who", who=practice.actor("supervisor").actor_id)
    assert denied.outcome == "deny"
