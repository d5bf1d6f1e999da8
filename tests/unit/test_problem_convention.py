"""One convention for refusals (errors.InvalidInput): each problem is "field: how to fix it",
several are joined by errors.PROBLEM_SEPARATOR, and a problem's own text never contains the
separator, so a page can put each problem beside its field (web.forms.field_errors)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from closeddoor.errors import PROBLEM_SEPARATOR, join_problems, split_problems
from closeddoor.web.forms import field_errors

SOURCE = Path(__file__).resolve().parents[2] / "src" / "closeddoor"
PROBLEM = re.compile(r"^[a-z_.\[\]0-9]+: ")


def _problem_texts() -> list[tuple[str, int, str]]:
    """Every literal problem text given to InvalidInput(...) or appended to a list."""
    found = []
    for path in SOURCE.rglob("*.py"):
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in ("InvalidInput", "append", "insert"):
                continue
            for arg in node.args:
                text = "".join(n.value for n in ast.walk(arg)
                               if isinstance(n, ast.Constant) and isinstance(n.value, str))
                if PROBLEM.match(text):
                    found.append((str(path.relative_to(SOURCE)), node.lineno, text))
    return found


def test_no_problem_text_holds_the_separator_when_written_in_the_source() -> None:
    texts = _problem_texts()
    assert len(texts) > 50  # the scan sees the source
    assert [(p, line) for p, line, text in texts if PROBLEM_SEPARATOR in text] == []


def test_no_refusal_joins_problems_another_way_when_written_in_the_source() -> None:
    offenders = [str(p.relative_to(SOURCE)) for p in SOURCE.rglob("*.py")
                 if '" | ".join' in p.read_text()]
    assert offenders == []


def test_each_problem_lands_beside_its_field_when_several_are_joined() -> None:
    message = join_problems(["date: enter the date as YYYY-MM-DD",
                             "room: a telehealth appointment has no room — clear the room",
                             "something without a field"])
    assert split_problems(message)[1].startswith("room: ")
    assert field_errors(message) == {
        "date": "enter the date as YYYY-MM-DD",
        "room": "a telehealth appointment has no room — clear the room",
        "": "something without a field",
    }
