"""What the engine finds: labelled character spans over the input text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Label(StrEnum):
    """Safe Harbor identifier categories (45 CFR 164.514(b)(2)), as the tags in the output."""

    AGE = "AGE"  # ages over 89 only
    DATE = "DATE"  # every date element except the year
    EMAIL = "EMAIL"
    ID = "ID"  # record, health-plan, account, licence, vehicle, device and other unique numbers
    IP = "IP"
    LOCATION = "LOCATION"  # street addresses, cities, counties, ZIP codes
    NAME = "NAME"  # people: the client, relatives, partners, friends, clinicians
    ORGANIZATION = "ORGANIZATION"  # employers, schools, hospitals and other named places
    PHONE = "PHONE"  # phone and fax numbers
    SSN = "SSN"
    URL = "URL"


@dataclass(frozen=True, order=True)
class Span:
    """`text[start:end]` is an identifier of category `label`; offsets are character offsets."""

    start: int
    end: int
    label: Label

    def to_json(self) -> dict[str, int | str]:
        return {"start": self.start, "end": self.end, "label": self.label.value}
