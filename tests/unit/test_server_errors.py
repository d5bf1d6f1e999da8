"""An unexpected exception answers a generic 500 with a correlation id, and its message (which
might have been built from clinical input) reaches neither the response nor the logs."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from closeddoor.policy import Actor, Role
from closeddoor.server import create_app

MARKER = "Zephyrine-Marker-Quokka"


class _ExplodingCharts:
    def list_clients(self, actor: Actor) -> Any:
        raise RuntimeError(f"boom with {MARKER}")


class _SignedInClinician:
    """Accounts that take any bearer token for one signed-in clinician."""

    def resolve_session(self, token: str, kind: str) -> Any:
        user = SimpleNamespace(actor=Actor("u1", Role.CLINICIAN))
        return SimpleNamespace(user=user, mfa_passed=True, mfa_enrolment_required=False)


@pytest.fixture
def client() -> TestClient:
    services = SimpleNamespace(charts=_ExplodingCharts(), accounts=_SignedInClinician())
    app = create_app(services)  # type: ignore[arg-type]
    return TestClient(app, raise_server_exceptions=False,
                      headers={"Authorization": "Bearer synthetic-token"})


def test_unexpected_error_is_generic_when_api_fails(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = client.get("/api/v1/clients")
    assert response.status_code == 500
    body = response.json()
    assert body["detail"] == "internal error"
    assert len(body["correlation_id"]) == 12
    assert MARKER not in response.text
    assert MARKER not in caplog.text
    assert body["correlation_id"] in caplog.text
    assert response.headers["Cache-Control"] == "no-store"
