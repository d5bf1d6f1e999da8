"""axe-core (npm, pinned in package-lock.json, installed by bin/test) run inside a browser page.

The project standard: WCAG 2.1 AA, and axe finds no serious or critical violation on any page.
Our pages allow only their own scripts (CSP script-src 'self'), so axe can be injected only into
a page of a browser context made with `bypass_csp=True`; use such a context for audits alone.

A failure names each rule, its impact, its help text and the first few CSS selectors it flagged.
It never shows page text: the pages hold (synthetic) clinical data, and a selector's quoted
attribute values (an href with a client id, say) are blanked too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
BLOCKING = frozenset({"serious", "critical"})
TARGETS_SHOWN = 4

_RUN = """async (options) => {
  const results = await window.axe.run(document, options);
  return results.violations.map((violation) => ({
    id: violation.id, impact: violation.impact, help: violation.help,
    targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
  }));
}"""
_PERSONAL = re.compile(r"""(["'])[^"']*[@\s][^"']*\1""")  # an address or words in a value
_LONG_ID = re.compile(r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|"
                      r"[0-9a-f]{16,}", re.IGNORECASE)


def _redacted(selector: str) -> str:
    return _LONG_ID.sub("…", _PERSONAL.sub('"…"', selector))


def describe(violations: list[dict[str, Any]]) -> list[str]:
    """One line per blocking violation: rule id, impact, help and the first few selectors."""
    lines = []
    for violation in violations:
        if violation["impact"] not in BLOCKING:
            continue
        targets = [_redacted(t) for t in violation["targets"]]
        shown = ", ".join(targets[:TARGETS_SHOWN])
        more = f" (+{len(targets) - TARGETS_SHOWN} more)" if len(targets) > TARGETS_SHOWN else ""
        lines.append(f"{violation['id']} [{violation['impact']}] {violation['help']}: "
                     f"{shown}{more}")
    return lines


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Every WCAG 2.0/2.1 A and AA violation axe finds on the page as it is now."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"axe-core is not installed at {AXE_SCRIPT}; run `npm ci --no-audit "
                    "--no-fund` at the repository root (bin/test does this)")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_SCRIPT))
    options = {"runOnly": {"type": "tag", "values": list(WCAG_TAGS)},
               "resultTypes": ["violations"]}
    violations: list[dict[str, Any]] = page.evaluate(_RUN, options)
    return violations


def accessibility_problems(page: Any) -> list[str]:
    """The serious and critical WCAG 2.0/2.1 A/AA violations on `page`, one line each."""
    return describe(axe_violations(page))


def assert_accessible(page: Any, name: str) -> None:
    """Fail, naming the page by `name` (never its URL or text), on any serious or critical
    WCAG 2.0/2.1 A/AA violation axe finds on `page` (a page of a `bypass_csp=True` context)."""
    problems = accessibility_problems(page)
    if problems:
        pytest.fail(f"{name}: {len(problems)} serious or critical accessibility violation(s):\n  "
                    + "\n  ".join(problems), pytrace=False)
