"""Domain errors. They carry ids and fixed phrases, never record content or names."""

from __future__ import annotations

import errno
from collections.abc import Iterable


class ClosedDoorError(Exception):
    """Base of every error closeddoor raises on purpose; its message is safe to show and log."""


class NotFound(ClosedDoorError):
    pass


class PolicyDenied(ClosedDoorError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"access denied: {reason}")
        self.reason = reason


class InvalidInput(ClosedDoorError):
    """Bad input: the message names the field and what is wrong, never echoes the value.

    One convention for every context: each problem is "field: how to fix it", and several
    problems (all of them at once) are joined by `PROBLEM_SEPARATOR` (`join_problems`), so a
    page can put each beside its field (`split_problems`, `web.forms.field_errors`). A
    problem's own text never contains the separator."""


PROBLEM_SEPARATOR = "; "


def join_problems(problems: Iterable[str]) -> str:
    """Several "field: how to fix it" problems as one InvalidInput message."""
    return PROBLEM_SEPARATOR.join(problems)


def split_problems(message: str) -> list[str]:
    """An InvalidInput message back into its problems."""
    return message.split(PROBLEM_SEPARATOR)


class InvariantViolated(ClosedDoorError):
    pass


class ConflictError(ClosedDoorError):
    pass


class AccessUnproven(ClosedDoorError):
    """A client's sealed field was sealed or unsealed without the gate's proof for that client
    (a programming error: the decision and its audit must come first)."""


class AuthenticationFailed(ClosedDoorError):
    pass


class Throttled(ClosedDoorError):
    pass


class MfaRequired(ClosedDoorError):
    pass


class CryptoError(ClosedDoorError):
    pass


class DecryptionFailed(CryptoError):
    """Every decryption failure looks the same, so there is no oracle."""

    def __init__(self) -> None:
        super().__init__("decryption failed")


class KeyMissing(CryptoError):
    pass


class KeyDestroyed(DecryptionFailed):
    """The client's records were destroyed (crypto-shredded): their key no longer exists.
    A DecryptionFailed, so every place that withholds an unreadable record withholds these."""

    def __init__(self) -> None:
        ClosedDoorError.__init__(self, "these records were destroyed and cannot be read")


class AuditUnavailable(ClosedDoorError):
    """The audit append failed, so the data is not returned (fail closed)."""


class StorageFull(ClosedDoorError):
    """The database or the data folder is out of space: the write was rolled back whole."""

    MESSAGE = "the practice's storage is full; nothing was saved"

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


class AuditChainBroken(ClosedDoorError):
    def __init__(self, seq: int, problem: str) -> None:
        super().__init__(f"audit chain broken at event {seq}: {problem}")
        self.seq = seq
        self.problem = problem


class BackupInvalid(ClosedDoorError):
    """A backup file that cannot be used: what is wrong is said in words, never its contents."""


class ConfigError(ClosedDoorError):
    pass


class KeysMismatch(ConfigError):
    """The key folder is not the one this database was made with (its key check differs)."""


_SQLITE_FULL = 13  # SQLITE_FULL, the primary result code (extended codes keep it in the low byte)
_PG_DISK_FULL = "53100"  # SQLSTATE disk_full (psycopg.errors.DiskFull)
_OUT_OF_SPACE = {errno.ENOSPC, errno.EDQUOT}


def is_storage_full(exc: BaseException) -> bool:
    """Whether `exc`, or any error it wraps, says the disk (or quota) is full: OSError ENOSPC or
    EDQUOT, SQLite's SQLITE_FULL ("database or disk is full"), PostgreSQL's SQLSTATE 53100.

    Looks at attributes only (no driver is imported), through SQLAlchemy's `.orig` and Python's
    exception chain.
    """
    seen: set[int] = set()
    pending: list[BaseException | None] = [exc]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, OSError) and current.errno in _OUT_OF_SPACE:
            return True
        code = getattr(current, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF == _SQLITE_FULL:
            return True
        if getattr(current, "sqlstate", None) == _PG_DISK_FULL:
            return True
        if "database or disk is full" in str(current) and type(current).__module__ == "sqlite3":
            return True
        orig = getattr(current, "orig", None)
        pending += [orig if isinstance(orig, BaseException) else None,
                    current.__cause__, current.__context__]
    return False
class MailUnavailable(ClosedDoorError):
    """E-mail could not be used; the message is a fixed phrase that says what to do."""


class MailNotConfigured(MailUnavailable):
    def __init__(self) -> None:
        super().__init__("e-mail is not set up for this practice: set CLOSEDDOOR_SMTP_URL and "
                         "CLOSEDDOOR_PUBLIC_URL")


class MailNotSent(MailUnavailable):
    pass
