"""The port services send mail through, and the message they hand it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from closeddoor.errors import MailNotConfigured


@dataclass(frozen=True)
class Mail:
    to: str
    subject: str
    body: str

    def __repr__(self) -> str:  # the address and the link stay out of logs and tracebacks
        return "Mail(...)"


class Mailer(Protocol):
    @property
    def is_configured(self) -> bool: ...

    def send(self, mail: Mail) -> None:
        """Hand the message to the mail server; raise MailNotSent if it was not accepted."""


class NoMailer:
    """A practice without e-mail: every send is refused, saying what to set."""

    is_configured = False

    def send(self, mail: Mail) -> None:
        raise MailNotConfigured()
