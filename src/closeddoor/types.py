"""Typed identifiers, the record kinds, and the two shapes clinical data takes: plaintext and
sealed."""

from enum import StrEnum
from typing import NewType

PracticeId = NewType("PracticeId", str)
ClientId = NewType("ClientId", str)
RecordId = NewType("RecordId", str)
ActorId = NewType("ActorId", str)
Plaintext = NewType("Plaintext", bytes)
Sealed = NewType("Sealed", bytes)


class RecordKind(StrEnum):
    """The kind of record a sealed field belongs to; its value is bound into every ciphertext's
    associated data, so a value sealed as one kind never opens as another.

    The values are stored data's contract: renaming one makes every ciphertext of that kind
    undecryptable (tests/vectors/envelope-v1.json holds one of each). Keep alphabetical; each
    is described in docs/architecture.md.
    """

    ADDENDUM = "addendum"
    AMENDMENT = "amendment"
    APPOINTMENT = "appointment"
    AUTHORIZATION = "authorization"
    BREAK_GLASS = "break_glass"
    CLIENT = "client"
    CONSENT_SIGNATURE = "consent_signature"
    DISCLOSURE = "disclosure"
    EXCERPT = "excerpt"
    INTAKE = "intake"
    MEASURE = "measure"
    MINOR_CONSENT_FINDING = "minor_consent_finding"
    NOTICE_ACKNOWLEDGMENT = "notice_acknowledgment"
    PERSONAL_REPRESENTATIVE = "personal_representative"
    PORTAL_ACCOUNT = "portal_account"
    PREFERENCES = "preferences"
    PROBLEM = "problem"
    PROGRESS_NOTE = "progress_note"
    PSYCHOTHERAPY_NOTE = "psychotherapy_note"
    RESTRICTION = "restriction"
    TREATMENT_PLAN = "treatment_plan"
    USER = "user"
