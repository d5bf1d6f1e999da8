"""Blocking work on the event loop's thread (`closeddoor.inline`): its waits are awaits, so the
loop goes on; results, errors, time-outs and cancellation reach the work; each run keeps its
own context variables; work that waits on a lock goes to a worker thread."""

from __future__ import annotations

import asyncio
import contextvars
import threading
import time
from concurrent.futures import Future

import pytest

from closeddoor.inline import blocking, run_inline, wait_for
from tests.fresh_loop import run_in_fresh_loop

_WHO: contextvars.ContextVar[str] = contextvars.ContextVar("who", default="nobody")


def _resolve_later(future: Future[str], value: str, delay: float) -> None:
    def resolve() -> None:
        time.sleep(delay)
        future.set_result(value)

    threading.Thread(target=resolve, daemon=True).start()


def test_work_runs_on_the_loops_thread_and_returns_its_value() -> None:
    async def main() -> tuple[str, int]:
        return await run_inline(lambda: ("done", threading.get_ident())), threading.get_ident()

    (value, work_thread), loop_thread = run_in_fresh_loop(main)
    assert value == "done"
    assert work_thread == loop_thread


def test_a_wait_inside_the_work_lets_the_loop_serve_others_meanwhile() -> None:
    ticks: list[float] = []

    async def ticker() -> None:
        for _ in range(5):
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)

    def slow_then_fast(order: list[str], name: str, delay: float) -> str:
        future: Future[str] = Future()
        _resolve_later(future, name, delay)
        got = wait_for(future, timeout=5)
        order.append(got)
        return got

    async def main() -> list[str]:
        order: list[str] = []
        await asyncio.gather(run_inline(lambda: slow_then_fast(order, "slow", 0.2)),
                             run_inline(lambda: slow_then_fast(order, "fast", 0.02)),
                             ticker())
        return order

    started = time.monotonic()
    order = run_in_fresh_loop(main)
    assert order == ["fast", "slow"]  # the slow wait held up neither the fast one nor the loop
    assert len(ticks) == 5 and ticks[-1] - started < 0.15


def test_an_error_of_the_awaited_future_is_raised_inside_the_work() -> None:
    def work() -> str:
        future: Future[str] = Future()
        future.set_exception(OSError("disk full"))
        try:
            wait_for(future, timeout=5)
        except OSError as exc:
            return f"caught {exc}"
        return "not raised"

    assert run_in_fresh_loop(lambda: run_inline(work)) == "caught disk full"


def test_an_error_of_the_work_reaches_the_caller() -> None:
    def work() -> None:
        raise LookupError("no such note")

    with pytest.raises(LookupError, match="no such note"):
        run_in_fresh_loop(lambda: run_inline(work))


def test_a_wait_that_outlasts_its_timeout_raises_timeout_error_in_the_work() -> None:
    def work() -> str:
        try:
            wait_for(Future(), timeout=0.05)
        except TimeoutError:
            return "timed out"
        return "answered"

    assert run_in_fresh_loop(lambda: run_inline(work)) == "timed out"


def test_cancelling_a_parked_run_unwinds_the_work_and_spares_the_resolving_thread() -> None:
    future: Future[str] = Future()
    unwound = threading.Event()

    def work() -> str:
        try:
            return wait_for(future, timeout=5)
        finally:
            unwound.set()

    async def main() -> None:
        task = asyncio.ensure_future(run_inline(work))
        await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run_in_fresh_loop(main)
    assert unwound.is_set()
    future.set_result("late")  # the writer's side: the shared future was never cancelled
    assert future.result() == "late"


def test_each_run_keeps_its_own_context_across_its_wait() -> None:
    def work(name: str, delay: float) -> str:
        _WHO.set(name)
        future: Future[str] = Future()
        _resolve_later(future, "", delay)
        wait_for(future, timeout=5)
        return _WHO.get()

    async def main() -> list[str]:
        return list(await asyncio.gather(run_inline(lambda: work("first", 0.05)),
                                         run_inline(lambda: work("second", 0.01))))

    assert run_in_fresh_loop(main) == ["first", "second"]
    assert _WHO.get() == "nobody"


def test_outside_a_run_the_wait_blocks_this_thread() -> None:
    future: Future[str] = Future()
    _resolve_later(future, "blocking", 0.02)
    assert wait_for(future, timeout=5) == "blocking"
    with pytest.raises(TimeoutError):
        wait_for(Future(), timeout=0.02)


def test_blocking_work_inside_a_run_goes_to_a_worker_thread_while_the_loop_goes_on() -> None:
    lock_released = threading.Event()
    ticks: list[float] = []

    def wait_on_the_lock() -> int:  # a write waiting for the write lock another holds
        assert lock_released.wait(timeout=5)
        return threading.get_ident()

    async def other_requests() -> None:
        for _ in range(5):
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)
        lock_released.set()

    async def main() -> tuple[int, int]:
        worker, _ = await asyncio.gather(run_inline(lambda: blocking(wait_on_the_lock)),
                                         other_requests())
        return worker, threading.get_ident()

    worker_thread, loop_thread = run_in_fresh_loop(main)
    assert worker_thread != loop_thread
    assert len(ticks) == 5  # the loop served others while the work waited


def test_an_error_of_blocking_work_is_raised_inside_the_run() -> None:
    def failing_write() -> None:
        raise OSError("database is locked")

    def work() -> str:
        try:
            blocking(failing_write)
        except OSError as exc:
            return f"caught {exc}"
        return "not raised"

    assert run_in_fresh_loop(lambda: run_inline(work)) == "caught database is locked"


def test_outside_a_run_blocking_work_runs_on_this_thread() -> None:
    assert blocking(threading.get_ident) == threading.get_ident()


def test_a_cancelled_run_still_lets_its_blocking_work_finish() -> None:
    finished = threading.Event()

    def write() -> None:
        time.sleep(0.1)
        finished.set()

    async def main() -> None:
        task = asyncio.ensure_future(run_inline(lambda: blocking(write)))
        await asyncio.sleep(0.02)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run_in_fresh_loop(main)
    assert finished.wait(timeout=5)  # the worker finished the work: never cut off half-way
