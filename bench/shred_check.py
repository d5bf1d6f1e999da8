"""The destroyed-list check on the hot read path: `KeyRing.get` for a cached client key, with
per-client secrets (a stat of `destroyed-subjects.log` on every call, so another worker's
destruction is seen at once) next to the same keyring without them (the cache alone).

    python bench/shred_check.py            # 1,000 destroyed clients, 200,000 cached reads each
    python bench/shred_check.py --quick    # 100 destroyed clients, 20,000 reads
"""

from __future__ import annotations

import argparse
import tempfile
import timeit
import uuid
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from _common import aim, load_average
from sqlalchemy import create_engine

from closeddoor.crypto import LocalKeyFile, LocalSubjectSecrets
from closeddoor.store.keyring import SUBJECT_CLIENT, KeyRing
from closeddoor.store.tables import data_keys, metadata

AIM_MICROSECONDS = 10.0  # per cached read: far below a request's milliseconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    destroyed, reads = (100, 20_000) if args.quick else (1_000, 200_000)
    print(f"load average before: {load_average()}")
    with tempfile.TemporaryDirectory() as folder:
        key_dir = Path(folder) / "keys"
        keys = LocalKeyFile(key_dir)
        keys.create("bench-practice")
        secrets = LocalSubjectSecrets(key_dir)
        for _ in range(destroyed):
            secrets.destroy(str(uuid.uuid4()))
        engine = create_engine("sqlite://")
        metadata.create_all(engine, tables=[data_keys])
        client = str(uuid.uuid4())
        figures = {}
        for label, ring in (("cache only", KeyRing(keys, "bench-practice")),
                            ("cache + destroyed list", KeyRing(keys, "bench-practice",
                                                               subject_secrets=secrets))):
            subject = f"{client[:-4]}{len(figures):04d}"
            with engine.begin() as conn:
                ring.create(conn, SUBJECT_CLIENT, subject, datetime.now(UTC))
                seconds = timeit.timeit(partial(ring.get, conn, subject), number=reads)
            figures[label] = seconds / reads * 1e6
            print(f"{label:>24}: {figures[label]:.2f} µs per cached read")
    extra = figures["cache + destroyed list"] - figures["cache only"]
    print(f"{'the check costs':>24}: {extra:.2f} µs per read ({destroyed} destroyed clients)")
    print(f"load average after: {load_average()}")
    print(aim(f"a cached read with the check within {AIM_MICROSECONDS:.0f} µs",
              figures["cache + destroyed list"] <= AIM_MICROSECONDS,
              f"{figures['cache + destroyed list']:.2f} µs"))


if __name__ == "__main__":
    main()
