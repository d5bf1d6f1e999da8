"""A real closeddoor server for the browser tests: `closeddoor demo` then `closeddoor serve` in
a subprocess on a free local port, stopped afterwards."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.mailbox import mail_environment

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def closeddoor_command() -> list[str]:
    script = Path(sys.executable).parent / "closeddoor"
    return [str(script)] if script.exists() else [sys.executable, "-m", "closeddoor.cli.main"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"server exited early:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local URL
                if response.status == 200:
                    return
        except OSError:  # refused, reset, or (the port is bound before the app starts) timed out
            time.sleep(0.2)
    pytest.fail(f"server did not answer within 60 s:\n{log.read_text()}")


@contextmanager
def demo_server(work: Path, *, password: str, clients: int, ready_path: str) -> Iterator[str]:
    """Yield the base URL of a served demo practice in `work`; stop the server afterwards."""
    data_dir = work / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    command = closeddoor_command()
    subprocess.run([*command, "demo", "--data-dir", str(data_dir), "--password", password,
                    "--clients", str(clients)], check=True, env=env, capture_output=True,
                   timeout=120)
    port = free_port()
    log = work / "serve.log"
    with log.open("wb") as output:
        # Mail goes to the tests' SMTP server (tests/mailbox.py), links under its public URL.
        server = subprocess.Popen([*command, "serve", "--data-dir", str(data_dir), "--port",
                                   str(port)], env={**env, **mail_environment()}, stdout=output,
                                  stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{url}{ready_path}", server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
