from __future__ import annotations

import json
from pathlib import Path

import pytest

from closeddoor.crypto import (
    FieldLocation,
    WrappedKey,
    blind_index,
    exact_index,
    new_data_key,
    normalize_for_index,
    seal,
    unseal,
    unwrap_data_key,
    wrap_data_key,
)
from closeddoor.errors import DecryptionFailed
from closeddoor.types import Plaintext, RecordKind, Sealed

VECTORS = json.loads((Path(__file__).parents[2] / "vectors" / "envelope-v1.json").read_text())
WHERE = FieldLocation("practice-1", "client-1", RecordKind.PROGRESS_NOTE, "note-1", "body")


def test_known_answer_field_vector_decrypts_when_format_is_v1() -> None:
    v = VECTORS["field"]
    where = FieldLocation(v["practice_id"], v["subject_id"], RecordKind(v["record_kind"]),
                          v["record_id"], v["field"])
    plaintext = unseal(bytes.fromhex(v["data_key"]), v["key_version"],
                       Sealed(bytes.fromhex(v["sealed"])), where)
    assert plaintext.decode() == v["plaintext"]


def test_known_answer_wrapped_key_vector_unwraps_when_format_is_v1() -> None:
    v = VECTORS["wrapped_key"]
    raw = unwrap_data_key(bytes.fromhex(v["kek"]),
                          WrappedKey(bytes.fromhex(v["ciphertext"]), v["kek_version"]),
                          practice_id=v["practice_id"], subject_kind=v["subject_kind"],
                          subject_id=v["subject_id"])
    assert raw.hex() == v["data_key"]


def test_known_answer_blind_index_when_value_needs_normalizing() -> None:
    v = VECTORS["blind_index"]
    assert normalize_for_index(v["value"]) == v["normalized"]
    assert blind_index(bytes.fromhex(v["key"]), v["label"], v["value"]) == v["index"]


def test_round_trip_when_location_matches() -> None:
    key = new_data_key()
    sealed = seal(key, 1, Plaintext(b"synthetic words"), WHERE)
    assert b"synthetic words" not in sealed
    assert unseal(key, 1, sealed, WHERE) == b"synthetic words"


def test_same_plaintext_seals_differently_when_sealed_twice() -> None:
    key = new_data_key()
    assert seal(key, 1, Plaintext(b"x"), WHERE) != seal(key, 1, Plaintext(b"x"), WHERE)


@pytest.mark.parametrize("moved", [
    FieldLocation("practice-2", "client-1", RecordKind.PROGRESS_NOTE, "note-1", "body"),
    FieldLocation("practice-1", "client-2", RecordKind.PROGRESS_NOTE, "note-1", "body"),
    FieldLocation("practice-1", "client-1", RecordKind.PSYCHOTHERAPY_NOTE, "note-1", "body"),
    FieldLocation("practice-1", "client-1", RecordKind.PROGRESS_NOTE, "note-2", "body"),
    FieldLocation("practice-1", "client-1", RecordKind.PROGRESS_NOTE, "note-1", "title"),
])
def test_ciphertext_fails_to_decrypt_when_moved_to_another_place(moved: FieldLocation) -> None:
    key = new_data_key()
    sealed = seal(key, 1, Plaintext(b"belongs to note-1"), WHERE)
    with pytest.raises(DecryptionFailed):
        unseal(key, 1, sealed, moved)


def test_ciphertext_fails_when_key_version_differs() -> None:
    key = new_data_key()
    sealed = seal(key, 1, Plaintext(b"v1"), WHERE)
    with pytest.raises(DecryptionFailed):
        unseal(key, 2, sealed, WHERE)


def test_every_failure_looks_the_same_when_decryption_fails() -> None:
    key = new_data_key()
    sealed = seal(key, 1, Plaintext(b"secret"), WHERE)
    failures = []
    tampered = Sealed(sealed[:-1] + bytes([sealed[-1] ^ 1]))
    for bad_key, blob in [(new_data_key(), sealed), (key, tampered),
                          (key, Sealed(b"\x02" + sealed[1:])), (key, Sealed(b"")),
                          (b"short", sealed)]:
        with pytest.raises(DecryptionFailed) as caught:
            unseal(bad_key, 1, blob, WHERE)
        failures.append(str(caught.value))
    assert set(failures) == {"decryption failed"}


def test_wrapped_key_bound_to_its_subject_when_unwrapped_for_another() -> None:
    kek, raw = new_data_key(), new_data_key()
    wrapped = wrap_data_key(kek, 1, raw, practice_id="p", subject_kind="client", subject_id="c1")
    assert unwrap_data_key(kek, wrapped, practice_id="p", subject_kind="client",
                           subject_id="c1") == raw
    with pytest.raises(DecryptionFailed):
        unwrap_data_key(kek, wrapped, practice_id="p", subject_kind="client", subject_id="c2")
    with pytest.raises(DecryptionFailed):
        unwrap_data_key(kek, WrappedKey(wrapped.ciphertext, 2), practice_id="p",
                        subject_kind="client", subject_id="c1")


def test_blind_index_ignores_case_spacing_and_accents_when_normalizing() -> None:
    key = b"k" * 32
    assert blind_index(key, "name", "José  Núñez") == blind_index(key, "name", "jose nunez")
    assert blind_index(key, "name", "O'Brien") == blind_index(key, "name", "obrien")


def test_blind_index_depends_on_key_and_label_when_value_is_same() -> None:
    assert blind_index(b"a" * 32, "name", "Kim") != blind_index(b"b" * 32, "name", "Kim")
    assert blind_index(b"a" * 32, "name", "Kim") != blind_index(b"a" * 32, "full_name", "Kim")


def test_exact_index_keeps_punctuation_when_indexing_user_names() -> None:
    key = b"k" * 32
    assert exact_index(key, "portal-username", "jane.doe") != exact_index(
        key, "portal-username", "janedoe")
    assert exact_index(key, "portal-username", "x") != exact_index(b"j" * 32,
                                                                   "portal-username", "x")



BY_KIND = VECTORS["field_by_kind"]


def _kind_location(v: dict[str, str], kind: RecordKind) -> FieldLocation:
    return FieldLocation(v["practice_id"], v["subject_id"], kind, v["record_id"], v["field"])


def _unseal_vector(v: dict[str, str], kind: RecordKind) -> bytes:
    return unseal(bytes.fromhex(BY_KIND["data_key"]), int(v["key_version"]),
                  Sealed(bytes.fromhex(v["sealed"])), _kind_location(v, kind))


def test_known_answer_vectors_cover_every_record_kind_when_kinds_are_listed() -> None:
    # A new kind needs a vector; a renamed kind's value would orphan its stored ciphertexts.
    assert [v["record_kind"] for v in BY_KIND["vectors"]] == [kind.value for kind in RecordKind]


@pytest.mark.parametrize("kind", list(RecordKind))
def test_known_answer_vector_decrypts_when_unsealed_as_its_record_kind(kind: RecordKind) -> None:
    # Sealed with the loose string kinds before RecordKind existed: old data must still open.
    v = next(v for v in BY_KIND["vectors"] if v["record_kind"] == kind.value)
    assert _unseal_vector(v, kind).decode() == v["plaintext"]


@pytest.mark.parametrize("kind", list(RecordKind))
def test_known_answer_vector_fails_when_unsealed_as_any_other_record_kind(
        kind: RecordKind) -> None:
    v = next(v for v in BY_KIND["vectors"] if v["record_kind"] == kind.value)
    for other in RecordKind:
        if other is kind:
            continue
        with pytest.raises(DecryptionFailed):
            _unseal_vector(v, other)


@pytest.mark.parametrize("kind", list(RecordKind))
def test_ciphertext_fails_when_unsealed_as_any_other_record_kind(kind: RecordKind) -> None:
    key = new_data_key()
    where = FieldLocation("practice-1", "client-1", kind, "record-1", "body")
    sealed = seal(key, 1, Plaintext(b"synthetic words"), where)
    assert unseal(key, 1, sealed, where) == b"synthetic words"
    for other in RecordKind:
        if other is not kind:
            with pytest.raises(DecryptionFailed):
                unseal(key, 1, sealed, FieldLocation("practice-1", "client-1", other,
                                                     "record-1", "body"))


@pytest.mark.parametrize("loose", ["progress_note", "progress-note", ""])
def test_field_location_refused_when_kind_is_a_plain_string(loose: str) -> None:
    with pytest.raises(TypeError):
        FieldLocation("practice-1", "client-1", loose, "note-1", "body")  # type: ignore[arg-type]
