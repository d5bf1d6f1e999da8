"""The HTTP adapter of the `TextSender` port (httpx).

It POSTs `{"to": <number>, "body": <text>}` as JSON to `CLOSEDDOOR_SMS_URL` with
`Authorization: Bearer <CLOSEDDOOR_SMS_TOKEN>`; any 2xx answer means the provider accepted the
message. Most providers (or a small relay in front of one) take this shape; docs/reminders.md
says how to point it at one. The URL must be https, except on the loopback address (a relay on
the same machine, and the tests' local server). A failure raises TextNotSent with fixed words:
the number, the text and the provider's answer never reach a log or an error message.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

import httpx

from closeddoor.reminders.ports import TextMessage, TextNotSent

log = logging.getLogger("closeddoor.reminders")
NOT_SENT = "the text message could not be sent; it is tried again later"
TIMEOUT_SECONDS = 20.0
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def url_is_acceptable(url: str) -> bool:
    """https anywhere; http only to the loopback address."""
    parts = urlsplit(url)
    if not parts.hostname or parts.username or parts.password:
        return False
    return parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in LOOPBACK)


class HttpTextSender:
    is_configured = True

    def __init__(self, url: str, token: str, *, transport: httpx.BaseTransport | None = None
                 ) -> None:
        self._url = url
        self._token = token
        self._transport = transport

    def __repr__(self) -> str:
        return f"HttpTextSender(host={urlsplit(self._url).hostname!r})"

    def send(self, message: TextMessage) -> None:
        try:
            with httpx.Client(timeout=TIMEOUT_SECONDS, transport=self._transport,
                              follow_redirects=False) as client:
                response = client.post(self._url, json={"to": message.to, "body": message.body},
                                       headers={"Authorization": f"Bearer {self._token}"})
        except httpx.HTTPError as exc:
            log.warning("text not sent: %s", type(exc).__name__)
            raise TextNotSent(NOT_SENT) from None
        if not response.is_success:
            log.warning("text not sent: provider answered %d", response.status_code)
            raise TextNotSent(NOT_SENT)
