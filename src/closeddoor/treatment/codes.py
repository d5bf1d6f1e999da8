"""The ICD-10-CM code set, from the `simple-icd-10-cm` package (the CMS/CDC tabular list it
ships; release 1.5.0 holds the April 1, 2026 update of fiscal year 2026). Pure reference data:
no client, no I/O beyond reading the package's own files once, on first use.

Only billable codes (leaves of the tabular list, e.g. F32.1, never the category F32) may be
entered as a diagnosis.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import cache
from types import ModuleType

from closeddoor.errors import InvalidInput

CODE_SET = "ICD-10-CM, April 1, 2026 update (FY2026), from the simple-icd-10-cm package"
_SHAPE = re.compile(r"^[A-Z][0-9][0-9A-Z](\.?[0-9A-Z]{1,4})?$")
SEARCH_LIMIT = 25


@dataclass(frozen=True)
class Code:
    code: str  # with its dot, upper case: F32.1
    description: str


@cache
def _library() -> ModuleType:
    # The package reads its data with a deprecated importlib.resources call: not our warning.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import simple_icd_10_cm

    library: ModuleType = simple_icd_10_cm
    return library


@cache
def _billable() -> tuple[Code, ...]:
    cm = _library()
    return tuple(Code(c, str(cm.get_description(c))) for c in cm.get_all_codes(with_dots=True)
                 if cm.is_leaf(c))


def normalize(raw: str) -> str:
    """Upper case, no spaces, with the dot after the third character (F321 -> F32.1)."""
    code = "".join(str(raw).split()).upper()
    if "." not in code and len(code) > 3:
        code = f"{code[:3]}.{code[3:]}"
    return code


def lookup(raw: str) -> Code | None:
    """The billable code `raw` names, or None (not a code, a category, or not in the set)."""
    code = normalize(raw)
    if not _SHAPE.match(code):
        return None
    cm = _library()
    if not cm.is_valid_item(code) or not cm.is_leaf(code):
        return None
    return Code(code, str(cm.get_description(code)))


def require(raw: str, field: str = "code") -> Code:
    """The billable code, or InvalidInput naming the field and how to fix it."""
    found = lookup(raw)
    if found is None:
        raise InvalidInput(
            f"{field}: enter a billable ICD-10-CM code, for example F32.1 (a category such as "
            "F32 needs its full code): search by code or words to find it")
    return found


def search(query: str, limit: int = SEARCH_LIMIT) -> list[Code]:
    """Billable codes whose code starts with `query` or whose description holds every word of
    it, code order, at most `limit`."""
    words = str(query).lower().split()
    if not words:
        return []
    prefix = normalize(query) if len(words) == 1 else ""
    found: list[Code] = []
    for entry in _billable():
        if (prefix and entry.code.startswith(prefix)) or all(
                w in entry.description.lower() for w in words):
            found.append(entry)
            if len(found) >= limit:
                break
    return found
