"""Jurisdiction facts: reviewed TOML data files saying what the law requires where a practice is.

Each file in `consent/jurisdictions/` holds one jurisdiction::

    code = "US-CA"                # equals the file name without `.toml`
    name = "California"
    compiled_on = 2026-11-26      # a TOML date
    review_status = "..."         # who compiled it from what, and what review it still needs
    [meta]
    language = "en"
    [facts.duty_to_warn]
    value = "mandatory"           # type and allowed values per fact: see FACT_SPECS
    citation = "Cal. Civ. Code § 43.92; ..."
    summary = "..."               # the rule in plain words, fit to show a client
    review_note = "..."           # optional: doubts for the practice's counsel; never rendered

`danger_report_deadline_hours` is the hours within which the danger report is due (0: the law sets
no fixed number of hours). `threat_recipients` lists, comma-separated, who may receive a
serious-threat disclosure: some of person_threatened, law_enforcement, family,
treating_professional. The abuse-reporting facts and `danger_report` also need `report_to` (the
agency, in words) unless their value is "none". `duty_to_warn_trigger.value` is a clause in the
second person that completes "This applies when ..." (no final full stop); templates rely on that
shape.
Loading validates every required fact, so a gap fails here, loudly, naming the file and the fact.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from closeddoor.consent.errors import ConsentError

DUTY_TO_WARN_VALUES = ("mandatory", "permitted", "none")
REPORTING_VALUES = ("mandatory", "permitted")
DANGER_REPORT_VALUES = ("mandatory", "none")
# Who may receive a serious-threat disclosure (45 CFR 164.512(j)(1)(i)(B) allows any person
# reasonably able to prevent or lessen the threat; a state may allow fewer).
THREAT_RECIPIENT_TYPES = ("person_threatened", "law_enforcement", "family",
                          "treating_professional")
# Who may sign the ongoing-therapy consent below the age of majority (consent/minors.py):
# "guardian" a parent or guardian always; "crisis-only" the minor consents alone to crisis
# services only, so the ongoing-therapy form is a guardian's; "session-limit" the minor signs
# alone for `minor_consent_sessions` sessions; "clinician-finding" the minor signs alone once the
# clinician records one of `minor_consent_grounds`.
MINOR_CONSENT_RULES = ("guardian", "crisis-only", "session-limit", "clinician-finding")
AUTHORIZATION_EXPIRY_VALUES = ("date-or-event", "specific-date")
AUTHORIZATION_WITNESS_VALUES = ("required", "not-required")


@dataclass(frozen=True)
class FactSpec:
    """What one fact must look like: its value type, allowed values or range, extra fields."""

    key: str
    kind: type[str] | type[int]
    allowed: tuple[str, ...] = ()
    minimum: int = 0
    maximum: int = 0
    needs_report_to: bool = False
    items: tuple[str, ...] = ()  # a comma-separated list of these, at least one


FACT_SPECS: tuple[FactSpec, ...] = (
    FactSpec("duty_to_warn", str, allowed=DUTY_TO_WARN_VALUES),
    FactSpec("duty_to_warn_trigger", str),
    FactSpec("danger_report", str, allowed=DANGER_REPORT_VALUES, needs_report_to=True),
    FactSpec("danger_report_deadline_hours", int, minimum=0, maximum=168),
    FactSpec("threat_recipients", str, items=THREAT_RECIPIENT_TYPES),
    FactSpec("minor_consent_age", int, minimum=0, maximum=21),
    FactSpec("age_of_majority", int, minimum=14, maximum=21),
    FactSpec("minor_consent_rule", str, allowed=MINOR_CONSENT_RULES),
    FactSpec("minor_consent_sessions", int, minimum=0, maximum=100),
    FactSpec("minor_consent_grounds", str),
    FactSpec("minor_finding_age", int, minimum=0, maximum=21),
    FactSpec("authorization_expiry", str, allowed=AUTHORIZATION_EXPIRY_VALUES),
    FactSpec("authorization_witness", str, allowed=AUTHORIZATION_WITNESS_VALUES),
    FactSpec("child_abuse_reporting", str, allowed=REPORTING_VALUES, needs_report_to=True),
    FactSpec("elder_abuse_reporting", str, allowed=REPORTING_VALUES, needs_report_to=True),
    FactSpec("dependent_adult_abuse_reporting", str, allowed=REPORTING_VALUES,
             needs_report_to=True),
    FactSpec("records_retention_years", int, minimum=1, maximum=100),
    FactSpec("complaints_to", str),
)
REQUIRED_FACTS: tuple[str, ...] = tuple(spec.key for spec in FACT_SPECS)
_TEXT_FIELDS = ("citation", "summary")


@dataclass(frozen=True)
class Fact:
    """One legal fact with its source. `value` is a str or an int, as its FactSpec says."""

    key: str
    value: str | int
    citation: str
    summary: str
    report_to: str = ""
    review_note: str = ""


@dataclass(frozen=True)
class Jurisdiction:
    """The facts of one jurisdiction, validated; `facts` is read-only and keyed by fact key."""

    code: str
    name: str
    compiled_on: date
    review_status: str
    language: str
    facts: Mapping[str, Fact]


def split_items(value: str | int) -> tuple[str, ...]:
    """A list fact's items (`threat_recipients`): its comma-separated words, in order."""
    return tuple(item.strip() for item in str(value).split(",") if item.strip())


def _data_dir() -> Traversable:
    return resources.files("closeddoor.consent").joinpath("jurisdictions")


def known_codes() -> tuple[str, ...]:
    """The codes of the shipped jurisdiction files, sorted (`US-CA`, ..., `generic`)."""
    names = (entry.name for entry in _data_dir().iterdir())
    return tuple(sorted(name[: -len(".toml")] for name in names if name.endswith(".toml")))


def load_jurisdiction(code: str) -> Jurisdiction:
    """Load and validate a shipped jurisdiction by code (case-insensitive).

    Raises ConsentError listing the known codes when there is no such jurisdiction, and
    ConsentError naming the file and fact when the file is incomplete or malformed.
    """
    codes = known_codes()
    matches = [known for known in codes if known.lower() == code.strip().lower()]
    if not matches:
        raise ConsentError(f"unknown jurisdiction code; known codes: {', '.join(codes)}")
    source = f"{matches[0]}.toml"
    text = _data_dir().joinpath(source).read_text(encoding="utf-8")
    return parse_jurisdiction(_parse_toml(text, source), source)


def load_jurisdiction_file(path: Path) -> Jurisdiction:
    """Load and validate a jurisdiction file from anywhere (a practice's own, or a test copy)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        raise ConsentError(f"jurisdiction file {path.name}: cannot be read") from None
    jurisdiction = parse_jurisdiction(_parse_toml(text, path.name), path.name)
    if jurisdiction.code != path.stem:
        raise ConsentError(f"jurisdiction file {path.name}: code must equal the file name")
    return jurisdiction


def _parse_toml(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConsentError(f"jurisdiction file {source}: not valid TOML ({exc})") from None


def parse_jurisdiction(data: Mapping[str, Any], source: str) -> Jurisdiction:
    """Validate parsed TOML into a Jurisdiction; `source` names the file in error messages."""
    code = _text(data, "code", source)
    name = _text(data, "name", source)
    review_status = _text(data, "review_status", source)
    compiled_on = data.get("compiled_on")
    if not isinstance(compiled_on, date):
        raise ConsentError(f"jurisdiction file {source}: compiled_on must be a TOML date")
    meta = data.get("meta", {})
    if not isinstance(meta, Mapping):
        raise ConsentError(f"jurisdiction file {source}: [meta] must be a table")
    language = _text(meta, "language", source, where="meta.")
    raw_facts = data.get("facts")
    if not isinstance(raw_facts, Mapping):
        raise ConsentError(f"jurisdiction file {source}: missing [facts] tables")
    unknown = sorted(set(raw_facts) - set(REQUIRED_FACTS))
    if unknown:
        raise ConsentError(f"jurisdiction file {source}: unknown fact {unknown[0]!r}; "
                           f"known facts: {', '.join(REQUIRED_FACTS)}")
    facts = {spec.key: _fact(raw_facts, spec, source) for spec in FACT_SPECS}
    minor_age = facts["minor_consent_age"].value
    majority = facts["age_of_majority"].value
    if isinstance(minor_age, int) and isinstance(majority, int) and minor_age > majority:
        raise ConsentError(f"jurisdiction file {source}: fact 'minor_consent_age' is above "
                           "'age_of_majority'")
    _check_minor_rule(facts, source)
    return Jurisdiction(code=code, name=name, compiled_on=compiled_on,
                        review_status=review_status, language=language,
                        facts=MappingProxyType(facts))


def _check_minor_rule(facts: Mapping[str, Fact], source: str) -> None:
    """The minor-consent facts agree: a session count only with "session-limit", grounds only
    (and at least one) with "clinician-finding"."""
    rule = facts["minor_consent_rule"].value
    sessions = facts["minor_consent_sessions"].value
    grounds = facts["minor_consent_grounds"].value
    where = f"jurisdiction file {source}: fact"
    if (rule == "session-limit") != (sessions != 0):
        raise ConsentError(f"{where} 'minor_consent_sessions' must be above 0 exactly when "
                           "'minor_consent_rule' is session-limit")
    if (rule == "clinician-finding") != (grounds != "none"):
        raise ConsentError(f"{where} 'minor_consent_grounds' must list grounds exactly when "
                           "'minor_consent_rule' is clinician-finding (else none)")


def minor_consent_grounds(jurisdiction: Jurisdiction) -> tuple[str, ...]:
    """The findings a clinician may record so that a minor signs alone ("; "-separated in the
    file), in the file's order; empty where no finding applies."""
    value = str(jurisdiction.facts["minor_consent_grounds"].value)
    if value == "none":
        return ()
    return tuple(part.strip() for part in value.split(";") if part.strip())


def _text(table: Mapping[str, Any], field: str, source: str, where: str = "") -> str:
    value = table.get(field)
    if not isinstance(value, str) or not value.strip():
        raise ConsentError(f"jurisdiction file {source}: {where}{field} must be non-empty text")
    return value.strip()


def _fact(raw_facts: Mapping[str, Any], spec: FactSpec, source: str) -> Fact:
    where = f"jurisdiction file {source}: fact {spec.key!r}"
    raw = raw_facts.get(spec.key)
    if raw is None:
        raise ConsentError(f"{where} is missing")
    if not isinstance(raw, Mapping):
        raise ConsentError(f"{where} must be a table with value, citation and summary")
    if "value" not in raw:
        raise ConsentError(f"{where} has no value")
    value = raw["value"]
    if spec.kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConsentError(f"{where}: value must be a whole number")
        if not spec.minimum <= value <= spec.maximum:
            raise ConsentError(f"{where}: value must be {spec.minimum} to {spec.maximum}")
    elif not isinstance(value, str) or not value.strip():
        raise ConsentError(f"{where}: value must be non-empty text")
    elif spec.allowed and value not in spec.allowed:
        raise ConsentError(f"{where}: value must be one of {', '.join(spec.allowed)}")
    elif spec.items and not set(split_items(value)) <= set(spec.items):
        raise ConsentError(f"{where}: value must list some of {', '.join(spec.items)}, "
                           "separated by commas")
    texts = {}
    for field in _TEXT_FIELDS:
        text = raw.get(field)
        if not isinstance(text, str) or not text.strip():
            raise ConsentError(f"{where} has no {field}")
        texts[field] = " ".join(text.split())
    report_to = raw.get("report_to", "")
    needs_report_to = spec.needs_report_to and value != "none"
    if not isinstance(report_to, str) or (needs_report_to and not report_to.strip()):
        raise ConsentError(f"{where} needs report_to (the agency, in words)")
    review_note = raw.get("review_note", "")
    if not isinstance(review_note, str):
        raise ConsentError(f"{where}: review_note must be text")
    extra = sorted(set(raw) - {"value", "report_to", "review_note", *_TEXT_FIELDS})
    if extra:
        raise ConsentError(f"{where} has unknown field {extra[0]!r}")
    clean_value = " ".join(value.split()) if isinstance(value, str) else value
    return Fact(key=spec.key, value=clean_value, citation=texts["citation"],
                summary=texts["summary"], report_to=" ".join(report_to.split()),
                review_note=" ".join(review_note.split()))
