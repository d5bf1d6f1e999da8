"""What a backup says about itself: when it was taken, of which practice, at which schema
revision and audit head (with the newest signed checkpoint), the row count of every table, and
the SHA-256 of the database snapshot it carries. Pure: no I/O."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any

from closeddoor.errors import BackupInvalid

FORMAT = "closeddoor-backup/1"
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"  # Ed25519, by the practice's audit signing key
PAYLOAD_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


@dataclass(frozen=True)
class Manifest:
    created_at: str  # ISO 8601, UTC
    practice_id: str
    database: str  # "sqlite" or "postgresql"
    schema_revision: str
    audit_head_seq: int
    audit_head_hash: str
    checkpoint_seq: int  # 0: the log had no signed checkpoint
    checkpoint_hash: str
    checkpoint_signature: str  # hex
    counts: dict[str, int]
    payload_sha256: str
    payload_bytes: int
    format: str = FORMAT

    @property
    def payload_name(self) -> str:
        return PAYLOAD_NAMES[self.database]

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        """The manifest, or BackupInvalid saying what is wrong with it."""
        try:
            document = json.loads(raw)
        except (ValueError, UnicodeDecodeError):
            raise BackupInvalid("the backup's manifest is not valid JSON") from None
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise BackupInvalid("the backup's manifest is of an unknown format")
        values: dict[str, Any] = {}
        for field in fields(cls):
            value = document.get(field.name)
            wanted = {"int": int, "str": str, "dict[str, int]": dict}[str(field.type)]
            if not isinstance(value, wanted) or isinstance(value, bool):
                raise BackupInvalid(f'the backup\'s manifest field "{field.name}" is missing '
                                    "or of the wrong type")
            values[field.name] = value
        if values["database"] not in PAYLOAD_NAMES:
            raise BackupInvalid("the backup's manifest names an unknown database")
        if not all(isinstance(k, str) and isinstance(v, int) for k, v in values["counts"].items()):
            raise BackupInvalid('the backup\'s manifest field "counts" is malformed')
        return cls(**values)


def signed_message(manifest_json: bytes) -> bytes:
    """What the manifest's signature signs (a label of its own: no checkpoint signature can
    pass for one). The manifest holds the snapshot's SHA-256, so this vouches for it too."""
    return b"closeddoor/backup-manifest/v1|" + manifest_json


def count_differences(expected: dict[str, int], found: dict[str, int]) -> list[str]:
    """Tables whose row counts differ, as `table: expected N, found M` (names and numbers)."""
    return [f"{table}: expected {expected.get(table, 0)}, found {found.get(table, 0)}"
            for table in sorted(set(expected) | set(found))
            if expected.get(table, 0) != found.get(table, 0)]
