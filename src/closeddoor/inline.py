"""Blocking work run on the event loop's own thread, its one long wait turned into an await.

An audited read is a few short SQLite reads, a policy decision, a durable audit append and a
decryption. All but the append take well under a millisecond; the append waits for the audit
writer's group commit (an fsync). Run in the thread pool, each read costs two hand-offs between
threads that compete for the GIL on two cores (docs/performance.md). `run_inline` runs the
same blocking code in a greenlet on the event loop's thread instead; when that code waits for
a `concurrent.futures.Future` through `wait_for`, the greenlet parks and the event loop serves
other requests until the future is resolved. Code that is not inside `run_inline` blocks in
`wait_for` as before, so the same use cases serve both paths unchanged.

Work that can wait on a lock rather than a future (a write transaction, which waits for
SQLite's write lock while another writer holds it) goes through `blocking`: inside an inline
run a worker thread does it while the greenlet parks, so a long write elsewhere never stalls
the event loop.

Each inline run has its own copy of the caller's context variables, so what one request sets
(its read snapshot) is never seen by another on the same thread.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from typing import Any, TypeVar, cast

from anyio import to_thread
from greenlet import getcurrent, greenlet

T = TypeVar("T")

# Reads parked on the audit wait hold a pooled connection each (their read snapshot); at most
# this many run inline at once (`closeddoor.api.deps.inline_slot`), and the SQLite pool holds
# this many beyond the worker threads (`closeddoor.store.db.make_engine`).
INLINE_READS = 32


class _Inline(greenlet):
    """A greenlet running blocking work for `run_inline`; it hands its waits to its parent."""


async def run_inline(work: Callable[[], T]) -> T:
    """Run `work` on this thread and return (or raise) what it does; its `wait_for` calls are
    awaited here, so the event loop goes on meanwhile."""
    child = _Inline(work, parent=getcurrent())
    child.gr_context = contextvars.copy_context()
    waited = child.switch()
    while not child.dead:  # the child handed over an awaitable; its result goes back in
        try:
            value = await cast("Awaitable[Any]", waited)
        except BaseException as exc:  # raised inside the child, where it waits
            waited = child.throw(exc)
        else:
            waited = child.switch(value)
    return cast("T", waited)


def wait_for(future: Future[T], timeout: float) -> T:
    """The future's result: awaited by the event loop when inside `run_inline`, else a blocking
    wait in this thread. Raises its exception, or TimeoutError after `timeout` seconds."""
    current = getcurrent()
    if not isinstance(current, _Inline):
        return future.result(timeout=timeout)
    parent = current.parent
    assert parent is not None  # `run_inline` made it: the event loop's greenlet is its parent
    return cast("T", parent.switch(_awaited(future, timeout)))


def blocking(work: Callable[[], T]) -> T:
    """What `work` returns (or raises): done by a worker thread, the greenlet parked meanwhile,
    when inside `run_inline`; done right here otherwise. For work that may wait on a lock. If
    the request is cancelled, the worker still finishes the work: it is never cut off
    half-way."""
    current = getcurrent()
    if not isinstance(current, _Inline):
        return work()
    parent = current.parent
    assert parent is not None
    return cast("T", parent.switch(to_thread.run_sync(work)))


async def _awaited(future: Future[T], timeout: float) -> T:
    # Not `asyncio.wrap_future`: cancelling the request would cancel the shared future too,
    # and the thread resolving it must never meet a cancelled one.
    loop = asyncio.get_running_loop()
    mirror: asyncio.Future[T] = loop.create_future()

    def copy(done: Future[T]) -> None:
        if mirror.cancelled():
            return
        error = done.exception()
        if error is not None:
            mirror.set_exception(error)
        else:
            mirror.set_result(done.result())

    future.add_done_callback(lambda done: loop.call_soon_threadsafe(copy, done))
    return await asyncio.wait_for(mirror, timeout)
