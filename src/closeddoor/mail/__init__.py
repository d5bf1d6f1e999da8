"""Outgoing e-mail: one port (`Mailer`), an SMTP adapter, and the fixed messages closeddoor
sends. Mail goes only to a client's own address on file and never carries clinical content,
a date of birth or a family name (see `messages`)."""

from closeddoor.mail.messages import (
    email_changed,
    enrolment_code,
    mask_address,
    password_reset,
    portal_invitation,
    representative_invitation,
)
from closeddoor.mail.port import Mail, Mailer, NoMailer
from closeddoor.mail.smtp import SmtpMailer, mailer_for

__all__ = [
    "Mail",
    "Mailer",
    "NoMailer",
    "SmtpMailer",
    "email_changed",
    "enrolment_code",
    "mailer_for",
    "mask_address",
    "password_reset",
    "portal_invitation",
    "representative_invitation",
]
