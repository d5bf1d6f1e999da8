"""No module binds a module-level name twice over: the second binding silently replaces the
first, and the code written for the first then runs with the second (two de-identification
patterns once shadowed earlier ones of the same name this way, and a rule stopped working with
no test failing). A rebinding that reads the old value ("_TAILS = _TAILS | {...}") extends it
and is allowed. Each rule has a negative control."""

from __future__ import annotations

import ast
from pathlib import Path

import closeddoor

SRC = Path(closeddoor.__file__).parent


def _rebound_names(source: str) -> list[tuple[str, int]]:
    """(name, line) of each module-level plain assignment that replaces an earlier one without
    reading it."""
    bound: set[str] = set()
    rebound = []
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign):
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            targets = [node.target.id] if node.value is not None else []
        else:
            continue
        value = node.value if node.value is not None else ast.Constant(None)
        read = {n.id for n in ast.walk(value) if isinstance(n, ast.Name)}
        rebound += [(name, node.lineno) for name in targets if name in bound and name not in read]
        bound.update(targets)
    return rebound


def test_no_module_rebinds_a_module_level_name_when_any_module_is_read() -> None:
    offenders = [f"{path.relative_to(SRC)}:{line} {name}"
                 for path in sorted(SRC.rglob("*.py"))
                 for name, line in _rebound_names(path.read_text())]
    assert offenders == [], "give the second pattern a name of its own"


def test_a_shadowing_pattern_is_caught() -> None:
    source = 'import re\n_AGE = re.compile(r"\\d+,")\n_AGE = re.compile(r"\\d+ y/o")\n'
    assert _rebound_names(source) == [("_AGE", 3)]


def test_a_binding_that_extends_the_old_value_is_allowed() -> None:
    source = "_TAILS = frozenset({'inn'})\n_TAILS = _TAILS | {'lodge'}\n"
    assert _rebound_names(source) == []
