"""Field offices of child-welfare and human-services agencies (issue 13).

Such an office is named by the agency's initials, a place and "office" ("the DCF Holyoke
Area Office", "ACS Brooklyn Field Office"), or by a place before "Office of Children's
Services" ("the Bethel Office of Children's Services"): the place says where the client
lives, in any case.
"""

from __future__ import annotations

import re

from closeddoor.deid.hits import CONTEXT, Hit
from closeddoor.deid.spans import Label

_INITIALS_OFFICE = re.compile(
    r"\b(?:dcf|acs|dcs|dss|dhs|cps|dcfs|dfcs|dhr|djj|ocs|dys|dcyf|cyfd|dfps|dcbs)[ \t]+"
    r"(?:[^\W\d_][\w'\u2019.-]*[ \t]+){1,3}office\b")
_PLACE_OFFICE = re.compile(
    r"\b([^\W\d_][\w'\u2019.-]*[ \t]+)office[ \t]+of[ \t]+(?:children['\u2019]?s|child|"
    r"family|human|social|youth)(?:[ \t]+and[ \t]+family)?[ \t]+services\b")
# An ambulance service or fire district named by its place: "via Kestrel Co EMS", "bib
# lakeshore ems", "Riverbend Fire-Rescue".
_RESCUE = re.compile(r"\b(?:(?:bib|via|by|from|per)[ \t]+((?:[^\W\d_][\w'\u2019.-]*[ \t]+){1,2})"
                     r"(?:co\.?[ \t]+|county[ \t]+)?ems|((?:[^\W\d_][\w'\u2019.-]*[ \t]+){1,2})"
                     r"(?:co\.?[ \t]+|county[ \t]+)?(?:fire[- ]rescue|fire[ \t]+(?:dept|department|"
                     r"district)|rescue[ \t]+squad|ambulance[ \t]+(?:service|district)))\b")
_NOT_PLACES = frozenset({"the", "an", "a", "local", "county", "state", "regional", "area",
                         "field", "district", "our", "their", "her", "his"})


def find_agency_offices(lowered: str, words: set[str], hits: list[Hit],
                        never: frozenset[str]) -> None:
    """Add to `hits` the field offices and rescue services named in `lowered`, a note in lower
    case (`words`, the set of its words; `never`, the words no name is made of)."""
    if "ems" in words or "fire" in words or "rescue" in words or "ambulance" in words:
        for m in _RESCUE.finditer(lowered):
            named = m.group(1) or m.group(2)
            if not any(w in never or w in _NOT_PLACES for w in named.split()):
                hits.append((m.start(1) if m.group(1) else m.start(2), m.end(),
                             Label.ORGANIZATION, CONTEXT))
    if "office" not in words:
        return
    hits.extend((m.start(), m.end(), Label.ORGANIZATION, CONTEXT)
                for m in _INITIALS_OFFICE.finditer(lowered))
    for m in _PLACE_OFFICE.finditer(lowered):
        if m.group(1).strip() not in _NOT_PLACES:
            hits.append((m.start(), m.end(), Label.ORGANIZATION, CONTEXT))
