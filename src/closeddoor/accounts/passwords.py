"""Passwords as NIST SP 800-63B asks: long, no composition rules, not common or breached.

Hashed with argon2id.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import pairwise

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from closeddoor.errors import InvalidInput

MIN_LENGTH = 15  # 800-63B-4: at least 15 when a password may be the only factor
MAX_LENGTH = 256
_CONTEXT_WORDS = ("closeddoor", "closed door", "password", "therapy")


@lru_cache(maxsize=1)
def _blocklist() -> frozenset[str]:
    # zxcvbn ships 30,000 of the most common passwords seen in breach corpora.
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def normalize(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def check_password_strength(password: str, *, username: str = "") -> None:
    """Raise InvalidInput saying what is wrong; never echoes the password."""
    candidate = normalize(password)
    if len(candidate) < MIN_LENGTH:
        raise InvalidInput(f"password: must be at least {MIN_LENGTH} characters")
    if len(candidate) > MAX_LENGTH:
        raise InvalidInput(f"password: must be at most {MAX_LENGTH} characters")
    folded = candidate.casefold()
    stripped = "".join(ch for ch in folded if ch.isalnum())
    if (folded in _blocklist() or stripped in _blocklist() or len(set(folded)) < 5
            or _is_mostly_sequential(folded)):
        raise InvalidInput("password: too common or too easy to guess — choose another")
    words = _CONTEXT_WORDS + ((username.casefold(),) if username else ())
    remainder = folded
    for word in words:
        remainder = remainder.replace(word, "")
    if len("".join(ch for ch in remainder if ch.isalnum())) < 8:
        raise InvalidInput("password: made mostly of your user name or this service's name")


def _is_mostly_sequential(value: str) -> bool:
    """Runs such as 123456789... or abcdef... or zzzz... (800-63B names them)."""
    steps = [ord(b) - ord(a) for a, b in pairwise(value)]
    return sum(step in (-1, 0, 1) for step in steps) >= 0.75 * len(steps)


class Hasher:
    """argon2id. Tests may ask for cheap parameters; production always uses the library defaults."""

    def __init__(self, *, fast_for_tests: bool = False) -> None:
        if fast_for_tests:
            self._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
        else:
            self._hasher = PasswordHasher()
        self._dummy = self._hasher.hash("closeddoor-dummy-password-for-timing")

    def hash(self, password: str) -> str:
        return self._hasher.hash(normalize(password))

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """Constant work whether or not the account exists (stored_hash None checks a dummy)."""
        try:
            return self._hasher.verify(stored_hash or self._dummy, normalize(password)) and (
                stored_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False
