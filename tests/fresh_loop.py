"""Running a coroutine to the end from a test, on a thread of its own.

The browser tests' session-wide Playwright (sync API) keeps its event loop marked as running in
the main thread for the rest of the session, so `asyncio.run` there raises. A new thread has no
running loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_in_fresh_loop(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """`asyncio.run(main())` in a new thread: its value, or its exception raised here. The
    coroutine is made in that thread too, so none is left un-awaited if the thread fails."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(lambda: asyncio.run(main())).result()
