"""Tampering with the audit log through the database, as someone holding the database (but not
the key files) could, and `closeddoor audit verify` catching it.

Each test drops the refusal triggers first (they are a second line, not the defence), changes
the log with raw SQL, then runs the command -- through Typer's CliRunner, and twice as a
separate process -- and reads its exit code and the event number it names.
"""

from __future__ import annotations

import re
import stat

import pytest
from sqlalchemy.exc import DBAPIError

from closeddoor.audit.chain import AuditEntry, link_hash
from closeddoor.errors import AuditChainBroken, NotFound
from tests.factories import ClientFactory, NoteFactory, Practice
from tests.integration.helpers import (
    drop_audit_guards,
    is_postgres,
    run_cli,
    run_cli_process,
    scalar,
    sql,
)

COLUMNS = "at, actor_id, tag, outcome, client_id, resource_id, reason, details, prev_hash, hash"
BROKEN_AT = re.compile(r"audit chain BROKEN at event (\d+)")


@pytest.fixture
def busy(practice: Practice) -> Practice:
    """A practice with a few dozen audit events: clients, notes, reads and a refusal."""
    for _ in range(3):
        client_id = ClientFactory.create(practice, "clinician1")
        note_id = NoteFactory.progress(practice, client_id)
        practice.services.notes.get_note(practice.actor("clinician1"), client_id, note_id)
        with pytest.raises(NotFound):
            practice.services.notes.get_note(practice.actor("clinician2"), client_id, note_id)
    assert head(practice) >= 20
    return practice


def head(practice: Practice) -> int:
    return int(scalar(practice, "SELECT seq FROM audit_head WHERE id = 1"))


def event(practice: Practice, seq: int) -> dict[str, str]:
    rows = sql(practice, f"SELECT {COLUMNS} FROM audit_events WHERE seq = :seq", seq=seq)
    return dict(rows[0]._mapping)


def entry_of(row: dict[str, str]) -> AuditEntry:
    return AuditEntry(row["at"], row["actor_id"], row["tag"], row["outcome"], row["client_id"],
                      row["resource_id"], row["reason"], row["details"])


def edit_event(practice: Practice, seq: int) -> None:
    """Turn event `seq` into a lie: an allowed read by the actor of a refusal, or vice versa."""
    before = event(practice, seq)
    sql(practice, "UPDATE audit_events SET outcome = CASE WHEN outcome = 'deny' THEN 'allow' "
        "ELSE 'deny' END, actor_id = 'forged-actor' WHERE seq = :s", s=seq)
    assert event(practice, seq) != before


def rehash_from(practice: Practice, first: int) -> None:
    """Recompute every hash from event `first` to the head (head row included), as a forger
    who knows the public hash recipe would after editing event `first`."""
    prev_hash = event(practice, first - 1)["hash"]
    for seq in range(first, head(practice) + 1):
        digest = link_hash(prev_hash, seq, entry_of(event(practice, seq)))
        sql(practice, "UPDATE audit_events SET prev_hash = :p, hash = :h WHERE seq = :s",
            p=prev_hash, h=digest, s=seq)
        prev_hash = digest
    sql(practice, "UPDATE audit_head SET hash = :h", h=prev_hash)


def verify(
    practice: Practice, *flags: str, separate_process: bool = False
) -> tuple[int, int | None, str]:
    """Run `closeddoor audit verify`; return (exit code, event number named, all output)."""
    run = run_cli_process if separate_process else run_cli
    result = run(practice, "audit", "verify", *flags)
    output = result.stdout + result.stderr
    found = BROKEN_AT.search(output)
    return result.returncode, int(found.group(1)) if found else None, output


def assert_broken_at(practice: Practice, seq: int, *flags: str) -> str:
    code, named, output = verify(practice, *flags)
    assert code != 0, output
    assert named == seq, output
    return output


# --- the guards ------------------------------------------------------------------------------
def test_verify_exits_zero_when_log_intact(busy: Practice) -> None:
    events = head(busy)
    code, named, output = verify(busy, separate_process=True)
    assert (code, named) == (0, None), output
    assert f"audit log intact: {events} events checked from the first event" in output


def test_verify_process_exits_non_zero_naming_event_when_log_edited(busy: Practice) -> None:
    target = head(busy) // 2
    drop_audit_guards(busy)
    edit_event(busy, target)
    code, named, output = verify(busy, separate_process=True)
    assert code == 2, output
    assert named == target, output


@pytest.mark.parametrize("table", ["audit_events", "audit_checkpoints"])
@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_database_refuses_change_to_audit_table(busy: Practice, table: str, verb: str) -> None:
    busy.services.practice.checkpoint(busy.actor("owner"))
    before = scalar(busy, f"SELECT count(*) FROM {table}")
    assert before > 0
    statement = {
        "UPDATE": f"UPDATE {table} SET hash = :forged",
        "DELETE": f"DELETE FROM {table}",
    }[verb]
    with pytest.raises(DBAPIError, match="append-only"):
        sql(busy, statement, **({"forged": "f" * 64} if verb == "UPDATE" else {}))
    assert scalar(busy, f"SELECT count(*) FROM {table}") == before
    assert verify(busy)[0] == 0


def test_database_refuses_wholesale_erase_of_audit_log(busy: Practice) -> None:
    # PostgreSQL: TRUNCATE skips row triggers, so it needs a guard of its own. SQLite: a DELETE
    # without WHERE may take the "truncate optimization", which must not skip the triggers.
    statement = "TRUNCATE audit_events" if is_postgres(busy) else "DELETE FROM audit_events"
    with pytest.raises(DBAPIError, match="append-only"):
        sql(busy, statement)
    assert verify(busy)[0] == 0


# --- tampering with events -------------------------------------------------------------------
def test_verify_names_event_when_field_edited(busy: Practice) -> None:
    target = head(busy) // 2
    drop_audit_guards(busy)
    edit_event(busy, target)
    assert_broken_at(busy, target)


def test_verify_names_event_when_row_deleted(busy: Practice) -> None:
    target = head(busy) // 2
    drop_audit_guards(busy)
    sql(busy, "DELETE FROM audit_events WHERE seq = :s", s=target)
    output = assert_broken_at(busy, target)
    assert f"found {target + 1}" in output


def test_verify_names_event_when_last_rows_deleted(busy: Practice) -> None:
    last = head(busy)
    drop_audit_guards(busy)
    sql(busy, "DELETE FROM audit_events WHERE seq >= :s", s=last - 2)
    assert_broken_at(busy, last - 2)


def test_verify_names_event_when_two_rows_swapped(busy: Practice) -> None:
    first = head(busy) // 2
    a, b = event(busy, first), event(busy, first + 1)
    drop_audit_guards(busy)
    assignments = ", ".join(f"{c} = :{c}" for c in a)
    sql(busy, f"UPDATE audit_events SET {assignments} WHERE seq = :seq", seq=first, **b)
    sql(busy, f"UPDATE audit_events SET {assignments} WHERE seq = :seq", seq=first + 1, **a)
    assert_broken_at(busy, first)


def test_verify_names_event_when_forged_row_inserted_with_correct_hash(busy: Practice) -> None:
    """The forger knows the hash recipe (it is no secret): the forged event links to the one
    before it, so the chain first fails at the genuine event that now follows it."""
    after = head(busy) // 2
    previous = event(busy, after)
    forged = AuditEntry(previous["at"], "forged-actor", "record:note:read", "allow",
                        previous["client_id"], "", "care-team", "")
    drop_audit_guards(busy)
    # Make room: every later event moves up by one (via negative numbers, to keep keys unique).
    sql(busy, "UPDATE audit_events SET seq = -seq - 1 WHERE seq > :s", s=after)
    sql(busy, "UPDATE audit_events SET seq = -seq WHERE seq < 0")
    sql(busy, f"INSERT INTO audit_events (seq, {COLUMNS}) VALUES (:seq, :at, :actor_id, :tag, "
        ":outcome, :client_id, :resource_id, :reason, :details, :prev_hash, :hash)",
        seq=after + 1, at=forged.at, actor_id=forged.actor_id, tag=forged.tag,
        outcome=forged.outcome, client_id=forged.client_id, resource_id="", reason=forged.reason,
        details="", prev_hash=previous["hash"], hash=link_hash(previous["hash"], after + 1, forged))
    sql(busy, "UPDATE audit_head SET seq = seq + 1")
    assert_broken_at(busy, after + 2)


def insert_made_up_event(practice: Practice, after: int) -> None:
    """Splice an event with a made-up hash in after event `after`, renumbering the rest."""
    previous = event(practice, after)
    drop_audit_guards(practice)
    sql(practice, "UPDATE audit_events SET seq = -seq - 1 WHERE seq > :s", s=after)
    sql(practice, "UPDATE audit_events SET seq = -seq WHERE seq < 0")
    sql(practice, f"INSERT INTO audit_events (seq, {COLUMNS}) VALUES (:seq, :at, 'forged-actor', "
        "'record:note:read', 'allow', '', '', 'care-team', '', :prev_hash, :hash)",
        seq=after + 1, at=previous["at"], prev_hash=previous["hash"], hash="ab" * 32)


def test_verify_names_event_when_forged_row_inserted_with_made_up_hash(busy: Practice) -> None:
    after = head(busy) // 2
    insert_made_up_event(busy, after)
    sql(busy, "UPDATE audit_head SET seq = seq + 1")  # the forger keeps the head row in step
    assert_broken_at(busy, after + 1)


def test_verify_names_event_when_forger_leaves_head_row_behind(busy: Practice) -> None:
    after = head(busy) // 2
    insert_made_up_event(busy, after)
    assert_broken_at(busy, after + 1)


def test_verify_fails_when_forged_row_appended_past_head(busy: Practice) -> None:
    last = head(busy)
    previous = event(busy, last)
    forged = AuditEntry(previous["at"], "forged-actor", "record:note:read", "allow", "", "",
                        "care-team", "")
    drop_audit_guards(busy)
    sql(busy, f"INSERT INTO audit_events (seq, {COLUMNS}) VALUES (:seq, :at, :actor_id, :tag, "
        ":outcome, '', '', :reason, '', :prev_hash, :hash)",
        seq=last + 1, at=forged.at, actor_id=forged.actor_id, tag=forged.tag,
        outcome=forged.outcome, reason=forged.reason, prev_hash=previous["hash"],
        hash=link_hash(previous["hash"], last + 1, forged))
    code, _, output = verify(busy)
    assert code != 0, output
    with pytest.raises(AuditChainBroken) as broken:
        busy.services.runtime.audit.verify()
    assert broken.value.seq in (last + 1, last + 2)


def test_audit_log_names_first_event_past_recorded_head(busy: Practice) -> None:
    last = head(busy)
    previous = event(busy, last)
    forged = AuditEntry(previous["at"], "forged-actor", "record:note:read", "allow", "", "",
                        "care-team", "")
    drop_audit_guards(busy)
    sql(busy, f"INSERT INTO audit_events (seq, {COLUMNS}) VALUES (:seq, :at, :actor_id, :tag, "
        ":outcome, '', '', :reason, '', :prev_hash, :hash)",
        seq=last + 1, at=forged.at, actor_id=forged.actor_id, tag=forged.tag,
        outcome=forged.outcome, reason=forged.reason, prev_hash=previous["hash"],
        hash=link_hash(previous["hash"], last + 1, forged))
    with pytest.raises(AuditChainBroken) as broken:
        busy.services.runtime.audit.verify()
    assert broken.value.seq == last + 1
    assert "ends before" not in broken.value.problem


# --- signed checkpoints ----------------------------------------------------------------------
def checkpoint(practice: Practice) -> int:
    result = run_cli(practice, "audit", "checkpoint")
    assert result.returncode == 0, result.stderr
    seq = int(scalar(practice, "SELECT max(seq) FROM audit_checkpoints"))
    assert f"signed checkpoint at event {seq}" in result.stdout
    return seq


def test_verify_fails_when_checkpoint_signature_altered(busy: Practice) -> None:
    at = checkpoint(busy)
    signature = bytes(scalar(busy, "SELECT signature FROM audit_checkpoints WHERE seq = :s", s=at))
    altered = bytes([signature[0] ^ 0x01]) + signature[1:]
    drop_audit_guards(busy)
    sql(busy, "UPDATE audit_checkpoints SET signature = :sig WHERE seq = :s", sig=altered, s=at)
    output = assert_broken_at(busy, at)
    assert "checkpoint signature is not valid" in output
    assert_broken_at(busy, at, "--from-checkpoint")


def test_verify_fails_when_checkpoint_moved_to_forged_hash(busy: Practice) -> None:
    at = checkpoint(busy)
    drop_audit_guards(busy)
    sql(busy, "UPDATE audit_checkpoints SET hash = :h WHERE seq = :s", h="cd" * 32, s=at)
    output = assert_broken_at(busy, at)
    assert "checkpoint signature is not valid" in output


def test_verify_catches_consistently_rewritten_chain_when_checkpoint_covers_it(
    busy: Practice,
) -> None:
    """Rewriting an event and re-hashing everything after it (head row included) leaves a chain
    that links; only the signed checkpoint, which the forger cannot re-sign, gives it away."""
    at = checkpoint(busy)
    target = at // 2
    drop_audit_guards(busy)
    edit_event(busy, target)
    rehash_from(busy, target)
    output = assert_broken_at(busy, at)
    assert "signed checkpoint" in output
    assert_broken_at(busy, at, "--from-checkpoint")


def test_verify_from_checkpoint_checks_only_events_after_it(busy: Practice) -> None:
    at = checkpoint(busy)
    ClientFactory.create(busy, "clinician2")  # events after the checkpoint
    events_after = head(busy) - at
    code, named, output = verify(busy, "--from-checkpoint")
    assert (code, named) == (0, None), output
    assert f"{events_after} events checked after signed checkpoint {at}" in output
    # An edit before the checkpoint is the full verification's business, not this one's.
    drop_audit_guards(busy)
    edit_event(busy, at // 2)
    code, named, output = verify(busy, "--from-checkpoint")
    assert (code, named) == (0, None), output
    assert_broken_at(busy, at // 2)
    # An edit after it is caught by both.
    edit_event(busy, at + 1)
    assert_broken_at(busy, at + 1, "--from-checkpoint")


# --- removing the evidence: checkpoints are anchored in a file outside the database ----------


def test_verify_fails_when_chain_rewritten_and_checkpoints_deleted(busy: Practice) -> None:
    at = checkpoint(busy)
    target = at // 2
    drop_audit_guards(busy)
    edit_event(busy, target)
    rehash_from(busy, target)
    sql(busy, "DELETE FROM audit_checkpoints")
    code, _, output = verify(busy)
    assert code != 0, output


def test_verify_fails_when_whole_log_wiped(busy: Practice) -> None:
    checkpoint(busy)
    drop_audit_guards(busy)
    sql(busy, "DELETE FROM audit_events")
    sql(busy, "DELETE FROM audit_checkpoints")
    sql(busy, "UPDATE audit_head SET seq = 0, hash = :h", h="0" * 64)
    code, _, output = verify(busy)
    assert code != 0, output


def test_anchor_file_is_private_and_names_each_checkpoint(busy: Practice) -> None:
    at = checkpoint(busy)
    anchors = busy.services.keys.anchor_path
    assert stat.S_IMODE(anchors.stat().st_mode) == 0o600
    seqs = [int(line.split()[1]) for line in anchors.read_text().splitlines()]
    assert seqs[-1] == at


def test_verify_fails_when_anchor_file_is_forged(busy: Practice) -> None:
    at = checkpoint(busy)
    anchors = busy.services.keys.anchor_path
    version, seq, _digest, signature = anchors.read_text().splitlines()[-1].split()
    forged = f"{version} {seq} {'0' * 64} {signature}\n"
    anchors.write_text(anchors.read_text() + forged)
    code, named, output = verify(busy)
    assert code != 0, output
    assert named == at, output


def test_verify_fails_when_events_after_the_anchor_are_truncated(busy: Practice) -> None:
    at = checkpoint(busy)
    drop_audit_guards(busy)
    sql(busy, "DELETE FROM audit_events WHERE seq >= :s", s=at)
    sql(busy, "DELETE FROM audit_checkpoints")
    previous = scalar(busy, "SELECT hash FROM audit_events WHERE seq = :s", s=at - 1)
    sql(busy, "UPDATE audit_head SET seq = :s, hash = :h", s=at - 1, h=previous)
    code, named, output = verify(busy)
    assert code != 0, output
    assert named == at, output
