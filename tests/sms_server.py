"""A local HTTP server standing in for an SMS provider (no real provider is reachable here):
it records each JSON POST with its bearer token and answers with `status` (200 by default)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "synthetic-sms-token-for-tests"


@dataclass
class SmsInbox:
    url: str = ""
    status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)
    tokens: list[str] = field(default_factory=list)


@contextmanager
def sms_server() -> Iterator[SmsInbox]:
    inbox = SmsInbox()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            with lock:
                inbox.received.append(body)
                inbox.tokens.append(self.headers.get("Authorization", ""))
            self.send_response(inbox.status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, format: str, *args: Any) -> None:
            pass  # it would print numbers and texts

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    inbox.url = f"http://127.0.0.1:{server.server_address[1]}/send"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield inbox
    finally:
        server.shutdown()
        server.server_close()
