"""Audit verification benchmark: a hash chain of 1,000,000 events in a fresh data folder's SQLite
database, verified in full and from the last signed checkpoint.

The events are chained with the real `closeddoor.audit.chain.link` and bulk-inserted, with a
signed checkpoint every `audit_checkpoint_every` events (as appending would make) and one more
near the end. Each verification runs in a fresh process (timed after one warm-up call that
connects and compiles), so its peak memory is its own. The baseline reads the same rows with no
checks at all: the floor for any verification in Python over this database.

    python bench/audit_verify.py            # 1,000,000 events, each measurement 3 times
    python bench/audit_verify.py --quick    # 50,000 events
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from _common import aim, load_average, machine, own_peak_rss_mib, print_table, reset_peak_rss

from closeddoor.audit.chain import AuditEntry, checkpoint_message, link
from closeddoor.config import load_settings
from closeddoor.crypto import sign_checkpoint

AIM_EVENTS_PER_S = 300_000
CHUNK = 50_000
COLUMNS = (
    "seq, at, actor_id, tag, outcome, client_id, resource_id, reason, details, prev_hash, hash"
)


def synthetic_entries(count: int, seed: int = 7) -> Iterator[AuditEntry]:
    """Note reads and writes by a few staff over a few hundred clients: ids only, as real."""
    rng = random.Random(seed)
    staff = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(5)]
    clients = [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(500)]
    start = datetime(2026, 1, 5, 8, tzinfo=UTC)
    for index in range(count):
        at = (start + timedelta(milliseconds=25 * index)).isoformat(timespec="microseconds")
        resource = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        if index % 10:
            yield AuditEntry(
                at,
                rng.choice(staff),
                "record:note:read",
                "allow",
                rng.choice(clients),
                resource,
                "care-team",
            )
        else:
            yield AuditEntry(
                at,
                rng.choice(staff),
                "record:note:create",
                "ok",
                rng.choice(clients),
                resource,
                "care-team",
                '{"note_format":"soap"}',
            )


def build_log(data_dir: Path, events: int, last_checkpoint_gap: int) -> tuple[int, float]:
    """Fill a fresh data folder's audit log; returns (seq of the last checkpoint, seconds)."""
    from closeddoor.setup import initialize

    settings = load_settings(data_dir=data_dir)
    services = initialize(settings, "Benchmark practice (synthetic)")
    practice_id, signing_key = services.runtime.practice_id, services.keys.audit_signing_key()
    every = settings.audit_checkpoint_every
    services.close()
    began = time.perf_counter()
    database = sqlite3.connect(data_dir / "closeddoor.db", isolation_level=None)
    head_seq, head_hash = database.execute("SELECT seq, hash FROM audit_head").fetchone()
    last_mark = events - last_checkpoint_gap
    marks = {*range(every, last_mark, every), last_mark}
    entries = synthetic_entries(events)
    while head_seq < events:
        chunk = [next(entries) for _ in range(min(CHUNK, events - head_seq))]
        chained = link((head_seq, head_hash), chunk)
        database.execute("BEGIN")
        database.executemany(
            f"INSERT INTO audit_events ({COLUMNS}) VALUES ({', '.join('?' * 11)})",  # noqa: S608
            [
                (
                    c.seq,
                    c.entry.at,
                    c.entry.actor_id,
                    c.entry.tag,
                    c.entry.outcome,
                    c.entry.client_id,
                    c.entry.resource_id,
                    c.entry.reason,
                    c.entry.details,
                    c.prev_hash,
                    c.hash,
                )
                for c in chained
            ],
        )
        points = [c for c in chained if c.seq in marks]
        database.executemany(
            "INSERT INTO audit_checkpoints (seq, hash, at, signature) VALUES (?, ?, ?, ?)",
            [
                (
                    c.seq,
                    c.hash,
                    c.entry.at,
                    sign_checkpoint(signing_key, checkpoint_message(practice_id, c.seq, c.hash)),
                )
                for c in points
            ],
        )
        head_seq, head_hash = chained[-1].seq, chained[-1].hash
        database.execute(
            "UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", (head_seq, head_hash)
        )
        database.execute("COMMIT")
    database.close()
    return max(marks), time.perf_counter() - began


# --- measurements, each in a process of its own ---------------------------------------------------
Measured = tuple[float, int, int, float]  # seconds, events, checkpoints, RSS MiB before


def verify_log(data_dir: str, from_checkpoint: bool) -> Measured:
    from closeddoor.setup import open_services

    services = open_services(load_settings(data_dir=Path(data_dir)))
    services.runtime.audit.verify(from_last_checkpoint=True)  # warm-up: connect, compile
    before = reset_peak_rss()
    began = time.perf_counter()
    report = services.runtime.audit.verify(from_last_checkpoint=from_checkpoint)
    seconds = time.perf_counter() - began
    services.close()
    return seconds, report.events_checked, report.checkpoints_checked, before


def read_rows(data_dir: str, _unused: bool) -> Measured:
    """The baseline: stream the same rows from SQLite the same way, with no checks at all."""
    database = sqlite3.connect(Path(data_dir) / "closeddoor.db")
    before = reset_peak_rss()
    began = time.perf_counter()
    cursor = database.execute(f"SELECT {COLUMNS} FROM audit_events ORDER BY seq")  # noqa: S608
    count = 0
    while rows := cursor.fetchmany(1_000):
        count += len(rows)
    return time.perf_counter() - began, count, 0, before


def _child(
    task: Callable[[str, bool], Measured], data_dir: str, flag: bool, results: multiprocessing.Queue
) -> None:  # type: ignore[type-arg]
    results.put((*task(data_dir, flag), own_peak_rss_mib()))


def in_process(
    task: Callable[[str, bool], Measured], data_dir: Path, flag: bool
) -> tuple[float, int, int, float]:
    """Run one measurement in a fresh interpreter; returns it with that process's peak RSS."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    child = context.Process(target=_child, args=(task, str(data_dir), flag, results))
    child.start()
    outcome: tuple[float, int, int, float, float] = results.get()
    child.join()
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="50,000 events")
    parser.add_argument("--events", type=int, help="events in the log")
    parser.add_argument("--after-checkpoint", type=int, default=1000,
                        help="events after the last signed checkpoint")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each measurement (the median is reported)")
    args = parser.parse_args()
    events = args.events or (50_000 if args.quick else 1_000_000)
    print(f"machine: {machine()}; load average {load_average()}")
    work = Path(tempfile.mkdtemp(prefix="closeddoor-bench-audit-"))
    try:
        last_checkpoint, build_s = build_log(work / "data", events, args.after_checkpoint)
        print(f"built a log of {events:,} events in {build_s:.1f} s ({events / build_s:,.0f} "
              f"events/s with audit.chain.link); last signed checkpoint at event "
              f"{last_checkpoint:,}\n")
        runs = (("verify, full", verify_log, False),
                ("verify, from last checkpoint", verify_log, True),
                ("baseline: read the rows, no checks", read_rows, False))
        rows, measured = [], {}
        for label, task, flag in runs:
            repeats = sorted(in_process(task, work / "data", flag) for _ in range(args.repeat))
            seconds, checked, checkpoints, before, peak = repeats[len(repeats) // 2]
            measured[label] = seconds, checked
            spread = f"{checked / repeats[-1][0]:,.0f}-{checked / repeats[0][0]:,.0f}"
            rows.append((label, checked, seconds, checked / seconds, spread, checkpoints, before,
                         peak, max(peak - before, 0.0)))
        print_table(("run", "events", "seconds", "events/s", f"range of {args.repeat}",
                     "signatures checked", "RSS before MiB", "peak RSS MiB", "growth MiB"), rows)
        report(measured, args.after_checkpoint)
        print(f"load average after: {load_average()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(measured: dict[str, tuple[float, int]], after_checkpoint: int) -> None:
    full_s, full_n = measured["verify, full"]
    tail_s, tail_n = measured["verify, from last checkpoint"]
    read_s, _ = measured["baseline: read the rows, no checks"]
    rate = full_n / full_s
    print(f"\nbaseline comparison: full verification takes {full_s / read_s:.1f}x the time of "
          f"only reading the rows; from the checkpoint it checks {tail_n:,} of {full_n:,} events "
          f"in {tail_s * 1e3:.1f} ms ({tail_s / full_s:.2%} of the full run)")
    print("aims:")
    print(aim("full verification", rate >= AIM_EVENTS_PER_S,
              f"{rate:,.0f} events/s (aim >= {AIM_EVENTS_PER_S:,})"))
    print(aim("from-checkpoint cost follows the events after it", tail_n == after_checkpoint,
              f"{tail_n:,} events checked in {tail_s * 1e3:.1f} ms; at the full run's rate "
              f"they alone take {tail_n / rate * 1e3:.1f} ms"))


if __name__ == "__main__":
    main()
