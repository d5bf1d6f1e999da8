"""Portal page and API tests: one fresh practice per test on SQLite (the isolation suite in
tests/integration runs on PostgreSQL too)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import Practice, PracticeFactory
from tests.portal.helpers import PortalClient, portal_client


@pytest.fixture
def practice(tmp_path: Path) -> Iterator[Practice]:
    url = f"sqlite:///{(tmp_path / 'closeddoor.db').resolve()}"
    built = PracticeFactory.create(url, tmp_path / "data")
    yield built
    built.close()


@pytest.fixture
def client_a(practice: Practice) -> PortalClient:
    return portal_client(practice, "client.alpha")
