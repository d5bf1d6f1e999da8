"""The rules table of 45 CFR 164.522(a), pure: what a request names, what the practice may
answer, how a restriction ends, and what a restriction stops at the door."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from closeddoor.disclosure.categories import Category
from closeddoor.disclosure.restrictions import (
    EMERGENCY_STATEMENT,
    EndedBy,
    Outgoing,
    Purpose,
    RecipientKind,
    RestrictionKind,
    RestrictionState,
    RestrictionTerms,
    Status,
    Verdict,
    check_can_agree,
    check_can_refuse,
    check_can_terminate,
    check_disclosure,
    matches,
)
from closeddoor.disclosure.scope import Recipient
from closeddoor.errors import ConflictError, InvalidInput

AGREED_AT = datetime(2026, 3, 2, 15, tzinfo=UTC)
GENERAL = {"recipient_kind": "provider", "purposes": ["treatment"],
           "categories": ["diagnosis"], "details": "Synthetic."}
SELF_PAY = {"kind": "self_pay", "services_from": "2026-02-01", "services_to": "2026-02-28"}


def state(data: dict[str, Any], status: Status = Status.AGREED, **more: Any) -> RestrictionState:
    values: dict[str, Any] = {"agreed_at": AGREED_AT if status is not Status.REQUESTED else None}
    values.update(more)
    return RestrictionState("r1", RestrictionTerms.parse(data), AGREED_AT, status, **values)


def out(recipient_kind: RecipientKind | None = RecipientKind.PROVIDER,
        purpose: Purpose | None = Purpose.TREATMENT,
        categories: tuple[Category, ...] = (Category.DIAGNOSIS,),
        records: tuple[date | None, date | None] = (date(2026, 1, 1), date(2026, 3, 31)),
        name: str = "Dr. Casey Synthetic", organization: str = "Synthetic Clinic") -> Outgoing:
    return Outgoing(Recipient(name, organization, "fax"), recipient_kind, purpose, categories,
                    *records)


# --- parsing ----------------------------------------------------------------------------------
def test_self_pay_request_limits_the_health_plan_for_payment_and_operations_when_parsed() -> None:
    terms = RestrictionTerms.parse(SELF_PAY)
    assert terms.kind is RestrictionKind.SELF_PAY
    assert terms.recipient_kind is RecipientKind.HEALTH_PLAN
    assert set(terms.purposes) == {Purpose.PAYMENT, Purpose.OPERATIONS}
    assert RestrictionTerms.from_json(terms.to_json()) == terms


def test_named_recipient_required_when_the_recipient_kind_is_named() -> None:
    with pytest.raises(InvalidInput, match="recipient_name: name the person or organisation"):
        RestrictionTerms.parse({"recipient_kind": "named"})


@pytest.mark.parametrize(("data", "field"), [
    ({"recipient_kind": ""}, "recipient_kind"),
    ({"recipient_kind": "family", "purposes": ["marketing"]}, "purposes"),
    ({"recipient_kind": "family", "categories": ["horoscope"]}, "categories"),
    ({"kind": "self_pay", "services_from": "2026-03-01", "services_to": "2026-02-01"},
     "services_to"),
    ({"kind": "gift"}, "kind"),
])
def test_request_refused_naming_the_field_when_a_value_is_wrong(data: dict[str, Any],
                                                                field: str) -> None:
    with pytest.raises(InvalidInput, match=f"{field}:"):
        RestrictionTerms.parse(data)


# --- answering and ending ---------------------------------------------------------------------
@pytest.mark.parametrize(("data", "can_refuse"), [(GENERAL, True), (SELF_PAY, False)])
def test_refusal_allowed_only_for_a_general_request_when_open(data: dict[str, Any],
                                                              can_refuse: bool) -> None:
    open_request = state(data, Status.REQUESTED)
    if can_refuse:
        check_can_refuse(open_request)
    else:
        with pytest.raises(ConflictError, match=r"164\.522\(a\)\(1\)\(vi\)"):
            check_can_refuse(open_request)


def test_self_pay_agreed_only_when_paid_in_full() -> None:
    with pytest.raises(InvalidInput, match="paid_in_full"):
        check_can_agree(state(SELF_PAY, Status.REQUESTED), paid_in_full=False)
    check_can_agree(state(SELF_PAY, Status.REQUESTED), paid_in_full=True)
    check_can_agree(state(GENERAL, Status.REQUESTED), paid_in_full=False)


@pytest.mark.parametrize("status", [Status.AGREED, Status.REFUSED, Status.TERMINATED])
def test_answer_refused_when_the_request_is_not_open(status: Status) -> None:
    with pytest.raises(ConflictError):
        check_can_agree(state(GENERAL, status), paid_in_full=True)
    with pytest.raises(ConflictError):
        check_can_refuse(state(GENERAL, status))


@pytest.mark.parametrize(("data", "ended_by", "allowed"), [
    (GENERAL, EndedBy.CLIENT, True), (GENERAL, EndedBy.PRACTICE, True),
    (SELF_PAY, EndedBy.CLIENT, True), (SELF_PAY, EndedBy.PRACTICE, False),
])
def test_termination_follows_164_522_a_2_when_ended(data: dict[str, Any], ended_by: EndedBy,
                                                    allowed: bool) -> None:
    if allowed:
        check_can_terminate(state(data), ended_by)
    else:
        with pytest.raises(ConflictError, match=r"164\.522\(a\)\(2\)\(iii\)"):
            check_can_terminate(state(data), ended_by)


def test_practice_termination_keeps_older_information_restricted_when_ended() -> None:
    ended = state(GENERAL, Status.TERMINATED, terminated_on=date(2026, 3, 2),
                  ended_by=EndedBy.PRACTICE)
    assert matches(ended, out(records=(date(2026, 1, 1), date(2026, 3, 31))))
    assert matches(ended, out(records=(None, None)))
    assert not matches(ended, out(records=(date(2026, 3, 2), date(2026, 3, 31))))
    by_client = state(GENERAL, Status.TERMINATED, terminated_on=date(2026, 3, 2),
                      ended_by=EndedBy.CLIENT)
    assert not matches(by_client, out())


# --- matching ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("outgoing", "hit"), [
    (out(), True),
    (out(recipient_kind=None), True),  # unstated: fail closed
    (out(purpose=None), True),
    (out(recipient_kind=RecipientKind.FAMILY), False),
    (out(purpose=Purpose.PAYMENT), False),
    (out(categories=(Category.ATTENDANCE,)), False),
    (out(categories=(Category.ATTENDANCE, Category.DIAGNOSIS)), True),
])
def test_general_restriction_matches_recipient_purpose_and_categories(outgoing: Outgoing,
                                                                      hit: bool) -> None:
    assert matches(state(GENERAL), outgoing) is hit


@pytest.mark.parametrize(("records", "hit"), [
    ((date(2026, 2, 10), date(2026, 2, 10)), True),
    ((date(2026, 1, 1), date(2026, 1, 31)), False),
    ((date(2026, 3, 1), date(2026, 3, 31)), False),
    ((date(2026, 1, 1), date(2026, 12, 31)), True),
    ((None, None), True),
])
def test_self_pay_restriction_matches_only_the_services_paid_for(
        records: tuple[date | None, date | None], hit: bool) -> None:
    claim = out(RecipientKind.HEALTH_PLAN, Purpose.PAYMENT, (Category.ATTENDANCE,), records)
    assert matches(state(SELF_PAY), claim) is hit


def test_named_restriction_matches_the_person_or_organisation_however_written() -> None:
    named = state({"recipient_kind": "named", "recipient_organization": "Synthetic Clinic"})
    assert matches(named, out(organization="  synthetic   CLINIC "))
    assert not matches(named, out(organization="Another Synthetic Clinic"))


def test_requested_or_refused_restriction_stops_nothing() -> None:
    assert not matches(state(GENERAL, Status.REQUESTED), out())
    assert not matches(state(GENERAL, Status.REFUSED), out())


def test_self_pay_request_in_force_when_asked_before_staff_confirm_payment() -> None:
    claim = out(RecipientKind.HEALTH_PLAN, Purpose.PAYMENT, (Category.ATTENDANCE,))
    asked = state(SELF_PAY, Status.REQUESTED)
    assert matches(asked, claim)
    check = check_disclosure([asked], claim, legal_basis=None, authorization_signed_at=AFTER)
    assert check.verdict is Verdict.REFUSED


# --- the door: the rules table ----------------------------------------------------------------
BEFORE = datetime(2026, 3, 1, tzinfo=UTC)
AFTER = datetime(2026, 3, 3, tzinfo=UTC)


@pytest.mark.parametrize(("legal_basis", "signed_at", "verdict"), [
    (None, None, Verdict.REFUSED),  # nothing but the request
    (None, BEFORE, Verdict.REFUSED),  # an authorization signed before the restriction
    (None, AFTER, Verdict.CLEAR),  # the client chose again, after it
    ("serious_threat", None, Verdict.EXEMPT),  # 164.512(j): (a)(1)(v)
    ("court_order", None, Verdict.EXEMPT),  # 164.512(e)
    ("required_by_law", None, Verdict.EXEMPT),  # 164.512(a)
    ("medical_emergency", None, Verdict.EMERGENCY),  # (a)(1)(iii)-(iv)
])
def test_disclosure_verdict_follows_the_rules_table(legal_basis: str | None,
                                                    signed_at: datetime | None,
                                                    verdict: Verdict) -> None:
    check = check_disclosure([state(GENERAL)], out(), legal_basis=legal_basis,
                             authorization_signed_at=signed_at)
    assert check.verdict is verdict
    assert check.restriction_ids == ("r1",)
    if verdict is Verdict.REFUSED:
        assert "restriction r1" in check.message
        assert ("new authorization" in check.message) is (signed_at is not None)
    if verdict is Verdict.EMERGENCY:
        assert check.message == EMERGENCY_STATEMENT


def test_disclosure_clear_when_no_restriction_matches() -> None:
    check = check_disclosure([state(GENERAL)], out(recipient_kind=RecipientKind.FAMILY),
                             legal_basis=None, authorization_signed_at=None)
    assert check.verdict is Verdict.CLEAR and check.restriction_ids == ()
