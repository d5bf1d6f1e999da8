"""The shared name rule (issue 10, item 5): NFC, and no control, format or bidi characters."""

from __future__ import annotations

import pytest

from closeddoor.errors import InvalidInput
from closeddoor.names import clean_name

PERSIAN_WITH_ZWNJ = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"
SPOOFS = {
    "nul": "Ali\u0000ce", "newline": "Alice\nBob", "tab": "Ali\tce", "escape": "Ali\x1bce",
    "rtl override": "Alice \u202eecilA", "lrr override": "\u202dAlice",
    "rtl isolate": "Al\u2067ice\u2069", "rtl mark": "Alice\u200f", "arabic mark": "Ali\u061cce",
    "line separator": "Alice\u2028Bob", "bom": "\ufeffAlice", "private use": "Ali\ue000ce",
    "unassigned": "Ali\U000e0080ce", "soft hyphen": "Ali\u00adce",
}


@pytest.mark.parametrize("value", SPOOFS.values(), ids=SPOOFS.keys())
def test_name_refused_naming_field_in_words_when_it_has_control_or_bidi(value: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        clean_name(value, "given_name", "the given name")
    message = str(refused.value)
    assert message.startswith("given_name: the given name contains a control character")
    assert "type it again" in message
    assert value not in message


@pytest.mark.parametrize(("value", "stored"), [
    ("Jose\u0301", "Jos\u00e9"),  # decomposed accent: stored composed (NFC)
    ("  Zo\u00eb  ", "Zo\u00eb"),
    ("\u0645\u062d\u0645\u062f", "\u0645\u062d\u0645\u062f"),  # right-to-left letters are fine
    (PERSIAN_WITH_ZWNJ, PERSIAN_WITH_ZWNJ),  # joiners are part of some scripts' names
    ("O'Brien-Smith, Jr.", "O'Brien-Smith, Jr."),
])
def test_name_kept_in_nfc_when_it_is_ordinary_text(value: str, stored: str) -> None:
    assert clean_name(value, "given_name", "the given name") == stored


def test_name_refused_when_required_and_blank() -> None:
    with pytest.raises(InvalidInput, match=r"^family_name: the family name is required"):
        clean_name(" \u00a0 ", "family_name", "the family name", required=True)
