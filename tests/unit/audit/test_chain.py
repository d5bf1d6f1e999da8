from __future__ import annotations

import dataclasses

import pytest

from closeddoor.audit.chain import GENESIS_HASH, AuditEntry, ChainedEvent, link, verify
from closeddoor.errors import AuditChainBroken


def entries(n: int) -> list[AuditEntry]:
    return [AuditEntry(at=f"2026-01-01T00:00:{i:02d}", actor_id=f"u{i % 3}",
                       tag="record:note:read", outcome="allow", client_id="c1",
                       resource_id=f"n{i}", reason="care-team") for i in range(n)]


def test_linked_events_verify_when_untouched() -> None:
    chain = link((0, GENESIS_HASH), entries(5))
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert verify(chain) == (5, chain[-1].hash)


def test_verify_continues_after_a_trusted_point_when_given_one() -> None:
    chain = link((0, GENESIS_HASH), entries(6))
    assert verify(chain[3:], after=(3, chain[2].hash)) == (6, chain[-1].hash)


def test_edit_detected_at_the_edited_event_when_a_field_changes() -> None:
    chain = link((0, GENESIS_HASH), entries(5))
    forged = dataclasses.replace(chain[2].entry, outcome="deny")
    chain[2] = dataclasses.replace(chain[2], entry=forged)
    with pytest.raises(AuditChainBroken) as caught:
        verify(chain)
    assert caught.value.seq == 3


def test_deletion_detected_when_an_event_is_missing() -> None:
    chain = link((0, GENESIS_HASH), entries(5))
    del chain[1]
    with pytest.raises(AuditChainBroken) as caught:
        verify(chain)
    assert caught.value.seq == 2


def test_reordering_detected_when_two_events_swap() -> None:
    chain = link((0, GENESIS_HASH), entries(5))
    chain[1], chain[2] = chain[2], chain[1]
    with pytest.raises(AuditChainBroken) as caught:
        verify(chain)
    assert caught.value.seq == 2


def test_rehashed_forgery_detected_by_the_next_event_when_inserted() -> None:
    chain = link((0, GENESIS_HASH), entries(4))
    # An attacker who recomputes the forged event's own hash still breaks its successor.
    forged = link((1, chain[0].hash), [dataclasses.replace(chain[1].entry, actor_id="intruder")])
    tampered: list[ChainedEvent] = [chain[0], forged[0], *chain[2:]]
    with pytest.raises(AuditChainBroken) as caught:
        verify(tampered)
    assert caught.value.seq == 3


def test_field_boundaries_cannot_shift_when_values_are_concatenated() -> None:
    a = link((0, GENESIS_HASH), [AuditEntry("t", "ab", "c", "ok")])[0]
    b = link((0, GENESIS_HASH), [AuditEntry("t", "a", "bc", "ok")])[0]
    assert a.hash != b.hash
