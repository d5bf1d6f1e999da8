"""Typed identifiers and the two shapes clinical data takes: plaintext and sealed."""

from typing import NewType

PracticeId = NewType("PracticeId", str)
ClientId = NewType("ClientId", str)
RecordId = NewType("RecordId", str)
ActorId = NewType("ActorId", str)
Plaintext = NewType("Plaintext", bytes)
Sealed = NewType("Sealed", bytes)
