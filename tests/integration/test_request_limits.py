"""Request bodies over their route's limit are refused with 413 before they are read (issue 10,
item 3): against a real `closeddoor serve` process, whose memory must not grow with the body, and
in-process for chunked bodies, pages and the routes that take long text."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from closeddoor.request_limits import DEFAULT_BODY_LIMIT, LONG_TEXT_BODY_LIMIT, body_limit_for
from tests.e2e.server import closeddoor_command, free_port
from tests.factories import ClientFactory, Practice
from tests.integration.helpers import Api

MiB = 1024 * 1024


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS line")


def _settled_rss_kib(pid: int) -> int:
    """Resident memory once start-up work (the de-identifier's word lists) has finished."""
    deadline = time.monotonic() + 60
    last = _rss_kib(pid)
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = _rss_kib(pid)
        if abs(now - last) < 512:
            return now
        last = now
    return last


def _raw_request(port: int, head: bytes, body_part: bytes, timeout: float = 20) -> bytes:
    """Send a request head and part of its body; return what the server answers."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        sock.settimeout(2)
        with contextlib.suppress(TimeoutError, ConnectionError):
            sock.sendall(body_part)  # may stall: the server stops reading, which is the point
        sock.settimeout(timeout)
        answer = b""
        while b"\r\n\r\n" not in answer:
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            answer += chunk
        return answer


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, int]]:
    """A real `closeddoor serve` (SQLite; the database is not the subject): (port, pid)."""
    work = tmp_path_factory.mktemp("serve")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLOSEDDOOR_")}
    command = closeddoor_command()
    data_dir = work / "data"
    subprocess.run([*command, "init", "--data-dir", str(data_dir), "--practice-name",
                    "Synthetic Practice"], check=True, env=env, capture_output=True, timeout=120)
    port = free_port()
    log = work / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen([*command, "serve", "--data-dir", str(data_dir), "--port",
                                   str(port)], env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"server exited early:\n{log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"server did not start:\n{log.read_text()}")
                time.sleep(0.2)
        yield port, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_large_declared_body_is_refused_unread_when_anonymous(served: tuple[int, int]) -> None:
    port, pid = served
    before = _settled_rss_kib(pid)
    head = (b"POST /api/v1/clients HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\nContent-Length: 67108864\r\n\r\n")
    answer = _raw_request(port, head, b'{"given_name": "' + b"A" * (8 * MiB))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"x-content-type-options: nosniff" in answer.lower()  # the usual headers too
    grown_mib = (_rss_kib(pid) - before) / 1024
    assert grown_mib < 32, f"resident memory grew by {grown_mib:.1f} MiB"


def test_body_under_the_limit_is_read_when_declared(served: tuple[int, int]) -> None:
    port, _ = served
    body = b'{"given_name": "' + b"A" * 1000 + b'"}'
    head = (b"POST /api/v1/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/json\r\nContent-Length: "
            + str(len(body)).encode() + b"\r\n\r\n")
    assert _raw_request(port, head, body).startswith(b"HTTP/1.1 401")  # reaches sign-in


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"A" * min(size, total - sent)
        sent += size


def test_chunked_body_is_cut_off_at_the_limit_when_anonymous(api: Api) -> None:
    response = api.client.post("/api/v1/clients", content=_chunks(DEFAULT_BODY_LIMIT + 1),
                               headers={"Content-Type": "application/json"})
    assert response.status_code == 413, response.text
    assert "at most" in response.json()["detail"]


def test_chunked_body_is_cut_off_when_signed_in(api: Api) -> None:
    headers = {**api.headers("clinician1"), "Content-Type": "application/json"}
    response = api.client.post("/api/v1/clients", content=_chunks(2 * DEFAULT_BODY_LIMIT),
                               headers=headers)
    assert response.status_code == 413, response.text


def test_form_page_answers_413_page_when_form_too_large(api: Api) -> None:
    response = api.client.post("/signin", content=b"username=" + b"a" * (DEFAULT_BODY_LIMIT + 1),
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", [
    "/api/v1/clients/c1/notes", "/api/v1/clients/c1/notes/n1",
    "/api/v1/clients/c1/notes/n1/addenda",
    "/api/v1/clients/c1/psychotherapy-notes", "/api/v1/clients/c1/excerpts/preview",
    "/api/v1/consent/versions/v1", "/clients/c1/notes/new", "/clients/c1/notes/n1/edit",
    "/practice/consent/versions/v1",
])
def test_long_text_routes_get_the_larger_limit_when_they_take_long_text(path: str) -> None:
    assert body_limit_for(path) == LONG_TEXT_BODY_LIMIT


@pytest.mark.parametrize("path", ["/api/v1/clients", "/api/v1/auth/token", "/signin",
                                  "/api/v1/clients/c1/notes/n1/addenda/x/y"])
def test_other_routes_get_the_default_limit_when_they_take_short_fields(path: str) -> None:
    assert body_limit_for(path) == DEFAULT_BODY_LIMIT


def test_longest_note_is_accepted_when_under_the_long_text_limit(
    practice: Practice, api: Api
) -> None:
    client_id = ClientFactory.create(practice, "clinician1")
    body = "\u00e9" * 100_000  # escaped by json.dumps: six bytes a character
    response = api.post(f"/clients/{client_id}/notes", "clinician1",
                        {"kind": "progress", "format": "free", "body": body})
    assert response.status_code == 201, response.text[:300]
