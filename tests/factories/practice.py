"""PracticeFactory: a practice on a given database, with the demo staff and a clock tests move.

Staff (all share PASSWORD):
  owner, billing, clinician1, clinician2, supervisor (supervises clinician1) -- from demo.populate
  clinician3   a second clinician, put on care teams by tests that need a team-mate
  supervisor2  a supervisor who supervises nobody
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from closeddoor.accounts.service import SYSTEM_ACTOR, StaffUser
from closeddoor.bootstrap import Services
from closeddoor.clock import FrozenClock
from closeddoor.config import Settings, load_settings
from closeddoor.demo import populate
from closeddoor.policy import Actor
from closeddoor.setup import initialize, open_services
from tests.mailbox import mail_environment

PASSWORD = "synthetic-staff-passphrase-4821"
START = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # a Monday afternoon
EXTRA_STAFF = (
    ("clinician3", "Robin Teammate (test)", "clinician", None),
    ("supervisor2", "Quinn Unrelated Supervisor (test)", "supervisor", None),
)


def environment_for(database_url: str) -> dict[str, str]:
    """The environment a test practice runs in: cheap argon2 (tests only), the given database,
    e-mail through the tests' SMTP server (tests/mailbox.py) with links under PUBLIC_URL."""
    return {
        "CLOSEDDOOR_ENV": "test",
        "CLOSEDDOOR_FAST_PASSWORD_HASHING": "1",
        "CLOSEDDOOR_DATABASE_URL": database_url,
        # No timed audit checkpoint in the middle of a test that counts rows (one still comes
        # at each TestClient's start-up and shutdown); test_audit_checkpoints sets its own.
        "CLOSEDDOOR_AUDIT_CHECKPOINT_SECONDS": "3600",
        **mail_environment(),
    }


def settings_for(database_url: str, data_dir: Path) -> Settings:
    return load_settings(env=environment_for(database_url), data_dir=data_dir)


@dataclass
class Practice:
    """A practice under test: its settings, clock, services and staff."""

    database_url: str
    settings: Settings
    clock: FrozenClock
    services: Services
    users: dict[str, StaffUser]
    password: str = PASSWORD
    _opened: list[Services] = field(default_factory=list)

    def actor(self, username: str) -> Actor:
        return self.users[username].actor

    def user_id(self, username: str) -> str:
        return self.users[username].user_id

    def reopen(self, settings: Settings | None = None) -> Services:
        """Fresh services over the same folder and database (cold key cache, key file re-read),
        as another worker process would have; `settings` may vary the practice's own."""
        services = open_services(settings or self.settings, clock=self.clock)
        self._opened.append(services)
        return services

    def close(self) -> None:
        for services in (self.services, *self._opened):
            services.close()


class PracticeFactory:
    @staticmethod
    def create(
        database_url: str,
        data_dir: Path,
        *,
        clients: int = 0,
        start: datetime = START,
        name: str = "Test practice (synthetic)",
    ) -> Practice:
        """Initialize a practice, add the staff and `clients` demo clients (demo.populate)."""
        clock = FrozenClock(start)
        settings = settings_for(database_url, data_dir)
        services = initialize(settings, name, clock=clock)
        populate(services, password=PASSWORD, clients=clients)
        for username, display_name, role, supervisor in EXTRA_STAFF:
            services.accounts.add_user(
                SYSTEM_ACTOR,
                username=username,
                display_name=display_name,
                role=role,
                password=PASSWORD,
                supervisor_username=supervisor,
            )
        users = {u.username: u for u in services.accounts.list_users(SYSTEM_ACTOR)}
        return Practice(database_url, settings, clock, services, users)
