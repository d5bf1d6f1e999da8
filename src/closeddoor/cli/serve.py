"""`closeddoor serve`: take the address first, say so on the terminal when it cannot be had, and
announce "serving" only once the server answers there."""

from __future__ import annotations

import errno
import gc
import socket
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, settings_for
from closeddoor.cli.workers import MAX_WORKERS, WorkersRefused, check_workers, serve_workers
from closeddoor.config import DEFAULT_WORKER_THREADS, MAX_WORKER_THREADS
from closeddoor.errors import ClosedDoorError

if TYPE_CHECKING:
    import uvicorn

console = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class AddressUnavailable(Exception):
    """The host and port could not be listened on; the message says why and what to do."""


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket bound and listening on host:port, before anything is announced. Raises
    AddressUnavailable with a message that names the address and how to choose another."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        sock = socket.create_server((host, port), family=family, backlog=2048)
    except OSError as exc:
        other = port + 1 if port < 65535 else 8001
        if exc.errno == errno.EADDRINUSE:
            raise AddressUnavailable(
                f"port {port} on {host} is already in use by another program; choose another "
                f"port (--port {other}, or PORT={other} bin/run) or stop the program using it"
            ) from None
        if exc.errno == errno.EACCES:
            raise AddressUnavailable(
                f"not allowed to listen on port {port} on {host} (ports below 1024 need "
                "special rights); choose another with --port, e.g. --port 8000") from None
        reason = exc.strerror or type(exc).__name__
        raise AddressUnavailable(
            f"cannot listen on {host} port {port} ({reason}); choose another address with "
            "--host and --port") from None
    sock.set_inheritable(True)
    return sock


def announcing_server(config: uvicorn.Config, announce: Callable[[], None]) -> uvicorn.Server:
    """A uvicorn Server that calls `announce()` once it has started (app started up and the
    socket accepting), never before, and never when start-up failed."""
    import uvicorn

    class AnnouncingServer(uvicorn.Server):
        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets=sockets)
            if self.started:
                announce()

    return AnnouncingServer(config)


def serve(data_dir: DataDirOption = None,
          host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=0, max=65535,
                                            help="The port to listen on.")] = 8000,
          workers: Annotated[int, typer.Option(
              min=1, max=MAX_WORKERS,
              help="Server processes (PostgreSQL only; SQLite is served by one).")] = 1,
          threads: Annotated[int | None, typer.Option(
              min=1, max=MAX_WORKER_THREADS,
              help="Threads per process for blocking work (default: CLOSEDDOOR_THREADS, "
                   f"else {DEFAULT_WORKER_THREADS}).")] = None) -> None:
    """Serve the web pages and the API."""
    import uvicorn

    from closeddoor.bootstrap import configure_logging
    from closeddoor.server import create_app, proxy_options
    from closeddoor.setup import open_services

    settings = settings_for(data_dir)
    if threads is not None:
        settings = replace(settings, worker_threads=threads)
    try:
        check_workers(settings, workers)
    except WorkersRefused as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        raise typer.Exit(2) from None
    try:
        sock = listening_socket(host, port)
    except AddressUnavailable as exc:
        err.print(f"[red]error:[/red] {exc}", markup=True)
        raise typer.Exit(1) from None
    bound_port = sock.getsockname()[1]
    shown_host = f"[{host}]" if ":" in host else host

    def announce() -> None:
        console.print(f"closeddoor serving {settings.data_dir} on http://{shown_host}:{bound_port}/"
                      f"{_with_workers(workers)} (Ctrl+C stops it)", markup=False)

    if workers > 1:
        try:
            code = serve_workers(settings, sock, workers, announce,
                                 lambda line: err.print(f"[red]error:[/red] {line}", markup=True))
        finally:
            sock.close()
        if code:
            raise typer.Exit(code)
        return
    try:
        services = open_services(settings)
    except ClosedDoorError as exc:
        sock.close()
        err.print(f"[red]error:[/red] {exc}", markup=True)
        raise typer.Exit(1) from None
    configure_logging(settings)
    # The de-identification word lists take a second or two to load: do it while the server
    # starts, not during the first clinician's excerpt preview.
    threading.Thread(target=warm_deidentifier, name="deid-warm-up", daemon=True).start()
    config = uvicorn.Config(create_app(services, worker_threads=settings.worker_threads),
                            access_log=False, log_config=None,
                            server_header=False, **proxy_options(settings))
    server = announcing_server(config, announce)
    try:
        server.run(sockets=[sock])
    except SystemExit:
        pass  # uvicorn exits this way when the app's start-up fails; said below
    finally:
        sock.close()
    if not server.started:
        err.print(f"[red]error:[/red] closeddoor could not start; the reason is in "
                  f"{_log_file(settings.log_dir)}", markup=True)
        raise typer.Exit(1)


def _log_file(log_dir: Path) -> Path:
    return log_dir / "closeddoor.log"


def _with_workers(workers: int) -> str:
    return f" with {workers} worker processes" if workers > 1 else ""


def warm_deidentifier() -> None:
    """Load the de-identification word lists, then move what the start-up made into the
    collector's permanent generation (`gc.freeze`). A full collection would otherwise walk
    those millions of long-lived objects every few seconds under load, 270-400 ms each with
    every thread stopped: the slowest 1% of reads (docs/performance.md)."""
    from closeddoor.deid import Deidentifier

    Deidentifier().find("warm up")
    gc.collect()
    gc.freeze()
