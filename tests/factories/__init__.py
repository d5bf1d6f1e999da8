"""Test-data builders for the integration and migration suites. Synthetic people only."""

from tests.factories.practice import (
    PASSWORD,
    START,
    Practice,
    PracticeFactory,
    settings_for,
)
from tests.factories.records import ClientFactory, NoteFactory, marker, marker_digits, team_up

__all__ = [
    "PASSWORD",
    "START",
    "ClientFactory",
    "NoteFactory",
    "Practice",
    "PracticeFactory",
    "marker",
    "marker_digits",
    "settings_for",
    "team_up",
]
