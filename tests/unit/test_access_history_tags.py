"""Every kind of event on a client's record is either shown in the client's access history or
left out for a stated reason, so a new kind of access cannot silently go missing."""

from __future__ import annotations

from closeddoor.audit.chain import AuditEntry, ChainedEvent
from closeddoor.audit.tags import AuditTag
from closeddoor.portal.history import NOT_SHOWN, VIEWED, group_visits, is_staff_look


def test_every_record_tag_is_shown_or_left_out_for_a_reason() -> None:
    record_tags = {t.value for t in AuditTag if t.value.startswith("record:")}
    assert record_tags == set(VIEWED) | set(NOT_SHOWN)
    assert not set(VIEWED) & set(NOT_SHOWN)
    assert all(reason.strip() for reason in NOT_SHOWN.values())


def event(tag: AuditTag, actor: str = "staff-1", outcome: str = "allow",
          details: str = "") -> ChainedEvent:
    entry = AuditEntry(at="2026-12-01T10:00:00+00:00", actor_id=actor, tag=tag.value,
                       outcome=outcome, client_id="c", reason="care-team", details=details)
    return ChainedEvent(1, entry, "0" * 64, "1" * 64)


def test_refusals_the_clients_own_reads_and_the_system_are_not_looks() -> None:
    assert is_staff_look(event(AuditTag.RECORD_AUTHORIZATION_READ))
    assert not is_staff_look(event(AuditTag.RECORD_AUTHORIZATION_READ, outcome="deny"))
    assert not is_staff_look(event(AuditTag.RECORD_AUTHORIZATION_READ, actor="portal:abc"))
    assert not is_staff_look(event(AuditTag.RECORD_AUTHORIZATION_READ, actor="system"))
    assert not is_staff_look(event(AuditTag.RECORD_LEGAL_HOLD_PLACE))


def test_process_note_work_shows_only_when_chosen() -> None:
    read = event(AuditTag.RECORD_PSYCHOTHERAPY_NOTE_READ)
    assert not is_staff_look(read)
    assert is_staff_look(read, process_note_reads=True)


def test_an_excerpt_names_its_purpose_and_a_search_hit_says_search() -> None:
    visits = group_visits(
        [event(AuditTag.RECORD_EXCERPT_CREATE, outcome="ok", details='{"purpose": "teaching"}'),
         event(AuditTag.RECORD_CLIENT_SEARCH, details='{"listed": "search"}')],
        lambda _: ("Synthetic Staff", "clinician"), lambda *_: "")
    assert visits[0].viewed == ("an excerpt of notes, for teaching",
                                "your name in a client search")


def test_a_representatives_portal_reads_show_by_name_and_the_clients_own_do_not() -> None:
    representatives = {"portal:rep": "Morgan Guardian (synthetic)"}
    events = [event(AuditTag.PORTAL_RECORD_READ, actor="portal:rep"),
              event(AuditTag.PORTAL_RECORD_READ, actor="portal:rep", outcome="deny"),
              event(AuditTag.PORTAL_RECORD_READ, actor="portal:client")]
    (visit,) = group_visits(events, lambda a: ("?", "?"), lambda a, at: "",
                            representatives=representatives)
    assert visit.staff_name == "your representative Morgan Guardian (synthetic)"
    assert (visit.staff_role, visit.basis) == ("representative", "personal-representative")
    assert visit.viewed == ("your record, in the portal",)
    # Without the mapping (another client's history, say) nothing of it shows.
    assert group_visits(events, lambda a: ("?", "?"), lambda a, at: "") == []


def test_closing_a_representatives_portal_access_is_named_as_such() -> None:
    closed = event(AuditTag.RECORD_REPRESENTATIVE_UPDATE,
                   details='{"change": "portal-access-revoked"}')
    (visit,) = group_visits([closed], lambda a: ("Sam Desk", "billing"), lambda a, at: "")
    assert visit.viewed == ("closed a representative's portal access",)
