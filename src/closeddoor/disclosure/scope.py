"""What one disclosure releases, to whom, and whether an authorization covers it. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from closeddoor.disclosure.categories import NEEDS_RANGE, WRITTEN_FOR_DISCLOSURE, Category
from closeddoor.errors import InvalidInput, join_problems
from closeddoor.names import clean_name

SHORT = 200


@dataclass(frozen=True)
class Recipient:
    name: str
    organization: str
    contact: str  # postal address, fax, secure e-mail or portal

    @property
    def display(self) -> str:
        return f"{self.name}, {self.organization}" if self.organization else self.name

    def same_as(self, other: Recipient) -> bool:
        """The same person and organization, however spaced or capitalised."""
        return (_normal(self.name) == _normal(other.name)
                and _normal(self.organization) == _normal(other.organization))


@dataclass(frozen=True)
class DisclosureScope:
    """Exactly what leaves: the packet is assembled from this and nothing else."""

    recipient: Recipient
    categories: tuple[Category, ...]
    records_from: date | None
    records_to: date | None
    purpose: str
    written: Mapping[Category, str]  # treatment summary / test results written for this packet

    @classmethod
    def parse(cls, data: Mapping[str, Any]) -> DisclosureScope:
        problems: list[str] = []
        categories = parse_categories(data.get("categories"), problems)
        if not categories and not any(p.startswith("categories") for p in problems):
            problems.append("categories: choose what to disclose")
        records_from = parse_date(data.get("records_from"), "records_from", problems)
        records_to = parse_date(data.get("records_to"), "records_to", problems)
        if NEEDS_RANGE & set(categories) and (records_from is None or records_to is None):
            problems.append("records_from, records_to: notes need a date range")
        if records_from and records_to and records_from > records_to:
            problems.append("records_to: must not be before records_from")
        if Category.PSYCHOTHERAPY_NOTES in categories and len(categories) > 1:
            problems.append("categories: psychotherapy notes are disclosed on their own, "
                            "never with other information (45 CFR 164.508(b)(3)(ii))")
        written: dict[Category, str] = {}
        for category in WRITTEN_FOR_DISCLOSURE & set(categories):
            text = text_field(data.get(category.value), category.value, problems, limit=20_000)
            if not text:
                problems.append(f"{category.value}: write the {category.value.replace('_', ' ')}"
                                " to include (closeddoor keeps no such record to copy)")
            written[category] = text
        recipient = Recipient(
            name=name_field(data.get("recipient_name"), "recipient_name", "the recipient's name",
                            problems),
            organization=name_field(data.get("recipient_organization"),
                                    "recipient_organization", "the recipient's organization",
                                    problems),
            contact=text_field(data.get("recipient_contact"), "recipient_contact", problems,
                               limit=400),
        )
        if not recipient.name:
            problems.append("recipient_name: required")
        if not recipient.contact:
            problems.append("recipient_contact: required (address, fax or secure e-mail)")
        purpose = text_field(data.get("purpose"), "purpose", problems, limit=400)
        if not purpose:
            problems.append("purpose: required")
        if problems:
            raise InvalidInput(join_problems(problems))
        return cls(recipient, categories, records_from, records_to, purpose, written)

    def sealed_json(self) -> dict[str, Any]:
        """The scope as the disclosure record keeps it (sealed); written texts go alongside."""
        return {
            "recipient_name": self.recipient.name,
            "recipient_organization": self.recipient.organization,
            "recipient_contact": self.recipient.contact,
            "categories": [c.value for c in self.categories],
            "records_from": self.records_from.isoformat() if self.records_from else None,
            "records_to": self.records_to.isoformat() if self.records_to else None,
            "purpose": self.purpose,
        }


def scope_from_json(data: Mapping[str, Any], written: Mapping[str, str]) -> DisclosureScope:
    """A stored scope, trusted: it passed `DisclosureScope.parse` when written."""
    return DisclosureScope(
        recipient=Recipient(data["recipient_name"], data["recipient_organization"],
                            data["recipient_contact"]),
        categories=tuple(Category(c) for c in data["categories"]),
        records_from=date.fromisoformat(data["records_from"]) if data["records_from"] else None,
        records_to=date.fromisoformat(data["records_to"]) if data["records_to"] else None,
        purpose=data["purpose"],
        written={Category(k): v for k, v in written.items()},
    )


def within(start: date | None, end: date | None, outer_start: date | None,
           outer_end: date | None) -> bool:
    """Whether [start, end] lies inside [outer_start, outer_end]; None means unbounded."""
    if outer_start is not None and (start is None or start < outer_start):
        return False
    return not (outer_end is not None and (end is None or end > outer_end))


def parse_categories(value: Any, problems: list[str]) -> tuple[Category, ...]:
    if value is None or value == []:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append("categories: a list of category names")
        return ()
    chosen: list[Category] = []
    for item in value:
        try:
            category = Category(item)
        except ValueError:
            choices = ", ".join(c.value for c in Category)
            problems.append(f"categories: unknown category, choose from {choices}")
            return ()
        if category not in chosen:
            chosen.append(category)
    return tuple(sorted(chosen, key=list(Category).index))


def parse_date(value: Any, name: str, problems: list[str]) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(f"{name}: use YYYY-MM-DD")
    return None


def text_field(value: Any, name: str, problems: list[str], *, limit: int = SHORT) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        problems.append(f"{name}: must be text")
        return ""
    text = value.strip()
    if len(text) > limit:
        problems.append(f"{name}: at most {limit} characters")
        return ""
    return text


def name_field(value: Any, name: str, words: str, problems: list[str]) -> str:
    """A person's or organization's name, checked by the shared name rule."""
    try:
        return clean_name(value, name, words, limit=SHORT)
    except InvalidInput as refused:
        problems.append(str(refused))
        return ""


def require_valid(problems: list[str]) -> None:
    if problems:
        raise InvalidInput(join_problems(problems))


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())
