"""A disclosure's state computed from its append-only events, the accounting's period and the
suspension rules (45 CFR 164.528). Pure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from closeddoor.disclosure.accounting import earliest_start, parse_period
from closeddoor.disclosure.history import (
    ORAL,
    WRITTEN,
    DisclosureEvent,
    fold,
    suspension_end,
)
from closeddoor.disclosure.legal import LegalBasis, LegalBasisKind
from closeddoor.errors import InvalidInput

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def at(hours: int) -> datetime:
    return T0 + timedelta(hours=hours)


def test_state_follows_events_in_time_order_when_folded() -> None:
    events = [DisclosureEvent("released", at(2), "u2", packet_sha256="ab" * 32),
              DisclosureEvent("approved", at(1), "u3", note="Statute applies."),
              DisclosureEvent("client-not-told", at(3), "u2", note="Not safe yet."),
              DisclosureEvent("client-told", at(4), "u2", note="Told in session.")]
    state = fold("pending-approval", True, events)
    assert state.status == "released" and state.approved_by == "u3"
    assert state.packet_sha256 == "ab" * 32 and state.approval_comment == "Statute applies."
    assert (state.client_told, state.client_told_note) == ("told", "Told in session.")


def test_state_is_the_request_when_there_are_no_events() -> None:
    assert fold("ready", False, []).status == "ready"
    assert fold("ready", False, []).client_told == "n/a"
    assert fold("pending-approval", True, []).client_told == "pending"
    assert fold("pending-approval", True,
                [DisclosureEvent("declined", at(1), "u3")]).status == "declined"


def test_oral_suspension_lasts_thirty_days_at_most_when_the_agency_asks_longer() -> None:
    oral = DisclosureEvent("suspended", T0, "owner", until=date(2026, 9, 1), detail=ORAL)
    assert suspension_end(oral) == date(2026, 3, 31)
    short = DisclosureEvent("suspended", T0, "owner", until=date(2026, 3, 10), detail=ORAL)
    assert suspension_end(short) == date(2026, 3, 10)


def test_written_statement_sets_the_stated_period_when_it_follows_an_oral_request() -> None:
    oral = DisclosureEvent("suspended", T0, "owner", until=date(2026, 9, 1), detail=ORAL)
    written = DisclosureEvent("suspended", at(24 * 20), "owner", until=date(2026, 9, 1),
                              detail=WRITTEN)
    assert fold("ready", True, [oral]).suspended_until == date(2026, 3, 31)
    state = fold("ready", True, [written, oral])  # order of the list does not matter
    assert (state.suspended_until, state.suspension_kind) == (date(2026, 9, 1), WRITTEN)


def test_period_defaults_to_the_last_six_years_when_not_given() -> None:
    period = parse_period(None, None, date(2026, 3, 1))
    assert (period.start, period.end) == (date(2020, 3, 1), date(2026, 3, 1))
    assert earliest_start(date(2028, 2, 29)) == date(2022, 2, 28)


@pytest.mark.parametrize(("start", "end", "field"), [
    (date(2020, 2, 29), None, "from: an accounting covers at most the six years"),
    (None, date(2026, 3, 2), "to: choose today"),
    (date(2025, 5, 1), date(2025, 4, 1), "to: must not be before from"),
])
def test_period_refused_naming_the_field_when_out_of_bounds(
        start: date | None, end: date | None, field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        parse_period(start, end, date(2026, 3, 1))


def test_only_oversight_and_law_enforcement_are_suspendable_and_emergency_is_exempt() -> None:
    suspendable = {k for k in LegalBasisKind if k.is_suspendable}
    assert suspendable == {LegalBasisKind.HEALTH_OVERSIGHT, LegalBasisKind.LAW_ENFORCEMENT}
    exempt = {k for k in LegalBasisKind if not k.requires_accounting}
    assert exempt == {LegalBasisKind.MEDICAL_EMERGENCY}


THREAT = {"legal_basis": "serious_threat", "threatened_party": "A synthetic neighbour",
          "threat_to": "person", "threat": "A stated plan to harm the neighbour this week.",
          "good_faith_belief": "Warning the police is needed to prevent the harm.",
          "recipient_type": "law_enforcement",
          "justification": "A specific plan with the means was stated in session today."}


def test_serious_threat_names_each_missing_fact_at_once_when_parsed() -> None:
    with pytest.raises(InvalidInput) as refused:
        LegalBasis.parse({**THREAT, "threat_to": "", "threat": "", "good_faith_belief": "",
                          "recipient_type": ""})
    for name in ("threat_to", "threat:", "good_faith_belief", "recipient_type"):
        assert name in str(refused.value)
    with pytest.raises(InvalidInput, match="recipient_type: choose one of"):
        LegalBasis.parse({**THREAT, "recipient_type": "newspaper"})
    with pytest.raises(InvalidInput, match="threat_to: choose one of"):
        LegalBasis.parse({**THREAT, "threat_to": "everyone"})


def test_serious_threat_carries_a_summary_only_unless_more_is_justified() -> None:
    basis = LegalBasis.parse(THREAT)
    assert basis.minimum_necessary_refusal(("demographics", "treatment_summary")) == ""
    assert "more_than_summary" in basis.minimum_necessary_refusal(("progress_notes",))
    justified = LegalBasis.parse({**THREAT, "more_than_summary":
                                  "The hospital needs the last two notes to assess risk."})
    assert justified.minimum_necessary_refusal(("progress_notes",)) == ""
    assert "plan" not in basis.summary()  # the clinician's statements stay off the one-liner
