"""Domain errors. They carry ids and fixed phrases, never record content or names."""

from __future__ import annotations


class ClosedDoorError(Exception):
    """Base of every error closeddoor raises on purpose; its message is safe to show and log."""


class NotFound(ClosedDoorError):
    pass


class PolicyDenied(ClosedDoorError):
    def __init__(self, reason: str) -> None:
        super().__init__(f"access denied: {reason}")
        self.reason = reason


class InvalidInput(ClosedDoorError):
    """Bad input: the message names the field and what is wrong, never echoes the value."""


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


class AuditUnavailable(ClosedDoorError):
    """The audit append failed, so the data is not returned (fail closed)."""


class AuditChainBroken(ClosedDoorError):
    def __init__(self, seq: int, problem: str) -> None:
        super().__init__(f"audit chain broken at event {seq}: {problem}")
        self.seq = seq
        self.problem = problem


class ConfigError(ClosedDoorError):
    pass
