"""The ICD-10-CM code set: billable codes only, normalised, searchable by code or words."""

from __future__ import annotations

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.treatment import codes


@pytest.mark.parametrize(("raw", "code"), [("F32.1", "F32.1"), ("f321", "F32.1"),
                                           (" F41.1 ", "F41.1"), ("F43.21", "F43.21")])
def test_lookup_finds_billable_code_when_written_loosely(raw: str, code: str) -> None:
    found = codes.lookup(raw)
    assert found is not None
    assert found.code == code
    assert found.description


@pytest.mark.parametrize("raw", ["F32", "ZZZ", "U07.9X", "", "anxious", "F99.99"])
def test_lookup_refuses_when_not_a_billable_code(raw: str) -> None:
    assert codes.lookup(raw) is None


def test_require_names_the_field_when_code_is_a_category() -> None:
    with pytest.raises(InvalidInput, match=r"^diagnosis: enter a billable ICD-10-CM code"):
        codes.require("F32", "diagnosis")


def test_search_finds_codes_by_prefix_when_query_is_a_code() -> None:
    found = codes.search("F41")
    assert found and all(c.code.startswith("F41") for c in found)
    assert "F41.1" in {c.code for c in found}


def test_search_finds_codes_by_every_word_when_query_is_words() -> None:
    found = codes.search("generalized anxiety")
    assert "F41.1" in {c.code for c in found}
    assert all("generalized" in c.description.lower() and "anxiety" in c.description.lower()
               for c in found)


def test_search_returns_nothing_when_query_is_blank() -> None:
    assert codes.search("   ") == []
    assert len(codes.search("disorder")) == codes.SEARCH_LIMIT
