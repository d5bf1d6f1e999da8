"""Data keys: created, wrapped under the current KEK, stored per subject, unwrapped on demand.

Unwrapped keys are kept in a small in-process cache so a busy read path does not unwrap on every
request. A client's data key is wrapped under the KEK bound to the client's own secret, kept in the
key folder (crypto/shred.py); destroying that secret (crypto-shredding) makes every copy of the
wrapped key useless, and every process's cache checks the destroyed list before serving a key
(docs/adr/0003-crypto-shredding.md).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from closeddoor.crypto import (
    FieldLocation,
    KeyProvider,
    SubjectSecrets,
    WrappedKey,
    derive_key,
    new_data_key,
    seal,
    subject_bound_kek,
    unseal,
    unwrap_data_key,
    wrap_data_key,
)
from closeddoor.errors import AccessUnproven, DecryptionFailed, KeyDestroyed, KeyMissing
from closeddoor.gate import Access
from closeddoor.store.tables import data_keys
from closeddoor.types import Plaintext, RecordKind, Sealed

SUBJECT_CLIENT = "client"
SUBJECT_PRACTICE = "practice"
DATA_KEY_VERSION = 1
# Credentials, not clinical data: staff TOTP secrets (USER, under the practice key) and portal
# sign-in names and TOTP secrets (PORTAL_ACCOUNT, under the client's key). The kind is in the
# associated data, so naming a credential kind never opens a clinical field.
CREDENTIAL_KINDS = frozenset({RecordKind.PORTAL_ACCOUNT, RecordKind.USER})


# Built once; run as one executemany per batch of keys being re-wrapped.
_REWRAP = (
    update(data_keys)
    .where(
        data_keys.c.subject_id == bindparam("b_subject_id"),
        data_keys.c.kek_version == bindparam("b_from"),
    )
    .values(wrapped_key=bindparam("b_wrapped_key"), kek_version=bindparam("b_to"),
            subject_secret=bindparam("b_bound"))
)


class StoredKey(NamedTuple):
    """A data key row as rotation reads it."""

    subject_id: str
    subject_kind: str
    wrapped_key: bytes
    kek_version: int


@dataclass(frozen=True)
class DataKey:
    key: bytes
    version: int


class KeyRing:
    def __init__(self, provider: KeyProvider, practice_id: str, cache_size: int = 4096,
                 subject_secrets: SubjectSecrets | None = None) -> None:
        self._provider = provider
        self._secrets = subject_secrets
        self._practice_id = practice_id
        self._cache: OrderedDict[str, DataKey] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    @property
    def practice_id(self) -> str:
        return self._practice_id

    def blind_index_key(self) -> bytes:
        return self._provider.blind_index_key()

    def purpose_key(self, purpose: str) -> bytes:
        """A practice secret for one purpose (e.g. de-identification stand-ins), derived from
        the key file's root secret and never used for anything else."""
        return derive_key(self._provider.blind_index_key(), purpose)

    def create(
        self, conn: Connection, subject_kind: str, subject_id: str, now: datetime
    ) -> DataKey:
        """Make, wrap and store a fresh data key for a new subject."""
        raw = new_data_key()
        version = self._provider.current_kek_version()
        bound = self._binds(subject_kind)
        kek = self._provider.kek(version)
        if bound:
            assert self._secrets is not None
            kek = subject_bound_kek(kek, self._secrets.create(subject_id))
        wrapped = wrap_data_key(
            kek,
            version,
            raw,
            practice_id=self._practice_id,
            subject_kind=subject_kind,
            subject_id=subject_id,
        )
        conn.execute(
            insert(data_keys).values(
                subject_id=subject_id,
                subject_kind=subject_kind,
                wrapped_key=wrapped.ciphertext,
                kek_version=version,
                key_version=DATA_KEY_VERSION,
                created_at=now,
                subject_secret=bound,
            )
        )
        data_key = DataKey(raw, DATA_KEY_VERSION)
        self._remember(subject_id, data_key)
        return data_key

    def get(self, conn: Connection, subject_id: str) -> DataKey:
        """The subject's data key, from the cache when it is there. Raises KeyDestroyed for a
        destroyed client, even one whose key this process still had cached (another worker may
        have destroyed it: the destroyed list is checked on every call, a stat when unchanged)."""
        if self._is_destroyed(subject_id):
            self.forget(subject_id)
            raise KeyDestroyed()
        return self._key(conn, subject_id)

    def _key(self, conn: Connection, subject_id: str) -> DataKey:
        """The subject's data key, the destroyed list already checked by the caller."""
        with self._lock:
            cached = self._cache.get(subject_id)
            if cached is not None:
                self._cache.move_to_end(subject_id)
                return cached
        row = conn.execute(
            select(
                data_keys.c.subject_kind,
                data_keys.c.wrapped_key,
                data_keys.c.kek_version,
                data_keys.c.key_version,
                data_keys.c.subject_secret,
            ).where(data_keys.c.subject_id == subject_id)
        ).one_or_none()
        if row is None or row.wrapped_key is None:
            raise KeyMissing("no data key for this record")
        raw = unwrap_data_key(
            self._kek_for(subject_id, row.kek_version, bool(row.subject_secret)),
            WrappedKey(row.wrapped_key, row.kek_version),
            practice_id=self._practice_id,
            subject_kind=row.subject_kind,
            subject_id=subject_id,
        )
        data_key = DataKey(raw, row.key_version)
        self._remember(subject_id, data_key)
        return data_key

    def seal_field(
        self,
        conn: Connection,
        subject_id: str,
        kind: RecordKind,
        record_id: str,
        field: str,
        plaintext: bytes,
        access: Access | None = None,
    ) -> Sealed:
        """Seal a field of `subject_id`'s record. A client's field needs the gate's `access`
        for that very client; raises AccessUnproven otherwise."""
        _require(access, subject_id)
        return self._seal(conn, subject_id, kind, record_id, field, plaintext)

    def _seal(self, conn: Connection, subject_id: str, kind: RecordKind, record_id: str,
              field: str, plaintext: bytes) -> Sealed:
        data_key = self.get(conn, subject_id)
        where = FieldLocation(self._practice_id, subject_id, kind, record_id, field)
        return seal(data_key.key, data_key.version, Plaintext(plaintext), where)

    def unseal_field(
        self,
        conn: Connection,
        subject_id: str,
        kind: RecordKind,
        record_id: str,
        field: str,
        sealed: bytes,
        access: Access | None = None,
    ) -> bytes:
        """Unseal a field of `subject_id`'s record. A client's field needs the gate's `access`
        for that very client; raises AccessUnproven otherwise (and DecryptionFailed for a
        ciphertext that does not belong where it is)."""
        _require(access, subject_id)
        return self._unseal(conn, subject_id, kind, record_id, field, sealed)

    def unseal_fields(self, conn: Connection, kind: RecordKind, field: str,
                      items: Sequence[tuple[Access, str, bytes]]) -> list[bytes | None]:
        """`unseal_field` for one field of many clients' records at once (a page of a list):
        each item is the gate's `access` for a client, the record's id and the sealed value.
        The destroyed list is read once for the batch, as one read checks it once; None where
        a value cannot be decrypted (a destroyed client, a ciphertext out of place)."""
        destroyed = self._secrets.destroyed() if self._secrets is not None else frozenset()
        found: list[bytes | None] = []
        for access, record_id, sealed in items:
            subject_id = access.client_id if isinstance(access, Access) else ""
            _require(access, subject_id)
            if subject_id in destroyed and subject_id != self._practice_id:
                self.forget(subject_id)
                found.append(None)
                continue
            data_key = self._key(conn, subject_id)
            where = FieldLocation(self._practice_id, subject_id, kind, record_id, field)
            try:
                found.append(unseal(data_key.key, data_key.version, Sealed(sealed), where))
            except DecryptionFailed:
                found.append(None)
        return found

    def _unseal(self, conn: Connection, subject_id: str, kind: RecordKind, record_id: str,
                field: str, sealed: bytes) -> bytes:
        data_key = self.get(conn, subject_id)
        where = FieldLocation(self._practice_id, subject_id, kind, record_id, field)
        return unseal(data_key.key, data_key.version, Sealed(sealed), where)

    def seal_credential(self, conn: Connection, scope_id: str, kind: RecordKind, record_id: str,
                        field: str, plaintext: bytes) -> Sealed:
        """Seal a sign-in credential (RecordKind.USER and RecordKind.PORTAL_ACCOUNT only)."""
        _credential(kind)
        return self._seal(conn, scope_id, kind, record_id, field, plaintext)

    def unseal_credential(self, conn: Connection, scope_id: str, kind: RecordKind, record_id: str,
                          field: str, sealed: bytes) -> bytes:
        """Unseal a sign-in credential (RecordKind.USER and RecordKind.PORTAL_ACCOUNT only): no
        client decision is needed to check a sign-in; any other kind raises AccessUnproven."""
        _credential(kind)
        return self._unseal(conn, scope_id, kind, record_id, field, sealed)

    def rewrap(self, conn: Connection, stored: Sequence[StoredKey], to_version: int) -> None:
        """Re-wrap data keys under KEK `to_version`, with one statement for the lot; the data
        they protect is not touched. A key whose KEK version changed meanwhile is left as is."""
        if not stored:
            return
        bound_now = dict(conn.execute(
            select(data_keys.c.subject_id, data_keys.c.subject_secret)
            .where(data_keys.c.subject_id.in_([key.subject_id for key in stored]))).all())
        updates = []
        for key in stored:
            was_bound = bool(bound_now.get(key.subject_id))
            raw = unwrap_data_key(
                self._kek_for(key.subject_id, key.kek_version, was_bound),
                WrappedKey(key.wrapped_key, key.kek_version),
                practice_id=self._practice_id,
                subject_kind=key.subject_kind,
                subject_id=key.subject_id,
            )
            # A client key made before per-client secrets existed is bound to one now: its
            # secret is durable on disk before the row that needs it commits.
            bound = was_bound or (self._binds(key.subject_kind)
                                  and not self._is_destroyed(key.subject_id))
            if bound and not was_bound:
                assert self._secrets is not None
                self._secrets.create(key.subject_id)
            rewrapped = wrap_data_key(
                self._kek_for(key.subject_id, to_version, bound),
                to_version,
                raw,
                practice_id=self._practice_id,
                subject_kind=key.subject_kind,
                subject_id=key.subject_id,
            )
            updates.append(
                {
                    "b_subject_id": key.subject_id,
                    "b_from": key.kek_version,
                    "b_wrapped_key": rewrapped.ciphertext,
                    "b_to": to_version,
                    "b_bound": bound,
                }
            )
        conn.execute(_REWRAP, updates)

    def destroy(self, conn: Connection, subject_id: str) -> None:
        """Crypto-shred a client: list it as destroyed and destroy its secret (outside the
        database, at once and for good), then delete its wrapped data key in the caller's
        transaction. Should that transaction roll back, the key is gone all the same and the
        client's records answer KeyDestroyed; running the destruction again finishes it."""
        if self._secrets is None:
            raise KeyMissing("this key ring has no per-client secrets to destroy")
        self._secrets.destroy(subject_id)
        self.forget(subject_id)
        conn.execute(delete(data_keys).where(data_keys.c.subject_id == subject_id))

    def is_destroyed(self, subject_id: str) -> bool:
        return self._is_destroyed(subject_id)

    def _is_destroyed(self, subject_id: str) -> bool:
        return self._secrets is not None and subject_id != self._practice_id and \
            self._secrets.is_destroyed(subject_id)

    def _binds(self, subject_kind: str) -> bool:
        return self._secrets is not None and subject_kind == SUBJECT_CLIENT

    def _kek_for(self, subject_id: str, kek_version: int, bound: bool) -> bytes:
        kek = self._provider.kek(kek_version)
        if not bound:
            return kek
        if self._secrets is None:
            raise KeyMissing("this key ring has no per-client secrets")
        return subject_bound_kek(kek, self._secrets.secret(subject_id))

    def forget(self, subject_id: str) -> None:
        with self._lock:
            self._cache.pop(subject_id, None)

    def _remember(self, subject_id: str, data_key: DataKey) -> None:
        with self._lock:
            self._cache[subject_id] = data_key
            self._cache.move_to_end(subject_id)
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)


def _require(access: Access | None, client_id: str) -> None:
    # Only the gate can construct an Access (its token is checked when one is made); a missing
    # proof, a look-alike object or a proof for another client is refused here.
    if not isinstance(access, Access) or access.client_id != client_id:
        raise AccessUnproven("a client's record is opened only with the gate's decision for it")


def _credential(kind: RecordKind) -> None:
    # isinstance too: a plain str equal to a credential kind's value is still not one.
    if not isinstance(kind, RecordKind) or kind not in CREDENTIAL_KINDS:
        raise AccessUnproven("only sign-in credentials are unsealed without a client decision")
