"""Rules of the architecture that import contracts cannot express (issue 9): only the gate and the
store's repositories write to the audit log, and only the gate mints an access proof. Each rule
has a negative control that shows it would catch a breach."""

from __future__ import annotations

import ast
from pathlib import Path

import closeddoor

SRC = Path(closeddoor.__file__).parent
AUDIT_WRITES = {"append_in", "record"}


def _audit_writes(source: str) -> list[int]:
    """Lines that call `<something>.audit.append_in(...)` or `<something>.audit.record(...)`."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in AUDIT_WRITES
                and isinstance(node.func.value, ast.Attribute) and node.func.value.attr == "audit"):
            lines.append(node.lineno)
    return lines


def _may_write_audit(path: Path) -> bool:
    relative = path.relative_to(SRC)
    return relative.parts[0] == "store" or relative.as_posix() == "gate.py"


def test_audit_written_only_by_the_gate_and_the_store_when_any_module_is_read() -> None:
    offenders = [f"{path.relative_to(SRC)}:{line}"
                 for path in sorted(SRC.rglob("*.py")) if not _may_write_audit(path)
                 for line in _audit_writes(path.read_text())]
    assert offenders == [], "services append through Gate.record / Gate.record_in"


def test_audit_write_is_caught_when_a_service_appends_by_itself() -> None:
    breach = "def work(rt, conn, entry):\n    rt.audit.append_in(conn, [entry])\n"
    assert _audit_writes(breach) == [2]
    assert _audit_writes("def ok(gate, conn, e):\n    gate.record_in(conn, [e])\n") == []


def test_access_proof_minted_only_in_the_gate_when_any_module_is_read() -> None:
    minting = [path.relative_to(SRC).as_posix() for path in sorted(SRC.rglob("*.py"))
               if "_MINT" in path.read_text()]
    assert minting == ["gate.py"]
