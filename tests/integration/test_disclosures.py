"""The disclosure workflow through the services on SQLite and PostgreSQL: authorizations decide
what may leave, revocation and expiry stop it at once, the packet holds exactly the authorized
scope, legal bases demand their facts, two-person approval, the accounting and the audit."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Actor, Role
from tests.factories import (
    AuthorizationFactory,
    ClientFactory,
    Practice,
    authorized_request,
    duty_to_warn_request,
    marker,
    oversight_request,
    team_up,
)
from tests.integration.helpers import scalar


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def note_on(practice: Practice, client_id: str, day: str, body: str, *,
            author: str = "clinician1", kind: str = "progress", sign: bool = True) -> str:
    data: dict[str, Any] = {"kind": kind, "format": "free", "body": body, "session_date": day}
    if kind == "progress":
        data["sign"] = sign
    return practice.services.notes.create_note(practice.actor(author), client_id, data)


@pytest.fixture
def chart(practice: Practice) -> dict[str, str]:
    """A client with notes before, inside and after the authorized range (2026-01-01..06-30)."""
    client_id = ClientFactory.create(practice)
    words = {name: marker(name) for name in ("before", "inside1", "inside2", "draft", "process")}
    note_on(practice, client_id, "2025-12-15", words["before"])
    note_on(practice, client_id, "2026-01-20", words["inside1"])
    note_on(practice, client_id, "2026-02-24", words["inside2"])
    note_on(practice, client_id, "2026-02-25", words["draft"], sign=False)
    note_on(practice, client_id, "2026-02-26", words["process"], kind="psychotherapy")
    return {"client_id": client_id, **words}


def disclose(practice: Practice, client_id: str, body: dict[str, Any],
             who: str = "clinician1") -> Any:
    return practice.services.disclosures.request(practice.actor(who), client_id, body)


def release(practice: Practice, client_id: str, disclosure_id: str,
            who: str = "clinician1") -> Any:
    return practice.services.disclosures.release(practice.actor(who), client_id, disclosure_id)


# --- allowed with a valid authorization; the packet holds exactly its scope ----------------------
def test_packet_contains_exactly_the_authorized_categories_and_dates(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    view = disclose(practice, client_id, authorized_request(authorization_id))
    assert view.status == "ready"
    packet = release(practice, client_id, view.disclosure_id)
    text = pdf_text(packet.pdf)
    assert chart["inside1"] in text and chart["inside2"] in text
    for outside in ("before", "draft", "process"):  # out of range, unsigned, process note
        assert chart[outside] not in text
    assert "Dr. Casey Synthetic" in text and "Synthetic Psychiatry Group" in text
    assert "Progress notes" in text and "Dates of attendance" in text
    assert "Demographics and contacts" not in text and "Diagnosis" not in text
    assert hashlib.sha256(packet.pdf).hexdigest() == packet.sha256
    assert scalar(practice, "SELECT packet_sha256 FROM disclosure_events "
                            "WHERE disclosure_id = :d AND kind = 'released'",
                  d=view.disclosure_id) == packet.sha256


def test_narrower_request_under_an_authorization_releases_only_the_narrower_scope(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    view = disclose(practice, client_id, authorized_request(
        authorization_id, categories=["progress_notes"], records_from="2026-02-01",
        records_to="2026-02-28"))
    text = pdf_text(release(practice, client_id, view.disclosure_id).pdf)
    assert chart["inside2"] in text
    assert chart["inside1"] not in text  # January: authorized, but not asked for


def test_request_naming_no_dates_takes_the_authorizations_range(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    view = disclose(practice, client_id, authorized_request(
        authorization_id, records_from=None, records_to=None))
    assert (str(view.scope.records_from), str(view.scope.records_to)) == ("2026-01-01",
                                                                          "2026-06-30")
    text = pdf_text(release(practice, client_id, view.disclosure_id).pdf)
    assert chart["inside1"] in text and chart["before"] not in text


def test_released_copy_is_byte_identical_or_refused(practice: Practice,
                                                    chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    view = disclose(practice, client_id, authorized_request(authorization_id))
    first = release(practice, client_id, view.disclosure_id)
    practice.clock.advance(timedelta(minutes=5))
    again = release(practice, client_id, view.disclosure_id)
    assert again.is_copy and again.pdf == first.pdf
    note_id = scalar(practice, "SELECT id FROM progress_notes WHERE session_date = '2026-01-20'")
    practice.services.notes.add_addendum(practice.actor("clinician1"), client_id, note_id,
                                         {"body": marker("late")})
    with pytest.raises(ConflictError):
        release(practice, client_id, view.disclosure_id)


def test_packet_is_never_stored(practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    view = disclose(practice, client_id, authorized_request(authorization_id))
    release(practice, client_id, view.disclosure_id)
    database = practice.settings.data_dir
    for path in database.rglob("*"):
        if path.is_file():
            assert chart["inside1"].encode() not in path.read_bytes(), path.name


# --- refused: expired, revoked, wrong recipient, wrong category, wrong dates --------------------
@pytest.mark.parametrize(("overrides", "reason"), [
    ({"recipient_name": "Dr. Someone Else"}, "authorization-wrong-recipient"),
    ({"recipient_organization": "Another Synthetic Clinic"}, "authorization-wrong-recipient"),
    ({"categories": ["attendance", "diagnosis"]}, "authorization-wrong-category"),
    ({"records_to": "2026-07-15"}, "authorization-wrong-dates"),
    ({"records_from": "2025-12-01"}, "authorization-wrong-dates"),
])
def test_disclosure_refused_when_the_authorization_does_not_cover_it(
        practice: Practice, chart: dict[str, str], overrides: dict[str, Any], reason: str) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    with pytest.raises(PolicyDenied) as refused:
        disclose(practice, client_id, authorized_request(authorization_id, **overrides))
    assert refused.value.reason == reason
    assert scalar(practice, "SELECT count(*) FROM disclosures") == 0
    denial = practice.services.runtime.audit.events(limit=1)[0].entry
    assert (denial.tag, denial.outcome, denial.reason) == (
        AuditTag.RECORD_DISCLOSURE_CREATE, "deny", reason)


def test_disclosure_refused_under_an_unsigned_authorization(practice: Practice,
                                                           chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id, sign=False)
    with pytest.raises(PolicyDenied) as refused:
        disclose(practice, client_id, authorized_request(authorization_id))
    assert refused.value.reason == "authorization-not-signed"


def test_disclosure_refused_once_the_authorization_expired(practice: Practice,
                                                          chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id, expires_on="2026-04-01")
    view = disclose(practice, client_id, authorized_request(authorization_id))
    practice.clock.advance(timedelta(days=31))  # 2026-04-02: expired in between
    with pytest.raises(PolicyDenied) as refused:
        release(practice, client_id, view.disclosure_id)
    assert refused.value.reason == "authorization-expired"
    with pytest.raises(PolicyDenied):
        disclose(practice, client_id, authorized_request(authorization_id))
    statuses = practice.services.authorizations.list_authorizations(
        practice.actor("clinician1"), client_id)
    assert [a.status for a in statuses] == ["expired"]


def test_revocation_takes_effect_at_once_even_for_a_requested_disclosure(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    view = disclose(practice, client_id, authorized_request(authorization_id))
    practice.services.authorizations.revoke(practice.actor("clinician1"), client_id,
                                            authorization_id)
    with pytest.raises(PolicyDenied) as refused:
        release(practice, client_id, view.disclosure_id)
    assert refused.value.reason == "authorization-revoked"
    assert scalar(practice, "SELECT count(*) FROM disclosure_events WHERE disclosure_id = :d",
                  d=view.disclosure_id) == 0
    assert scalar(practice, "SELECT revoke_method FROM authorizations") == "written"


def test_expiry_event_recorded_by_staff_ends_the_authorization(practice: Practice,
                                                              chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(
        practice, client_id, expires_on=None, expiry_event="the end of the custody proceeding")
    practice.services.authorizations.record_expiry_event(practice.actor("clinician1"), client_id,
                                                         authorization_id)
    with pytest.raises(PolicyDenied) as refused:
        disclose(practice, client_id, authorized_request(authorization_id))
    assert refused.value.reason == "authorization-expired"


def test_another_clients_authorization_is_not_found(practice: Practice,
                                                   chart: dict[str, str]) -> None:
    other = ClientFactory.create(practice)
    authorization_id = AuthorizationFactory.create(practice, other)
    with pytest.raises(NotFound):
        disclose(practice, chart["client_id"], authorized_request(authorization_id))


# --- psychotherapy notes -----------------------------------------------------------------------
def test_psychotherapy_notes_leave_only_under_their_own_authorization_by_their_author(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    with pytest.raises(InvalidInput, match=r"164\.508\(b\)\(3\)\(ii\)"):
        AuthorizationFactory.create(practice, client_id,
                                    categories=["progress_notes", "psychotherapy_notes"])
    authorization_id = AuthorizationFactory.create(practice, client_id,
                                                   categories=["psychotherapy_notes"])
    body = authorized_request(authorization_id, categories=["psychotherapy_notes"])
    team_up(practice, client_id, "clinician3")
    view = disclose(practice, client_id, body)
    with pytest.raises(PolicyDenied) as refused:  # a team-mate cannot release my process notes
        release(practice, client_id, view.disclosure_id, who="clinician3")
    assert refused.value.reason == "psychotherapy-notes-released-by-their-author"
    text = pdf_text(release(practice, client_id, view.disclosure_id).pdf)
    assert chart["process"] in text
    assert chart["inside1"] not in text and chart["inside2"] not in text


def test_psychotherapy_notes_never_leave_under_a_legal_basis(practice: Practice,
                                                            chart: dict[str, str]) -> None:
    with pytest.raises(PolicyDenied) as refused:
        disclose(practice, chart["client_id"], duty_to_warn_request(
            categories=["psychotherapy_notes"], records_from="2026-01-01",
            records_to="2026-06-30"))
    assert refused.value.reason == "psychotherapy-notes-need-an-authorization"


# --- legal bases -------------------------------------------------------------------------------
@pytest.mark.parametrize(("basis", "fields"), [
    ("serious_threat", {"threatened_party": "A named synthetic person", "threat_to": "person",
                        "threat": "A stated plan to harm the named person soon.",
                        "good_faith_belief": "Telling the police is needed to prevent it.",
                        "recipient_type": "law_enforcement"}),
    ("child_abuse_report", {"agency": "Synthetic County CPS", "report_number": "R-1001"}),
    ("adult_abuse_report", {"agency": "Synthetic Adult Protective Services",
                            "report_number": "APS-77"}),
    ("court_order", {"court": "Synthetic Superior Court", "case_number": "CV-2026-12",
                     "order_date": "2026-02-20"}),
    ("medical_emergency", {"treating_provider": "Synthetic General ED"}),
    ("health_oversight", {"agency": "Synthetic State Licensing Board"}),
    ("law_enforcement", {"agency": "Synthetic City Police",
                         "legal_process": "Written administrative request 26-14"}),
    ("required_by_law", {"citation": "Synthetic Code 123.45"}),
])
def test_each_legal_basis_demands_its_fields_and_a_justification(
        practice: Practice, chart: dict[str, str], basis: str, fields: dict[str, str]) -> None:
    client_id = chart["client_id"]
    threat_fields = dict.fromkeys(("threatened_party", "threat_to", "threat",
                                   "good_faith_belief", "recipient_type"))
    body = duty_to_warn_request(**({"legal_basis": basis} | threat_fields | fields))
    for name in fields:
        with pytest.raises(InvalidInput) as missing:
            disclose(practice, client_id, body | {name: ""})
        assert name in str(missing.value)
    with pytest.raises(InvalidInput, match="justification"):
        disclose(practice, client_id, body | {"justification": "because"})
    assert scalar(practice, "SELECT count(*) FROM disclosures") == 0
    view = disclose(practice, client_id, body)
    assert view.legal_basis is not None and view.legal_basis.kind.value == basis
    assert view.client_told == "pending"
    text = pdf_text(release(practice, client_id, view.disclosure_id).pdf)
    assert view.legal_basis.spec.title in text


def test_subpoena_alone_is_not_enough(practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    body = duty_to_warn_request(legal_basis="court_order", instrument="subpoena",
                                court="Synthetic Court", case_number="CV-1",
                                order_date="2026-02-01")
    with pytest.raises(PolicyDenied) as refused:
        disclose(practice, client_id, body)
    assert refused.value.reason == "subpoena-needs-court-order-or-authorization"
    authorization_id = AuthorizationFactory.create(
        practice, client_id, categories=["demographics"], records_from=None, records_to=None,
        recipient_name=body["recipient_name"],
        recipient_organization=body["recipient_organization"])
    assert disclose(practice, client_id, body | {"authorization_id": authorization_id}).status \
        == "ready"


def test_two_person_approval_when_the_setting_is_on(practice: Practice,
                                                   chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    oversight = practice.services.oversight
    oversight.update_setting(practice.actor("owner"), "disclosure_two_person", True)
    view = disclose(practice, client_id, duty_to_warn_request())
    assert view.status == "pending-approval"
    with pytest.raises(ConflictError):
        release(practice, client_id, view.disclosure_id)
    with pytest.raises(PolicyDenied) as refused:  # the requester cannot be the second person
        practice.services.disclosures.approve(practice.actor("clinician1"), client_id,
                                              view.disclosure_id, approve=True)
    assert refused.value.reason == "approver-must-not-be-requester"
    with pytest.raises((PolicyDenied, NotFound)):  # nor can someone off the team
        practice.services.disclosures.approve(practice.actor("clinician2"), client_id,
                                              view.disclosure_id, approve=True)
    practice.services.disclosures.approve(practice.actor("owner"), client_id,
                                          view.disclosure_id, approve=True,
                                          comment="Reviewed the plan; the statute applies.")
    packet = release(practice, client_id, view.disclosure_id)
    assert "Approved by" in pdf_text(packet.pdf)
    # An authorized disclosure never waits for a second person.
    authorization_id = AuthorizationFactory.create(practice, client_id)
    assert disclose(practice, client_id, authorized_request(authorization_id)).status == "ready"


def test_declined_disclosure_never_leaves(practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    practice.services.oversight.update_setting(practice.actor("owner"),
                                               "disclosure_two_person", True)
    view = disclose(practice, client_id, duty_to_warn_request())
    practice.services.disclosures.approve(practice.actor("owner"), client_id, view.disclosure_id,
                                          approve=False, comment="No imminent threat shown.")
    with pytest.raises(ConflictError):
        release(practice, client_id, view.disclosure_id)


def test_client_told_is_recorded_for_legal_basis_disclosures(practice: Practice,
                                                            chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    view = disclose(practice, client_id, duty_to_warn_request())
    disclosures = practice.services.disclosures
    with pytest.raises(InvalidInput):
        disclosures.record_client_told(practice.actor("clinician1"), client_id,
                                       view.disclosure_id, told=True, note="  ")
    disclosures.record_client_told(practice.actor("clinician1"), client_id, view.disclosure_id,
                                   told=True, note="Told in the next session.")
    after = disclosures.get(practice.actor("clinician1"), client_id, view.disclosure_id)
    assert (after.client_told, after.client_told_note) == ("told", "Told in the next session.")
    assert after.client_told_at == practice.clock.now()


# --- who may disclose --------------------------------------------------------------------------
@pytest.mark.parametrize(("who", "error"), [
    ("clinician2", NotFound),  # not on the team: may not know the client exists
    ("supervisor2", NotFound),
    ("billing", PolicyDenied),  # knows the client, never sends clinical content
    ("owner", PolicyDenied),  # the privacy officer sees no notes
    ("supervisor", PolicyDenied),  # supervises the team: reads, never discloses
])
def test_wrong_roles_cannot_disclose_even_with_a_valid_authorization(
        practice: Practice, chart: dict[str, str], who: str, error: type[Exception]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    with pytest.raises(error):
        disclose(practice, client_id, authorized_request(authorization_id), who=who)
    view = disclose(practice, client_id, authorized_request(authorization_id))
    with pytest.raises(error):
        release(practice, client_id, view.disclosure_id, who=who)
    assert scalar(practice, "SELECT count(*) FROM disclosure_events WHERE kind = 'released'") == 0


# --- the accounting and the audit ---------------------------------------------------------------
def test_every_released_disclosure_appears_in_the_accounting_and_the_audit(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    authorization_id = AuthorizationFactory.create(practice, client_id)
    first = disclose(practice, client_id, authorized_request(authorization_id))
    release(practice, client_id, first.disclosure_id)
    practice.clock.advance(timedelta(hours=1))
    second = disclose(practice, client_id, duty_to_warn_request())
    release(practice, client_id, second.disclosure_id)
    unreleased = disclose(practice, client_id, authorized_request(authorization_id))
    report = practice.services.oversight.accounting(practice.actor("clinician1"), client_id)
    assert [e.disclosure_id for e in report.entries] == [second.disclosure_id,
                                                         first.disclosure_id]
    newest, oldest = report.entries
    assert (newest.required_in_accounting, oldest.required_in_accounting) == (True, False)
    assert oldest.authorization_id == authorization_id and newest.authorization_id == ""
    assert "Serious and imminent threat" in newest.purpose
    assert unreleased.disclosure_id not in {e.disclosure_id for e in report.entries}
    released = [e.entry for e in practice.services.runtime.audit.events(
        limit=100, client_id=client_id, tags=(AuditTag.RECORD_DISCLOSURE_RELEASE.value,))]
    assert {e.resource_id for e in released} == {first.disclosure_id, second.disclosure_id}
    # each release: the gate's decision ("allow", before anything is decrypted), then the
    # outcome with the packet's hash
    assert sorted(e.outcome for e in released) == ["allow", "allow", "ok", "ok"]
    assert all("sha256" in e.details for e in released if e.outcome == "ok")
    pdf = practice.services.oversight.accounting_pdf(practice.actor("clinician1"), client_id)
    text = pdf_text(pdf)
    assert "Officer Jordan Synthetic" in text and "Dr. Casey Synthetic" in text


def test_owner_reviews_legal_basis_disclosures(practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    view = disclose(practice, client_id, duty_to_warn_request())
    authorization_id = AuthorizationFactory.create(practice, client_id)
    disclose(practice, client_id, authorized_request(authorization_id))
    oversight = practice.services.oversight
    queue = oversight.review_queue(practice.actor("owner"))
    assert [v.disclosure_id for v in queue] == [view.disclosure_id]
    with pytest.raises(PolicyDenied):
        oversight.review_queue(practice.actor("clinician1"))
    oversight.complete_review(practice.actor("owner"), view.disclosure_id,
                              "Justification adequate; client told next session.")
    assert oversight.review_queue(practice.actor("owner")) == []
    with pytest.raises(ConflictError):
        oversight.complete_review(practice.actor("owner"), view.disclosure_id, "again")


def test_accounting_suspension_hides_an_entry_from_the_client_until_its_date(
        practice: Practice, chart: dict[str, str]) -> None:
    client_id = chart["client_id"]
    owner = practice.actor("owner")
    oversight = practice.services.oversight
    view = disclose(practice, client_id, oversight_request())
    release(practice, client_id, view.disclosure_id)
    until = (practice.clock.now() + timedelta(days=30)).date()
    with pytest.raises(ConflictError):  # off unless the practice allows it
        oversight.suspend_in_accounting(owner, client_id, view.disclosure_id, until=until,
                                        agency="Synthetic Oversight Agency",
                                        statement="An investigation is under way.")
    oversight.update_setting(owner, "accounting_suspension", True)
    oversight.suspend_in_accounting(owner, client_id, view.disclosure_id, until=until,
                                    agency="Synthetic Oversight Agency",
                                    statement="An investigation is under way.")
    the_client = Actor("portal:synthetic", Role.CLIENT, client_id=client_id)
    assert oversight.accounting(the_client, client_id).entries == ()
    staff_view = oversight.accounting(practice.actor("clinician1"), client_id).entries
    assert [e.suspended_until for e in staff_view] == [until]
    practice.clock.advance(timedelta(days=31))
    assert len(oversight.accounting(the_client, client_id).entries) == 1


def test_a_young_minors_authorization_is_signed_by_a_guardian(practice: Practice) -> None:
    """The jurisdiction's minor-consent facts decide who signs, as for the consent form."""
    child = ClientFactory.create(practice, date_of_birth="2016-05-01")
    authorization_id = AuthorizationFactory.create(practice, child, sign=False)
    authorizations = practice.services.authorizations
    clinician = practice.actor("clinician1")
    form = authorizations.form(clinician, child, authorization_id)
    assert form.signer_rule == "guardian"
    with pytest.raises(InvalidInput, match="guardian"):
        authorizations.sign(clinician, child, authorization_id, text_sha256=form.sha256,
                            signer_name="Young Synthetic", signer_kind="client")
    authorizations.sign(clinician, child, authorization_id, text_sha256=form.sha256,
                        signer_name="Parent Synthetic", signer_kind="guardian",
                        guardian_relation="mother")
    (signed,) = authorizations.list_authorizations(clinician, child)
    assert (signed.status, signed.signer_kind) == ("active", "guardian")
