"""Docs are enforced: every Permission, AuditTag, setting and CLI command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.main import get_command

from closeddoor.audit.tags import AuditTag
from closeddoor.cli.main import app
from closeddoor.policy import Permission
from closeddoor.types import RecordKind

ROOT = Path(__file__).parents[2]


def _read(name: str) -> str:
    return (ROOT / name).read_text()


@pytest.mark.parametrize("permission", list(Permission))
def test_permission_documented(permission: Permission) -> None:
    assert f"`{permission.value}`" in _read("docs/permissions.md")


@pytest.mark.parametrize("tag", list(AuditTag))
def test_audit_tag_documented(tag: AuditTag) -> None:
    assert f"`{tag.value}`" in _read("docs/audit-tags.md")


@pytest.mark.parametrize("kind", list(RecordKind))
def test_record_kind_documented(kind: RecordKind) -> None:
    assert f"| `{kind.value}` |" in _read("docs/architecture.md")


def test_enums_kept_in_alphabetical_order() -> None:
    for enum in (Permission, AuditTag, RecordKind):
        values = [member.value for member in enum]
        assert values == sorted(values)


def test_every_setting_variable_documented() -> None:
    source = _read("src/closeddoor/config.py")
    variables = set(re.findall(r'"(CLOSEDDOOR_[A-Z_]+)"', source))
    assert variables, "config.py reads no CLOSEDDOOR_* variables?"
    readme = _read("README.md")
    for variable in variables:
        assert f"`{variable}`" in readme


def _commands() -> list[str]:
    root = get_command(app)
    names = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        sub = getattr(command, "commands", None)
        names += [f"{name} {s}" for s in sub] if sub else [name]
    return names


@pytest.mark.parametrize("command", _commands())
def test_cli_command_documented(command: str) -> None:
    assert f"`closeddoor {command}" in _read("README.md")
