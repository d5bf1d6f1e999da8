"""Every list in the API is paged (issue 16), and the OpenAPI document says so: no answer under
/api/v1 is a bare JSON array, and every route answering a page takes `cursor` and `limit`."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient

from closeddoor.api.schemas.common import CursorQuery, LimitQuery, PageOut
from closeddoor.paging import DEFAULT_LIMIT, MAX_LIMIT
from closeddoor.server import create_app

OPENAPI = "/api/v1/openapi.json"


def _document() -> dict[str, Any]:
    services = SimpleNamespace(settings=SimpleNamespace(public_url=None))  # no services needed
    client = TestClient(create_app(services))  # type: ignore[arg-type]
    document: dict[str, Any] = client.get(OPENAPI).json()
    return document


def _problems(document: dict[str, Any], prefix: str) -> list[str]:
    """Each route under `prefix` whose success answer is a bare array, or that answers a page
    without taking `cursor` and `limit` as query parameters."""
    found = []
    for path, operations in document["paths"].items():
        if not path.startswith(prefix):
            continue
        for method, operation in operations.items():
            query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            for status, answer in operation.get("responses", {}).items():
                schema = answer.get("content", {}).get("application/json", {}).get("schema", {})
                if not status.startswith("2"):
                    continue
                if schema.get("type") == "array":
                    found.append(f"{method.upper()} {path}: a bare array")
                if schema.get("$ref", "").startswith("#/components/schemas/PageOut") and not (
                        {"cursor", "limit"} <= query):
                    found.append(f"{method.upper()} {path}: a page without cursor and limit")
    return found


def test_no_route_answers_a_bare_array_when_the_document_is_read() -> None:
    document = _document()
    assert _problems(document, "/api/v1/") == []
    pages = [path for path, operations in document["paths"].items()
             for operation in operations.values()
             if operation.get("responses", {}).get("200", {}).get("content", {})
             .get("application/json", {}).get("schema", {}).get("$ref", "")
             .startswith("#/components/schemas/PageOut")]
    # The lists paged by issue 16's last part are among them (a sample from each router).
    for path in ("/api/v1/clients/search", "/api/v1/clients/{client_id}/measures",
                 "/api/v1/portal/me/access-history", "/api/v1/portal/me/intake-packets",
                 "/api/v1/cosign-queue", "/api/v1/diagnosis-codes",
                 "/api/v1/consent/versions", "/api/v1/notice/versions",
                 "/api/v1/clients/{client_id}/disclosures"):
        assert path in pages, path
    assert len(pages) >= 34  # 9 paged before, 25 by this part


def test_page_shape_and_bounds_are_documented_when_a_list_is_paged() -> None:
    document = _document()
    page = document["components"]["schemas"]["PageOut_ClientSummaryOut_"]
    assert set(page["properties"]) == {"items", "next_cursor", "prev_cursor"}
    assert {"items", "next_cursor"} <= set(page["required"])
    assert page["properties"]["items"]["type"] == "array"
    search = document["paths"]["/api/v1/clients/search"]["post"]
    assert "requestBody" in search  # the name stays in the body, never in the URL
    [limit] = [p for p in search["parameters"] if p["name"] == "limit"]
    assert limit["in"] == "query"
    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, MAX_LIMIT)
    assert limit["schema"]["default"] == DEFAULT_LIMIT


def test_checker_finds_a_bare_array_and_an_unpaged_page_when_a_route_has_one() -> None:
    # Positive control: the checker above would notice a route it should refuse.
    app = FastAPI()

    @app.get("/api/v1/bare", response_model=list[int])
    def bare() -> list[int]:
        return []

    @app.get("/api/v1/unpaged", response_model=PageOut[int])
    def unpaged() -> PageOut[int]:
        return PageOut[int](items=[], next_cursor=None)

    @app.get("/api/v1/paged", response_model=PageOut[int])
    def paged(cursor: CursorQuery = None, limit: LimitQuery = DEFAULT_LIMIT) -> PageOut[int]:
        return PageOut[int](items=[], next_cursor=None)

    assert sorted(_problems(app.openapi(), "/api/v1/")) == [
        "GET /api/v1/bare: a bare array", "GET /api/v1/unpaged: a page without cursor and limit"]
