"""The audit chain stays one line when many requests, in two independent app instances (two
engines, two audit writers -- as two worker processes would be), read and write at once."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

from tests.factories import ClientFactory, NoteFactory, Practice, marker
from tests.integration.helpers import scalar, sql

READS_PER_WORKER = 40
WRITES_PER_WORKER = 5


def test_chain_stays_linear_when_two_instances_read_and_write_concurrently(
    practice: Practice,
) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    text = marker("note")
    note_id = NoteFactory.progress(practice, client_id, body=text)
    instances = [practice.services, practice.reopen()]
    clinician = practice.actor("clinician1")
    before = scalar(practice, "SELECT max(seq) FROM audit_events")

    def work(worker: int) -> list[str]:
        services = instances[worker % 2]
        bodies = []
        for i in range(READS_PER_WORKER):
            if i % 8 == 0 and i // 8 < WRITES_PER_WORKER:
                services.notes.create_note(clinician, client_id,
                                           {"kind": "progress", "body": marker("write")})
            bodies.append(services.notes.get_note(clinician, client_id, note_id).body)
        return bodies

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    assert all(body == text for bodies in results for body in bodies)

    reads = scalar(practice, "SELECT count(*) FROM audit_events WHERE tag = 'record:note:read' "
                   "AND resource_id = :n AND seq > :s", n=note_id, s=before)
    writes = scalar(practice, "SELECT count(*) FROM audit_events WHERE tag = "
                    "'record:note:create' AND seq > :s", s=before)
    assert (reads, writes) == (8 * READS_PER_WORKER, 8 * WRITES_PER_WORKER)
    report = practice.services.practice.verify_audit(practice.actor("owner"))
    assert report.last_seq == scalar(practice, "SELECT max(seq) FROM audit_events") - 1
    assert report.events_checked == report.last_seq


def test_checkpoints_signed_automatically_every_n_events(practice: Practice) -> None:
    every = 7
    services = practice.reopen(dataclasses.replace(practice.settings, audit_checkpoint_every=every))
    client_id = ClientFactory.create(practice, "clinician1")
    note_id = NoteFactory.progress(practice, client_id)
    start = scalar(practice, "SELECT seq FROM audit_head")
    for _ in range(30):  # one event each, all through the instance that checkpoints every 7
        services.notes.get_note(practice.actor("clinician1"), client_id, note_id)
    points = [r[0] for r in sql(practice, "SELECT seq FROM audit_checkpoints ORDER BY seq")]
    assert points == [seq for seq in range(start + 1, start + 31) if seq % every == 0]
    report = services.practice.verify_audit(practice.actor("owner"))
    assert report.checkpoints_checked == len(points)
    signed_at_head = scalar(practice, "SELECT max(seq) FROM audit_checkpoints")
    assert signed_at_head > points[-1]  # a verified log is signed (and anchored) at its head
    partial = services.practice.verify_audit(practice.actor("owner"), from_last_checkpoint=True)
    assert partial.started_after == signed_at_head
    assert partial.events_checked == partial.last_seq - signed_at_head
