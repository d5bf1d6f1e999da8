"""Helpers for the portal tests: a TestClient used like a client uses the portal (forms carry
the page's CSRF token), and a way to invite a client and set up their account."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import httpx

from closeddoor.accounts.service import SYSTEM_ACTOR
from closeddoor.bootstrap import Services
from closeddoor.server import create_app
from tests.factories import ClientFactory, Practice
from tests.mailbox import link_path, mail_server

with warnings.catch_warnings():
    # Starlette asks for httpx2; the project pins httpx for now. Only this import is excused.
    warnings.filterwarnings("ignore", message=".*httpx", category=UserWarning)
    from fastapi.testclient import TestClient

CLIENT_PASSWORD = "synthetic-client-passphrase-5930"
TOKEN_PATTERN = re.compile(r'name="csrf_token" value="([^"]+)"')
HIDDEN_PATTERN = r'name="{name}" value="([^"]*)"'


def csrf_token(html: str) -> str:
    match = TOKEN_PATTERN.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def hidden_value(html: str, name: str) -> str:
    match = re.search(HIDDEN_PATTERN.format(name=name), html)
    assert match, f"no field {name} on the page"
    return match.group(1)


class PortalBrowser:
    """A TestClient used like a person uses the portal pages."""

    def __init__(self, services: Services, base_url: str = "http://testserver") -> None:
        self.http = TestClient(create_app(services), base_url=base_url,
                               raise_server_exceptions=False)
        self.token = ""

    def get(self, path: str, **kwargs: object) -> httpx.Response:
        return self.http.get(path, **kwargs)  # type: ignore[arg-type]

    def accept(self, invitation: str, username: str, password: str = CLIENT_PASSWORD,
               again: str | None = None) -> httpx.Response:
        page = self.http.get(f"/portal/invite/{invitation}")
        if page.status_code != 200:  # a closed link has no form: post to it all the same
            page = self.http.get("/portal/signin")
        response = self.http.post(f"/portal/invite/{invitation}", data={
            "csrf_token": csrf_token(page.text), "username": username, "password": password,
            "password_again": password if again is None else again})
        self._remember_token(response)
        return response

    def sign_in(self, username: str, password: str = CLIENT_PASSWORD) -> httpx.Response:
        page = self.http.get("/portal/signin")
        response = self.http.post("/portal/signin", data={
            "csrf_token": csrf_token(page.text), "username": username, "password": password})
        self._remember_token(response)
        return response

    def post(self, path: str, data: dict[str, str] | None = None, *,
             with_token: bool = True) -> httpx.Response:
        fields = dict(data or {})
        if with_token:
            fields["csrf_token"] = self.token
        return self.http.post(path, data=fields)

    def _remember_token(self, response: httpx.Response) -> None:
        if "/portal/signout" in response.text:
            self.token = csrf_token(response.text.split('action="/portal/signout"', 1)[1])


@dataclass
class PortalClient:
    """A client of the practice with a portal account, and a browser signed in as them."""

    client_id: str
    username: str
    data: dict[str, str]
    browser: PortalBrowser


def email_of(practice: Practice, client_id: str) -> str:
    """The client's address on file, read through the gate (and audited) as the system, the
    actor the CLI uses, so the read does not show in the client's access history."""
    return practice.services.charts.get_client(SYSTEM_ACTOR, client_id).contacts["email"]


def invite(practice: Practice, client_id: str, inviter: str = "clinician1") -> str:
    """Invite the client, and take the token from the link the client was e-mailed."""
    practice.services.portal.invite(practice.actor(inviter), client_id)
    path = link_path(mail_server().latest(email_of(practice, client_id)))
    return path.removeprefix("/portal/invite/")


def portal_client(practice: Practice, username: str, creator: str = "clinician1",
                  **overrides: str) -> PortalClient:
    """Create a client (the creator's), have the creator invite them, and accept the
    invitation in a browser."""
    data = ClientFactory.data(**overrides)
    client_id = practice.services.charts.create_client(practice.actor(creator), data)
    browser = PortalBrowser(practice.services)
    response = browser.accept(invite(practice, client_id, creator), username)
    assert response.status_code == 200, response.text
    assert browser.token
    return PortalClient(client_id, username, data, browser)
