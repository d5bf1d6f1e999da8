"""Helpers for the page tests: a synthetic practice and a TestClient that signs in through the
pages and posts forms with their CSRF token, like a person would."""

from __future__ import annotations

import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from closeddoor.accounts.service import StaffUser
from closeddoor.bootstrap import Services
from closeddoor.clock import FrozenClock
from closeddoor.server import create_app

with warnings.catch_warnings():
    # Starlette asks for httpx2; the project pins httpx for now. Only this import is excused.
    warnings.filterwarnings("ignore", message=".*install `httpx2`", category=UserWarning)
    from fastapi.testclient import TestClient

PASSWORD = "synthetic-web-test-passphrase-7"
TOKEN_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')
TAG_PATTERN = re.compile(r"<[^>]+>")
TEST_ENV = {"CLOSEDDOOR_ENV": "test", "CLOSEDDOOR_FAST_PASSWORD_HASHING": "1"}


def csrf_token(html: str) -> str:
    match = TOKEN_PATTERN.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def visible_text(html: str) -> str:
    """The page's words as a reader meets them: tags dropped, runs of white space made one."""
    return " ".join(TAG_PATTERN.sub(" ", html).split()).replace(" .", ".")


class Browser:
    """A TestClient used like a person uses the pages: forms carry the page's CSRF token."""

    def __init__(self, services: Services) -> None:
        self.http = TestClient(create_app(services), raise_server_exceptions=False)
        self.token = ""

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.http.get(path, **kwargs)  # type: ignore[arg-type]

    def sign_in(self, username: str, password: str = PASSWORD) -> httpx.Response:
        form = self.http.get("/signin")
        response = self.http.post("/signin", data={
            "csrf_token": csrf_token(form.text), "username": username, "password": password})
        if response.status_code == 200 and "csrf_token" in response.text:
            self.token = csrf_token(response.text)
        return response

    def post(self, path: str, data: Mapping[str, str | list[str]] | None = None, *,
             with_token: bool = True) -> httpx.Response:
        """Post a form; a list value is a field sent once per item (checkboxes)."""
        fields: dict[str, str | list[str]] = dict(data or {})
        if with_token:
            fields["csrf_token"] = self.token
        return self.http.post(path, data=fields)

    def sign_out(self) -> httpx.Response:
        return self.post("/signout")


@dataclass
class Practice:
    services: Services
    clock: FrozenClock

    def user(self, username: str) -> StaffUser:
        return self.services.accounts.user_by_username(username)

    def first_client_of(self, username: str) -> str:
        return self.services.charts.list_clients(self.user(username).actor)[0].client_id

    def browser(self, username: str | None = None) -> Browser:
        browser = Browser(self.services)
        if username is not None:
            response = browser.sign_in(username)
            assert response.status_code == 200, response.text
        return browser
