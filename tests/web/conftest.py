"""A fresh synthetic practice per test (helpers live in tests/web/helpers.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from closeddoor.clock import FrozenClock
from closeddoor.config import load_settings
from closeddoor.demo import populate
from closeddoor.setup import initialize
from tests.conftest import MigratedTemplates
from tests.mailbox import mail_environment
from tests.web.helpers import PASSWORD, TEST_ENV, Practice


@pytest.fixture
def practice(tmp_path: Path, migrated_templates: MigratedTemplates) -> Iterator[Practice]:
    settings = load_settings({**TEST_ENV, **mail_environment()}, data_dir=tmp_path / "data")
    # The database in the data folder starts as the migrated schema (tests/conftest.py).
    settings.data_dir.mkdir(mode=0o700)
    shutil.copyfile(migrated_templates.sqlite(), settings.data_dir / "closeddoor.db")
    clock = FrozenClock(datetime.now(UTC).replace(microsecond=0))
    services = initialize(settings, "Web test practice (synthetic)", clock=clock)
    populate(services, password=PASSWORD, clients=4)
    yield Practice(services, clock)
    services.close()
