"""The consent form is the specification (issue 11; design invariant 8): every client-facing
statement has a ledger entry, its promises name what keeps them and the tests that prove them,
and docs/promises.md is generated from the ledger. Each check has a negative control."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from devdata import promises
from devdata.promises import Entry, Promise


@pytest.fixture(scope="module")
def ledger() -> list[Entry]:
    return promises.load_ledger()


def test_every_statement_has_confirmed_promises_with_existing_tests(ledger: list[Entry]) -> None:
    assert promises.problems(ledger) == []


def test_promises_document_is_generated_from_the_ledger(ledger: list[Entry]) -> None:
    assert promises.DOCUMENT.read_text() == promises.render_markdown(ledger), (
        "docs/promises.md is stale: run python -m devdata.promises")


def test_every_open_gap_names_an_issue_and_is_listed_as_not_yet_kept(
    ledger: list[Entry],
) -> None:
    document = promises.render_markdown(ledger)
    gaps = [p for entry in ledger for p in entry.promises if p.kind == "gap"]
    for gap in gaps:
        assert isinstance(gap.issue, int)
        assert gap.says in document.split("## Not yet kept", 1)[1]


def test_statement_without_an_entry_is_caught_when_one_is_dropped(ledger: list[Entry]) -> None:
    found = promises.problems([e for e in ledger if e.source != "template:recordings"])
    assert found == ["template:recordings: client-facing statement with no ledger entry"]


def test_changed_statement_is_caught_when_its_hash_differs(ledger: list[Entry]) -> None:
    changed = [dataclasses.replace(e, text_sha256="0" * 64) if e.source == "fact:complaints_to"
               else e for e in ledger]
    assert any(p.startswith("fact:complaints_to: the statement changed")
               for p in promises.problems(changed))


def test_missing_test_is_caught_when_a_promise_names_one_that_does_not_exist(
    ledger: list[Entry],
) -> None:
    bogus = Promise("A promise whose test was deleted.", "enforced", "somewhere",
                    ("tests/unit/test_docs.py::test_that_does_not_exist",))
    broken = [dataclasses.replace(ledger[0], promises=(bogus,)), *ledger[1:]]
    assert any("no such test tests/unit/test_docs.py::test_that_does_not_exist" in p
               for p in promises.problems(broken))


@pytest.mark.parametrize("promise", [
    Promise("Enforced with no test.", "enforced", "somewhere"),
    Promise("Conduct with no reason.", "conduct"),
    Promise("Gap with no issue.", "gap", why="not built"),
    Promise("Gap claiming a test.", "gap", tests=("tests/unit/test_docs.py::x",), why="w",
            issue=1),
    Promise("Unknown kind.", "hoped"),
])
def test_malformed_promise_is_caught(ledger: list[Entry], promise: Promise) -> None:
    broken = [dataclasses.replace(ledger[0], promises=(promise,)), *ledger[1:]]
    assert promises.problems(broken), promise.says


def test_test_reference_found_only_when_defined_at_top_level(tmp_path: Path) -> None:
    assert promises.test_exists(
        "tests/unit/test_promise_ledger.py::test_test_reference_found_only_when_defined_at_top_level")
    assert not promises.test_exists("tests/unit/test_promise_ledger.py::ledger_is_not_a_test")
    assert not promises.test_exists("tests/unit/no_such_file.py::test_x")
    assert not promises.test_exists("tests/unit/test_promise_ledger.py")
