"""The packet and accounting PDFs: what text is inside, page footers, reproducible bytes."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
from datetime import UTC, date, datetime

from pypdf import PdfReader

from closeddoor.consent.document_pdf import pdf_safe
from closeddoor.disclosure.accounting import AccountingEntry, AccountingReport
from closeddoor.disclosure.accounting_pdf import render_accounting_pdf
from closeddoor.disclosure.categories import Category
from closeddoor.disclosure.packet import (
    REDISCLOSURE_NOTICE,
    Packet,
    PacketCover,
    PacketEntry,
    PacketSection,
)
from closeddoor.disclosure.packet_pdf import render_packet_pdf
from closeddoor.disclosure.scope import Recipient

RELEASED = datetime(2026, 3, 12, 16, 30, tzinfo=UTC)
RECIPIENT = Recipient("Dr. Jordan Placeholder", "Bayside Psychiatry (synthetic)",
                      "Secure fax 555-0142")


def cover(**changes: object) -> PacketCover:
    base = PacketCover(
        practice_name="Harbor Light Counseling (synthetic)", disclosure_id="DSC-0042",
        client_name="Avery Synthetic", client_date_of_birth="1990-04-12", recipient=RECIPIENT,
        purpose="Medication evaluation requested by the client",
        authority_title="Authorization signed by the client",
        authority_lines=("Authorization AUT-0007, signed 2026-03-10", "Expires 2026-09-10"),
        contents=("Dates of attendance", "Progress notes", "Psychological test results"),
        records_dated="2026-03-01 to 2026-03-31", disclosed_by="Rowan Example, LMFT",
        approved_by="", released_at=RELEASED)
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def packet(**changes: object) -> Packet:
    sections = (
        PacketSection(Category.ATTENDANCE, "Dates of attendance", (PacketEntry(
            "Sessions attended", ("2026-03-03: 50 minutes, in person",
                                  "2026-03-10: 50 minutes, telehealth")),), "None."),
        PacketSection(Category.PROGRESS_NOTES, "Progress notes", (
            PacketEntry("Session 2026-03-03: SOAP note", ("Subjective:", "Sleeps poorly.", "",
                                                          "", "Plan:", "Weekly sessions.")),
            PacketEntry("Session 2026-03-10: DAP note", ("Kept a sleep log {nb} times.",)),
        ), "No signed progress notes in this range."),
        PacketSection(Category.TEST_RESULTS, "Psychological test results", (),
                      "Nothing written."),
    )
    return Packet(cover(**changes), sections)


def pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def test_cover_names_recipient_purpose_authority_and_notice_when_rendered() -> None:
    first = flat(pages(render_packet_pdf(packet()))[0])
    for expected in ("CONFIDENTIAL — disclosure of protected health information",
                     "Harbor Light Counseling (synthetic)", "DSC-0042", "2026-03-12 16:30 UTC",
                     "Dr. Jordan Placeholder", "Bayside Psychiatry (synthetic)",
                     "Secure fax 555-0142", "Avery Synthetic", "1990-04-12",
                     "Medication evaluation requested by the client",
                     "Authorization signed by the client",
                     "Authorization AUT-0007, signed 2026-03-10", "Expires 2026-09-10",
                     "2026-03-01 to 2026-03-31", "Psychological test results",
                     "Rowan Example, LMFT", flat(REDISCLOSURE_NOTICE)):
        assert expected in first, expected
    assert "Approved by" not in first
    assert "Sleeps poorly" not in first  # nothing of the record on the cover


def test_cover_shows_approver_when_one_was_needed() -> None:
    first = flat(pages(render_packet_pdf(packet(approved_by="Morgan Sample, PhD")))[0])
    assert "Approved by Morgan Sample, PhD" in first


def test_sections_follow_the_cover_in_order_when_rendered() -> None:
    body = flat(" ".join(pages(render_packet_pdf(packet()))[1:]))
    order = ["Dates of attendance", "2026-03-03: 50 minutes, in person",
             "Progress notes", "Session 2026-03-03: SOAP note", "Subjective:", "Sleeps poorly.",
             "Plan:", "Weekly sessions.", "Session 2026-03-10: DAP note",
             "Psychological test results", "Nothing written."]
    positions = [body.index(text) for text in order]
    assert positions == sorted(positions)


def test_alias_text_in_a_note_is_printed_as_written_when_rendered() -> None:
    assert "Kept a sleep log {nb} times." in flat(" ".join(pages(render_packet_pdf(packet()))))


def test_every_page_has_the_footer_with_the_total_when_the_packet_is_long() -> None:
    long = PacketSection(Category.PROGRESS_NOTES, "Progress notes", tuple(
        PacketEntry(f"Session {n}", tuple(f"Line {n}.{i} of the note." for i in range(30)))
        for n in range(6)), "")
    data = render_packet_pdf(dataclasses.replace(packet(), sections=(long,)))
    texts = pages(data)
    assert len(texts) >= 3
    for number, text in enumerate(texts, 1):
        footer = rf"Disclosure DSC-0042 · page {number} of\s*{len(texts)}\s*· CONFIDENTIAL"
        assert re.search(footer, text), text[-80:]


def test_bytes_are_identical_when_the_same_packet_is_rendered_twice() -> None:
    first, second = render_packet_pdf(packet()), render_packet_pdf(packet())
    assert hashlib.sha256(first).digest() == hashlib.sha256(second).digest()
    assert b"/ID [<" in first  # fpdf2's content-derived ID, hence the same in both


def test_bytes_differ_when_released_at_differs() -> None:
    later = packet(released_at=datetime(2026, 3, 12, 16, 31, tzinfo=UTC))
    assert render_packet_pdf(packet()) != render_packet_pdf(later)


def test_creation_date_is_the_release_time_when_rendered() -> None:
    info = PdfReader(io.BytesIO(render_packet_pdf(packet()))).metadata
    assert info is not None and info.creation_date == RELEASED


def test_names_outside_windows_1252_survive_when_rendered() -> None:
    name = "Đặng Zoë Синтетик 合成 \U0001f600"
    data = render_packet_pdf(packet(client_name=name, purpose="Review\u00a0\u2264 30 days"))
    first = flat(pages(data)[0])
    assert flat(pdf_safe(name)) in first
    assert "Zoë" in first and "Review <= 30 days" in first


def entry(n: int, **changes: object) -> AccountingEntry:
    base = AccountingEntry(
        disclosure_id=f"DSC-{n:04}", disclosed_at=datetime(2026, 4, n, 9, 0, tzinfo=UTC),
        recipient=f"Recipient {n} (synthetic)", recipient_contact=f"Fax 555-01{n:02}",
        description="Dates of attendance, 2026-03-01 to 2026-03-31",
        purpose=f"Purpose number {n}", authority="authorization",
        authorization_id=f"AUT-{n:04}", authorization_signed_on=date(2026, 3, n),
        required_in_accounting=False, suspended_until=None, client_told="n/a")
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def report(for_staff: bool, *entries: AccountingEntry) -> AccountingReport:
    return AccountingReport("Harbor Light Counseling (synthetic)", "Avery Synthetic",
                            datetime(2026, 6, 1, 9, 0, tzinfo=UTC), entries, for_staff)


ENTRIES = (
    entry(3, authority="legal-basis", authorization_id="", authorization_signed_on=None,
          purpose="Court order, case EX-114", required_in_accounting=True,
          suspended_until=date(2026, 9, 1), client_told="pending"),
    entry(2),
)


def test_accounting_lists_each_entry_newest_first_when_rendered() -> None:
    text = flat(" ".join(pages(render_accounting_pdf(report(False, *ENTRIES)))))
    for expected in ("Accounting of disclosures", "Harbor Light Counseling (synthetic)",
                     "Avery Synthetic", "2026-06-01 09:00 UTC", "45 CFR 164.528",
                     "2026-04-03", "Recipient 3 (synthetic)", "Fax 555-0103",
                     "Legal basis Court order, case EX-114", "Required in accounting: yes",
                     "Purpose Purpose number 2", "Authorization AUT-0002, signed 2026-03-02",
                     "Required in accounting: no", "page 1 of 1"):
        assert expected in text, expected
    assert text.index("Recipient 3") < text.index("Recipient 2")


def test_accounting_shows_suspension_and_client_told_only_when_for_staff() -> None:
    staff = flat(" ".join(pages(render_accounting_pdf(report(True, *ENTRIES)))))
    client = flat(" ".join(pages(render_accounting_pdf(report(False, *ENTRIES)))))
    suspended = "Withheld from the client until 2026-09-01 at an agency's request"
    assert suspended in staff and "Client told not yet" in staff and "Staff copy" in staff
    for staff_only in (suspended, "Client told", "Suspension", "Staff copy"):
        assert staff_only not in client


def test_accounting_says_none_were_made_when_empty() -> None:
    text = flat(" ".join(pages(render_accounting_pdf(report(False)))))
    assert "No disclosures have been made." in text and "Reference" not in text


def test_accounting_bytes_are_identical_when_rendered_twice() -> None:
    assert render_accounting_pdf(report(True, *ENTRIES)) == render_accounting_pdf(
        report(True, *ENTRIES))
    later = dataclasses.replace(report(True, *ENTRIES),
                                generated_at=datetime(2026, 6, 2, 9, 0, tzinfo=UTC))
    assert render_accounting_pdf(later) != render_accounting_pdf(report(True, *ENTRIES))
