"""A serving process's warm-up leaves the collector nothing of the start-up to walk: its
objects are frozen (`gc.freeze`), so no full collection stops every thread for hundreds of
milliseconds under load (docs/performance.md)."""

from __future__ import annotations

import gc

from closeddoor.cli.serve import warm_deidentifier


def test_warm_up_freezes_what_the_start_up_made_out_of_the_collector() -> None:
    gc.unfreeze()
    try:
        assert len(gc.get_objects()) > 10_000  # the test process's own objects, tracked
        warm_deidentifier()
        assert gc.get_freeze_count() > 10_000
        assert len(gc.get_objects(generation=2)) < 1_000  # what is left for a full pass
    finally:
        gc.unfreeze()
