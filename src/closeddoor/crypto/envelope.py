"""Envelope encryption: one data key per client (and one for practice secrets), wrapped by a KEK.

Associated data binds every ciphertext to where it belongs, so a ciphertext copied into another
row, client, field or key version fails to decrypt instead of showing the wrong words:
  field:    practice | subject | record kind | record id | field | data-key version
  data key: practice | subject kind | subject id | KEK version
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from closeddoor.crypto import _hazmat
from closeddoor.errors import DecryptionFailed
from closeddoor.types import Plaintext, RecordKind, Sealed

SEALED_FORMAT = b"\x01"


def _encode(parts: tuple[str, ...]) -> bytes:
    """Length-prefixed, so no choice of ids can make two different locations encode alike."""
    return "".join(f"{len(part)}:{part}" for part in parts).encode()


@dataclass(frozen=True)
class FieldLocation:
    """Where a sealed value lives; it becomes the AEAD associated data.

    `record_kind` must be a RecordKind: a loose string (a typo, a kind nobody reads back) would
    seal data no reader could open, so it is refused with TypeError."""

    practice_id: str
    subject_id: str
    record_kind: RecordKind
    record_id: str
    field: str

    def __post_init__(self) -> None:
        if not isinstance(self.record_kind, RecordKind):
            raise TypeError("record_kind must be a closeddoor.types.RecordKind member")

    def associated_data(self, key_version: int) -> bytes:
        parts = (
            "closeddoor/field/v1",
            self.practice_id,
            self.subject_id,
            self.record_kind.value,
            self.record_id,
            self.field,
            str(key_version),
        )
        return _encode(parts)


@dataclass(frozen=True)
class WrappedKey:
    """A data key sealed under KEK `kek_version`; bound to its subject by associated data."""

    ciphertext: bytes
    kek_version: int


def _wrap_associated_data(
    practice_id: str, subject_kind: str, subject_id: str, kek_version: int
) -> bytes:
    parts = ("closeddoor/data-key/v1", practice_id, subject_kind, subject_id, str(kek_version))
    return _encode(parts)


def subject_bound_kek(kek: bytes, subject_secret: bytes) -> bytes:
    """The key that wraps a client's data key: derived from the KEK and the client's own secret
    (kept outside the database), so destroying the secret makes the wrapped key useless even to
    someone who holds the KEK and an old copy of the database."""
    return _hazmat.keyed_hash(subject_secret, _encode(("closeddoor/subject-bound-kek/v1",)) + kek)


def new_data_key() -> bytes:
    return _hazmat.random_key()


def wrap_data_key(
    kek: bytes,
    kek_version: int,
    data_key: bytes,
    *,
    practice_id: str,
    subject_kind: str,
    subject_id: str,
) -> WrappedKey:
    aad = _wrap_associated_data(practice_id, subject_kind, subject_id, kek_version)
    return WrappedKey(_hazmat.aead_encrypt(kek, data_key, aad), kek_version)


def unwrap_data_key(
    kek: bytes, wrapped: WrappedKey, *, practice_id: str, subject_kind: str, subject_id: str
) -> bytes:
    aad = _wrap_associated_data(practice_id, subject_kind, subject_id, wrapped.kek_version)
    return _hazmat.aead_decrypt(kek, wrapped.ciphertext, aad)


def seal(data_key: bytes, key_version: int, plaintext: Plaintext, where: FieldLocation) -> Sealed:
    """Encrypt one field value with AES-256-GCM under the subject's data key."""
    blob = _hazmat.aead_encrypt(data_key, plaintext, where.associated_data(key_version))
    return Sealed(SEALED_FORMAT + blob)


def unseal(data_key: bytes, key_version: int, sealed: Sealed, where: FieldLocation) -> Plaintext:
    """Decrypt one field value; any mismatch raises the same DecryptionFailed."""
    if not sealed.startswith(SEALED_FORMAT):
        raise DecryptionFailed()
    return Plaintext(
        _hazmat.aead_decrypt(
            data_key, sealed[len(SEALED_FORMAT) :], where.associated_data(key_version)
        )
    )


def normalize_for_index(value: str) -> str:
    """Case, accents, punctuation and spacing do not change a blind-index lookup."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    letters = "".join(c for c in decomposed if c.isalnum() or c.isspace())
    return " ".join(letters.split())


def blind_index(key: bytes, label: str, value: str) -> str:
    """Keyed HMAC of the normalized value, so names can be looked up without storing them."""
    message = _encode((label, normalize_for_index(value)))
    return _hazmat.keyed_hash(key, message)[:16].hex()


def exact_index(key: bytes, label: str, value: str) -> str:
    """Keyed HMAC of the value exactly as given (no folding beyond what the caller did), for
    identifiers such as user names where punctuation matters."""
    return _hazmat.keyed_hash(key, _encode((label, value)))[:16].hex()


def derive_key(root: bytes, purpose: str) -> bytes:
    """A 32-byte subkey of `root` for one purpose, so one secret never serves two uses as is."""
    return _hazmat.keyed_hash(root, _encode(("derived-key", purpose)))
