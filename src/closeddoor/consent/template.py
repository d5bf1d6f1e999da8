"""Consent templates: sections of plain text written as sandboxed Jinja2 templates.

A template is a TOML file (see `default_template.toml`)::

    name = "default"
    title = "..."
    intro = "..."                         # a body template, shown before the sections
    [[sections]]
    key = "danger_to_self"                # one of SECTION_KEYS, each exactly once, in that order
    title = "..."
    citations = ["45 CFR 164.512(j)"]     # optional: sources that no fact carries
    body = "..."                          # a Jinja2 template

Bodies may use `facts.<key>.value|summary|citation|report_to`, `jurisdiction.name`,
`jurisdiction.code`, `practice.name` and `clinician.name` (may be empty). Under each section
the rendered document lists, as its sources, the citation of every fact the body names (except
facts whose value is "none") and then the section's own `citations`. A blank line starts a new
paragraph; a line starting with "- " starts a list item.

Templates run in Jinja2's SandboxedEnvironment with StrictUndefined: a reference to a fact the
jurisdiction lacks fails rendering with a ConsentError naming the section and the fact, instead
of leaving a silent gap in a legal document. (This is the one module of the consent core that
imports jinja2; the sandbox keeps a practice-edited template from reaching anything but the
values above.)

The sandbox also bounds the work a template can ask for, as Shopify's Liquid bounds the
templates its merchants write (render length and render score limits): no globals (no `range`,
`lipsum`, `dict`, `namespace`), a short list of filters that cannot grow text, no `format` or
`format_map`, arithmetic on small numbers only (`**` and `*` refuse results over
`MAX_INT_BITS` bits, text cannot be multiplied past `MAX_OUTPUT_CHARS` or %-formatted), at most
`MAX_STEPS` steps (loop iterations, calls, operations, output pieces), `MAX_OUTPUT_CHARS`
characters and `MAX_RENDER_SECONDS` seconds a body. Whatever a template does past those limits,
or any error inside it, is a ConsentError (422) naming the section.
"""

from __future__ import annotations

import operator
import time
import tomllib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    StrictUndefined,
    Template,
    TemplateError,
    TemplateSyntaxError,
    UndefinedError,
    nodes,
    pass_context,
)
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from closeddoor.consent.errors import ConsentError
from closeddoor.consent.jurisdictions import Fact

SECTION_KEYS: tuple[str, ...] = (
    "danger_to_self",
    "danger_to_others",
    "child_abuse",
    "elder_dependent_adult_abuse",
    "court_order_subpoena",
    "medical_emergency",
    "supervision_consultation",
    "insurance_billing",
    "minors_guardians",
    "couples_family_group",
    "telehealth_electronic",
    "recordings",
    "records_retention",
    "client_rights",
)
DEFAULT_TEMPLATE_FILE = "default_template.toml"


@dataclass(frozen=True)
class ConsentSection:
    """One limit of confidentiality or one right: a stable key, a title and a body template."""

    key: str
    title: str
    body: str
    citations: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConsentTemplate:
    """A named, ordered set of sections, with a document title and an introduction."""

    name: str
    sections: tuple[ConsentSection, ...]
    title: str = "Your privacy in therapy"
    intro: str = ""

    def validate(self) -> None:
        """Check the shape: every required key present exactly once, in order, no unknown keys,
        non-empty titles, and every body compiles. Raises ConsentError naming the problem."""
        # Messages name positions and the known keys, never the submitted text.
        where = "template"
        keys = [section.key for section in self.sections]
        unknown = [index for index, key in enumerate(keys) if key not in SECTION_KEYS]
        if unknown:
            raise ConsentError(f"{where}: sections[{unknown[0]}] has an unknown key; known "
                               f"keys: {', '.join(SECTION_KEYS)}")
        for key in SECTION_KEYS:
            count = keys.count(key)
            if count != 1:
                problem = "is missing" if count == 0 else f"appears {count} times"
                raise ConsentError(f"{where}: section {key!r} {problem}")
        if tuple(keys) != SECTION_KEYS:
            raise ConsentError(f"{where}: sections must come in this order: "
                               f"{', '.join(SECTION_KEYS)}")
        if not self.title.strip():
            raise ConsentError(f"{where}: title is empty")
        compile_body(self.intro, f"{where}: intro")
        for section in self.sections:
            if not section.title.strip():
                raise ConsentError(f"{where}: section {section.key!r} has an empty title")
            compile_body(section.body, f"{where}: section {section.key!r}")


@dataclass(frozen=True)
class FactView:
    """What a template may read of a fact (never its review note)."""

    value: str | int
    citation: str
    summary: str
    report_to: str


def fact_views(facts: Mapping[str, Fact]) -> dict[str, FactView]:
    """The read-only views of a jurisdiction's facts that templates see as `facts`."""
    return {key: FactView(fact.value, fact.citation, fact.summary, fact.report_to)
            for key, fact in facts.items()}


MAX_INT_BITS = 256  # far past any age, year or count a consent form states
MAX_OUTPUT_CHARS = 100_000  # one rendered body; the longest shipped section is ~1,500
MAX_STEPS = 100_000
MAX_RENDER_SECONDS = 1.0
# Filters that cannot make text longer than what they are given (nor run long).
SAFE_FILTERS = ("capitalize", "count", "d", "default", "first", "join", "last", "length",
                "lower", "title", "trim", "upper")


class TemplateLimitExceeded(Exception):
    """A template asked for more work or output than a consent form needs."""


class _Budget:
    """The time and steps one rendering may still spend."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + MAX_RENDER_SECONDS
        self.steps = 0

    def spend(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateLimitExceeded("does too much work (loops, calls or arithmetic)")
        if time.monotonic() > self.deadline:
            raise TemplateLimitExceeded(f"takes longer than {MAX_RENDER_SECONDS:g} s to render")


_BUDGET_KEY = "__closeddoor_budget"


def _budget(context: Context) -> _Budget:
    budget = context.parent.get(_BUDGET_KEY)
    if not isinstance(budget, _Budget):
        raise TemplateLimitExceeded("was rendered without limits")
    return budget


def _length(value: Any) -> int | None:
    return len(value) if isinstance(value, str | list | tuple) else None


def _int_bits(value: Any) -> int:
    return abs(value).bit_length() if isinstance(value, int) else 0


@pass_context
def _counted(context: Context, iterable: Any) -> Iterator[Any]:
    """Every loop iterates through this: one step of the budget an item."""
    budget = _budget(context)
    for item in iterable:
        budget.spend()
        yield item


_COUNTED = "closeddoor_counted_loop"


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja2's sandbox with limits on arithmetic, attributes, calls, time and output."""

    intercepted_binops = frozenset({"**", "*", "%", "+", "//"})

    def call_binop(self, context: Context, operator_: str, left: Any, right: Any) -> Any:
        _budget(context).spend()
        too_large = TemplateLimitExceeded("uses a number that is too large")
        too_long = TemplateLimitExceeded(f"makes text longer than {MAX_OUTPUT_CHARS} characters")
        if _int_bits(left) > MAX_INT_BITS or _int_bits(right) > MAX_INT_BITS:
            raise too_large
        if operator_ == "**" and isinstance(left, int) and isinstance(right, int) and \
                right > 0 and max(_int_bits(left), 1) * right > MAX_INT_BITS:
            raise too_large
        if operator_ == "%" and isinstance(left, str):
            raise TemplateLimitExceeded("formats text with %, which templates may not do")
        size = _length(left) if _length(left) is not None else _length(right)
        times = right if _length(left) is not None else left
        if operator_ == "*" and size is not None and isinstance(times, int) and \
                size * times > MAX_OUTPUT_CHARS:
            raise too_long
        if operator_ == "*" and size is None and _int_bits(left) + _int_bits(right) > MAX_INT_BITS:
            raise too_large
        if operator_ == "+" and (_length(left) or 0) + (_length(right) or 0) > MAX_OUTPUT_CHARS:
            raise too_long
        return _BINOPS[operator_](left, right)

    def wrap_str_format(self, value: Any) -> None:
        return None  # no str.format / format_map at all (is_safe_attribute refuses them)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if attr in ("format", "format_map", "mro"):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def call(__self, __context: Context, __obj: Any, *args: Any,  # Jinja's parameter names
             **kwargs: Any) -> Any:
        _budget(__context).spend()
        if any((_length(a) or 0) > MAX_OUTPUT_CHARS for a in (*args, *kwargs.values())):
            raise TemplateLimitExceeded(f"makes text longer than {MAX_OUTPUT_CHARS} characters")
        return super().call(__context, __obj, *args, **kwargs)


_BINOPS: dict[str, Callable[[Any, Any], Any]] = {
    "**": operator.pow, "*": operator.mul, "%": operator.mod, "+": operator.add,
    "//": operator.floordiv,
}


@cache
def _environment() -> BoundedEnvironment:
    env = BoundedEnvironment(undefined=StrictUndefined, autoescape=False,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.globals.clear()  # no range, lipsum, dict, namespace, cycler, joiner
    env.filters = {name: env.filters[name] for name in SAFE_FILTERS} | {_COUNTED: _counted}
    env.tests = {name: env.tests[name] for name in ("defined", "undefined", "none", "number",
                                                    "string", "eq", "ne", "in")}
    return env


def compile_body(source: str, where: str) -> None:
    """Raise ConsentError (naming `where` and the line) unless `source` compiles."""
    try:
        _parsed(source)
    except TemplateSyntaxError as exc:
        raise ConsentError(f"{where}: does not compile (line {exc.lineno})") from None


def referenced_facts(source: str) -> tuple[str, ...]:
    """Fact keys a body names literally (`facts.x` or `facts["x"]`), in order of first use."""
    try:
        tree = _parsed(source)
    except TemplateSyntaxError:
        return ()
    found: list[str] = []
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        key: object = None
        if isinstance(node, nodes.Getattr) and _is_facts(node.node):
            key = node.attr
        elif isinstance(node, nodes.Getitem) and _is_facts(node.node) and \
                isinstance(node.arg, nodes.Const):
            key = node.arg.value
        if isinstance(key, str) and key not in found:
            found.append(key)
    # find_all walks depth-first, which is not reading order; sort by first position.
    return tuple(sorted(found, key=lambda k: _first_position(source, k)))


def _is_facts(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Name) and node.name == "facts"


def _first_position(source: str, key: str) -> int:
    positions = [p for p in (source.find(f"facts.{key}"), source.find(f"facts['{key}']"),
                             source.find(f'facts["{key}"]')) if p >= 0]
    return min(positions, default=len(source))


@lru_cache(maxsize=512)
def _parsed(source: str) -> nodes.Template:
    return _environment().parse(source)


@lru_cache(maxsize=512)
def _compiled(source: str) -> Template:
    tree = _environment().parse(source)
    for loop in tree.find_all(nodes.For):  # count every iteration against the budget
        loop.iter = nodes.Filter(loop.iter, _COUNTED, [], [], None, None, lineno=loop.lineno)
    return _environment().from_string(tree)


def render_body(source: str, context: Mapping[str, Any], where: str) -> str:
    """Render one body template; StrictUndefined and sandbox errors become ConsentError."""
    facts = context.get("facts", {})
    for key in referenced_facts(source):
        if key not in facts:
            raise ConsentError(f"{where} refers to a fact the jurisdiction lacks; its facts: "
                               f"{', '.join(sorted(facts))}")
    budget = _Budget()
    parts: list[str] = []
    size = 0
    try:
        template = _compiled(source)
        for part in template.generate(**context, **{_BUDGET_KEY: budget}):
            size += len(part)
            if size > MAX_OUTPUT_CHARS:
                raise TemplateLimitExceeded(f"renders more than {MAX_OUTPUT_CHARS} characters")
            budget.spend()
            parts.append(part)
    except UndefinedError:
        raise ConsentError(f"{where}: uses a value that is not defined") from None
    except TemplateLimitExceeded as exc:
        raise ConsentError(f"{where}: {exc}; simplify it") from None
    except TemplateError as exc:
        raise ConsentError(f"{where}: cannot render ({type(exc).__name__})") from None
    except Exception as exc:  # anything a template can provoke is its author's to fix: a 422
        raise ConsentError(f"{where}: cannot render ({type(exc).__name__})") from None
    return "".join(parts)


def parse_template(data: Mapping[str, Any], source: str) -> ConsentTemplate:
    """Build a ConsentTemplate from parsed TOML and validate it; `source` names the file."""
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list):
        raise ConsentError(f"template file {source}: needs [[sections]]")
    sections = []
    for index, raw in enumerate(raw_sections):
        if not isinstance(raw, Mapping):
            raise ConsentError(f"template file {source}: sections[{index}] must be a table")
        citations = raw.get("citations", [])
        fields = (raw.get("key"), raw.get("title"), raw.get("body"))
        if not all(isinstance(f, str) for f in fields) or not isinstance(citations, list) or \
                not all(isinstance(c, str) for c in citations):
            raise ConsentError(f"template file {source}: sections[{index}] needs text key, "
                               "title and body, and citations must be a list of text")
        key, title, body = (str(f) for f in fields)
        sections.append(ConsentSection(key, title.strip(), body, tuple(citations)))
    name, title, intro = (data.get(field, "") for field in ("name", "title", "intro"))
    if not all(isinstance(f, str) for f in (name, title, intro)) or not name:
        raise ConsentError(f"template file {source}: name, title and intro must be text")
    template = ConsentTemplate(name=str(name), sections=tuple(sections), title=str(title),
                               intro=str(intro))
    template.validate()
    return template


def load_template(path: Path) -> ConsentTemplate:
    """Load and validate a template file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ConsentError(f"template file {path.name}: cannot be read") from None
    return _from_text(text, path.name)


def default_template() -> ConsentTemplate:
    """The shipped default template (plain, warm, second-person English)."""
    text = resources.files("closeddoor.consent").joinpath(DEFAULT_TEMPLATE_FILE).read_text(
        encoding="utf-8")
    return _from_text(text, DEFAULT_TEMPLATE_FILE)


def _from_text(text: str, source: str) -> ConsentTemplate:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConsentError(f"template file {source}: not valid TOML ({exc})") from None
    return parse_template(data, source)
