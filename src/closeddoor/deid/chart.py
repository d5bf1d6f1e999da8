"""Identifiers the chart already holds about a client; the engine finds these however written.

The JSON form (used by `closeddoor deid --chart` and the synthetic development set)::

    {
      "client": {"legal_name": "Maria Elena Vasquez", "preferred_name": "Lena",
                 "nicknames": ["Mari"], "date_of_birth": "1988-03-14",
                 "address": "412 Alder Street, Springfield, OR 97477",
                 "phone": "(541) 555-0142", "email": "mvasquez@example.com",
                 "employer": "Cascade Millworks", "school": ""},
      "contacts": [{"name": "Rosa Vasquez", "relationship": "sister",
                    "phone": "", "email": "", "address": ""}],
      "guardian": null,
      "care_team": ["Dana Whitfield"],
      "identifiers": ["MRN-00412"]
    }

Every key is optional; unknown keys are refused so a typo cannot silently drop an identifier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from closeddoor.errors import InvalidInput

_PERSON_FIELDS = ("name", "relationship", "phone", "email", "address")
_CLIENT_FIELDS = ("legal_name", "preferred_name", "nicknames", "date_of_birth", "address",
                  "phone", "email", "employer", "school")
_TOP_FIELDS = ("client", "contacts", "guardian", "care_team", "identifiers")


@dataclass(frozen=True)
class ChartPerson:
    """Someone in the chart other than the client: a contact, the guardian."""

    name: str
    relationship: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class ChartIdentifiers:
    legal_name: str = ""
    preferred_name: str = ""
    nicknames: tuple[str, ...] = ()
    date_of_birth: str = ""  # ISO 8601
    address: str = ""
    phone: str = ""
    email: str = ""
    employer: str = ""
    school: str = ""
    contacts: tuple[ChartPerson, ...] = ()
    guardian: ChartPerson | None = None
    care_team: tuple[str, ...] = ()  # clinicians' names
    identifiers: tuple[str, ...] = ()  # record numbers and other codes

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ChartIdentifiers:
        _known(data, _TOP_FIELDS, "chart")
        client = data.get("client") or {}
        _known(client, _CLIENT_FIELDS, "chart.client")
        guardian = data.get("guardian")
        return cls(
            legal_name=_str(client, "legal_name"),
            preferred_name=_str(client, "preferred_name"),
            nicknames=_strings(client.get("nicknames"), "chart.client.nicknames"),
            date_of_birth=_str(client, "date_of_birth"),
            address=_str(client, "address"),
            phone=_str(client, "phone"),
            email=_str(client, "email"),
            employer=_str(client, "employer"),
            school=_str(client, "school"),
            contacts=tuple(_person(p, f"chart.contacts[{i}]")
                           for i, p in enumerate(data.get("contacts") or [])),
            guardian=_person(guardian, "chart.guardian") if guardian else None,
            care_team=_strings(data.get("care_team"), "chart.care_team"),
            identifiers=_strings(data.get("identifiers"), "chart.identifiers"),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "client": {"legal_name": self.legal_name, "preferred_name": self.preferred_name,
                       "nicknames": list(self.nicknames), "date_of_birth": self.date_of_birth,
                       "address": self.address, "phone": self.phone, "email": self.email,
                       "employer": self.employer, "school": self.school},
            "contacts": [_person_json(p) for p in self.contacts],
            "guardian": _person_json(self.guardian) if self.guardian else None,
            "care_team": list(self.care_team),
            "identifiers": list(self.identifiers),
        }


def _known(data: Any, allowed: tuple[str, ...], where: str) -> None:
    if not isinstance(data, Mapping):
        raise InvalidInput(f"{where}: must be an object")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise InvalidInput(f"{where}: unknown field(s) {', '.join(unknown)}")


def _str(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key) or ""
    if not isinstance(value, str):
        raise InvalidInput(f"{key}: must be text")
    return value.strip()


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(f"{where}: must be a list of text")
    return tuple(v.strip() for v in value if v.strip())


def _person(data: Any, where: str) -> ChartPerson:
    _known(data, _PERSON_FIELDS, where)
    return ChartPerson(**{key: _str(data, key) for key in _PERSON_FIELDS})


def _person_json(person: ChartPerson) -> dict[str, str]:
    return {key: getattr(person, key) for key in _PERSON_FIELDS}
