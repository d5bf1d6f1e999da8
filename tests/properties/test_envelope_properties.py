"""Seal/unseal round-trips; any changed byte, location field or key fails to decrypt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeddoor.crypto import FieldLocation, new_data_key, seal, unseal
from closeddoor.errors import DecryptionFailed
from closeddoor.types import Plaintext, Sealed

KEY = new_data_key()
names = st.text(min_size=1, max_size=20)
locations = st.builds(FieldLocation, names, names, names, names, names)


@given(plaintext=st.binary(max_size=512), where=locations)
def test_round_trip(plaintext: bytes, where: FieldLocation) -> None:
    assert unseal(KEY, 1, seal(KEY, 1, Plaintext(plaintext), where), where) == plaintext


@given(plaintext=st.binary(max_size=256), where=locations, data=st.data())
def test_any_flipped_byte_fails(plaintext: bytes, where: FieldLocation,
                                data: st.DataObject) -> None:
    sealed = bytearray(seal(KEY, 1, Plaintext(plaintext), where))
    index = data.draw(st.integers(0, len(sealed) - 1))
    sealed[index] ^= data.draw(st.integers(1, 255))
    with pytest.raises(DecryptionFailed):
        unseal(KEY, 1, Sealed(bytes(sealed)), where)


@given(where=locations, other=locations)
def test_any_other_location_fails(where: FieldLocation, other: FieldLocation) -> None:
    if other == where:
        return
    sealed = seal(KEY, 1, Plaintext(b"synthetic"), where)
    with pytest.raises(DecryptionFailed):
        unseal(KEY, 1, sealed, other)


@given(where=locations)
def test_any_other_key_fails(where: FieldLocation) -> None:
    sealed = seal(KEY, 1, Plaintext(b"synthetic"), where)
    with pytest.raises(DecryptionFailed):
        unseal(new_data_key(), 1, sealed, where)


@given(a=st.text(max_size=6), b=st.text(max_size=6), c=st.text(max_size=6))
def test_field_boundaries_cannot_shift(a: str, b: str, c: str) -> None:
    # ("a|b", "c") and ("a", "b|c") must never share associated data, whatever the ids contain.
    left = FieldLocation("p", a + b, c, "r", "f")
    right = FieldLocation("p", a, b + c, "r", "f")
    if left != right:
        assert left.associated_data(1) != right.associated_data(1)
