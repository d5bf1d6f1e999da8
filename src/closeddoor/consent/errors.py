"""Errors of the consent context. Messages name files, sections and fact keys, never client data."""

from __future__ import annotations

from closeddoor.errors import InvalidInput


# Bad input to the consent engine (a template, a code, a name): answered as 422 like all bad input.
class ConsentError(InvalidInput):
    """A jurisdiction file, template or rendering request is invalid; the message says where."""
