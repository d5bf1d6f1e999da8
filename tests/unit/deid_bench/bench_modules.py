"""The bench scripts, imported by their module names as they import one another (they are
scripts, not a package: `bench/` goes at the end of the path, so it shadows nothing)."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType

BENCH = str(Path(__file__).parents[3] / "bench")


def bench_module(name: str) -> ModuleType:
    if BENCH not in sys.path:
        sys.path.append(BENCH)
    return importlib.import_module(name)
