"""HSTS (issue 10, item 7): sent on https answers and, with an https public URL, on all of them;
never on plain http otherwise (a browser ignores it there, and a wrong one locks a site out)."""

from __future__ import annotations

from types import SimpleNamespace

from fastapi.testclient import TestClient

from closeddoor.server import STRICT_TRANSPORT_SECURITY, create_app

PAGE = "/api/v1/openapi.json"  # any answer will do; this one needs no services


def _client(base_url: str, public_url: str | None = None) -> TestClient:
    services = SimpleNamespace(settings=SimpleNamespace(public_url=public_url))
    return TestClient(create_app(services), base_url=base_url)  # type: ignore[arg-type]


def test_hsts_is_sent_when_request_came_over_https() -> None:
    response = _client("https://testserver").get(PAGE)
    assert response.headers["strict-transport-security"] == STRICT_TRANSPORT_SECURITY
    assert STRICT_TRANSPORT_SECURITY == "max-age=31536000; includeSubDomains"


def test_hsts_is_sent_when_public_url_is_https_behind_plain_http_hop() -> None:
    response = _client("http://testserver", "https://records.example.org").get(PAGE)
    assert response.headers["strict-transport-security"] == STRICT_TRANSPORT_SECURITY


def test_hsts_is_sent_on_errors_when_request_came_over_https() -> None:
    response = _client("https://testserver").get("/api/v1/no-such-route")
    assert response.status_code == 404
    assert "strict-transport-security" in response.headers


def test_hsts_is_absent_when_plain_http_and_no_https_public_url() -> None:
    for public_url in (None, "http://127.0.0.1:8000"):
        response = _client("http://testserver", public_url).get(PAGE)
        assert "strict-transport-security" not in response.headers
