"""A body that is not JSON answers 400 with the error body the OpenAPI document promises; valid
JSON that fails validation stays 422 (issue 10, item 9)."""

from __future__ import annotations

import pytest

from tests.integration.helpers import Api

NOT_JSON = [b"{", b'{"given_name": "Synthia",}', b"given_name=Synthia", b"\xef\xbb\xbf{]"]


@pytest.mark.parametrize("body", NOT_JSON)
def test_answers_400_when_body_is_not_json(api: Api, body: bytes) -> None:
    headers = {**api.headers("clinician1"), "Content-Type": "application/json"}
    response = api.client.post("/api/v1/clients", content=body, headers=headers)
    assert response.status_code == 400, response.text
    assert response.json() == {"detail": "the body is not valid JSON; send one JSON object"}


def test_400_is_documented_when_body_is_not_json(api: Api) -> None:
    documented = api.client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/clients"]
    assert "400" in documented["post"]["responses"]
    assert "413" in documented["post"]["responses"]


def test_answers_422_when_json_is_valid_but_wrong_shape(api: Api) -> None:
    response = api.post("/clients", "clinician1", {"given_name": 5})
    assert response.status_code == 422, response.text
    assert response.json()["errors"]
