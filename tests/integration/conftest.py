"""Integration fixtures: a practice on each database and an HTTP client for its API.

Tests that move the clock, break the audit chain or rotate keys take a fresh `practice` (one per
test). Tests that only read, or write records nobody else looks at, share a module-scoped one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.factories import Practice, PracticeFactory
from tests.integration.helpers import Api, open_api


@pytest.fixture
def practice(database_url: str, tmp_path: Path) -> Iterator[Practice]:
    """A fresh practice (staff only, no clients) for one test."""
    built = PracticeFactory.create(database_url, tmp_path / "data")
    yield built
    built.close()


@pytest.fixture
def api(practice: Practice) -> Iterator[Api]:
    with open_api(practice) as client:
        yield client


@pytest.fixture(scope="module")
def shared_practice(
    module_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Practice]:
    """One practice for a whole module whose tests each work on clients of their own and never
    move the clock."""
    built = PracticeFactory.create(module_database_url, tmp_path_factory.mktemp("shared"))
    yield built
    built.close()


@pytest.fixture(scope="module")
def shared_api(shared_practice: Practice) -> Iterator[Api]:
    with open_api(shared_practice) as client:
        yield client
