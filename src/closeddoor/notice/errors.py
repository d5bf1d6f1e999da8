"""Errors of the notice context: they name fields and sections, never client data."""

from __future__ import annotations

from closeddoor.errors import InvalidInput


class NoticeError(InvalidInput):
    """A notice document that is malformed or lacks an element 164.520(b)(1) requires."""
