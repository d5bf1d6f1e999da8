"""Test-data builders for the integration and migration suites. Synthetic people only."""

from tests.factories.consent import publish_reviewed_version
from tests.factories.disclosures import (
    AuthorizationFactory,
    authorized_request,
    duty_to_warn_request,
    oversight_request,
)
from tests.factories.notice import publish_notice
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
    "AuthorizationFactory",
    "ClientFactory",
    "NoteFactory",
    "Practice",
    "PracticeFactory",
    "authorized_request",
    "duty_to_warn_request",
    "marker",
    "marker_digits",
    "oversight_request",
    "publish_notice",
    "publish_reviewed_version",
    "settings_for",
    "team_up",
]
