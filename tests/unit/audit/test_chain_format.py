"""The hash format is fixed: logs written by any version must verify with every later one. The
fast per-event digest must stay byte-for-byte the documented `encode` under SHA-256."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from closeddoor.audit.chain import GENESIS_HASH, AuditEntry, encode, link, link_hash, verify_rows

# Known answers, computed with the original implementation: sha256(prev.encode() + encode(...)).
KNOWN = (
    (AuditEntry("2026-01-05T08:00:00.000000+00:00", "u-1", "record:note:read", "allow", "c-1",
                "n-1", "care-team", ""),
     "02ccda24fee3e61e9f4745237345c24f5826d87e418a23ed5a50f32c72f60a1f"),
    (AuditEntry("2026-01-05T08:00:01.000000+00:00", "système", "record:note:create", "ok", "c-é",
                "n-2", "care-team", '{"note_format":"soap"}'),
     "ced331f53168c5c681ac0760317299196d8c1c9f9d704dc0785b7701c86fc52a"),
)


def test_link_matches_known_hashes_when_format_unchanged() -> None:
    chain = link((0, GENESIS_HASH), [entry for entry, _ in KNOWN])
    assert [event.hash for event in chain] == [digest for _, digest in KNOWN]


text = st.text(max_size=20)
entries = st.builds(AuditEntry, at=text, actor_id=text, tag=text, outcome=text,
                    client_id=text, resource_id=text, reason=text, details=text)


@given(prev=st.text(max_size=64), seq=st.integers(0, 10**12), entry=entries)
def test_link_hash_equals_documented_encoding_when_fields_are_any_text(
    prev: str, seq: int, entry: AuditEntry
) -> None:
    expected = hashlib.sha256(prev.encode() + encode(seq, entry)).hexdigest()
    assert link_hash(prev, seq, entry) == expected


@given(st.lists(entries, min_size=1, max_size=8))
def test_verify_rows_accepts_stored_rows_when_untouched(chained_entries: list[AuditEntry]) -> None:
    chain = link((0, GENESIS_HASH), chained_entries)
    rows = [(e.seq, e.entry.at, e.entry.actor_id, e.entry.tag, e.entry.outcome, e.entry.client_id,
             e.entry.resource_id, e.entry.reason, e.entry.details, e.prev_hash, e.hash)
            for e in chain]
    assert verify_rows(rows) == (chain[-1].seq, chain[-1].hash)
