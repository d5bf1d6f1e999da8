"""Pure helpers of sign-in shared by staff and clients: token hashing and TOTP step matching.
The throttle itself is `closeddoor.accounts.authn`."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timedelta

import pyotp


def token_hash(token: str) -> str:
    """Sessions and invitations store only the SHA-256 of their bearer token."""
    return hashlib.sha256(token.encode()).hexdigest()


def matching_totp_step(secret: str, code: str, now: datetime) -> int | None:
    """The 30-second step (now, or one either side for clock drift) whose code matches."""
    totp = pyotp.TOTP(secret)
    candidate = code.strip()
    for offset in (0, -1, 1):
        moment = now + timedelta(seconds=offset * totp.interval)
        if hmac.compare_digest(totp.at(moment), candidate):
            return int(moment.timestamp()) // totp.interval
    return None
