"""ClientFactory and NoteFactory: chart records made through the services, as a staff member.

Every free-text value carries a `marker`, a made-up word plus random letters, so a test can later
look for it in places it must never appear (database files, logs, audit rows, error bodies).
"""

from __future__ import annotations

import secrets
import string
from datetime import date
from typing import Any

from tests.factories.practice import Practice


def marker(label: str) -> str:
    """A unique, obviously synthetic word such as `Zyxqlabel7kq2wpd`."""
    alphabet = string.ascii_lowercase + string.digits
    return f"Zyxq{label}{''.join(secrets.choice(alphabet) for _ in range(8))}"


def marker_digits() -> str:
    """Ten random digits (phone numbers accept digits only)."""
    return "".join(secrets.choice(string.digits) for _ in range(10))


class ClientFactory:
    @staticmethod
    def data(**overrides: Any) -> dict[str, Any]:
        data: dict[str, Any] = {
            "given_name": marker("given"),
            "family_name": marker("family"),
            "date_of_birth": date(1987, 6, 15).isoformat(),
            "email": f"{marker('mail').lower()}@example.org",
        }
        data.update(overrides)
        return data

    @staticmethod
    def create(practice: Practice, creator: str = "clinician1", **overrides: Any) -> str:
        """A client created as `creator` (a clinician creator joins the care team)."""
        return practice.services.charts.create_client(
            practice.actor(creator), ClientFactory.data(**overrides)
        )


class NoteFactory:
    @staticmethod
    def progress(
        practice: Practice,
        client_id: str,
        author: str = "clinician1",
        *,
        body: str | None = None,
        sign: bool = True,
    ) -> str:
        return practice.services.notes.create_note(
            practice.actor(author),
            client_id,
            {"kind": "progress", "format": "free", "body": body or marker("note"), "sign": sign},
        )

    @staticmethod
    def psychotherapy(
        practice: Practice, client_id: str, author: str = "clinician1", *, body: str | None = None
    ) -> str:
        return practice.services.notes.create_note(
            practice.actor(author),
            client_id,
            {"kind": "psychotherapy", "format": "free", "body": body or marker("process")},
        )

    @staticmethod
    def addendum(
        practice: Practice, client_id: str, note_id: str, author: str = "clinician1",
        *, body: str | None = None,
    ) -> str:
        return practice.services.notes.add_addendum(
            practice.actor(author), client_id, note_id, {"body": body or marker("addendum")}
        )


def team_up(practice: Practice, client_id: str, username: str) -> str:
    """Put `username` on the client's care team (as the owner would)."""
    return practice.services.charts.assign_care_team(
        practice.actor("owner"), client_id, practice.user_id(username)
    )
