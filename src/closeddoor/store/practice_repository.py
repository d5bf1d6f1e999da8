"""SQL for the practice itself: its row (name, key check value) and the data keys a KEK rotation
re-wraps.

Functions take the caller's `Connection` and read or write rows; wrapped keys go in and come out
wrapped. The rules (first-time setup, when a key folder matches, rotating in batches) live in
`closeddoor.practice`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Row, func, insert, select, update

from closeddoor.store.tables import data_keys, practice


# --- the practice row -----------------------------------------------------------------------------
def insert_practice(conn: Connection, **values: Any) -> None:
    conn.execute(insert(practice).values(**values))


def practice_key_checks(conn: Connection) -> Sequence[Row[Any, Any]]:
    """Every practice row's `id` and `key_check` (there should be one)."""
    return conn.execute(select(practice.c.id, practice.c.key_check)).all()


def record_missing_key_check(conn: Connection, key_check: str) -> None:
    """Set the key check value where none is recorded yet."""
    conn.execute(update(practice).where(practice.c.key_check.is_(None))
                 .values(key_check=key_check))


def practice_count(conn: Connection) -> int:
    count: int = conn.execute(select(func.count()).select_from(practice)).scalar_one()
    return count


# --- data keys under older KEK versions -----------------------------------------------------------
def count_wrapped_keys_before(conn: Connection, kek_version: int) -> int:
    """How many data keys (not destroyed) are still wrapped under a KEK older than
    `kek_version`."""
    count: int = conn.execute(select(func.count()).where(
        data_keys.c.kek_version < kek_version, data_keys.c.wrapped_key.is_not(None)
    )).scalar_one()
    return count


def wrapped_keys_before(conn: Connection, kek_version: int, limit: int
                        ) -> Sequence[Row[Any, Any, Any, Any]]:
    """Up to `limit` data keys (`subject_id`, `subject_kind`, `wrapped_key`, `kek_version`)
    still wrapped under a KEK older than `kek_version`."""
    return conn.execute(
        select(
            data_keys.c.subject_id,
            data_keys.c.subject_kind,
            data_keys.c.wrapped_key,
            data_keys.c.kek_version,
        )
        .where(data_keys.c.kek_version < kek_version, data_keys.c.wrapped_key.is_not(None))
        .limit(limit)
    ).all()
