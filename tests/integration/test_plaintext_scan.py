"""Design invariant 1: no clinical content or client identifier is stored or logged in plaintext.

Everything a client's chart holds goes in through the API carrying a unique marker; error paths
run too (bad input, a withheld record, an audit outage, a failed sign-in), with logging to the
data folder switched on. Then every byte on disk -- the database file and its -wal/-shm, the
data folder, the logs -- and, on PostgreSQL, every row of every table as text, is searched.
A positive control (a staff display name, which is not clinical and is stored as is) proves the
search can see what is there.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import inspect

from closeddoor.bootstrap import configure_logging
from closeddoor.disclosure.authorization import DEFAULT_STATEMENTS
from closeddoor.intake.errors import IntakeProblems
from tests.factories import Practice, marker, marker_digits
from tests.integration.helpers import Api, is_postgres, sql
from tests.portal.helpers import invite

STAFF_DISPLAY_NAME = "Robin Teammate (test)"  # plaintext by design: the scanner must find it


@pytest.fixture
def logging_to_data_folder(practice: Practice) -> Iterator[Path]:
    """Log to <data>/logs as `closeddoor serve` does; undone afterwards."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    configure_logging(practice.settings)
    yield practice.settings.log_dir
    for handler in root.handlers:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def fill_chart(api: Api, practice: Practice, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Write one of everything a chart holds, each with a marker; return the markers."""
    markers: list[str] = []

    def m(label: str) -> str:
        markers.append(marker(label))
        return markers[-1]

    phone = marker_digits()
    markers.append(phone)
    client = {
        "given_name": m("given"), "family_name": m("family"), "date_of_birth": "1979-04-03",
        "preferred_name": m("preferred"), "pronouns": m("pron"), "gender_identity": m("gender"),
        "phone": f"+1 {phone}", "email": f"{m('mail')}@example.org", "address": m("address"),
        "emergency_contact": m("emergency"),
    }
    created = api.post("/clients", "clinician1", client)
    assert created.status_code == 201, created.text
    client_id = created.json()["id"]
    base = f"/clients/{client_id}"
    renamed = {**client, "family_name": m("renamed"), "address": m("moved")}
    assert api.put(base, "clinician1", renamed).status_code == 204
    assert api.post("/clients/search", "clinician1", {"name": client["family_name"]}).json()[
        "items"] == []
    found = api.post("/clients/search", "clinician1", {"name": renamed["family_name"]})
    assert [c["id"] for c in found.json()["items"]] == [client_id]

    assert api.post(f"{base}/problems", "clinician1", {"code": "F41.1"}).status_code == 201
    booked = api.post(f"{base}/appointments", "clinician1",
                      {"starts_at": "2026-03-03T09:00:00+00:00", "room": m("room")[:60],
                       "cpt_code": "90834", "icd10_code": "F41.1"})
    assert booked.status_code == 201, booked.text
    soap = api.post(f"{base}/notes", "clinician1", {
        "kind": "progress", "format": "soap", "sign": True,
        "sections": {"subjective": m("subjective"), "objective": m("objective"),
                     "assessment": m("assessment"), "plan": m("plan")},
    })
    assert soap.status_code == 201, soap.text
    assert api.post(f"{base}/notes/{soap.json()['id']}/addenda", "clinician1",
                    {"body": m("addendum")}).status_code == 201
    draft = api.post(f"{base}/notes", "clinician1", {"kind": "progress", "body": m("draft")})
    assert api.put(f"{base}/notes/{draft.json()['id']}", "clinician1",
                   {"body": m("redraft")}).status_code == 204
    process_text = m("process")
    process = api.post(f"{base}/notes", "clinician1",
                       {"kind": "psychotherapy", "body": process_text})
    assert process.status_code == 201
    glass = api.post(f"{base}/break-glass", "clinician2", {"reason": m("glassreason")})
    assert glass.status_code == 201
    assert api.post(f"/reviews/break-glass/{glass.json()['id']}", "owner",
                    {"comment": m("review")}).status_code == 204

    # An authorization, an authorized disclosure and a duty-to-warn disclosure: recipients,
    # purposes, justifications and the packet's content stay sealed or are never stored.
    authorization = api.post(f"{base}/authorizations", "clinician1", {
        "categories": ["progress_notes", "treatment_summary"], "records_from": "2026-01-01",
        "records_to": "2026-12-31", "discloser": "The practice",
        "recipient_name": m("recipient"), "recipient_organization": m("org"),
        "recipient_contact": m("contact"), "purpose": m("purpose"), "expires_on": "2027-01-01",
        "statements": dict(DEFAULT_STATEMENTS)})
    assert authorization.status_code == 201, authorization.text
    authorization_path = f"{base}/authorizations/{authorization.json()['id']}"
    shown = api.get(authorization_path, "clinician1").json()
    assert api.post(f"{authorization_path}/signature", "clinician1", {
        "text_sha256": shown["text_sha256"], "signer_name": m("signer")}).status_code == 204
    terms = shown["authorization"]
    authorized = api.post(f"{base}/disclosures", "clinician1", {
        "authority": "authorization", "authorization_id": terms["id"],
        "recipient_name": terms["recipient_name"],
        "recipient_organization": terms["recipient_organization"],
        "recipient_contact": terms["recipient_contact"], "categories": ["treatment_summary"],
        "purpose": terms["purpose"], "treatment_summary": m("summary")})
    assert authorized.status_code == 201, authorized.text
    warned = api.post(f"{base}/disclosures", "clinician1", {
        "authority": "legal-basis", "legal_basis": "serious_threat",
        "threatened_party": m("threatened"), "recipient_name": m("officer"),
        "threat_to": "person", "threat": m("threatstatement"),
        "good_faith_belief": m("beliefstatement"),
        "recipient_type": "law_enforcement",
        "recipient_contact": m("precinct"), "categories": ["demographics"],
        "purpose": m("warnpurpose"), "justification": m("justification") * 3})
    assert warned.status_code == 201, warned.text
    for disclosure in (authorized, warned):
        packet = api.post(f"{base}/disclosures/{disclosure.json()['id']}/packet", "clinician1")
        assert packet.status_code == 200 and packet.content.startswith(b"%PDF")
    assert api.post(f"{base}/disclosures/{warned.json()['id']}/client-told", "clinician1",
                    {"told": False, "note": m("nottold")}).status_code == 204
    assert api.get(f"{base}/disclosures", "clinician1").status_code == 200

    # A de-identified excerpt with an extra redaction: only its hash and offsets are kept.
    extra = m("extraphrase")
    excerpt_note = api.post(f"{base}/notes", "clinician1", {
        "kind": "progress", "body": f"{m('excerptnote')} then {extra}.", "sign": True})
    excerpt = api.post(f"{base}/excerpts", "clinician1", {
        "note_ids": [excerpt_note.json()["id"]], "purpose": "consultation", "extra": [extra]})
    assert excerpt.status_code == 201, excerpt.text

    # An amendment request (45 CFR 164.526) recorded from paper, extended, denied, disputed and
    # rebutted: every text sealed, none in the audit.
    asked = api.post(f"{base}/amendments", "clinician1", {
        "target": "note", "note_id": soap.json()["id"], "change": m("amendchange"),
        "reason": m("amendreason")})
    assert asked.status_code == 201, asked.text
    amendment = f"{base}/amendments/{asked.json()['id']}"
    assert api.post(f"{amendment}/extension", "clinician1",
                    {"reason": m("extendreason")}).status_code == 200
    assert api.post(f"{amendment}/answer", "clinician1", {
        "decision": "deny", "ground": "accurate-and-complete",
        "explanation": m("denialexplained")}).status_code == 204
    assert api.post(f"{amendment}/disagreement", "clinician1",
                    {"statement": m("disagreement")}).status_code == 204
    assert api.post(f"{amendment}/rebuttal", "clinician1",
                    {"rebuttal": m("rebuttal")}).status_code == 204
    assert api.get(amendment, "supervisor").status_code == 200

    # Reads, so the read paths (and their audit) run over every record.
    assert api.get(base, "clinician1").status_code == 200
    assert api.get(f"{base}/notes", "supervisor").status_code == 200
    process_notes = api.get(f"{base}/psychotherapy-notes", "clinician1").json()["items"]
    assert process_notes[0]["body"] == process_text
    assert api.get(f"{base}/appointments", "billing").status_code == 200
    assert api.get("/reviews/break-glass?include_reviewed=true", "owner").status_code == 200

    # Error paths: refused input, a failed sign-in, a record that will not decrypt, an outage.
    refused = api.post(f"{base}/notes", "clinician1", {"kind": "progress", "format": m("bad")})
    assert refused.status_code == 422
    assert api.sign_in(m("typedname"), m("typedpassword")).status_code == 401
    withheld_text = m("withheld")
    victim = api.post(f"{base}/notes", "clinician1", {"kind": "progress", "body": withheld_text,
                                                        "sign": True}).json()["id"]
    sql(practice, "UPDATE progress_notes SET body_sealed = (SELECT body_sealed FROM "
        "progress_notes WHERE id = :s) WHERE id = :v", s=soap.json()["id"], v=victim)
    assert api.get(f"{base}/notes/{victim}", "clinician1").status_code == 500

    # The client's portal user name (often an e-mail address) is stored only as a keyed hash
    # and a ciphertext.
    portal_name = f"{m('portal').lower()}@example.org"
    markers[-1] = portal_name
    signed_in = practice.services.portal.accept_invitation(
        invite(practice, client_id), portal_name, "tangerine-lighthouse-42-orbit")

    # Intake answers (docs/intake.md), saved as drafts, refused once, submitted, read and
    # reviewed: sealed under the client's key, never in the audit or the logs.
    intake, me = practice.services.intake, signed_in.principal
    packet_id = intake.send(practice.actor("clinician1"), client_id)
    intake.save_draft(me, packet_id, "presenting_concern", {"presenting_concern": m("concern")})
    intake.save_draft(me, packet_id, "referral", {"referral_source": "Online search",
                                                  "referral_detail": m("referraldetail")})
    intake.save_draft(me, packet_id, "insurance", {"insurance_uses": "yes",
                                                   "insurance_member_id": m("member")})
    with pytest.raises(IntakeProblems):
        intake.save_draft(me, packet_id, "contacts", {"email": m("badintakemail")})
    intake.submit(me, packet_id, "emergency_contact", {"emergency_name": m("kin"),
                                                       "emergency_phone": "555-010-0142"})
    assert intake.packet(practice.actor("clinician1"), client_id, packet_id).answers
    intake.mark_reviewed(practice.actor("clinician1"), client_id, packet_id)

    def audit_down(*args: object, **kwargs: object) -> None:
        raise RuntimeError("synthetic audit outage")

    with monkeypatch.context() as patch:
        patch.setattr(practice.services.runtime.audit, "append_in", audit_down)
        assert api.get(f"{base}/notes/{soap.json()['id']}", "clinician1").status_code == 503
    return markers


def files_under(folder: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leaks(files: dict[Path, bytes], markers: list[str]) -> list[str]:
    return [f"{m} in {path.name}" for path, data in files.items() for m in markers
            if m.encode() in data]


def database_as_text(practice: Practice) -> str:
    """Every row of every table as text (bytea shows as hex, so markers are also sought in hex)."""
    tables = inspect(practice.services.engine).get_table_names()
    assert "progress_notes" in tables
    return "\n".join(
        str(row[0]) for table in tables for row in sql(practice, f"SELECT t::text FROM {table} t")
    )


def test_no_marker_on_disk_or_in_database_when_chart_filled(
    api: Api,
    practice: Practice,
    logging_to_data_folder: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    markers = fill_chart(api, practice, monkeypatch)
    assert len(markers) >= 25

    on_disk = files_under(tmp_path)  # the data folder, and the SQLite file with -wal/-shm
    names = {p.name for p in on_disk}
    assert "closeddoor.log" in names
    assert "keys.json" in names
    if not is_postgres(practice):
        assert {"closeddoor.db", "closeddoor.db-wal"} <= names
    log = (logging_to_data_folder / "closeddoor.log").read_text()
    assert "DecryptionFailed" in log  # the error paths did log
    assert "audit append failed" in log
    everything = b"".join(on_disk.values())
    if not is_postgres(practice):
        assert STAFF_DISPLAY_NAME.encode() in everything  # positive control
    assert leaks(on_disk, markers) == []

    if is_postgres(practice):
        dump = database_as_text(practice)
        assert STAFF_DISPLAY_NAME in dump  # positive control
        found = [m for m in markers if m in dump or m.encode().hex() in dump]
        assert found == []

    # Once the last connection closes SQLite folds the WAL back into the file: scan again.
    practice.close()
    assert leaks(files_under(tmp_path), markers) == []
