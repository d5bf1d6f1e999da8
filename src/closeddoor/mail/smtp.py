"""The SMTP adapter of the `Mailer` port (standard library smtplib).

`smtp://[user:pass@]host[:port]` (default port 587) upgrades with STARTTLS whenever the server
offers it and refuses to send a password over a connection that did not; `smtps://` (default
port 465) is TLS from the first byte. A failure raises MailNotSent with a fixed phrase: the
address, the server's reply and the link never reach a log or an error message."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

from closeddoor.config import Settings
from closeddoor.errors import MailNotSent
from closeddoor.mail.port import Mail, Mailer, NoMailer

log = logging.getLogger("closeddoor.mail")
NOT_SENT = "the e-mail could not be sent; try again"
TIMEOUT_SECONDS = 20


class SmtpMailer:
    is_configured = True

    def __init__(self, smtp_url: str, sender: str) -> None:
        parts = urlsplit(smtp_url)
        self._implicit_tls = parts.scheme == "smtps"
        self._host = parts.hostname or ""
        self._port = parts.port or (465 if self._implicit_tls else 587)
        self._user = unquote(parts.username or "")
        self._password = unquote(parts.password or "")
        self._sender = sender

    def __repr__(self) -> str:
        return f"SmtpMailer(host={self._host!r}, port={self._port})"

    def send(self, mail: Mail) -> None:
        message = EmailMessage()
        message["From"] = self._sender
        message["To"] = mail.to
        message["Subject"] = mail.subject
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(domain=self._sender.partition("@")[2] or None)
        message.set_content(mail.body)
        try:
            self._deliver(message)
        except (OSError, smtplib.SMTPException) as exc:
            log.warning("mail not sent: %s", type(exc).__name__)
            raise MailNotSent(NOT_SENT) from None

    def _deliver(self, message: EmailMessage) -> None:
        context = ssl.create_default_context()
        smtp: smtplib.SMTP
        if self._implicit_tls:
            smtp = smtplib.SMTP_SSL(self._host, self._port, timeout=TIMEOUT_SECONDS,
                                    context=context)
        else:
            smtp = smtplib.SMTP(self._host, self._port, timeout=TIMEOUT_SECONDS)
        with smtp:
            smtp.ehlo()
            if not self._implicit_tls and smtp.has_extn("starttls"):
                smtp.starttls(context=context)
                smtp.ehlo()
            elif self._user and not self._implicit_tls:
                raise smtplib.SMTPException("refusing to send a password without TLS")
            if self._user:
                smtp.login(self._user, self._password)
            smtp.send_message(message)


def mailer_for(settings: Settings) -> Mailer:
    if not settings.mail_is_configured:
        return NoMailer()
    host = urlsplit(settings.public_url).hostname or "localhost"
    return SmtpMailer(settings.smtp_url, settings.smtp_from or f"no-reply@{host}")
