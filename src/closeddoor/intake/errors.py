"""Intake's errors: carry no HTTP status or HTML (the adapters map them)."""

from __future__ import annotations

from closeddoor.errors import InvalidInput


class IntakeProblems(InvalidInput):
    """Answers that cannot be saved or submitted: each field's problem, in words that say how
    to fix it (the message is all of them; never an answer)."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("; ".join(fields.values()))
        self.fields = dict(fields)
