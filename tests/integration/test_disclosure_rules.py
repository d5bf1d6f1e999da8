"""Issue 12, accounting of disclosures (45 CFR 164.528) and the duty to warn and protect
(164.512(j) and state law), on SQLite and PostgreSQL: the append-only record and its database
guards, the accounting's period and fee, suspensions at an agency's request, the medical-emergency
exemption, the serious-threat facts, the state's recipients and report deadline, oral
disclosures and the minimum necessary."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta
from typing import Any

import pytest
from pypdf import PdfReader
from sqlalchemy.exc import DBAPIError

from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Actor, Role
from tests.factories import (
    ClientFactory,
    Practice,
    duty_to_warn_request,
    oversight_request,
)
from tests.integration.helpers import Api, is_postgres, scalar, sql

ORAL_WARNING = "Phoned the threatened coworker and read out the warning (synthetic)."


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def client_id(practice: Practice) -> str:
    return ClientFactory.create(practice, "clinician1")


def disclose(practice: Practice, client_id: str, body: dict[str, Any],
             who: str = "clinician1") -> Any:
    return practice.services.disclosures.request(practice.actor(who), client_id, body)


def released(practice: Practice, client_id: str, body: dict[str, Any]) -> str:
    view = disclose(practice, client_id, body)
    practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                          view.disclosure_id)
    return str(view.disclosure_id)


def the_client(client_id: str) -> Actor:
    return Actor("portal:synthetic", Role.CLIENT, client_id=client_id)


# --- the append-only record -----------------------------------------------------------------
def test_state_changes_are_new_rows_when_a_disclosure_is_approved_released_and_told(
        practice: Practice, client_id: str) -> None:
    owner = practice.actor("owner")
    practice.services.oversight.update_setting(owner, "disclosure_two_person", True)
    view = disclose(practice, client_id, duty_to_warn_request())
    assert view.status == "pending-approval"
    services = practice.services.disclosures
    services.approve(owner, client_id, view.disclosure_id, approve=True, comment="Applies.")
    with pytest.raises(ConflictError, match="not awaiting approval"):
        services.approve(owner, client_id, view.disclosure_id, approve=False)
    services.release(practice.actor("clinician1"), client_id, view.disclosure_id)
    services.record_client_told(practice.actor("clinician1"), client_id, view.disclosure_id,
                                told=False, note="Not safe to tell yet.")
    services.record_client_told(practice.actor("clinician1"), client_id, view.disclosure_id,
                                told=True, note="Told in the next session.")
    practice.services.oversight.complete_review(owner, view.disclosure_id, "Adequate.")
    kinds = [r.kind for r in sql(practice, "SELECT kind FROM disclosure_events "
                                           "WHERE disclosure_id = :d ORDER BY occurred_at",
                                 d=view.disclosure_id)]
    assert sorted(kinds) == sorted(["approved", "released", "client-not-told", "client-told",
                                    "reviewed"])
    assert scalar(practice, "SELECT status FROM disclosures WHERE id = :d",
                  d=view.disclosure_id) == "pending-approval"  # the request, never changed
    now = services.get(practice.actor("clinician1"), client_id, view.disclosure_id)
    assert (now.status, now.client_told, now.client_told_note) == (
        "released", "told", "Told in the next session.")
    assert now.approval_comment == "Applies." and now.review_comment == "Adequate."
    assert [e.kind for e in now.events][-1] in ("client-told", "reviewed")


@pytest.mark.parametrize("table", ["disclosures", "disclosure_events"])
@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_database_refuses_change_when_a_disclosure_row_is_edited_or_deleted(
        practice: Practice, client_id: str, table: str, verb: str) -> None:
    released(practice, client_id, duty_to_warn_request())
    before = scalar(practice, f"SELECT count(*) FROM {table}")
    assert before > 0
    column = "client_id" if table == "disclosures" else "kind"
    statement = {"UPDATE": f"UPDATE {table} SET {column} = 'forged'",
                 "DELETE": f"DELETE FROM {table} WHERE client_id = :c"}[verb]
    with pytest.raises(DBAPIError, match="append-only"):
        sql(practice, statement, c=client_id)
    assert scalar(practice, f"SELECT count(*) FROM {table}") == before
    assert scalar(practice, f"SELECT count(*) FROM {table} WHERE {column} = 'forged'") == 0


def test_database_refuses_wholesale_erase_when_the_record_of_disclosures_is_wiped(
        practice: Practice, client_id: str) -> None:
    released(practice, client_id, duty_to_warn_request())
    for table in ("disclosure_events", "disclosures"):
        statement = f"TRUNCATE {table} CASCADE" if is_postgres(practice) \
            else f"DELETE FROM {table}"
        with pytest.raises(DBAPIError, match="append-only"):
            sql(practice, statement)
        assert scalar(practice, f"SELECT count(*) FROM {table}") == 1


# --- the accounting: period and fee ---------------------------------------------------------
def test_accounting_covers_the_period_asked_when_narrower_than_six_years(
        practice: Practice, client_id: str) -> None:
    first = released(practice, client_id, duty_to_warn_request())
    practice.clock.advance(timedelta(days=40))
    second = released(practice, client_id, duty_to_warn_request())
    today = practice.clock.now().date()
    oversight = practice.services.oversight
    whole = oversight.accounting(the_client(client_id), client_id)
    assert [e.disclosure_id for e in whole.entries] == [second, first]
    assert whole.period_from == today.replace(year=today.year - 6)
    recent = oversight.accounting(the_client(client_id), client_id,
                                  period_from=today - timedelta(days=10))
    assert [e.disclosure_id for e in recent.entries] == [second]
    with pytest.raises(InvalidInput, match="from: an accounting covers at most the six years"):
        oversight.accounting(the_client(client_id), client_id,
                             period_from=today.replace(year=today.year - 7))


def test_second_accounting_in_twelve_months_shows_the_fee_notice_when_asked(
        practice: Practice, client_id: str, api: Api) -> None:
    released(practice, client_id, duty_to_warn_request())
    owner, oversight = practice.actor("owner"), practice.services.oversight
    oversight.set_fee_notice(owner, "A second accounting costs a synthetic $5.")
    today = practice.clock.now().date()
    first = oversight.accounting(the_client(client_id), client_id)
    again = oversight.accounting(the_client(client_id), client_id)  # same period, same day
    assert first.is_free and again.is_free and first.fee_notice == ""
    staff = oversight.accounting(practice.actor("clinician1"), client_id)  # a staff look
    assert staff.is_free
    practice.clock.advance(timedelta(days=30))
    later = oversight.accounting(the_client(client_id), client_id,
                                 period_from=today - timedelta(days=100))
    assert not later.is_free and later.fee_notice == "A second accounting costs a synthetic $5."
    text = pdf_text(oversight.accounting_pdf(practice.actor("clinician1"), client_id))
    assert "not your first accounting in twelve months" in text and "synthetic $5" in text
    assert scalar(practice, "SELECT count(*) FROM accounting_requests WHERE client_id = :c",
                  c=client_id) == 3
    practice.clock.advance(timedelta(days=366))
    assert oversight.accounting(the_client(client_id), client_id).is_free
    settings = api.get("/settings/disclosures", "owner").json()
    assert settings["accounting_fee_notice"] == "A second accounting costs a synthetic $5."


def test_accounting_period_refused_over_the_api_when_it_reaches_back_seven_years(
        practice: Practice, client_id: str, api: Api) -> None:
    today = practice.clock.now().date()
    old = today.replace(year=today.year - 7).isoformat()
    refused = api.get(f"/clients/{client_id}/disclosures?from={old}", "clinician1")
    assert refused.status_code == 422 and "six years" in refused.text
    ok = api.get(f"/clients/{client_id}/disclosures?from={today.isoformat()}", "clinician1")
    assert ok.status_code == 200 and ok.json()["items"] == []


# --- suspension at an agency's request ------------------------------------------------------
def test_suspension_refused_when_the_disclosure_is_not_to_oversight_or_law_enforcement(
        practice: Practice, client_id: str) -> None:
    owner, oversight = practice.actor("owner"), practice.services.oversight
    oversight.update_setting(owner, "accounting_suspension", True)
    threat = released(practice, client_id, duty_to_warn_request())
    with pytest.raises(InvalidInput, match=r"164.512\(d\), \(f\)"):
        oversight.suspend_in_accounting(owner, client_id, threat, until=date(2026, 6, 1),
                                        agency="Synthetic Police", statement="Investigating.")
    police = released(practice, client_id, oversight_request(
        legal_basis="law_enforcement", agency="Synthetic City Police",
        legal_process="Written administrative request 26-14"))
    oversight.suspend_in_accounting(owner, client_id, police, until=date(2026, 6, 1),
                                    agency="Synthetic City Police", statement="Investigating.")
    assert [e.disclosure_id for e in oversight.accounting(the_client(client_id),
                                                          client_id).entries] == [threat]


def test_oral_suspension_ends_after_thirty_days_unless_a_written_statement_follows(
        practice: Practice, client_id: str) -> None:
    owner, oversight = practice.actor("owner"), practice.services.oversight
    oversight.update_setting(owner, "accounting_suspension", True)
    oral_only = released(practice, client_id, oversight_request())
    confirmed = released(practice, client_id, oversight_request(
        recipient_name="Investigator Two Synthetic"))
    stated = practice.clock.now().date() + timedelta(days=90)
    for disclosure_id in (oral_only, confirmed):
        oversight.suspend_in_accounting(owner, client_id, disclosure_id, until=stated,
                                        agency="Synthetic Board", statement="By phone.",
                                        form="oral", official="Synthetic Inspector Doe")
    practice.clock.advance(timedelta(days=10))
    oversight.suspend_in_accounting(owner, client_id, confirmed, until=stated,
                                    agency="Synthetic Board", statement="Letter of 10 days on.",
                                    form="written")

    def visible() -> list[str]:
        return [e.disclosure_id for e in oversight.accounting(the_client(client_id),
                                                              client_id).entries]

    assert visible() == []
    practice.clock.advance(timedelta(days=21))  # 31 days after the oral request
    assert visible() == [oral_only]
    practice.clock.advance(timedelta(days=60))  # past the stated period
    assert sorted(visible()) == sorted([oral_only, confirmed])


def test_register_lists_active_replaced_and_ended_suspensions_of_oversight_disclosures_only(
        practice: Practice, client_id: str) -> None:
    # 164.528(a)(2): the owner's register shows each suspendable disclosure with every request
    # recorded for it; an oral request names its official and lasts 30 days at most unless the
    # written statement follows, which replaces it.
    owner, oversight = practice.actor("owner"), practice.services.oversight
    oversight.update_setting(owner, "accounting_suspension", True)
    released(practice, client_id, duty_to_warn_request())  # not suspendable: not listed
    board = released(practice, client_id, oversight_request())
    assert [s.disclosure.disclosure_id for s in oversight.suspension_register(owner)] == [board]
    stated = practice.clock.now().date() + timedelta(days=90)
    with pytest.raises(InvalidInput) as refused:
        oversight.suspend_in_accounting(owner, client_id, board, until=None, agency="",
                                        statement="", form="oral")
    for name in ("agency:", "statement:", "official:", "until:"):  # every field at once
        assert name in str(refused.value)
    oversight.suspend_in_accounting(owner, client_id, board, until=stated,
                                    agency="Synthetic Board", statement="By phone.",
                                    form="oral", official="Synthetic Inspector Doe")
    [item] = oversight.suspension_register(owner)
    [oral] = item.suspensions
    today = practice.clock.now().date()
    assert oral.form == "oral" and oral.ends_on == today + timedelta(days=30)
    assert "Synthetic Inspector Doe" in oral.note and item.active_on(today) == oral
    practice.clock.advance(timedelta(days=5))
    oversight.suspend_in_accounting(owner, client_id, board, until=stated,
                                    agency="Synthetic Board", statement="Letter follows.")
    [item] = oversight.suspension_register(owner)
    oral, written = item.suspensions
    assert oral.is_replaced and not written.is_replaced and written.ends_on == stated
    assert item.active_on(practice.clock.now().date()) == written
    practice.clock.advance(timedelta(days=90))
    [item] = oversight.suspension_register(owner)
    assert item.active_on(practice.clock.now().date()) is None  # ended, still listed
    assert len(item.suspensions) == 2


def test_register_and_suspensions_refused_to_everyone_but_the_owner(
        practice: Practice, client_id: str) -> None:
    owner, oversight = practice.actor("owner"), practice.services.oversight
    oversight.update_setting(owner, "accounting_suspension", True)
    board = released(practice, client_id, oversight_request())
    other = ClientFactory.create(practice)
    for who in ("clinician1", "supervisor", "billing"):
        with pytest.raises(PolicyDenied):
            oversight.suspension_register(practice.actor(who))
        with pytest.raises((PolicyDenied, NotFound)):
            oversight.suspend_in_accounting(practice.actor(who), client_id, board,
                                            until=date(2099, 1, 1), agency="Synthetic Board",
                                            statement="Impedes.")
    with pytest.raises(PolicyDenied):
        oversight.suspension_register(the_client(client_id))
    with pytest.raises(NotFound):  # the disclosure under another client's id
        oversight.suspend_in_accounting(owner, other, board, until=date(2099, 1, 1),
                                        agency="Synthetic Board", statement="Impedes.")
    [item] = oversight.suspension_register(owner)
    assert item.suspensions == ()


# --- what the accounting must list ------------------------------------------------------------
def test_medical_emergency_marked_not_required_when_listed_in_the_accounting(
        practice: Practice, client_id: str) -> None:
    emergency = released(practice, client_id, duty_to_warn_request(
        legal_basis="medical_emergency", treating_provider="Synthetic General ED",
        threatened_party=None, threat_to=None, threat=None, good_faith_belief=None,
        recipient_type=None))
    threat = released(practice, client_id, duty_to_warn_request())
    entries = {e.disclosure_id: e for e in practice.services.oversight.accounting(
        the_client(client_id), client_id).entries}
    assert entries[emergency].required_in_accounting is False
    assert entries[threat].required_in_accounting is True


# --- the duty to warn and protect -----------------------------------------------------------
def test_serious_threat_recipient_refused_when_the_state_does_not_allow_it(
        practice: Practice, client_id: str) -> None:
    practice.services.consent.set_jurisdiction(practice.actor("owner"), "US-TX")
    for refused in ("person_threatened", "family"):
        with pytest.raises(InvalidInput, match=r"recipient_type: Texas allows .*611\.004"):
            disclose(practice, client_id, duty_to_warn_request(recipient_type=refused))
    assert scalar(practice, "SELECT count(*) FROM disclosures") == 0
    for allowed in ("law_enforcement", "treating_professional"):
        assert disclose(practice, client_id, duty_to_warn_request(recipient_type=allowed))
    practice.services.consent.set_jurisdiction(practice.actor("owner"), "US-CA")
    assert disclose(practice, client_id, duty_to_warn_request(recipient_type="family"))


def test_california_report_due_within_24_hours_when_a_threat_is_recorded(
        practice: Practice, client_id: str, api: Api) -> None:
    practice.services.consent.set_jurisdiction(practice.actor("owner"), "US-CA")
    view = disclose(practice, client_id, duty_to_warn_request(recipient_type="person_threatened"))
    assert view.report_due is not None
    assert view.report_due.due_by == view.requested_at + timedelta(hours=24)
    assert "law enforcement" in view.report_due.report_to
    assert "8105(c)" in view.report_due.citation
    shown = api.get(f"/clients/{client_id}/disclosures/{view.disclosure_id}", "clinician1")
    assert shown.json()["report_due_by"] is not None
    practice.services.consent.set_jurisdiction(practice.actor("owner"), "US-TX")
    assert disclose(practice, client_id, duty_to_warn_request()).report_due is None


def test_serious_threat_refused_to_carry_notes_when_more_is_not_justified(
        practice: Practice, client_id: str) -> None:
    notes = {"categories": ["progress_notes"], "records_from": "2026-01-01",
             "records_to": "2026-02-28"}
    with pytest.raises(InvalidInput, match="more_than_summary"):
        disclose(practice, client_id, duty_to_warn_request(**notes))
    summary = disclose(practice, client_id, duty_to_warn_request(
        categories=["demographics", "treatment_summary"],
        treatment_summary="Risk summary written for the police (synthetic)."))
    assert summary.status == "ready"
    justified = disclose(practice, client_id, duty_to_warn_request(
        **notes, more_than_summary="The crisis team needs the last notes to judge the plan."))
    assert justified.legal_basis.facts["more_than_summary"]


def test_oral_warning_recorded_without_a_packet_when_made_by_phone(
        practice: Practice, client_id: str, api: Api) -> None:
    owner = practice.actor("owner")
    practice.services.oversight.update_setting(owner, "disclosure_two_person", True)
    view = disclose(practice, client_id, duty_to_warn_request(
        channel="oral", oral_summary=ORAL_WARNING, recipient_type="person_threatened"))
    assert view.status == "released" and view.is_oral and view.packet_sha256 is None
    with pytest.raises(ConflictError, match="orally"):
        practice.services.disclosures.release(practice.actor("clinician1"), client_id,
                                              view.disclosure_id)
    (entry,) = practice.services.oversight.accounting(the_client(client_id), client_id).entries
    assert entry.is_oral and entry.required_in_accounting
    listed = api.get_all(f"/clients/{client_id}/disclosures", "clinician1")
    assert [e["channel"] for e in listed] == ["oral"]
    with pytest.raises(InvalidInput, match="oral_summary"):
        disclose(practice, client_id, duty_to_warn_request(channel="oral", oral_summary="x"))
    with pytest.raises(InvalidInput, match="channel: packet or oral"):
        disclose(practice, client_id, duty_to_warn_request(channel="carrier pigeon"))


def test_bad_period_changes_nothing_and_answers_alike_for_any_client(
        practice: Practice, client_id: str, api: Api) -> None:
    """The period is judged before anything else, so a bad one writes nothing (not even an
    audit event) and its answer depends on the dates alone: a stranger, the treating clinician
    and a random client id all get the same refusal, which tells nothing about the client."""
    today = practice.clock.now().date()
    old = today.replace(year=today.year - 7).isoformat()
    for who in ("clinician1", "clinician3"):
        api.token(who)  # signed in beforehand: signing in is audited
    before = practice.services.runtime.audit.events(limit=1)[0].seq
    answers = [api.get(f"/clients/{cid}/disclosures?from={old}", who)
               for cid, who in ((client_id, "clinician3"), (client_id, "clinician1"),
                                (str(uuid.uuid4()), "clinician1"))]
    assert {(a.status_code, a.text) for a in answers} == {(answers[0].status_code,
                                                          answers[0].text)}
    assert answers[0].status_code == 422 and "from" in answers[0].json()["detail"]
    assert practice.services.runtime.audit.events(limit=1)[0].seq == before


def test_second_release_event_refused_by_the_database_when_a_writer_races_the_first(
        practice: Practice, client_id: str) -> None:
    """The release happens once: a racing writer's second "released" row fails on the unique
    once_key, so the record can never show two different packets for one disclosure."""
    disclosure_id = released(practice, client_id, duty_to_warn_request())
    with pytest.raises(DBAPIError):
        sql(practice, "INSERT INTO disclosure_events (id, disclosure_id, client_id, kind, "
                      "occurred_at, actor_id, once_key, packet_sha256) VALUES ('forged-event', "
                      ":d, :c, 'released', '2026-03-02 10:00:00', 'x', :k, :h)",
            d=disclosure_id, c=client_id, k=f"{disclosure_id}:released", h="f" * 64)
    assert scalar(practice, "SELECT count(*) FROM disclosure_events WHERE kind = 'released'") == 1
