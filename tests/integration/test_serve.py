"""What `closeddoor serve` and `closeddoor demo` say on the terminal is true: a taken port is
named, with how to choose another, and "serving" is printed only once the server answers
(real processes on SQLite; the database is not the subject)."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import closeddoor_command, free_port


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("serve") / "data"
    subprocess.run([*closeddoor_command(), "init", "--data-dir", str(data), "--practice-name",
                    "Synthetic Practice"], check=True, env=_environment(), capture_output=True,
                   timeout=120)
    return data


@pytest.fixture
def taken_port() -> Iterator[int]:
    """A port another program is listening on."""
    with socket.create_server(("127.0.0.1", 0)) as other:
        yield other.getsockname()[1]


def test_serve_names_the_port_and_how_to_choose_another_when_the_port_is_taken(
    data_dir: Path, taken_port: int
) -> None:
    result = subprocess.run(
        [*closeddoor_command(), "serve", "--data-dir", str(data_dir), "--port", str(taken_port)],
        env=_environment(), capture_output=True, text=True, timeout=120)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f"port {taken_port}" in result.stderr
    assert "already in use" in result.stderr
    assert "--port" in result.stderr
    assert "serving" not in output


def test_serve_prints_serving_only_when_the_server_answers_when_started(data_dir: Path) -> None:
    port = free_port()
    with subprocess.Popen(
        [*closeddoor_command(), "serve", "--data-dir", str(data_dir), "--port", str(port)],
        env=_environment(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    ) as server:
        try:
            assert server.stdout is not None
            line = server.stdout.readline()
            assert line.startswith("closeddoor serving "), line
            assert f"http://127.0.0.1:{port}/" in line
            # Announced, so it answers now: no waiting, no retry.
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_demo_prints_no_serve_hint_when_told_it_is_served_at_once(tmp_path: Path) -> None:
    command = closeddoor_command()
    result = subprocess.run(
        [*command, "demo", "--data-dir", str(tmp_path / "data"), "--clients", "1",
         "--no-next-step"], env=_environment(), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "sign in as any of" in result.stdout
    assert "then run" not in result.stdout


def test_demo_serve_hint_names_this_program_when_not_on_the_path(tmp_path: Path) -> None:
    command = closeddoor_command()
    env = {**_environment(), "PATH": "/usr/bin:/bin"}  # no .venv/bin: `closeddoor` is not found
    result = subprocess.run([*command, "demo", "--data-dir", str(tmp_path / "data"),
                             "--clients", "1"], env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    [hint] = [line for line in result.stdout.splitlines() if line.startswith("then run: ")]
    program = hint.removeprefix("then run: ").split(" serve ")[0]
    assert program != "closeddoor"
    assert program.split()[0] == command[0]
