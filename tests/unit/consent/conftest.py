"""Helpers shared by the consent tests: shipped files and text surgery on jurisdiction copies."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from closeddoor.consent.template import ConsentTemplate, default_template

PRACTICE = "Harbor Light Counseling (synthetic)"
CLINICIAN = "Rowan Example, LMFT (synthetic)"


def shipped_jurisdiction_text(code: str) -> str:
    return resources.files("closeddoor.consent").joinpath(
        "jurisdictions", f"{code}.toml").read_text(encoding="utf-8")


def without_fact(text: str, key: str) -> str:
    """The file text with the `[facts.<key>]` table (header to next table) removed."""
    pattern = re.compile(rf"^\[facts\.{re.escape(key)}\]\n.*?(?=^\[|\Z)", re.M | re.S)
    cut, count = pattern.subn("", text)
    assert count == 1, key
    return cut


def with_fact_field(text: str, key: str, field: str, line: str | None) -> str:
    """Replace (or, with line=None, delete) `field = ...` inside `[facts.<key>]`."""
    start = text.index(f"[facts.{key}]\n")
    end = text.find("\n[", start + 1)
    end = len(text) if end == -1 else end
    table = text[start:end]
    field_pattern = re.compile(
        rf'^{field} = (""".*?"""|".*?"|\S+)\n', re.M | re.S)
    replacement = "" if line is None else line + "\n"
    new_table, count = field_pattern.subn(lambda _m: replacement, table, count=1)
    assert count == 1, (key, field)
    return text[:start] + new_table + text[end:]


def write_copy(tmp_path: Path, code: str, text: str) -> Path:
    path = tmp_path / f"{code}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def template() -> ConsentTemplate:
    return default_template()
