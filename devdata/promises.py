"""The promise ledger: what each client-facing statement of the consent form promises, what keeps
the promise, and the tests that prove it (issue 11; design invariant 8).

The statements are the default template's introduction and sections
(`src/closeddoor/consent/default_template.toml`) and the jurisdiction facts
(`src/closeddoor/consent/jurisdictions/*.toml`). The ledger, `docs/promises.toml`, holds one entry
per statement with the SHA-256 of the statement's source text when its promises were last
confirmed. Each promise is one of:

- `enforced`: software behaviour; `tests` names the tests that prove it;
- `conduct`: a statement about people (the therapist, the client, the law) that software cannot
  keep; `why` says so;
- `gap`: software should keep it but does not yet; `issue` names the open issue that will.

    python -m devdata.promises            # write docs/promises.md; list entries to re-confirm
    python -m devdata.promises --confirm  # also store the current hashes (after re-reading!)

`tests/unit/test_promise_ledger.py` fails when a statement has no entry, an entry's statement
changed since it was confirmed, a promise names no test or a test that does not exist, or
docs/promises.md is not what this module generates from the ledger.
"""

from __future__ import annotations

import ast
import functools
import hashlib
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CONSENT = ROOT / "src" / "closeddoor" / "consent"
LEDGER = ROOT / "docs" / "promises.toml"
DOCUMENT = ROOT / "docs" / "promises.md"
KINDS = ("enforced", "conduct", "gap")


@dataclass(frozen=True)
class Promise:
    says: str
    kind: str
    enforced_by: str = ""
    tests: tuple[str, ...] = ()
    why: str = ""
    issue: int | None = None


@dataclass(frozen=True)
class Entry:
    source: str
    text_sha256: str
    promises: tuple[Promise, ...] = field(default_factory=tuple)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def statements() -> dict[str, str]:
    """Every client-facing statement, by source key, with its source text."""
    template = tomllib.loads((CONSENT / "default_template.toml").read_text())
    found = {"template:title": template["title"], "template:intro": template["intro"]}
    for section in template["sections"]:
        found[f"template:{section['key']}"] = f"{section['title']}\n{section['body']}"
    facts: dict[str, dict[str, Any]] = {}
    for path in sorted((CONSENT / "jurisdictions").glob("*.toml")):
        for key, fact in tomllib.loads(path.read_text()).get("facts", {}).items():
            facts.setdefault(key, {})[path.stem] = fact
    for key, by_jurisdiction in facts.items():
        found[f"fact:{key}"] = json.dumps(by_jurisdiction, sort_keys=True, default=str)
    return found


def current_hashes() -> dict[str, str]:
    return {source: _sha256(text) for source, text in statements().items()}


def load_ledger(path: Path = LEDGER) -> list[Entry]:
    raw = tomllib.loads(path.read_text())
    return [Entry(item["source"], item.get("text_sha256", ""),
                  tuple(Promise(p["says"], p["kind"], p.get("enforced_by", ""),
                                tuple(p.get("tests", ())), p.get("why", ""), p.get("issue"))
                        for p in item.get("promises", ())))
            for item in raw.get("entries", ())]


@functools.cache
def _defined_tests(test_file: Path) -> frozenset[str]:
    tree = ast.parse(test_file.read_text())
    return frozenset(node.name for node in tree.body
                     if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                     and node.name.startswith("test_"))


def test_exists(reference: str) -> bool:
    """`tests/path/file.py::test_name`, with the function defined at the file's top level."""
    path, sep, name = reference.partition("::")
    test_file = ROOT / path
    return bool(sep) and test_file.is_file() and name in _defined_tests(test_file)


def problems(ledger: list[Entry]) -> list[str]:
    """Everything wrong with the ledger against today's texts and tests; empty when it holds."""
    found: list[str] = []
    hashes = current_hashes()
    sources = [entry.source for entry in ledger]
    for source in sorted(set(hashes) - set(sources)):
        found.append(f"{source}: client-facing statement with no ledger entry")
    for source in sorted({s for s in sources if sources.count(s) > 1}):
        found.append(f"{source}: more than one ledger entry")
    for entry in ledger:
        where = entry.source
        if where not in hashes:
            found.append(f"{where}: ledger entry for a statement that no longer exists")
            continue
        if entry.text_sha256 != hashes[where]:
            found.append(f"{where}: the statement changed since its promises were confirmed; "
                         "re-read them, then run python -m devdata.promises --confirm")
        if not entry.promises:
            found.append(f"{where}: no promise listed")
        for promise in entry.promises:
            found.extend(f"{where}: {problem}" for problem in _promise_problems(promise))
    return found


def _promise_problems(promise: Promise) -> list[str]:
    said = promise.says[:60]
    if promise.kind not in KINDS:
        return [f"'{said}': kind must be one of {', '.join(KINDS)}"]
    if promise.kind == "enforced":
        if not promise.tests or not promise.enforced_by:
            return [f"'{said}': an enforced promise names what enforces it and its tests"]
        return [f"'{said}': no such test {test}" for test in promise.tests
                if not test_exists(test)]
    if promise.tests:
        return [f"'{said}': a {promise.kind} promise has no tests; make it enforced"]
    if not promise.why:
        return [f"'{said}': say why it is {promise.kind}"]
    if promise.kind == "gap" and not isinstance(promise.issue, int):
        return [f"'{said}': a gap names the open issue that will close it"]
    return []


def render_markdown(ledger: list[Entry]) -> str:
    """docs/promises.md: promise → enforced by → tests, then the promises not yet kept."""
    lines = [
        "# What the consent form promises, and what keeps each promise",
        "",
        "Generated from `docs/promises.toml` by `python -m devdata.promises`; do not edit by hand.",
        "`tests/unit/test_promise_ledger.py` fails when a statement of the form has no entry,",
        "changed since its promises were confirmed, or names a test that does not exist.",
        "",
    ]
    gaps: list[tuple[str, Promise]] = []
    for entry in ledger:
        lines += [f"## `{entry.source}`", "",
                  "| promise | kept by | proved by |", "| --- | --- | --- |"]
        for promise in entry.promises:
            if promise.kind == "gap":
                gaps.append((entry.source, promise))
            kept = {"enforced": promise.enforced_by,
                    "conduct": f"people, not software: {promise.why}",
                    "gap": f"**not yet kept** (issue {promise.issue}): {promise.why}"}
            proved = "<br>".join(f"`{test}`" for test in promise.tests) or "—"
            lines.append(f"| {_cell(promise.says)} | {_cell(kept[promise.kind])} | {proved} |")
        lines.append("")
    lines += ["## Not yet kept", ""]
    lines += [f"- `{source}` (issue {promise.issue}): {promise.says}" for source, promise in gaps]
    if not gaps:
        lines.append("Every promise is kept.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").strip()


def confirm(path: Path = LEDGER) -> None:
    """Store today's hash beside each entry whose statement exists (after a person re-read it)."""
    hashes = current_hashes()
    text = path.read_text()

    def replace(match: re.Match[str]) -> str:
        source = match.group(1)
        return f'source = "{source}"\ntext_sha256 = "{hashes.get(source, "")}"'

    path.write_text(re.sub(r'source = "([^"]+)"\ntext_sha256 = "[0-9a-f]*"', replace, text))


def main(argv: list[str]) -> int:
    if "--confirm" in argv:
        confirm()
    ledger = load_ledger()
    DOCUMENT.write_text(render_markdown(ledger))
    for problem in problems(ledger):
        print(problem)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
