"""Minors and personal representatives (45 CFR 164.502(g)) on SQLite and PostgreSQL: who signs
the consent and a release under each state's minor-consent facts, representatives on file who
consent and sign for the client, and the clinician's 164.502(g)(5) refusal, effective at once."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from closeddoor.consent.jurisdictions import load_jurisdiction, minor_consent_grounds
from closeddoor.errors import InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Actor, Role
from tests.factories import START, AuthorizationFactory, ClientFactory, Practice, marker
from tests.factories.consent import publish_reviewed_version
from tests.integration.helpers import is_postgres, scalar, sql
from tests.integration.test_plaintext_scan import database_as_text, files_under


def in_state(practice: Practice, code: str) -> None:
    practice.services.consent.set_jurisdiction(practice.actor("owner"), code)
    publish_reviewed_version(practice.services, practice.actor("owner"))


def client_aged(practice: Practice, years: int) -> str:
    born = date(START.year - years, 1, 15).isoformat()
    return ClientFactory.create(practice, date_of_birth=born)


def sign_consent(practice: Practice, client_id: str, who: str = "clinician1",
                 **signer: str) -> str:
    consent = practice.services.consent
    actor = practice.actor(who)
    form = consent.form(actor, client_id)
    kwargs: dict[str, Any] = {"signer_name": "Synthetic Signer", "signer_kind": "client"}
    return consent.sign(actor, client_id, version_id=form.version_id,
                        text_sha256=form.rendered.sha256, **(kwargs | signer))


def sign_authorization(practice: Practice, client_id: str, authorization_id: str,
                       who: str = "clinician1", **signer: str) -> None:
    services = practice.services
    actor = practice.actor(who)
    form = services.authorizations.form(actor, client_id, authorization_id)
    kwargs: dict[str, Any] = {"signer_name": "Synthetic Signer", "signer_kind": "client",
                              "witness_name": "Wren Witness (synthetic)"}
    services.authorizations.sign(actor, client_id, authorization_id, text_sha256=form.sha256,
                                 **(kwargs | signer))


def stored_in_plaintext(practice: Practice, text: str) -> bool:
    """Whether `text` is anywhere in the database (its rows, or the SQLite files)."""
    if is_postgres(practice):
        return text in database_as_text(practice)
    practice.services.engine.dispose()  # checkpoint nothing away: read the file and its WAL
    return any(text.encode() in data
               for data in files_under(practice.settings.data_dir).values())


def signatures(practice: Practice, client_id: str) -> int:
    return int(scalar(practice, "SELECT count(*) FROM consent_signatures WHERE client_id = :c",
                      c=client_id))


GUARDIAN: dict[str, Any] = {"kind": "guardian", "name": "Morgan Guardian (synthetic)",
                            "document_date": "2025-10-01",
                            "document": "Letters of guardianship (synthetic)",
                            "scope": ["consent", "authorizations", "records"]}


# --- who consents, per state -------------------------------------------------------------------
def test_florida_thirteen_year_old_cannot_sign_ongoing_consent_alone(practice: Practice) -> None:
    in_state(practice, "US-FL")
    teen = client_aged(practice, 13)
    form = practice.services.consent.form(practice.actor("clinician1"), teen)
    assert form.signer_rule == "guardian"
    with pytest.raises(InvalidInput, match=r"394\.4784"):
        sign_consent(practice, teen)
    assert signatures(practice, teen) == 0
    sign_consent(practice, teen, signer_kind="guardian", guardian_relation="father")
    assert signatures(practice, teen) == 1


def test_illinois_minor_signs_alone_until_the_session_limit_is_reached(
        practice: Practice) -> None:
    in_state(practice, "US-IL")
    teen = client_aged(practice, 14)
    clinician = practice.actor("clinician1")
    assert practice.services.consent.form(clinician, teen).signer_rule == "either"
    charts = practice.services.charts
    for week in range(8):
        appointment = charts.create_appointment(clinician, teen, {
            "starts_at": (START + timedelta(days=7 * week)).isoformat(), "room": "Room 1",
            "clinician_id": practice.user_id("clinician1")})
        charts.set_appointment_status(clinician, teen, appointment, "attended")
    form = practice.services.consent.form(clinician, teen)
    assert form.signer_rule == "guardian"
    assert "405 ILCS 5/3-501" in form.signer_reason
    with pytest.raises(InvalidInput, match="guardian"):
        sign_consent(practice, teen)
    assert signatures(practice, teen) == 0


def test_california_minor_signs_alone_only_after_the_maturity_finding(
        practice: Practice) -> None:
    in_state(practice, "US-CA")
    teen = client_aged(practice, 14)
    reps = practice.services.representatives
    clinician = practice.actor("clinician1")
    with pytest.raises(InvalidInput, match="guardian"):
        sign_consent(practice, teen)
    (maturity,) = minor_consent_grounds(load_jurisdiction("US-CA"))
    finding = {"ground": maturity, "note": marker("finding") + " understands the treatment"}
    # Refusals: the front desk and a supervisor may not make a clinical finding; a ground from
    # another state's law is no finding here; nothing is stored.
    for who in ("billing", "supervisor"):
        with pytest.raises(PolicyDenied):
            reps.record_finding(practice.actor(who), teen, finding)
    with pytest.raises(InvalidInput, match="ground: choose one of"):
        reps.record_finding(clinician, teen, finding | {
            "ground": minor_consent_grounds(load_jurisdiction("US-TX"))[0]})
    assert scalar(practice, "SELECT count(*) FROM minor_consent_findings") == 0
    finding_id = reps.record_finding(clinician, teen, finding)
    (listed,) = reps.findings(practice.actor("billing"), teen)
    assert (listed.ground, listed.jurisdiction) == (maturity, "US-CA")
    assert practice.services.consent.form(clinician, teen).signer_rule == "either"
    reps.withdraw_finding(clinician, teen, finding_id)
    assert practice.services.consent.form(clinician, teen).signer_rule == "guardian"
    reps.record_finding(clinician, teen, finding)
    sign_consent(practice, teen)  # the minor, alone
    assert not stored_in_plaintext(practice, finding["note"])


def test_finding_refused_where_the_law_has_no_finding(practice: Practice) -> None:
    in_state(practice, "US-FL")
    teen = client_aged(practice, 15)
    with pytest.raises(InvalidInput, match="has no finding"):
        practice.services.representatives.record_finding(
            practice.actor("clinician1"), teen, {"ground": "anything", "note": "a note here"})


# --- who signs a release of a minor's records (164.502(g)(3)) ----------------------------------
def test_parent_cannot_sign_release_when_minor_consented_alone(practice: Practice) -> None:
    in_state(practice, "US-IL")
    teen = client_aged(practice, 15)
    sign_consent(practice, teen)  # lawfully, alone (405 ILCS 5/3-501)
    authorization_id = AuthorizationFactory.create(practice, teen, sign=False)
    form = practice.services.authorizations.form(practice.actor("clinician1"), teen,
                                                 authorization_id)
    assert form.signer_rule == "client"
    with pytest.raises(InvalidInput, match=r"164\.502\(g\)\(3\)"):
        sign_authorization(practice, teen, authorization_id, signer_kind="guardian",
                           guardian_relation="mother")
    sign_authorization(practice, teen, authorization_id)
    (signed,) = practice.services.authorizations.list_authorizations(
        practice.actor("clinician1"), teen)
    assert (signed.status, signed.signer_kind) == ("active", "client")


def test_parent_signs_release_when_parent_consented_to_the_care(practice: Practice) -> None:
    in_state(practice, "US-IL")
    teen = client_aged(practice, 15)
    sign_consent(practice, teen, signer_kind="guardian", guardian_relation="mother")
    authorization_id = AuthorizationFactory.create(practice, teen, sign=False)
    with pytest.raises(InvalidInput, match="guardian"):
        sign_authorization(practice, teen, authorization_id)
    sign_authorization(practice, teen, authorization_id, signer_kind="guardian",
                       guardian_relation="mother")


# --- adult personal representatives ------------------------------------------------------------
def test_guardian_on_file_consents_and_signs_for_an_adult_client(practice: Practice) -> None:
    adult = ClientFactory.create(practice)
    reps = practice.services.representatives
    representative_id = reps.record(practice.actor("billing"), adult, GUARDIAN)
    sign_consent(practice, adult, signer_kind="representative",
                 representative_id=representative_id)
    (signature,) = practice.services.consent.signatures(practice.actor("clinician1"), adult)
    assert (signature.signer_kind, signature.guardian_relation) == (
        "representative", "court-appointed guardian")
    authorization_id = AuthorizationFactory.create(practice, adult, sign=False)
    sign_authorization(practice, adult, authorization_id, signer_kind="representative",
                       representative_id=representative_id)
    assert not stored_in_plaintext(practice, GUARDIAN["name"])


def test_representative_refused_outside_scope_or_for_another_client(practice: Practice) -> None:
    adult = ClientFactory.create(practice)
    other = ClientFactory.create(practice)
    reps = practice.services.representatives
    agent = reps.record(practice.actor("clinician1"), adult, GUARDIAN | {
        "kind": "health-care-agent", "scope": ["consent"]})
    authorization_id = AuthorizationFactory.create(practice, adult, sign=False)
    with pytest.raises(InvalidInput, match="does not give this person that authority"):
        sign_authorization(practice, adult, authorization_id, signer_kind="representative",
                           representative_id=agent)
    with pytest.raises(NotFound):  # another client's representative is no one's here
        sign_consent(practice, other, signer_kind="representative", representative_id=agent)
    with pytest.raises(InvalidInput, match="representative_id"):
        sign_consent(practice, adult, signer_kind="representative")
    assert signatures(practice, other) == signatures(practice, adult) == 0


def test_representative_signing_refused_in_the_portal(practice: Practice) -> None:
    adult = ClientFactory.create(practice)
    representative_id = practice.services.representatives.record(
        practice.actor("billing"), adult, GUARDIAN)
    client = Actor("portal:synthetic", Role.CLIENT, client_id=adult)
    form = practice.services.consent.form(client, adult)
    with pytest.raises(InvalidInput, match="in the office"):
        practice.services.consent.sign(
            client, adult, version_id=form.version_id, text_sha256=form.rendered.sha256,
            signer_name="Synthetic Signer", signer_kind="representative",
            representative_id=representative_id)


def test_g5_refusal_blocks_the_representative_at_once_and_is_sealed_and_audited(
        practice: Practice) -> None:
    adult = ClientFactory.create(practice)
    reps = practice.services.representatives
    representative_id = reps.record(practice.actor("billing"), adult, GUARDIAN)
    reason = {"reason": marker("endanger") + " synthetic: client disclosed abuse by this person"}
    for who in ("billing", "supervisor", "owner"):  # the treating clinician's judgment only
        with pytest.raises(PolicyDenied):
            reps.refuse(practice.actor(who), adult, representative_id, reason)
    with pytest.raises((NotFound, PolicyDenied)):
        reps.refuse(practice.actor("clinician2"), adult, representative_id, reason)
    with pytest.raises(InvalidInput, match="reason:"):
        reps.refuse(practice.actor("clinician1"), adult, representative_id, {"reason": "x"})
    reps.refuse(practice.actor("clinician1"), adult, representative_id, reason)
    (listed,) = reps.list_representatives(practice.actor("billing"), adult)
    assert listed.status == "refused"
    with pytest.raises(InvalidInput, match=r"164\.502\(g\)\(5\)"):
        sign_consent(practice, adult, signer_kind="representative",
                     representative_id=representative_id)
    assert signatures(practice, adult) == 0
    assert not stored_in_plaintext(practice, reason["reason"])
    outcomes = sql(practice, "SELECT outcome, actor_id FROM audit_events WHERE tag = :t AND "
                   "resource_id = :r ORDER BY seq", t="record:representative:refuse",
                   r=representative_id)
    assert [o.outcome for o in outcomes] == ["deny"] * 4 + ["ok"]  # the bad reason: no trace
    assert outcomes[-1].actor_id == practice.actor("clinician1").actor_id


def test_ended_representative_cannot_sign(practice: Practice) -> None:
    adult = ClientFactory.create(practice)
    reps = practice.services.representatives
    representative_id = reps.record(practice.actor("billing"), adult, GUARDIAN)
    reps.end(practice.actor("billing"), adult, representative_id)
    with pytest.raises(InvalidInput, match="has ended"):
        sign_consent(practice, adult, signer_kind="representative",
                     representative_id=representative_id)


def test_bad_representative_names_each_field_and_stores_nothing(practice: Practice) -> None:
    adult = ClientFactory.create(practice)
    with pytest.raises(InvalidInput) as refused:
        practice.services.representatives.record(practice.actor("billing"), adult, {
            "kind": "neighbour", "name": "", "document_date": "soon", "scope": ["everything"]})
    for field in ("kind:", "name:", "document_date:", "scope:"):
        assert field in str(refused.value)
    assert scalar(practice, "SELECT count(*) FROM personal_representatives") == 0


# --- authorizations: statements and state rules ------------------------------------------------
def test_statement_edited_to_x_refused_and_nothing_stored(practice: Practice) -> None:
    adult = ClientFactory.create(practice)
    with pytest.raises(InvalidInput, match=r"statements\.revocation"):
        practice.services.authorizations.create(
            practice.actor("clinician1"), adult, AuthorizationFactory.data(statements={
                "revocation": "x", "conditioning": AuthorizationFactory.data()["statements"][
                    "conditioning"], "redisclosure": AuthorizationFactory.data()["statements"][
                        "redisclosure"]}))
    assert scalar(practice, "SELECT count(*) FROM authorizations WHERE client_id = :c",
                  c=adult) == 0


def test_california_authorization_needs_a_specific_expiry_date(practice: Practice) -> None:
    in_state(practice, "US-CA")
    adult = ClientFactory.create(practice)
    with pytest.raises(InvalidInput, match=r"56\.11"):
        AuthorizationFactory.create(practice, adult, sign=False, expires_on=None,
                                    expiry_event="the end of the synthetic case")


def test_illinois_authorization_is_witnessed_in_the_office(practice: Practice) -> None:
    in_state(practice, "US-IL")
    adult = ClientFactory.create(practice)
    authorization_id = AuthorizationFactory.create(practice, adult, sign=False)
    client = Actor("portal:synthetic", Role.CLIENT, client_id=adult)
    form = practice.services.authorizations.form(client, adult, authorization_id)
    assert form.witness_required
    with pytest.raises(InvalidInput, match="in the office"):
        practice.services.authorizations.sign(client, adult, authorization_id,
                                              text_sha256=form.sha256,
                                              signer_name="Synthetic Signer")
    with pytest.raises(InvalidInput, match="witness_name"):
        sign_authorization(practice, adult, authorization_id, witness_name="")
    sign_authorization(practice, adult, authorization_id)
    (signed,) = practice.services.authorizations.list_authorizations(
        practice.actor("clinician1"), adult)
    assert signed.status == "active"


def test_recorded_parent_cannot_sign_release_when_minor_consented_alone(
        practice: Practice) -> None:
    """A parent with papers on file is still not the representative for care the minor
    lawfully consented to alone (164.502(g)(3)(i))."""
    in_state(practice, "US-IL")
    teen = client_aged(practice, 15)
    parent = practice.services.representatives.record(
        practice.actor("billing"), teen, GUARDIAN | {"kind": "parent"})
    sign_consent(practice, teen)  # the minor, alone
    authorization_id = AuthorizationFactory.create(practice, teen, sign=False)
    with pytest.raises(InvalidInput, match=r"164\.502\(g\)\(3\)\(i\)"):
        sign_authorization(practice, teen, authorization_id, signer_kind="representative",
                           representative_id=parent)
    (unsigned,) = practice.services.authorizations.list_authorizations(
        practice.actor("clinician1"), teen)
    assert unsigned.status == "unsigned"
