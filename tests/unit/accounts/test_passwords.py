from __future__ import annotations

import pytest

from closeddoor.accounts.passwords import Hasher, check_password_strength
from closeddoor.errors import InvalidInput


@pytest.mark.parametrize("password", [
    "short-one",  # under 15
    "passwordpassword",  # made of a common word
    "123456789012345678",  # blocklisted-ish / repetitive
    "aaaaaaaaaaaaaaaaaaaa",  # too few distinct characters
    "clinician1-closeddoor",  # user name plus service name
])
def test_weak_password_rejected_when_checked(password: str) -> None:
    with pytest.raises(InvalidInput, match=r"^password:"):
        check_password_strength(password, username="clinician1")


@pytest.mark.parametrize("password", [
    "correct horse battery staple",  # no composition rules: spaces and lower case are fine
    "Grüne Wiesen am Flussufer",
    "tangerine-lighthouse-42-orbit",
])
def test_long_uncommon_password_accepted_when_checked(password: str) -> None:
    check_password_strength(password, username="clinician1")


def test_message_never_contains_the_password_when_rejected() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_password_strength("Marker7Short")
    assert "Marker7Short" not in str(caught.value)


def test_hash_is_argon2id_and_verifies_when_correct() -> None:
    hasher = Hasher(fast_for_tests=True)
    stored = hasher.hash("tangerine-lighthouse-42-orbit")
    assert stored.startswith("$argon2id$")
    assert hasher.verify(stored, "tangerine-lighthouse-42-orbit")
    assert not hasher.verify(stored, "tangerine-lighthouse-42-orbiT")
    assert not hasher.verify(None, "tangerine-lighthouse-42-orbit")
    assert not hasher.verify("not-a-hash", "x")
