"""The port text messages go out through, and what is handed to it.

E-mail goes through the existing `closeddoor.mail.Mailer` port (SMTP adapter)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from closeddoor.errors import ClosedDoorError


class TextNotSent(ClosedDoorError):
    """The SMS provider did not accept the message (fixed words: never the number or text)."""


class TextsNotConfigured(TextNotSent):
    def __init__(self) -> None:
        super().__init__("text messages are not set up: set CLOSEDDOOR_SMS_URL and "
                         "CLOSEDDOOR_SMS_TOKEN")


@dataclass(frozen=True)
class TextMessage:
    to: str  # the client's reminder phone number, as they gave it
    body: str

    def __repr__(self) -> str:  # the number and the text stay out of logs and tracebacks
        return "TextMessage(...)"


class TextSender(Protocol):
    @property
    def is_configured(self) -> bool: ...

    def send(self, message: TextMessage) -> None:
        """Hand the message to the provider; raise TextNotSent if it was not accepted."""


class NoTextSender:
    """A practice without an SMS provider: every send is refused, saying what to set."""

    is_configured = False

    def send(self, message: TextMessage) -> None:
        raise TextsNotConfigured()
