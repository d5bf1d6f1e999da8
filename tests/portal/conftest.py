"""Portal page and API tests: one fresh practice per test on SQLite (the isolation suite in
tests/integration runs on PostgreSQL too)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MigratedTemplates
from tests.factories import Practice, PracticeFactory
from tests.portal.helpers import PortalClient, portal_client


@pytest.fixture
def practice(tmp_path: Path, migrated_templates: MigratedTemplates) -> Iterator[Practice]:
    database = tmp_path / "closeddoor.db"
    shutil.copyfile(migrated_templates.sqlite(), database)  # the migrated schema (conftest.py)
    built = PracticeFactory.create(f"sqlite:///{database.resolve()}", tmp_path / "data")
    yield built
    built.close()


@pytest.fixture
def client_a(practice: Practice) -> PortalClient:
    return portal_client(practice, "client.alpha")
