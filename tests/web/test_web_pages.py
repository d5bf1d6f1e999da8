"""The client list and the audit page come a page at a time, with next and previous links, a
choice of sort, and search results paged too; a changed page link is a 422 that shows the
first page; a clinician's pages hold only their caseload."""

from __future__ import annotations

import html
import re

from closeddoor.records.clients import ClientService
from tests.web.helpers import Practice, csrf_token


def _links(text: str, rel: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(rf'<a href="([^"]+)" rel="{rel}">', text)]


def _client_ids(text: str) -> list[str]:
    return re.findall(r'<td><a href="/clients/([0-9a-f-]{36})">', text)


def _register(practice: Practice, count: int) -> list[str]:
    owner = practice.user("owner").actor
    rows = [{"given_name": f"Given{n}", "family_name": f"Synthfam{n}",
             "date_of_birth": "1980-01-02"} for n in range(count)]
    return practice.services.charts.create_clients(owner, rows)


def test_owner_walks_the_client_list_by_next_and_previous_links(practice: Practice) -> None:
    added = _register(practice, 120)
    owner = practice.browser("owner")
    first = owner.get("/clients")
    assert first.status_code == 200
    assert "Newest first" in first.text and "Family name" not in first.text
    seen, page, pages = _client_ids(first.text), first, [first]
    while _links(page.text, "next"):
        page = owner.get(_links(page.text, "next")[0])
        assert page.status_code == 200
        seen += _client_ids(page.text)
        pages.append(page)
    assert len(pages) == 3 and len(_client_ids(first.text)) == 50
    assert len(seen) == len(set(seen)) and set(added) <= set(seen)
    back = owner.get(_links(pages[-1].text, "prev")[0])
    assert _client_ids(back.text) == _client_ids(pages[-2].text)


def test_changed_page_link_is_422_and_shows_the_first_page(practice: Practice) -> None:
    _register(practice, 60)
    owner = practice.browser("owner")
    link = _links(owner.get("/clients").text, "next")[0]
    broken = owner.get(link[:-4] + "AAAA")
    assert broken.status_code == 422
    assert "That page link is not valid" in broken.text
    assert len(_client_ids(broken.text)) == 50
    audit = owner.get("/practice/audit?cursor=garbled")
    assert audit.status_code == 422 and "That page link is not valid" in audit.text


def test_clinician_list_holds_only_their_caseload_in_every_sort(practice: Practice) -> None:
    _register(practice, 5)  # registered by the owner: on no caseload
    caseload = {s.client_id for s in ClientService.list_clients(
        practice.services.charts, practice.user("clinician1").actor)}
    assert caseload
    browser = practice.browser("clinician1")
    for sort in ("name", "newest", "oldest"):
        page = browser.get(f"/clients?sort={sort}")
        assert page.status_code == 200
        assert set(_client_ids(page.text)) == caseload, sort


def test_search_results_come_a_page_at_a_time_when_many_match(practice: Practice) -> None:
    owner = practice.user("owner").actor
    rows = [{"given_name": f"Given{n}", "family_name": "Pagedsearch",
             "date_of_birth": "1980-01-02"} for n in range(55)]
    made = set(practice.services.charts.create_clients(owner, rows))
    browser = practice.browser("billing")
    page = browser.get("/clients")
    found = browser.post("/clients/search", {"name": "Pagedsearch",
                                             "csrf_token": csrf_token(page.text)})
    assert found.status_code == 200
    first = set(_client_ids(found.text.split('id="list-heading"')[0]))
    assert len(first) == 50
    cursor = re.search(r'name="cursor" value="([^"]+)"', found.text)
    assert cursor
    more = browser.post("/clients/search", {"name": "Pagedsearch", "cursor": cursor.group(1),
                                            "csrf_token": csrf_token(found.text)})
    rest = set(_client_ids(more.text.split('id="list-heading"')[0]))
    assert first | rest == made and not first & rest


def test_audit_page_walks_older_and_newer_events(practice: Practice) -> None:
    _register(practice, 60)  # two events each
    owner = practice.browser("owner")
    newest = owner.get("/practice/audit")
    seqs = [int(s) for s in re.findall(r'<td class="num">(\d+)</td>', newest.text)]
    assert len(seqs) == 100 and _links(newest.text, "next") and not _links(newest.text, "prev")
    older = owner.get(_links(newest.text, "next")[0])
    older_seqs = [int(s) for s in re.findall(r'<td class="num">(\d+)</td>', older.text)]
    assert older_seqs and max(older_seqs) == min(seqs) - 1
    newer = owner.get(_links(older.text, "prev")[0])
    assert [int(s) for s in re.findall(r'<td class="num">(\d+)</td>', newer.text)] == seqs
