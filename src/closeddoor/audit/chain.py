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
AUDIT_ID_CHARS = 36  # the width of an event's client and resource ids (store/tables.py)


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
    return _digest(
        prev_hash,
        seq,
        entry.at,
        entry.actor_id,
        entry.tag,
        entry.outcome,
        entry.client_id,
        entry.resource_id,
        entry.reason,
        entry.details,
    )


def _digest(
    prev_hash: str,
    seq: int,
    at: str,
    actor_id: str,
    tag: str,
    outcome: str,
    client_id: str,
    resource_id: str,
    reason: str,
    details: str,
) -> str:
    """SHA-256 over prev_hash.encode() + encode(seq, entry), spelled out in one f-string: this
    runs once per event on every append and verification (a test pins it to `encode`)."""
    s = str(seq)
    return hashlib.sha256(
        f"{prev_hash}{len(s)}:{s}{len(at)}:{at}{len(actor_id)}:{actor_id}{len(tag)}:{tag}"
        f"{len(outcome)}:{outcome}{len(client_id)}:{client_id}{len(resource_id)}:{resource_id}"
        f"{len(reason)}:{reason}{len(details)}:{details}".encode()
    ).hexdigest()


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
    return verify_rows(
        (
            (
                e.seq,
                e.entry.at,
                e.entry.actor_id,
                e.entry.tag,
                e.entry.outcome,
                e.entry.client_id,
                e.entry.resource_id,
                e.entry.reason,
                e.entry.details,
                e.prev_hash,
                e.hash,
            )
            for e in events
        ),
        after,
    )


EventRow = tuple[int, str, str, str, str, str, str, str, str, str, str]
"""An event as stored: seq, at, actor_id, tag, outcome, client_id, resource_id, reason, details,
prev_hash, hash (the audit_events columns, in that order)."""


def verify_rows(
    rows: Iterable[EventRow], after: tuple[int, str] = (0, GENESIS_HASH)
) -> tuple[int, str]:
    """`verify` over stored rows, with no objects built per event: the verification fast path.

    Raises AuditChainBroken naming the first event that does not fit.
    """
    expected_seq, chain_hash = after
    for seq, at, actor, tag, outcome, client, resource, reason, details, prev, digest in rows:
        expected_seq += 1
        if seq != expected_seq:
            raise AuditChainBroken(expected_seq, f"expected event {expected_seq}, found {seq}")
        if prev != chain_hash:
            raise AuditChainBroken(seq, "does not follow the previous event")
        if _digest(prev, seq, at, actor, tag, outcome, client, resource, reason, details) != digest:
            raise AuditChainBroken(seq, "contents do not match its hash")
        chain_hash = digest
    return expected_seq, chain_hash


def checkpoint_message(practice_id: str, seq: int, event_hash: str) -> bytes:
    return f"closeddoor/audit-checkpoint/v1|{practice_id}|{seq}|{event_hash}".encode()


def restore_message(practice_id: str, seq: int, event_hash: str) -> bytes:
    """What a restore line in the anchor file signs: the practice's database was put back as it
    was at event `seq` (a label of its own, so no checkpoint signature can pass for one)."""
    return f"closeddoor/audit-restore/v1|{practice_id}|{seq}|{event_hash}".encode()
