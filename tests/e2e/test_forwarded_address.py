"""A local process cannot choose the address its sign-ins are throttled under: with no trusted
proxy configured, `closeddoor serve` ignores X-Forwarded-For (uvicorn's default would believe it
from 127.0.0.1)."""

from __future__ import annotations

import json
import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

from tests.e2e.server import demo_server

PASSWORD = "demo-practice-insecure-passphrase"


def test_throttle_address_ignores_forwarded_header_when_no_proxy_trusted(tmp_path: Path) -> None:
    with demo_server(tmp_path, password=PASSWORD, clients=1, ready_path="/signin") as url:
        request = urllib.request.Request(  # noqa: S310 - local URL
            f"{url}/api/v1/auth/token", method="POST",
            data=json.dumps({"username": "owner", "password": "synthetic-wrong-guess"}).encode(),
            headers={"Content-Type": "application/json", "X-Forwarded-For": "203.0.113.99"})
        try:
            urllib.request.urlopen(request, timeout=120)  # noqa: S310 - local URL
        except urllib.error.HTTPError as refused:
            assert refused.code == 401
    with sqlite3.connect(tmp_path / "data" / "closeddoor.db") as db:
        addresses = {row[0] for row in db.execute("SELECT address FROM login_failures")}
    assert addresses == {"127.0.0.1"}
