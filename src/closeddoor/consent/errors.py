"""Errors of the consent context. Messages name files, sections and fact keys, never client data."""

from __future__ import annotations

from closeddoor.errors import ClosedDoorError


class ConsentError(ClosedDoorError):
    """A jurisdiction file, template or rendering request is invalid; the message says where."""
