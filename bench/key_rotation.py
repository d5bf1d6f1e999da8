"""Key-rotation benchmark: `PracticeService.rotate_kek` re-wrapping 100,000 clients' data keys.

The data keys are made and wrapped with the real crypto recipes and inserted directly (creating
100,000 clients through the service would only time client creation). Afterwards a sample of keys
must unwrap under the new KEK to the very bytes they held before. The baseline is the same number
of unwrap-and-wrap operations in memory, with no database: the floor for this work in Python.

    python bench/key_rotation.py            # 100,000 data keys
    python bench/key_rotation.py --quick    # 5,000 data keys
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
import uuid
from pathlib import Path

from _common import aim, load_average, machine, print_table
from sqlalchemy import insert, select

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.bootstrap import Services
from closeddoor.config import load_settings
from closeddoor.crypto import WrappedKey, new_data_key, unwrap_data_key, wrap_data_key
from closeddoor.setup import initialize
from closeddoor.store.tables import data_keys

SAMPLE = 200


def add_data_keys(services: Services, count: int) -> dict[str, bytes]:
    """`count` client data keys wrapped under the current KEK; returns a sample of raw keys."""
    keys, practice_id = services.keys, services.runtime.practice_id
    version, now = keys.current_kek_version(), services.runtime.now()
    rows, raw = [], {}
    for _ in range(count):
        subject_id, data_key = str(uuid.uuid4()), new_data_key()
        wrapped = wrap_data_key(keys.kek(version), version, data_key, practice_id=practice_id,
                                subject_kind="client", subject_id=subject_id)
        rows.append({"subject_id": subject_id, "subject_kind": "client", "created_at": now,
                     "wrapped_key": wrapped.ciphertext, "kek_version": version, "key_version": 1})
        raw[subject_id] = data_key
    with services.engine.begin() as conn:
        conn.execute(insert(data_keys), rows)
    return dict(random.sample(sorted(raw.items()), min(SAMPLE, count)))


def unchanged_under_new_kek(services: Services, sample: dict[str, bytes], version: int) -> bool:
    with services.engine.connect() as conn:
        stored = conn.execute(
            select(data_keys.c.subject_id, data_keys.c.wrapped_key, data_keys.c.kek_version)
            .where(data_keys.c.subject_id.in_(list(sample)))
        ).all()
    kek = services.keys.kek(version)
    return len(stored) == len(sample) and all(
        row.kek_version == version
        and unwrap_data_key(kek, WrappedKey(row.wrapped_key, version),
                            practice_id=services.runtime.practice_id, subject_kind="client",
                            subject_id=row.subject_id) == sample[row.subject_id]
        for row in stored
    )


def crypto_only(count: int) -> float:
    """Seconds to unwrap and re-wrap `count` keys in memory: the work without the database."""
    old_kek, new_kek, practice_id = new_data_key(), new_data_key(), str(uuid.uuid4())
    subjects = [str(uuid.uuid4()) for _ in range(count)]
    wrapped = [wrap_data_key(old_kek, 1, new_data_key(), practice_id=practice_id,
                             subject_kind="client", subject_id=s) for s in subjects]
    began = time.perf_counter()
    for subject, key in zip(subjects, wrapped, strict=True):
        raw = unwrap_data_key(old_kek, key, practice_id=practice_id, subject_kind="client",
                              subject_id=subject)
        wrap_data_key(new_kek, 2, raw, practice_id=practice_id, subject_kind="client",
                      subject_id=subject)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5,000 data keys")
    parser.add_argument("--keys", type=int, help="client data keys to re-wrap")
    args = parser.parse_args()
    count = args.keys or (5_000 if args.quick else 100_000)
    print(f"machine: {machine()}; load average {load_average()}")
    work = Path(tempfile.mkdtemp(prefix="closeddoor-bench-keys-"))
    try:
        services = initialize(load_settings(data_dir=work / "data"), "Benchmark practice")
        began = time.perf_counter()
        sample = add_data_keys(services, count)
        print(f"stored {count:,} client data keys in {time.perf_counter() - began:.1f} s\n")
        began = time.perf_counter()
        rotation = services.practice.rotate_kek(SYSTEM_ACTOR)
        seconds = time.perf_counter() - began
        intact = unchanged_under_new_kek(services, sample, rotation.kek_version)
        services.close()
        floor = crypto_only(rotation.rewrapped)
        print_table(("run", "data keys", "seconds", "keys/s"), [
            ("rotate_kek (SQLite, committed batches)", rotation.rewrapped, seconds,
             rotation.rewrapped / seconds),
            ("baseline: unwrap + wrap in memory", rotation.rewrapped, floor,
             rotation.rewrapped / floor),
        ])
        print(f"\nbaseline comparison: rotate_kek takes {seconds / floor:.1f}x the in-memory "
              f"crypto alone; {rotation.rewrapped:,} of {count:,} client keys (plus the practice's "
              f"own) re-wrapped under KEK version {rotation.kek_version}")
        print("checks:")
        print(aim("every key re-wrapped", rotation.rewrapped == count + 1,
                  f"{rotation.rewrapped:,} re-wrapped for {count:,} clients and the practice"))
        print(aim(f"a sample of {len(sample)} keys unwraps to the same bytes under the new KEK",
                  intact, "yes" if intact else "NO"))
        print(f"load average after: {load_average()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
