"""The pure hash chain: link an event to its predecessor, verify a run of events.

Each event's hash is SHA-256 over the previous hash and a length-prefixed encoding of the event's
fields, so editing, deleting, inserting or reordering any event breaks the chain at that event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from closeddoor.errors import AuditChainBroken

GENESIS_HASH = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """An event before it is chained. Ids and fixed phrases only: no names, no note text."""

    at: str
    actor_id: str
    tag: str
    outcome: str
    client_id: str = ""
    resource_id: str = ""
    reason: str = ""
    details: str = ""


@dataclass(frozen=True)
class ChainedEvent:
    seq: int
    entry: AuditEntry
    prev_hash: str
    hash: str


def encode(seq: int, entry: AuditEntry) -> bytes:
    fields = (
        str(seq),
        entry.at,
        entry.actor_id,
        entry.tag,
        entry.outcome,
        entry.client_id,
        entry.resource_id,
        entry.reason,
        entry.details,
    )
    return "".join(f"{len(f)}:{f}" for f in fields).encode()


def link_hash(prev_hash: str, seq: int, entry: AuditEntry) -> str:
    return hashlib.sha256(prev_hash.encode() + encode(seq, entry)).hexdigest()


def link(prev: tuple[int, str], entries: Iterable[AuditEntry]) -> list[ChainedEvent]:
    """Chain `entries` after the event (seq, hash) given as `prev`."""
    seq, prev_hash = prev
    chained = []
    for entry in entries:
        seq += 1
        digest = link_hash(prev_hash, seq, entry)
        chained.append(ChainedEvent(seq, entry, prev_hash, digest))
        prev_hash = digest
    return chained


def verify(
    events: Iterable[ChainedEvent], after: tuple[int, str] = (0, GENESIS_HASH)
) -> tuple[int, str]:
    """Check that `events` continue the chain after (seq, hash); return the last (seq, hash).

    Raises AuditChainBroken naming the first event that does not fit.
    """
    expected_seq, prev_hash = after
    for event in events:
        expected_seq += 1
        if event.seq != expected_seq:
            raise AuditChainBroken(
                expected_seq, f"expected event {expected_seq}, found {event.seq}"
            )
        if event.prev_hash != prev_hash:
            raise AuditChainBroken(event.seq, "does not follow the previous event")
        if link_hash(prev_hash, event.seq, event.entry) != event.hash:
            raise AuditChainBroken(event.seq, "contents do not match its hash")
        prev_hash = event.hash
    return expected_seq, prev_hash


def checkpoint_message(practice_id: str, seq: int, event_hash: str) -> bytes:
    return f"closeddoor/audit-checkpoint/v1|{practice_id}|{seq}|{event_hash}".encode()
