"""Seal/unseal round-trips; any changed byte, location field or key fails to decrypt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from closeddoor.crypto import FieldLocation, new_data_key, seal, unseal
from closeddoor.errors import DecryptionFailed
from closeddoor.types import Plaintext, RecordKind, Sealed

KEY = new_data_key()
names = st.text(min_size=1, max_size=20)
kinds = st.sampled_from(RecordKind)
locations = st.builds(FieldLocation, names, names, kinds, names, names)


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


@given(a=st.text(max_size=6), b=st.text(max_size=6), c=st.text(max_size=6), kind=kinds)
def test_field_boundaries_cannot_shift(a: str, b: str, c: str, kind: RecordKind) -> None:
    # ("a|b", "c") and ("a", "b|c") must never share associated data, whatever the ids contain
    # (the kind is from a closed set, so the free-text neighbours are shifted).
    for left, right in [
        (FieldLocation(a + b, c, kind, "r", "f"), FieldLocation(a, b + c, kind, "r", "f")),
        (FieldLocation("p", "s", kind, a + b, c), FieldLocation("p", "s", kind, a, b + c)),
    ]:
        if left != right:
            assert left.associated_data(1) != right.associated_data(1)


@given(subject=st.text(max_size=12), kind=kinds, other=kinds)
def test_kind_boundary_cannot_shift_into_the_subject(subject: str, kind: RecordKind,
                                                     other: RecordKind) -> None:
    # A subject id ending in part of a kind's name must not pass for another kind.
    for cut in range(len(kind.value) + 1):
        left = FieldLocation("p", subject + kind.value[:cut], other, "r", "f")
        right = FieldLocation("p", subject, kind, "r", "f")
        if left != right:
            assert left.associated_data(1) != right.associated_data(1)
