"""The e-mails closeddoor sends, as pure functions. Each names the practice and nothing about
the client: no name, no date of birth, nothing clinical, in the subject or the body. The link
or code is the only secret, and it works once."""

from __future__ import annotations

from datetime import datetime

from closeddoor.mail.port import Mail


def mask_address(address: str) -> str:
    """`s***@example.org`: enough for staff to recognise the address, not to read it."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def _when(moment: datetime) -> str:
    return moment.strftime("%d %B %Y, %H:%M UTC")


def _sign_off(practice_name: str) -> str:
    return (f"\nIf you did not expect this message, you can ignore it, or contact "
            f"{practice_name}.\n\n{practice_name}\n")


def portal_invitation(to: str, practice_name: str, link: str, expires_at: datetime, *,
                      forms_waiting: bool = False) -> Mail:
    # Nothing clinical: a waiting form is "a short form", never what it asks.
    waiting = ("Once you are signed in, a short form from the practice is waiting for you.\n\n"
               if forms_waiting else "")
    return Mail(to, f"Your secure portal invitation from {practice_name}", (
        f"Hello,\n\n{practice_name} invited you to set up your secure client portal account.\n"
        f"Open this link to choose a user name and password:\n\n{link}\n\n{waiting}"
        f"The link works once and expires on {_when(expires_at)}.\n" + _sign_off(practice_name)))


def representative_invitation(to: str, practice_name: str, link: str,
                              expires_at: datetime) -> Mail:
    """To a personal representative's own address: it names no client (the representative
    knows whom they act for; anyone else reading the mailbox learns nothing)."""
    return Mail(to, f"Your secure portal invitation from {practice_name}", (
        f"Hello,\n\n{practice_name} invited you to set up your own secure portal account, as "
        "a personal representative on file with the practice.\n"
        f"Open this link to choose a user name and password:\n\n{link}\n\n"
        f"The link works once and expires on {_when(expires_at)}.\n" + _sign_off(practice_name)))


def enrolment_code(to: str, practice_name: str, code: str, minutes: int) -> Mail:
    return Mail(to, f"Your portal sign-up code from {practice_name}", (
        f"Hello,\n\nYour code to set up your secure client portal account in the office is:\n\n"
        f"    {code}\n\nType it on the sign-up page. It works once, for {minutes} minutes.\n"
        "Do not tell the code to anyone, including staff.\n" + _sign_off(practice_name)))


def password_reset(to: str, practice_name: str, link: str, expires_at: datetime) -> Mail:
    return Mail(to, f"Reset your portal password ({practice_name})", (
        "Hello,\n\nSomeone asked to reset the password of your secure client portal account.\n"
        f"To choose a new password, open this link:\n\n{link}\n\n"
        f"The link works once and expires on {_when(expires_at)}. Setting a new password signs "
        "you out everywhere.\nIf you did not ask for this, ignore this message: your password "
        "stays as it is.\n" + _sign_off(practice_name)))


def email_changed(to: str, practice_name: str) -> Mail:
    return Mail(to, f"Your portal e-mail address was changed ({practice_name})", (
        "Hello,\n\nThe e-mail address for your portal account was changed; if this was not "
        f"you, contact the practice.\n\n{practice_name}\n"))
