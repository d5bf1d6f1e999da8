"""Recipes for closeddoor's cryptography; only this package imports `cryptography`."""

from closeddoor.crypto.envelope import (
    FieldLocation,
    WrappedKey,
    blind_index,
    derive_key,
    exact_index,
    new_data_key,
    normalize_for_index,
    seal,
    subject_bound_kek,
    unseal,
    unwrap_data_key,
    wrap_data_key,
)
from closeddoor.crypto.keys import KeyProvider, LocalKeyFile, key_check_value
from closeddoor.crypto.shred import LocalSubjectSecrets, SubjectSecrets
from closeddoor.crypto.signing import checkpoint_public_key, sign_checkpoint, verify_checkpoint

__all__ = [
    "FieldLocation",
    "KeyProvider",
    "LocalKeyFile",
    "LocalSubjectSecrets",
    "SubjectSecrets",
    "WrappedKey",
    "blind_index",
    "checkpoint_public_key",
    "derive_key",
    "exact_index",
    "key_check_value",
    "new_data_key",
    "normalize_for_index",
    "seal",
    "sign_checkpoint",
    "subject_bound_kek",
    "unseal",
    "unwrap_data_key",
    "verify_checkpoint",
    "wrap_data_key",
]
