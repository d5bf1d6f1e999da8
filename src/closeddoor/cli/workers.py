"""`closeddoor serve --workers N`: N server processes on one listening socket, on PostgreSQL.

The parent binds the socket, checks the folder and brings the schema up to date once (in a
short-lived child, so the parent itself never holds a database connection or a thread when it
forks), then forks the workers. Each worker opens its own services (engine, key ring, audit
writer, checkpointer) after the fork: nothing that holds a connection, a lock or a thread crosses
a process boundary. Everything the workers must agree on lives in the database (the audit chain
head, sign-in throttling, sessions) or in the key folder (the destroyed-client list, the anchor
file, both locked across processes); docs/deployment.md lists what is shared and what is per
process.

The parent announces "serving" once every worker answers, stops them all with one SIGTERM each
(each worker runs its own clean shutdown, which signs and anchors the audit head), and starts a
new worker in place of one that dies while serving. A worker that cannot start stops them all.

SQLite is refused: it lets one process write at a time, so a data folder on SQLite is served by
one process (its group-commit writer thread already serves every request's audit appends).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.context import ForkProcess
from multiprocessing.queues import SimpleQueue
from typing import Any

from closeddoor.config import Settings
from closeddoor.errors import ClosedDoorError

MAX_WORKERS = 64
STOP_SECONDS = 30.0  # how long a worker may take over its clean shutdown before it is killed
_POLL_SECONDS = 0.1
_ORPHAN_CHECK_SECONDS = 1.0
_RESTART_SECONDS = 2.0  # a worker is replaced no sooner than this after it was started

READY, FAILED = "ready", "failed"
Report = tuple[int, str, str]  # (worker number, READY or FAILED, a safe message)


class WorkersRefused(Exception):
    """Several workers were asked for where they cannot be had; the message says what to do."""


def worker_log_name(number: int) -> str:
    """The log file worker `number` (from 1) writes, in the data folder's logs/."""
    return f"closeddoor-worker{number}.log"


def check_workers(settings: Settings, workers: int) -> None:
    """Raise WorkersRefused unless `workers` processes can serve this folder's database."""
    if workers > 1 and settings.is_sqlite:
        raise WorkersRefused(
            f"--workers {workers} needs PostgreSQL: this folder's database is SQLite, which lets "
            "one process write at a time, so it is served by one process (leave out --workers). "
            "To serve with several processes, move the practice to PostgreSQL "
            "(CLOSEDDOOR_DATABASE_URL); see docs/deployment.md"
        )


def serve_workers(settings: Settings, sock: socket.socket, workers: int,
                  announce: Callable[[], None], say: Callable[[str], None]) -> int:
    """Serve on `sock` with `workers` processes until SIGINT or SIGTERM; returns the exit code.
    `say` prints a line for the operator (an error, a restarted worker)."""
    context = multiprocessing.get_context("fork")
    reports: SimpleQueue[Report] = context.SimpleQueue()
    problem = _preflight(context, settings, reports)
    if problem is not None:
        say(problem)
        return 1
    stopping: list[int] = []  # the signal that asked us to stop (a flag a handler may set)

    def stop(signum: int, _frame: object) -> None:
        stopping.append(signum)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    running: dict[int, ForkProcess] = {}
    try:
        for number in range(1, workers + 1):
            running[number] = _start(context, settings, sock, number, reports)
        return _supervise(context, settings, sock, running, reports, stopping, announce, say)
    finally:
        _stop_all(running)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _supervise(context: Any, settings: Settings, sock: socket.socket,
               running: dict[int, ForkProcess], reports: SimpleQueue[Report],
               stopping: list[int], announce: Callable[[], None],
               say: Callable[[str], None]) -> int:
    ready: set[int] = set()
    announced = False
    started = dict.fromkeys(running, time.monotonic())
    while not stopping:
        time.sleep(_POLL_SECONDS)
        while not reports.empty():
            number, state, message = reports.get()
            if state == READY:
                ready.add(number)
            elif not announced:
                say(message or f"worker {number} could not start; the reason is in "
                               f"{settings.log_dir / worker_log_name(number)}")
                return 1
        if not announced and len(ready) == len(running):
            announce()
            announced = True
        for number, process in list(running.items()):
            if process.is_alive() or stopping:
                continue
            if not announced:
                say(f"worker {number} stopped while starting (exit code {process.exitcode}); "
                    f"the reason is in {settings.log_dir / worker_log_name(number)}")
                return 1
            if time.monotonic() - started[number] < _RESTART_SECONDS:
                continue  # one that dies as it starts (the database down) is retried slowly
            say(f"worker {number} stopped unexpectedly (exit code {process.exitcode}); "
                "starting another in its place")
            running[number] = _start(context, settings, sock, number, reports)
            started[number] = time.monotonic()
    return 0


def _preflight(context: Any, settings: Settings, reports: SimpleQueue[Report]) -> str | None:
    """Open the folder once in a child (checks keys, migrates the schema): the workers then
    find the schema at head instead of racing to migrate it. Returns a problem, or None."""
    child = context.Process(target=_check_folder, args=(settings, reports),
                            name="closeddoor-preflight")
    child.start()
    child.join()
    if not reports.empty():
        _, state, message = reports.get()
        if state == READY:
            return None
        return message
    return f"closeddoor could not start (exit code {child.exitcode}); the reason is in " \
           f"{settings.log_dir / 'closeddoor.log'}"


def _check_folder(settings: Settings, reports: SimpleQueue[Report]) -> None:
    from closeddoor.bootstrap import configure_logging
    from closeddoor.setup import open_services

    try:
        services = open_services(settings)
    except ClosedDoorError as exc:
        reports.put((0, FAILED, str(exc)))
        return
    except Exception as exc:  # the type alone: a message may quote the database's words
        configure_logging(settings)
        logging.getLogger(__name__).error("start-up check failed: %s", type(exc).__name__)
        reports.put((0, FAILED, ""))
        return
    services.close()
    reports.put((0, READY, ""))


def _start(context: Any, settings: Settings, sock: socket.socket, number: int,
           reports: SimpleQueue[Report]) -> ForkProcess:
    process: ForkProcess = context.Process(target=_worker, args=(settings, sock, number, reports),
                                           name=f"closeddoor-worker{number}")
    process.start()
    return process


def _worker(settings: Settings, sock: socket.socket, number: int,
            reports: SimpleQueue[Report]) -> None:
    """One server process: its own services and uvicorn server on the shared socket."""
    import uvicorn

    from closeddoor.bootstrap import configure_logging
    from closeddoor.cli.serve import announcing_server, warm_deidentifier
    from closeddoor.server import create_app, proxy_options
    from closeddoor.setup import open_services

    # Its own process group: a Ctrl+C at the terminal reaches the parent alone, which then asks
    # each worker once to stop (a second signal would make uvicorn skip its clean shutdown).
    # Until uvicorn takes the signals over, a stop request simply ends a worker still starting.
    os.setpgid(0, 0)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    threading.Thread(target=_stop_when_orphaned, args=(os.getppid(),), name="parent-watch",
                     daemon=True).start()
    try:
        services = open_services(settings)
    except ClosedDoorError as exc:
        reports.put((number, FAILED, str(exc)))
        sys.exit(1)
    configure_logging(settings, worker_log_name(number))
    threading.Thread(target=warm_deidentifier, name="deid-warm-up", daemon=True).start()
    config = uvicorn.Config(create_app(services, worker_threads=settings.worker_threads),
                            access_log=False, log_config=None,
                            server_header=False, **proxy_options(settings))
    server = announcing_server(config, lambda: reports.put((number, READY, "")))
    try:
        server.run(sockets=[sock])
    except SystemExit:
        pass  # uvicorn exits this way when the app's start-up fails
    finally:
        services.close()
    if not server.started:
        reports.put((number, FAILED, ""))
        sys.exit(1)


def _stop_when_orphaned(parent: int) -> None:
    """A worker whose parent is gone (killed with SIGKILL, say) stops itself cleanly instead of
    serving on unsupervised: nobody would stop or replace it."""
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK_SECONDS)
    os.kill(os.getpid(), signal.SIGTERM)


def _stop_all(running: dict[int, ForkProcess]) -> None:
    """SIGTERM each worker once (a clean shutdown each), then wait; kill what does not stop."""
    for process in running.values():
        if process.is_alive() and process.pid is not None:
            os.kill(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for process in running.values():
        process.join(max(0.0, deadline - time.monotonic()))
        if process.is_alive():
            process.kill()
            process.join()
