"""The shipped default notice texts, one data file per jurisdiction (texts/*.toml).

Format: `texts/generic.toml` holds `title`, `review_note` and the `[[sections]]` every notice
has (`key`, `title`, `body`, `citations`); a state's file (`US-CA.toml`, ...) holds its
`review_note` and the `[[sections]]` it adds, placed after `uses_and_disclosures`: the more
protective state law 45 CFR 164.520(b)(1)(ii)(C) asks the notice to reflect. A body is plain
text: a blank line starts a new paragraph, a line starting with "- " starts a list item. The
state facts in them repeat the citations of consent/jurisdictions/*.toml; `review_note` says
what counsel should check.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from closeddoor.notice.errors import NoticeError
from closeddoor.notice.model import NoticeDocument, NoticeSection

GENERIC = "generic"
_INSERT_AFTER = "uses_and_disclosures"


@dataclass(frozen=True)
class DefaultText:
    code: str
    title: str
    review_notes: tuple[str, ...]  # the generic file's, then the state's
    sections: tuple[NoticeSection, ...]


def _read(code: str) -> dict[str, Any] | None:
    path = resources.files("closeddoor.notice").joinpath("texts", f"{code}.toml")
    if not path.is_file():
        return None
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _sections(data: dict[str, Any]) -> tuple[NoticeSection, ...]:
    return tuple(NoticeSection(s["key"], s["title"], s["body"].strip(),
                               tuple(s.get("citations", ()))) for s in data.get("sections", ()))


@cache
def default_text(code: str) -> DefaultText:
    """The default notice for a jurisdiction code; a code without a file of its own (a
    jurisdiction added later) gets the generic text alone."""
    generic = _read(GENERIC)
    if generic is None:  # pragma: no cover - shipped with the package
        raise NoticeError("the generic notice text is missing from this installation")
    sections = list(_sections(generic))
    notes = [str(generic["review_note"])]
    state = None if code == GENERIC else _read(code)
    if state is not None:
        if state.get("code") != code:
            raise NoticeError(f"the notice text for {code} names another jurisdiction")
        at = next(i for i, s in enumerate(sections) if s.key == _INSERT_AFTER) + 1
        sections[at:at] = _sections(state)
        notes.append(str(state["review_note"]))
    return DefaultText(code, str(generic["title"]), tuple(notes), tuple(sections))


def default_document(code: str, practice_name: str) -> NoticeDocument:
    """A first draft for a practice: the default text, no contact and no effective date yet
    (the owner fills both in before the text is reviewed)."""
    text = default_text(code)
    return NoticeDocument(text.title, practice_name, code, "", None, text.sections)
