"""The Notice of Privacy Practices (45 CFR 164.520) on SQLite and PostgreSQL: versions reviewed
before they are published and never changed after, each client's acknowledgment bound to the
text shown or the documented good-faith effort, the chart's status, and who may do what."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import DBAPIError

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.audit.tags import AuditTag
from closeddoor.errors import ConflictError, InvalidInput, NotFound, PolicyDenied
from closeddoor.policy import Actor, Role
from tests.factories import ClientFactory, Practice, marker, publish_notice
from tests.factories.notice import REVIEWER, completed
from tests.integration.helpers import scalar, sql


def client_actor(client_id: str) -> Actor:
    return Actor(f"portal:{client_id}", Role.CLIENT, client_id=client_id)


def shown(practice: Practice) -> dict[str, str]:
    current = practice.services.notice.current()
    assert current is not None
    return {"version_id": current.version_id, "text_sha256": current.rendered.sha256}


# --- versions -------------------------------------------------------------------------------------
def test_default_draft_holds_every_required_element_but_contact_and_date_when_made(
        practice: Practice) -> None:
    owner = practice.actor("owner")
    notice = practice.services.notice
    version_id = notice.create_draft(owner, from_default=True)
    version = notice.version(owner, version_id)
    keys = {s.key for s in version.document.sections}
    assert {"header", "uses_and_disclosures", "rights", "duties", "complaints"} <= keys
    assert [p.split(":")[0] for p in version.problems] == ["contact", "effective_on"]
    with pytest.raises(InvalidInput, match=r"contact.*effective_on"):
        notice.record_review(owner, version_id, reviewed_by=REVIEWER, reviewed_on="2026-03-01",
                             text_sha256=version.rendered.sha256)


def test_publish_refused_and_audited_when_draft_not_reviewed(practice: Practice) -> None:
    owner = practice.actor("owner")
    notice = practice.services.notice
    version_id = notice.create_draft(owner)
    notice.update_draft(owner, version_id, completed(practice.services, owner, version_id))
    with pytest.raises(PolicyDenied):
        notice.publish(owner, version_id)
    assert scalar(practice, "SELECT count(*) FROM audit_events WHERE tag = :tag AND "
                  "outcome = 'deny' AND resource_id = :id",
                  tag=AuditTag.NOTICE_VERSION_PUBLISH.value, id=version_id) == 1
    assert notice.version(owner, version_id).status == "draft"


def test_review_cleared_when_draft_edited_after_it(practice: Practice) -> None:
    owner = practice.actor("owner")
    notice = practice.services.notice
    version_id = notice.create_draft(owner)
    notice.update_draft(owner, version_id, completed(practice.services, owner, version_id))
    notice.record_review(owner, version_id, reviewed_by=REVIEWER, reviewed_on="2026-03-01",
                         text_sha256=notice.version(owner, version_id).rendered.sha256)
    notice.update_draft(owner, version_id, completed(practice.services, owner, version_id,
                                                     title="Our privacy practices"))
    assert notice.version(owner, version_id).review is None
    with pytest.raises(PolicyDenied):
        notice.publish(owner, version_id)


def test_review_refused_when_text_changed_since_shown(practice: Practice) -> None:
    owner = practice.actor("owner")
    notice = practice.services.notice
    version_id = notice.create_draft(owner)
    notice.update_draft(owner, version_id, completed(practice.services, owner, version_id))
    with pytest.raises(ConflictError):
        notice.record_review(owner, version_id, reviewed_by=REVIEWER, reviewed_on="2026-03-01",
                             text_sha256="0" * 64)


def test_new_version_supersedes_and_published_one_never_changes(practice: Practice) -> None:
    owner = practice.actor("owner")
    notice = practice.services.notice
    first = publish_notice(practice.services, owner)
    before = notice.version(owner, first)
    current = notice.current()
    assert current is not None and current.version_id == first
    with pytest.raises(ConflictError):
        notice.update_draft(owner, first, completed(practice.services, owner, first))
    with pytest.raises(DBAPIError):
        sql(practice, "UPDATE notice_versions SET document = '{}' WHERE id = :id", id=first)
    with pytest.raises(DBAPIError):
        sql(practice, "DELETE FROM notice_versions WHERE id = :id", id=first)
    second = publish_notice(practice.services, owner, title="Notice of Privacy Practices (2)")
    current = notice.current()
    assert current is not None and current.version_id == second
    assert current.number == before.number + 1
    after = notice.version(owner, first)
    assert after.rendered.sha256 == before.rendered.sha256 == after.text_sha256
    assert not after.is_current


def test_versions_refused_when_not_owner(practice: Practice) -> None:
    for who in ("clinician1", "supervisor", "billing"):
        with pytest.raises(PolicyDenied):
            practice.services.notice.create_draft(practice.actor(who))
        with pytest.raises(PolicyDenied):
            practice.services.notice.list_versions(practice.actor(who))


def test_draft_refused_naming_every_bad_field_at_once(practice: Practice) -> None:
    owner = practice.actor("owner")
    notice = practice.services.notice
    version_id = notice.create_draft(owner)
    with pytest.raises(InvalidInput) as refused:
        notice.update_draft(owner, version_id, {"title": "", "effective_on": "31/12/2026",
                                                "sections": [{"key": "a b", "title": "",
                                                              "body": "x"}]})
    message = str(refused.value)
    for field in ("title:", "effective_on:", "section 1 key:", "section 1 title:"):
        assert field in message


# --- acknowledgments ----------------------------------------------------------------------------
def test_chart_shows_acknowledged_when_client_acknowledges_in_portal(practice: Practice) -> None:
    publish_notice(practice.services, practice.actor("owner"))
    client_id = ClientFactory.create(practice)
    notice = practice.services.notice
    clinician = practice.actor("clinician1")
    assert notice.status(clinician, client_id).state == "not-recorded"
    record_id = notice.acknowledge(client_actor(client_id), client_id, **shown(practice))
    status = notice.status(clinician, client_id)
    assert status.state == "acknowledged"
    assert not status.needs_attention
    (view,) = notice.records(clinician, client_id)
    assert (view.acknowledgment_id, view.method, view.kind) == (record_id, "portal",
                                                                "acknowledged")
    assert view.text_sha256 == shown(practice)["text_sha256"]
    assert scalar(practice, "SELECT count(*) FROM audit_events WHERE tag = :tag AND "
                  "client_id = :c AND resource_id = :r",
                  tag=AuditTag.RECORD_NOTICE_ACKNOWLEDGMENT_CREATE.value, c=client_id,
                  r=record_id) == 1


def test_office_acknowledgment_keeps_signer_sealed_when_recorded_by_front_desk(
        practice: Practice) -> None:
    publish_notice(practice.services, practice.actor("owner"))
    client_id = ClientFactory.create(practice)
    signer = marker("signer")
    practice.services.notice.acknowledge(practice.actor("billing"), client_id,
                                         signer_name=signer, **shown(practice))
    (view,) = practice.services.notice.records(practice.actor("billing"), client_id)
    assert (view.signer_name, view.method) == (signer, "office")
    (sealed,) = sql(practice, "SELECT details_sealed FROM notice_acknowledgments "
                    "WHERE client_id = :c", c=client_id)[0]
    assert signer.encode() not in bytes(sealed)
    with pytest.raises(DBAPIError):
        sql(practice, "UPDATE notice_acknowledgments SET kind = 'x' WHERE client_id = :c",
            c=client_id)


def test_office_acknowledgment_refused_naming_field_when_signer_missing(
        practice: Practice) -> None:
    publish_notice(practice.services, practice.actor("owner"))
    client_id = ClientFactory.create(practice)
    with pytest.raises(InvalidInput, match="signer_name"):
        practice.services.notice.acknowledge(practice.actor("clinician1"), client_id,
                                             **shown(practice))
    assert practice.services.notice.records(practice.actor("clinician1"), client_id) == []


def test_acknowledgment_refused_when_text_changed_since_shown(practice: Practice) -> None:
    publish_notice(practice.services, practice.actor("owner"))
    client_id = ClientFactory.create(practice)
    stale = shown(practice)
    publish_notice(practice.services, practice.actor("owner"), title="Revised notice")
    with pytest.raises(ConflictError):
        practice.services.notice.acknowledge(client_actor(client_id), client_id, **stale)
    with pytest.raises(ConflictError):
        practice.services.notice.acknowledge(client_actor(client_id), client_id,
                                             version_id=shown(practice)["version_id"],
                                             text_sha256="f" * 64)
    assert practice.services.notice.records(practice.actor("clinician1"), client_id) == []


def test_effort_documented_with_reason_when_acknowledgment_not_obtained(
        practice: Practice) -> None:
    publish_notice(practice.services, practice.actor("owner"))
    client_id = ClientFactory.create(practice)
    notice = practice.services.notice
    clinician = practice.actor("clinician1")
    with pytest.raises(InvalidInput) as refused:
        notice.record_effort(clinician, client_id, effort=" ", reason="", **shown(practice))
    assert "effort:" in str(refused.value) and "reason:" in str(refused.value)
    effort, reason = marker("effort"), marker("reason")
    notice.record_effort(clinician, client_id, effort=effort, reason=reason, **shown(practice))
    assert notice.status(clinician, client_id).state == "effort-documented"
    (view,) = notice.records(clinician, client_id)
    assert (view.kind, view.effort, view.reason) == ("good-faith-effort", effort, reason)
    with pytest.raises((PolicyDenied, NotFound)):  # a client documents no effort of ours
        notice.record_effort(client_actor(client_id), client_id, effort=effort, reason=reason,
                             **shown(practice))


def test_chart_warns_when_session_took_place_and_nothing_recorded(practice: Practice) -> None:
    publish_notice(practice.services, practice.actor("owner"))
    client_id = ClientFactory.create(practice)
    clinician = practice.actor("clinician1")
    charts = practice.services.charts
    appointment = charts.create_appointment(clinician, client_id, {
        "starts_at": datetime(2026, 3, 2, 10, tzinfo=UTC)})
    notice = practice.services.notice
    assert not notice.status(clinician, client_id).needs_attention  # booked, not yet seen
    charts.set_appointment_status(clinician, client_id, appointment, "attended")
    status = notice.status(clinician, client_id)
    assert (status.state, status.needs_attention) == ("not-recorded", True)
    notice.record_effort(clinician, client_id, effort="Offered in the office.",
                         reason="Declined to sign.", **shown(practice))
    assert not notice.status(clinician, client_id).needs_attention
    publish_notice(practice.services, practice.actor("owner"), title="Revised notice")
    status = notice.status(clinician, client_id)
    assert (status.state, status.needs_attention) == ("earlier-version", False)


def test_acknowledgments_refused_to_the_wrong_people(practice: Practice) -> None:
    publish_notice(practice.services, practice.actor("owner"))
    client_id = ClientFactory.create(practice)
    other = ClientFactory.create(practice, "clinician2")
    notice = practice.services.notice
    with pytest.raises(NotFound):  # may not know the client exists
        notice.status(practice.actor("clinician2"), client_id)
    with pytest.raises(NotFound):
        notice.acknowledge(practice.actor("clinician2"), client_id, signer_name="Someone",
                           **shown(practice))
    with pytest.raises(PolicyDenied):  # supervisors read, never record
        notice.acknowledge(practice.actor("supervisor"), client_id, signer_name="Someone",
                           **shown(practice))
    with pytest.raises((PolicyDenied, NotFound)):  # a client, for their own record only
        notice.acknowledge(client_actor(other), client_id, **shown(practice))
    with pytest.raises((PolicyDenied, NotFound)):
        notice.records(client_actor(other), client_id)
    assert notice.records(practice.actor("clinician1"), client_id) == []
    assert notice.status(practice.actor("owner"), client_id).state == "not-recorded"


def test_acknowledgments_go_with_the_chart_when_it_is_destroyed(practice: Practice) -> None:
    # The append-only guard refuses UPDATE only: destroying a chart deletes every row of it.
    practice.services.accounts.add_user(SYSTEM_ACTOR, username="owner2",
                                        display_name="Sam Second Owner (test)", role="owner",
                                        password=practice.password)
    practice.users = {u.username: u for u in practice.services.accounts.list_users(SYSTEM_ACTOR)}
    client_id = ClientFactory.create(practice)
    practice.services.notice.acknowledge(practice.actor("clinician1"), client_id,
                                         signer_name="Synthetic Signer", **shown(practice))
    request_id = practice.services.destruction.request(practice.actor("owner"), client_id, {
        "basis": "created-in-error", "reason": "Synthetic chart opened in error."})
    practice.services.destruction.approve(practice.actor("owner2"), request_id)
    assert scalar(practice, "SELECT count(*) FROM notice_acknowledgments WHERE client_id = :c",
                  c=client_id) == 0
