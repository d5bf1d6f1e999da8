"""A real SMTP server for the tests (aiosmtpd on 127.0.0.1, a free port), started once per test
session on first use. Every test practice is configured to send through it
(tests/factories/practice.py), and tests read what arrived by recipient address.

Messages stay in memory: nothing is written to a test's data folder, so the plaintext scans
there still see only what closeddoor wrote.
"""

from __future__ import annotations

import atexit
import logging
import re
import socket
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

PUBLIC_URL = "https://portal.practice.test"  # a host no test request ever uses
LINK = re.compile(r"https://portal\.practice\.test(/portal/[a-z]+/[A-Za-z0-9_-]+)")
CODE = re.compile(r"^[ \t]*(\d{6})\s*$", re.MULTILINE)


class Mailbox:
    """What the test SMTP server received, by recipient."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._messages: list[tuple[str, EmailMessage]] = []
        self.refuse = False  # answer 554 to every message while set
        self.url = ""

    # --- the aiosmtpd handler ------------------------------------------------------------------
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "554 5.0.0 refused by the test"
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self._lock:
            for recipient in envelope.rcpt_tos:
                self._messages.append((recipient.lower(), message))
        return "250 OK"

    # --- for tests -----------------------------------------------------------------------------
    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [m for r, m in self._messages if r == address.lower()]

    def latest(self, address: str, *, wait: float = 5.0) -> EmailMessage:
        deadline = time.monotonic() + wait
        while not (found := self.to(address)):
            assert time.monotonic() < deadline, "no mail arrived for that address"
            time.sleep(0.02)
        return found[-1]

    def count(self) -> int:
        with self._lock:
            return len(self._messages)

    def next_after(self, seen: int, *, wait: float = 5.0) -> EmailMessage:
        """The first message to arrive after `seen` messages (for a walk that does not know
        the recipient's address)."""
        deadline = time.monotonic() + wait
        while self.count() <= seen:
            assert time.monotonic() < deadline, "no mail arrived"
            time.sleep(0.02)
        with self._lock:
            return self._messages[seen][1]


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def link_path(message: EmailMessage) -> str:
    """The path of the one link in the message (e.g. /portal/invite/<token>)."""
    match = LINK.search(body_of(message))
    assert match, "no portal link in the message"
    return match.group(1)


def code_in(message: EmailMessage) -> str:
    match = CODE.search(body_of(message))
    assert match, "no code in the message"
    return match.group(1)


_started: Mailbox | None = None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def mail_server() -> Mailbox:
    """The session's SMTP server (started on first call, stopped at exit)."""
    global _started
    if _started is None:
        logging.getLogger("mail.log").setLevel(logging.ERROR)  # it logs addresses at INFO
        mailbox = Mailbox()
        controller = Controller(mailbox, hostname="127.0.0.1", port=_free_port())
        controller.start()
        atexit.register(controller.stop)
        mailbox.url = f"smtp://127.0.0.1:{controller.port}"
        _started = mailbox
    return _started


def mail_environment() -> dict[str, str]:
    """The settings that send a practice's mail through the session's test server."""
    return {"CLOSEDDOOR_SMTP_URL": mail_server().url, "CLOSEDDOOR_PUBLIC_URL": PUBLIC_URL}
