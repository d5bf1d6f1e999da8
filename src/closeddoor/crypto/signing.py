"""Ed25519 signatures over audit checkpoints."""

from __future__ import annotations

from closeddoor.crypto import _hazmat


def sign_checkpoint(signing_key_pem: bytes, message: bytes) -> bytes:
    return _hazmat.sign(signing_key_pem, message)


def checkpoint_public_key(signing_key_pem: bytes) -> bytes:
    return _hazmat.public_key_bytes(signing_key_pem)


def verify_checkpoint(public_key: bytes, signature: bytes, message: bytes) -> bool:
    return _hazmat.verify_signature(public_key, signature, message)
