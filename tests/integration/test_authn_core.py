"""One behavioural suite for the one authentication core, run against both principals: staff
(`AccountService`) and clients (`PortalService`), on SQLite and PostgreSQL.

Each behaviour is what a sign-in must do whoever signs in: count a guess before checking it
(so concurrent guesses cannot overrun the limit), clear the count only after a complete sign-in,
audit every step, refresh activity on the second factor, and keep the real user's own browser
out of an attacker's lockout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pyotp
import pytest

from closeddoor.audit.tags import AuditTag
from closeddoor.errors import AuthenticationFailed, Throttled
from tests.factories import Practice
from tests.portal.helpers import CLIENT_PASSWORD, portal_client

WRONG = "synthetic-but-wrong-passphrase"


@dataclass
class Principal:
    """One audience as the tests drive it: the service, an account and its tags."""

    service: Any  # AccountService or PortalService: the same sign-in surface
    username: str
    password: str
    account_id: str
    failed_tag: AuditTag
    signed_in_tag: AuditTag
    enrol: Callable[[], pyotp.TOTP]
    session_seen: Callable[[str], Any]


def _staff(practice: Practice) -> Principal:
    accounts = practice.services.accounts
    user_id = practice.user_id("clinician1")

    def enrol() -> pyotp.TOTP:
        accounts.begin_totp_enrolment(user_id)
        totp = pyotp.TOTP(accounts.unsafe_totp_secret(user_id))
        accounts.confirm_totp_enrolment(user_id, totp.at(practice.clock.now()))
        practice.clock.advance(timedelta(seconds=31))  # the next code is a new step
        return totp

    return Principal(accounts, "clinician1", practice.password, user_id,
                     AuditTag.AUTH_SESSION_SIGNIN_FAILED, AuditTag.AUTH_SESSION_SIGNIN, enrol,
                     lambda token: accounts.resolve_session(token))


def _client(practice: Practice) -> Principal:
    portal = practice.services.portal
    client = portal_client(practice, "client.alpha")
    principal = portal.resolve(client.browser.http.cookies.get("cd_portal"))
    assert principal is not None

    def enrol() -> pyotp.TOTP:
        signed = portal.sign_in(client.username, CLIENT_PASSWORD, address="192.0.2.1")
        portal.begin_totp_enrolment(signed.principal, CLIENT_PASSWORD, address="192.0.2.1")
        totp = pyotp.TOTP(portal.unsafe_totp_secret(principal.account_id))
        portal.confirm_totp_enrolment(signed.principal, totp.at(practice.clock.now()),
                                      signed.token)
        practice.clock.advance(timedelta(seconds=31))
        return totp

    return Principal(portal, client.username, CLIENT_PASSWORD, principal.account_id,
                     AuditTag.PORTAL_SESSION_SIGNIN_FAILED, AuditTag.PORTAL_SESSION_SIGNIN,
                     enrol, lambda token: portal.resolve(token))


@pytest.fixture(params=["staff", "client"])
def who(request: pytest.FixtureRequest, practice: Practice) -> Iterator[Principal]:
    yield _staff(practice) if request.param == "staff" else _client(practice)


def _events(practice: Practice, tag: AuditTag, outcome: str) -> list[Any]:
    return [e.entry for e in practice.services.runtime.audit.events(limit=5000, tags=(tag,))
            if e.entry.outcome == outcome]


def test_at_most_five_guesses_checked_when_sixty_arrive_at_once(
    who: Principal, practice: Practice
) -> None:
    def guess(attempt: int) -> str:
        try:
            who.service.sign_in(who.username, WRONG, address=f"198.51.100.{attempt}")
        except AuthenticationFailed:
            return "checked"
        except Throttled:
            return "throttled"
        return "signed-in"

    with ThreadPoolExecutor(max_workers=30) as pool:
        outcomes = list(pool.map(guess, range(60)))
    assert outcomes.count("signed-in") == 0
    assert outcomes.count("checked") == practice.settings.login_failures_per_account
    assert outcomes.count("throttled") == 60 - practice.settings.login_failures_per_account
    checked = [e for e in _events(practice, who.failed_tag, "fail")
               if e.reason == "bad-password"]
    assert len(checked) == practice.settings.login_failures_per_account


def test_failure_count_cleared_when_sign_in_succeeds(who: Principal) -> None:
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            who.service.sign_in(who.username, WRONG, address="192.0.2.10")
    who.service.sign_in(who.username, who.password, address="192.0.2.10")
    for _ in range(4):
        with pytest.raises(AuthenticationFailed):
            who.service.sign_in(who.username, WRONG, address="192.0.2.10")
    # Eight failures in the window, but a success between them: the right password still works.
    who.service.sign_in(who.username, who.password, address="192.0.2.10")


def test_second_factor_audited_and_activity_refreshed_when_code_right(
    who: Principal, practice: Practice
) -> None:
    totp = who.enrol()
    signed = who.service.sign_in(who.username, who.password, address="192.0.2.20")
    token = signed.token
    before = len(_events(practice, who.signed_in_tag, "ok"))
    practice.clock.advance(timedelta(minutes=14))
    who.service.pass_mfa(token, totp.at(practice.clock.now()), address="192.0.2.20")
    after = _events(practice, who.signed_in_tag, "ok")
    assert len(after) == before + 1 and after[0].reason == "totp"
    # 14 minutes waiting for the code, then 14 more: the code step counted as activity.
    practice.clock.advance(timedelta(minutes=14))
    assert who.session_seen(token) is not None


def test_wrong_codes_throttled_when_password_is_known(who: Principal, practice: Practice) -> None:
    """Knowing the password must not buy fresh guesses at the code: a password-only success
    does not clear the count."""
    totp = who.enrol()
    for _ in range(practice.settings.login_failures_per_account):
        signed = who.service.sign_in(who.username, who.password, address="192.0.2.30")
        with pytest.raises(AuthenticationFailed):
            who.service.pass_mfa(signed.token, "000000", address="192.0.2.30")
    with pytest.raises(Throttled):
        who.service.sign_in(who.username, who.password, address="192.0.2.30")
    practice.clock.advance(timedelta(minutes=15, seconds=1))
    signed = who.service.sign_in(who.username, who.password, address="192.0.2.30")
    who.service.pass_mfa(signed.token, totp.at(practice.clock.now()), address="192.0.2.30")


def test_own_browser_signs_in_when_attacker_filled_the_account_bucket(
    who: Principal, practice: Practice
) -> None:
    device = who.service.sign_in(who.username, who.password, address="192.0.2.40").device
    assert device
    for attempt in range(practice.settings.login_failures_per_account):
        with pytest.raises(AuthenticationFailed):
            who.service.sign_in(who.username, WRONG, address=f"203.0.113.{attempt}")
    with pytest.raises(Throttled):  # an unknown browser shares the attacker's bucket
        who.service.sign_in(who.username, who.password, address="192.0.2.40")
    signed = who.service.sign_in(who.username, who.password, address="192.0.2.40",
                                 device=device)
    assert signed.token


def test_forged_device_cookie_shares_the_account_bucket(
    who: Principal, practice: Practice
) -> None:
    for attempt in range(practice.settings.login_failures_per_account):
        with pytest.raises(AuthenticationFailed):
            who.service.sign_in(who.username, WRONG, address=f"203.0.113.{attempt}")
    for forged in ("attacker-nonce.0123456789abcdef0123456789abcdef", "garbage", ""):
        with pytest.raises(Throttled):
            who.service.sign_in(who.username, who.password, address="192.0.2.50",
                                device=forged)


def test_device_cookie_not_issued_when_code_still_owed(who: Principal) -> None:
    who.enrol()
    signed = who.service.sign_in(who.username, who.password, address="192.0.2.60")
    assert signed.device == ""


def test_sign_out_audited_and_session_ended(who: Principal, practice: Practice) -> None:
    signed = who.service.sign_in(who.username, who.password, address="192.0.2.70")
    assert who.session_seen(signed.token) is not None
    who.service.end_session(signed.token)
    assert who.session_seen(signed.token) is None
    signed_out = AuditTag.AUTH_SESSION_SIGNOUT if who.failed_tag.startswith("auth") \
        else AuditTag.PORTAL_SESSION_SIGNOUT
    assert _events(practice, signed_out, "ok")


def test_session_ends_when_idle_or_too_old(who: Principal, practice: Practice) -> None:
    idle = who.service.sign_in(who.username, who.password, address="192.0.2.80").token
    practice.clock.advance(practice.settings.session_idle_timeout)
    assert who.session_seen(idle) is None
    busy = who.service.sign_in(who.username, who.password, address="192.0.2.80").token
    for _ in range(int(practice.settings.session_absolute_limit / timedelta(minutes=10))):
        practice.clock.advance(timedelta(minutes=10))
        who.session_seen(busy)
    assert who.session_seen(busy) is None
