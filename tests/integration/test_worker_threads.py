"""The server's thread pool for blocking work has the size the practice set (8 unless
CLOSEDDOOR_THREADS or `serve --threads` says otherwise): fewer threads compete less for the
interpreter, which kept the note read's p99 latency down (docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from anyio import to_thread
from fastapi.testclient import TestClient

from closeddoor.config import DEFAULT_WORKER_THREADS, ConfigError, load_settings
from closeddoor.server import create_app
from tests.factories import Practice


def test_pool_has_the_size_given_when_the_app_serves(shared_practice: Practice) -> None:
    for threads in (3, 11):
        app = create_app(shared_practice.services, worker_threads=threads)
        with TestClient(app) as client:
            tokens = client.portal.call(
                lambda: to_thread.current_default_thread_limiter().total_tokens)
        assert tokens == threads


def test_threads_default_to_eight_and_follow_the_environment_when_set() -> None:
    assert DEFAULT_WORKER_THREADS == 8
    assert load_settings({}).worker_threads == 8
    assert load_settings({"CLOSEDDOOR_THREADS": "6"}).worker_threads == 6


@pytest.mark.parametrize("value", ["0", "-2", "many", "257"])
def test_thread_setting_is_refused_with_its_bounds_when_out_of_range(value: str) -> None:
    with pytest.raises(ConfigError, match="CLOSEDDOOR_THREADS must be a whole number of at "
                                          "least 1 and at most 256"):
        load_settings({"CLOSEDDOOR_THREADS": value})


def test_serve_refuses_zero_threads_and_names_the_option(tmp_path: Path) -> None:
    answer = subprocess.run(
        [str(Path(sys.executable).parent / "closeddoor"), "serve", "--data-dir", str(tmp_path),
         "--threads", "0"], capture_output=True, text=True, env={"COLUMNS": "200"}, timeout=60)
    assert answer.returncode == 2
    assert "--threads" in answer.stderr and "greater than or equal to 1" in answer.stderr
