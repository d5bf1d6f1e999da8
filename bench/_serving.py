"""Run an ASGI app under uvicorn with the server options the read-path benchmark compares:
worker processes sharing one listening socket, the size of the thread pool that runs sync
endpoints, and the interpreter's thread switch interval.

Each worker builds its own app after the fork, so no database connection crosses processes.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

import anyio.to_thread
import uvicorn

AppBuilder = Callable[[], Any]


def add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--threads", type=int, help="sync-endpoint threads per process (40)")
    parser.add_argument("--switch-interval-ms", type=float, help="sys.setswitchinterval (5 ms)")


def serve(build_app: AppBuilder, args: argparse.Namespace) -> None:
    # IPPROTO_TCP explicitly: asyncio turns Nagle off (TCP_NODELAY) only on sockets that say so,
    # and a response written in two parts would otherwise wait out the client's delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", args.port))
    sock.listen(2048)
    if args.workers == 1:
        _worker(build_app, sock, args.threads, args.switch_interval_ms)
        return
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(
            target=_worker, args=(build_app, sock, args.threads, args.switch_interval_ms)
        )
        for _ in range(args.workers)
    ]
    for worker in workers:
        worker.start()

    def stop(_signum: int, _frame: object) -> None:
        for worker in workers:
            worker.terminate()  # SIGTERM: uvicorn shuts down gracefully

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for worker in workers:
        worker.join()


def _worker(
    build_app: AppBuilder, sock: socket.socket, threads: int | None, switch_ms: float | None
) -> None:
    if switch_ms is not None:
        sys.setswitchinterval(switch_ms / 1000)
    config = uvicorn.Config(
        build_app(), access_log=False, log_config=None, server_header=False, lifespan="on"
    )
    server = uvicorn.Server(config)

    async def main() -> None:
        if threads is not None:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        await server.serve(sockets=[sock])

    asyncio.run(main())
