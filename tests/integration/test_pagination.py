"""Paged lists (issue 16): a walk through the client list and the audit meets every item
exactly once, also while clients are added; a changed, cut or borrowed cursor is a 422; the page
size is bounded; a clinician's pages hold only their caseload. On SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest

from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from closeddoor.errors import PolicyDenied
from closeddoor.paging import DEFAULT_LIMIT, MAX_LIMIT
from closeddoor.portal.model import PortalPrincipal
from tests.factories import (
    AuthorizationFactory,
    ClientFactory,
    NoteFactory,
    Practice,
    authorized_request,
    publish_notice,
    publish_reviewed_version,
)
from tests.factories.treatment import ANXIETY, DEPRESSION, TreatmentFactory
from tests.integration.helpers import Api, scalar, sql
from tests.portal.helpers import invite


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


# --- every other list (issue 16, last part) ------------------------------------------------------
# Each of these lists is read whole by its service and paged by `api/pages.py`. A walk with
# limit=1 meets every item once, in the service's order; a forged cursor, or a true cursor of
# another client's (or search's) list, is 422 and appends no audit event; limit 0 and over the
# maximum are 422.

CLINICIAN = "clinician1"
PORTAL_PASSWORD = "lantern-orchard-velvet-2931"


@dataclass(frozen=True)
class Listed:
    """A paged list: its path (`{c}` the client), who reads it, how to give a client two or more
    items, the service's order of their ids, and an item's id on the wire."""

    path: str
    fill: Callable[[Practice, Api, str], object] | None = None
    order: Callable[[Practice, str], list[str]] | None = None
    key: str = "id"
    who: str = CLINICIAN  # PORTAL: the client's own portal token

    def url(self, client_id: str) -> str:
        return self.path.format(c=client_id)


PORTAL = "portal"


def _as(practice: Practice, who: str = CLINICIAN) -> Any:
    return practice.actor(who)


def _ok(response: Any) -> Any:
    assert response.status_code in (200, 201, 204), response.text
    return response


def _measures(practice: Practice, api: Api, client_id: str) -> None:
    for instrument, answers in (("PHQ-9", [1] * 9), ("GAD-7", [0] * 7), ("PHQ-9", [2] * 9)):
        _ok(api.post(f"/clients/{client_id}/measures", CLINICIAN,
                     {"instrument": instrument, "answers": answers}))


def _measure_requests(practice: Practice, api: Api, client_id: str) -> None:
    for instrument in ("PHQ-9", "GAD-7"):
        _ok(api.post(f"/clients/{client_id}/measure-requests", CLINICIAN,
                     {"instrument": instrument}))


def _restrictions(practice: Practice, api: Api, client_id: str) -> None:
    for purpose in ("payment", "operations"):
        _ok(api.post(f"/clients/{client_id}/restrictions", CLINICIAN, {
            "kind": "general", "recipient_kind": "health_plan", "purposes": [purpose],
            "received_via": "written"}))


def _representatives(practice: Practice, api: Api, client_id: str) -> None:
    for name in ("Pat Synthetic", "Sam Synthetic"):
        _ok(api.post(f"/clients/{client_id}/representatives", CLINICIAN, {
            "kind": "health-care-agent", "name": name, "document_date": "2026-01-05",
            "document": "Synthetic health-care proxy", "scope": ["records"]}))


def _authorizations(practice: Practice, api: Api, client_id: str) -> None:
    for _ in range(2):
        AuthorizationFactory.create(practice, client_id)


def _disclosure_requests(practice: Practice, api: Api, client_id: str) -> list[str]:
    authorization_id = AuthorizationFactory.create(practice, client_id)
    return [_ok(api.post(f"/clients/{client_id}/disclosures", CLINICIAN,
                         authorized_request(authorization_id))).json()["id"]
            for _ in range(2)]


def _released(practice: Practice, api: Api, client_id: str) -> None:
    for disclosure_id in _disclosure_requests(practice, api, client_id):
        _ok(api.post(f"/clients/{client_id}/disclosures/{disclosure_id}/packet", CLINICIAN))


def _problems(practice: Practice, api: Api, client_id: str) -> None:
    for code in (DEPRESSION, ANXIETY):
        TreatmentFactory.diagnose(practice, client_id, code)


def _plans(practice: Practice, api: Api, client_id: str) -> None:
    for target in (10, 8):
        TreatmentFactory.plan(practice, client_id, target=target)


def _amendments(practice: Practice, api: Api, client_id: str) -> None:
    for change in ("The synthetic phone number is out of date.",
                   "The synthetic address changed."):
        _ok(api.post(f"/clients/{client_id}/amendments", CLINICIAN, {
            "target": "details", "change": change, "reason": "Moved (synthetic).",
            "received_on": practice.clock.now().date().isoformat()}))


def _portal_restrictions(practice: Practice, api: Api, client_id: str) -> None:
    _restrictions(practice, api, client_id)


def _access_history(practice: Practice, api: Api, client_id: str) -> None:
    for who in (CLINICIAN, "owner"):
        _ok(api.get(f"/clients/{client_id}", who))


def _portal_username(client_id: str) -> str:
    return f"pages.{client_id}"


INTAKE_ANSWERS = {"presenting_concern": {"presenting_concern": "Synthetic: sleeping badly."},
                  "emergency_contact": {"emergency_name": "Sam Synthetic",
                                        "emergency_phone": "555-010-0100"},
                  "insurance": {"insurance_uses": "no"}}


def _answered_then_sent(practice: Practice, client_id: str, me: PortalPrincipal) -> None:
    """A packet the client filled in and sent, then a new one (one may be open at a time)."""
    intake = practice.services.intake
    packet_id = intake.send(_as(practice), client_id)
    for page, answers in INTAKE_ANSWERS.items():
        intake.save_draft(me, packet_id, page, answers)
    intake.submit(me, packet_id)
    intake.send(_as(practice), client_id)


def _intake_packets(practice: Practice, api: Api, client_id: str) -> None:
    # The client first takes up the portal invitation: only they fill in a packet.
    me = practice.services.portal.accept_invitation(
        invite(practice, client_id), _portal_username(client_id), PORTAL_PASSWORD).principal
    _answered_then_sent(practice, client_id, me)


def _portal_intake_packets(practice: Practice, api: Api, client_id: str) -> None:
    me = practice.services.portal.sign_in(_portal_username(client_id), PORTAL_PASSWORD,
                                          address="192.0.2.16").principal
    _answered_then_sent(practice, client_id, me)


def _findings(practice: Practice, api: Api, client_id: str) -> None:
    """Two maturity findings, recorded while the practice is (briefly) in California."""
    owner, consent = _as(practice, "owner"), practice.services.consent
    code = consent.jurisdiction_code()
    consent.set_jurisdiction(owner, "US-CA")
    try:
        (ground,) = minor_consent_grounds(load_jurisdiction("US-CA"))
        for note in ("Synthetic: understands the treatment.", "Synthetic: weighed the risks."):
            _ok(api.post(f"/clients/{client_id}/minor-consent-findings", CLINICIAN,
                         {"ground": ground, "note": note}))
    finally:
        consent.set_jurisdiction(owner, code)


def _signatures(practice: Practice, api: Api, client_id: str) -> None:
    for signer in ("Pat Synthetic", "Pat Q. Synthetic"):
        form = _ok(api.get(f"/clients/{client_id}/consent/form", CLINICIAN)).json()
        _ok(api.post(f"/clients/{client_id}/consent/signatures", CLINICIAN, {
            "version_id": form["version_id"], "text_sha256": form["text_sha256"],
            "signer_name": signer, "signer_kind": "client"}))


def _acknowledgments(practice: Practice, api: Api, client_id: str) -> None:
    """Two acknowledgments signed in the office of the notice in effect (one published first,
    if the practice has none)."""
    if practice.services.notice.current() is None:
        publish_notice(practice.services, _as(practice, "owner"))
    for signer in ("Pat Synthetic", "Pat Q. Synthetic"):
        current = _ok(api.get("/notice/current", CLINICIAN)).json()
        _ok(api.post(f"/clients/{client_id}/notice/acknowledgments", CLINICIAN, {
            "version_id": current["version_id"], "text_sha256": current["text_sha256"],
            "signer_name": signer}))


def _acknowledgment_order(practice: Practice, client_id: str) -> list[str]:
    return [r.acknowledgment_id for r in practice.services.notice.records(_as(practice),
                                                                          client_id)]


def _signature_order(practice: Practice, client_id: str) -> list[str]:
    return [s.signature_id for s in practice.services.consent.signatures(_as(practice),
                                                                         client_id)]


def _packet_order(practice: Practice, client_id: str) -> list[str]:
    return [v.packet_id for v in practice.services.intake.packets(_as(practice), client_id)]


STAFF_LISTS = {
    "measures": Listed("/clients/{c}/measures", _measures, lambda p, c: [
        v.measure_id for v in p.services.measures.measures(_as(p), c)]),
    "measure-requests": Listed("/clients/{c}/measure-requests", _measure_requests,
                               lambda p, c: [r.request_id for r in
                                             p.services.measures.pending_requests(_as(p), c)]),
    "safety-flags": Listed("/clients/{c}/safety-flags", _measures, lambda p, c: [
        f.flag_id for f in p.services.measures.flags(_as(p), c)]),
    "intake-packets": Listed("/clients/{c}/intake-packets", _intake_packets, _packet_order),
    "restrictions": Listed("/clients/{c}/restrictions", _restrictions, lambda p, c: [
        v.restriction_id for v in p.services.restrictions.list_restrictions(_as(p), c)]),
    "representatives": Listed("/clients/{c}/representatives", _representatives, lambda p, c: [
        r.representative_id
        for r in p.services.representatives.list_representatives(_as(p), c)]),
    "minor-consent-findings": Listed("/clients/{c}/minor-consent-findings", _findings,
                                     lambda p, c: [f.finding_id for f in
                                                   p.services.representatives.findings(
                                                       _as(p), c)]),
    "authorizations": Listed("/clients/{c}/authorizations", _authorizations, lambda p, c: [
        v.authorization_id for v in p.services.authorizations.list_authorizations(_as(p), c)]),
    "disclosures": Listed("/clients/{c}/disclosures", _released, lambda p, c: [
        e.disclosure_id for e in p.services.oversight.accounting(_as(p), c).entries]),
    "disclosure-requests": Listed("/clients/{c}/disclosure-requests", _disclosure_requests,
                                  lambda p, c: [v.disclosure_id for v in
                                                p.services.disclosures.list_disclosures(
                                                    _as(p), c)]),
    "problems": Listed("/clients/{c}/problems", _problems, lambda p, c: [
        v.problem_id for v in p.services.problems.list_problems(_as(p), c)]),
    "plans": Listed("/clients/{c}/plans", _plans, lambda p, c: [
        v.revision_id for v in p.services.plans.revisions(_as(p), c)]),
    "amendments": Listed("/clients/{c}/amendments", _amendments, lambda p, c: [
        v.amendment_id for v in p.services.amendments.list_requests(_as(p), c)]),
    "consent-signatures": Listed("/clients/{c}/consent/signatures", _signatures,
                                 _signature_order),
    "notice-acknowledgments": Listed("/clients/{c}/notice/acknowledgments", _acknowledgments,
                                     _acknowledgment_order),
    "portal-access-history": Listed("/portal/me/access-history", _access_history, who=PORTAL,
                                    key="staff_name"),
    "portal-authorizations": Listed("/portal/me/authorizations", _authorizations, who=PORTAL,
                                    order=lambda p, c: [
                                        v.authorization_id for v in
                                        p.services.authorizations.list_authorizations(
                                            _as(p), c)]),
    "portal-disclosures": Listed("/portal/me/disclosures", _released, who=PORTAL,
                                 order=lambda p, c: [e.disclosure_id for e in
                                                     p.services.oversight.accounting(
                                                         _as(p), c).entries]),
    "portal-amendments": Listed("/portal/me/amendments", _amendments, who=PORTAL,
                                order=lambda p, c: [v.amendment_id for v in
                                                    p.services.amendments.list_requests(
                                                        _as(p), c)]),
    "portal-restrictions": Listed("/portal/me/restrictions", _portal_restrictions, who=PORTAL,
                                  order=lambda p, c: [
                                      v.restriction_id for v in
                                      p.services.restrictions.list_restrictions(_as(p), c)]),
    "portal-intake-packets": Listed("/portal/me/intake-packets", _portal_intake_packets,
                                    _packet_order, who=PORTAL),
    "portal-consent-signatures": Listed("/portal/me/consent/signatures", _signatures,
                                        _signature_order, who=PORTAL),
    "portal-notice-acknowledgments": Listed("/portal/me/notice/acknowledgments",
                                            _acknowledgments, _acknowledgment_order,
                                            who=PORTAL),
}
# Lists of the practice, not of a client (no `{c}`): read as their owner or a supervisor.
PRACTICE_LISTS = {"cosign-queue": ("/cosign-queue", "supervisor"),
                  "diagnosis-codes": ("/diagnosis-codes?q=F41", CLINICIAN),
                  "notice-versions": ("/notice/versions", "owner"),
                  "consent-versions": ("/consent/versions", "owner")}
WALKED = [name for name, listed in STAFF_LISTS.items() if listed.fill is not None]


@dataclass
class Reader:
    """Reads a list as staff (by user name) or as the client through their portal token."""

    api: Api
    portal_tokens: dict[str, str]

    def get(self, listed: Listed, client_id: str, query: str = "") -> Any:
        url = listed.url(client_id)
        url += ("&" if "?" in url else "?") + query if query else ""
        if listed.who != PORTAL:
            return self.api.get(url, listed.who)
        return self.api.client.get(f"/api/v1{url}", headers={
            "Authorization": f"Bearer {self.portal_tokens[client_id]}"})


def _portal_client(practice: Practice, api: Api) -> tuple[str, str]:
    client_id = ClientFactory.create(practice)
    username = _portal_username(client_id)
    practice.services.portal.accept_invitation(invite(practice, client_id), username,
                                               PORTAL_PASSWORD)
    token = api.client.post("/api/v1/portal/token",
                            json={"username": username, "password": PORTAL_PASSWORD})
    assert token.status_code == 200, token.text
    return client_id, str(token.json()["access_token"])


def _audit_count(practice: Practice) -> int:
    return int(scalar(practice, "SELECT count(*) FROM audit_events"))


def _walked_by_one(reader: Reader, listed: Listed, client_id: str) -> tuple[list[str], Any]:
    """Walk with limit=1 from the first page to the end, then one page back: each key is met
    once, in the order of the whole list on one page. The keys met, and the last page."""
    seen: list[str] = []
    page = _ok(reader.get(listed, client_id, "limit=1")).json()
    while True:
        assert len(page["items"]) == 1
        seen.append(str(page["items"][0][listed.key]))
        if page["next_cursor"] is None:
            break
        page = _ok(reader.get(listed, client_id, f"limit=1&cursor={page['next_cursor']}")).json()
    assert len(seen) >= 2 and len(seen) == len(set(seen))
    whole = reader.get(listed, client_id, f"limit={MAX_LIMIT}").json()
    assert whole["next_cursor"] is None and whole["prev_cursor"] is None
    assert seen == [str(item[listed.key]) for item in whole["items"]]
    back = reader.get(listed, client_id, f"limit=1&cursor={page['prev_cursor']}").json()
    assert [str(i[listed.key]) for i in back["items"]] == [seen[-2]]
    return seen, page


@pytest.mark.parametrize("name", WALKED)
def test_walk_with_limit_one_meets_every_item_once_in_order_when_a_list_is_paged(
        shared_practice: Practice, shared_api: Api, name: str) -> None:
    listed = STAFF_LISTS[name]
    assert listed.fill is not None
    practice, api = shared_practice, shared_api
    tokens: dict[str, str] = {}
    clients = []
    for _ in range(2):
        if listed.who == PORTAL:
            client_id, tokens[client_id] = _portal_client(practice, api)
        else:
            client_id = ClientFactory.create(practice)
        listed.fill(practice, api, client_id)
        clients.append(client_id)
    mine, theirs = clients
    reader = Reader(api, tokens)

    seen, last = _walked_by_one(reader, listed, mine)
    if listed.order is not None:
        assert seen == listed.order(practice, mine)

    # A forged cursor, and a true cursor of another client's list: 422, nothing audited.
    borrowed = reader.get(listed, theirs, "limit=1").json()["next_cursor"]
    assert borrowed
    before = _audit_count(practice)
    for bad in [borrowed, *_mangle(last["prev_cursor"])]:
        answer = reader.get(listed, mine, f"limit=1&cursor={bad}")
        assert answer.status_code == 422, (bad, answer.text)
    assert _audit_count(practice) == before


# The practice's notice and consent versions: a new one published, and the services' order.
VERSIONS: dict[str, tuple[Callable[[Practice], str], Callable[[Practice], list[str]]]] = {
    "notice-versions": (lambda p: publish_notice(p.services, _as(p, "owner")),
                        lambda p: [v.version_id for v in
                                   p.services.notice.list_versions(_as(p, "owner"))]),
    "consent-versions": (lambda p: publish_reviewed_version(p.services, _as(p, "owner")),
                         lambda p: [v.version_id for v in
                                    p.services.consent.list_versions(_as(p, "owner"))])}


@pytest.mark.parametrize("name", VERSIONS)
def test_version_walk_with_limit_one_meets_every_version_once_newest_first_when_published(
        shared_practice: Practice, shared_api: Api, name: str) -> None:
    practice, api = shared_practice, shared_api
    publish, order = VERSIONS[name]
    published = {publish(practice) for _ in range(2)}
    path, who = PRACTICE_LISTS[name]
    listed = Listed(path, who=who)
    seen, last = _walked_by_one(Reader(api, {}), listed, "")
    assert published <= set(seen) and seen == order(practice)
    before = _audit_count(practice)
    for bad in _mangle(last["prev_cursor"]):
        answer = api.get(f"{path}?limit=1&cursor={bad}", who)
        assert answer.status_code == 422, (bad, answer.text)
    assert _audit_count(practice) == before


@pytest.mark.parametrize("name", [*STAFF_LISTS, *PRACTICE_LISTS])
def test_forged_cursor_and_limit_out_of_bounds_are_422_and_unaudited_when_a_list_is_asked_for(
        shared_practice: Practice, shared_api: Api, name: str) -> None:
    practice, api = shared_practice, shared_api
    if name in STAFF_LISTS:
        listed = STAFF_LISTS[name]
        tokens: dict[str, str] = {}
        if listed.who == PORTAL:
            client_id, tokens[client_id] = _portal_client(practice, api)
        else:
            client_id = ClientFactory.create(practice)
    else:
        path, who = PRACTICE_LISTS[name]
        listed, client_id, tokens = Listed(path, who=who), "", {}
    reader = Reader(api, tokens)
    assert reader.get(listed, client_id, "limit=1").status_code == 200
    forged = base64.urlsafe_b64encode(b"\0" * 16 + json.dumps(
        [1, name, ["n", "x"]]).encode()).decode().rstrip("=")
    before = _audit_count(practice)
    for query in ("limit=0", f"limit={MAX_LIMIT + 1}", "limit=-1",
                  *(f"cursor={bad}" for bad in (forged, "not-a-cursor", "A" * 600))):
        answer = reader.get(listed, client_id, query)
        assert answer.status_code == 422, (query, answer.text)
    assert _audit_count(practice) == before


def test_search_cursor_is_refused_on_another_search_when_clients_are_searched(
        shared_practice: Practice, shared_api: Api) -> None:
    practice, api = shared_practice, shared_api
    family = "Pagewalker"
    made = practice.services.charts.create_clients(
        practice.actor("owner"), [ClientFactory.data(family_name=family) for _ in range(3)])
    other = practice.services.charts.create_clients(
        practice.actor("owner"), [ClientFactory.data(family_name="Otherwalk") for _ in range(2)])
    seen: list[str] = []
    cursor = ""
    for _ in range(10):
        answer = api.post(f"/clients/search?limit=1{cursor}", "owner", {"name": family})
        assert answer.status_code == 200, answer.text
        seen.extend(c["id"] for c in answer.json()["items"])
        if answer.json()["next_cursor"] is None:
            break
        cursor = f"&cursor={answer.json()['next_cursor']}"
    assert sorted(seen) == sorted(made) and len(seen) == 3
    # The same words in another case and spacing are the same search; other words are not.
    first = api.post("/clients/search?limit=1", "owner", {"name": family}).json()
    again = api.post(f"/clients/search?limit=1&cursor={first['next_cursor']}", "owner",
                     {"name": f"  {family.upper()} "})
    assert again.status_code == 200, again.text
    assert family.lower() not in base64.urlsafe_b64decode(
        first["next_cursor"] + "=" * (-len(first["next_cursor"]) % 4)).decode(
        "utf-8", "replace").lower()
    theirs = api.post("/clients/search?limit=1", "owner", {"name": "Otherwalk"}).json()
    assert theirs["next_cursor"] and {c["id"] for c in theirs["items"]} <= set(other)
    before = _audit_count(practice)
    refused = api.post(f"/clients/search?limit=1&cursor={theirs['next_cursor']}", "owner",
                       {"name": family})
    assert refused.status_code == 422, refused.text
    assert api.post("/clients/search?limit=0", "owner", {"name": family}).status_code == 422
    assert _audit_count(practice) == before


def test_diagnosis_code_cursor_belongs_to_its_query_when_codes_are_searched(
        shared_practice: Practice, shared_api: Api) -> None:
    api = shared_api
    codes = api.get_all("/diagnosis-codes?q=F41", CLINICIAN)
    walked: list[str] = []
    page = api.get("/diagnosis-codes?q=F41&limit=2", CLINICIAN).json()
    while True:
        walked.extend(c["code"] for c in page["items"])
        if page["next_cursor"] is None:
            break
        page = api.get(f"/diagnosis-codes?q=F41&limit=2&cursor={page['next_cursor']}",
                       CLINICIAN).json()
    assert len(codes) >= 3 and walked == [c["code"] for c in codes]
    other = api.get("/diagnosis-codes?q=F32&limit=1", CLINICIAN).json()["next_cursor"]
    assert other
    assert api.get(f"/diagnosis-codes?q=F41&cursor={other}", CLINICIAN).status_code == 422


def test_cosign_queue_walk_meets_every_waiting_note_once_when_paged(
        shared_practice: Practice, shared_api: Api) -> None:
    """The co-sign queue (a practice list, scoped to its supervisor) walked one note at a time."""
    practice, api = shared_practice, shared_api
    waiting = [NoteFactory.progress(practice, ClientFactory.create(practice, CLINICIAN))
               for _ in range(2)]
    seen: list[str] = []
    page = _ok(api.get("/cosign-queue?limit=1", "supervisor")).json()
    while True:
        assert len(page["items"]) == 1
        seen.append(page["items"][0]["note_id"])
        if page["next_cursor"] is None:
            break
        page = _ok(api.get(f"/cosign-queue?limit=1&cursor={page['next_cursor']}",
                           "supervisor")).json()
    whole = _ok(api.get(f"/cosign-queue?limit={MAX_LIMIT}", "supervisor")).json()
    assert seen == [item["note_id"] for item in whole["items"]]
    assert len(seen) == len(set(seen)) and set(waiting) <= set(seen)
    back = _ok(api.get(f"/cosign-queue?limit=1&cursor={page['prev_cursor']}",
                       "supervisor")).json()
    assert [item["note_id"] for item in back["items"]] == [seen[-2]]


def test_nested_lists_hold_the_first_page_and_its_cursor_when_a_client_has_more(
        shared_practice: Practice, shared_api: Api) -> None:
    """`/me/consent`, `/me/notice` and a chart's `/notice` carry only the newest page of their
    records, with the cursor to the rest of the same list's paged route."""
    practice, api = shared_practice, shared_api
    client_id, token = _portal_client(practice, api)
    consent = practice.services.consent
    form = consent.form(_as(practice), client_id)
    signed = [consent.sign(_as(practice), client_id, version_id=form.version_id,
                           text_sha256=form.rendered.sha256, signer_name=f"Pat Synthetic {i}")
              for i in range(DEFAULT_LIMIT + 1)]
    _acknowledgments(practice, api, client_id)
    reader = Reader(api, {client_id: token})
    me = {"Authorization": f"Bearer {token}"}

    nested = _ok(api.client.get("/api/v1/portal/me/consent", headers=me)).json()
    newest_first = _signature_order(practice, client_id)
    assert sorted(newest_first) == sorted(signed)
    assert [s["id"] for s in nested["signatures"]] == newest_first[:DEFAULT_LIMIT]
    rest = _ok(reader.get(Listed("/portal/me/consent/signatures", who=PORTAL), client_id,
                          f"cursor={nested['signatures_next_cursor']}")).json()
    assert [s["id"] for s in rest["items"]] == newest_first[DEFAULT_LIMIT:]
    assert rest["next_cursor"] is None

    for path, headers in (("/api/v1/portal/me/notice", me), (f"/api/v1/clients/{client_id}/notice",
                                                               api.headers(CLINICIAN))):
        notice = _ok(api.client.get(path, headers=headers)).json()
        assert [r["id"] for r in notice["records"]] == _acknowledgment_order(practice, client_id)
        assert notice["records_next_cursor"] is None  # two records: one page
