"""`closeddoor backup create | verify | restore | drill` (docs/operations.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from closeddoor.cli.common import DataDirOption, fail, opened_services, settings_for
from closeddoor.errors import AuditChainBroken, ClosedDoorError

app = typer.Typer(help="Encrypted backups, restore and restore drills.", no_args_is_help=True)
console = Console(highlight=False, soft_wrap=True)

IdentityOption = Annotated[Path | None, typer.Option(
    "--identity", help="The age identity file that decrypts the backup (default: "
    "backup-identity.txt in the key folder).", show_default=False)]
KeyDirOption = Annotated[Path | None, typer.Option(
    "--key-dir", help="The practice's key folder (default: $CLOSEDDOOR_KEY_DIR or "
    "DATA/keys).", show_default=False)]


def _identity(identity: Path | None, key_dir: Path) -> Path:
    from closeddoor.backup.service import identity_file

    return identity or identity_file(key_dir)


@app.command("create")
def create(out: Annotated[Path, typer.Option("--out", help="The backup file to write (must "
                                             "not exist yet).")],
           data_dir: DataDirOption = None) -> None:
    """Write an encrypted, consistent snapshot of a live practice (never its key folder)."""
    from closeddoor.accounts.service import SYSTEM_ACTOR

    try:
        with opened_services(data_dir) as services:
            report = services.backups.create(SYSTEM_ACTOR, out)
    except ClosedDoorError as exc:
        fail(exc)
    except OSError as exc:  # recorded in the audit as a failure; no file under FILE's name
        fail(f"the backup could not be written: {exc.strerror or type(exc).__name__}")
    manifest = report.manifest
    console.print(f"backup written: {report.path} ({report.bytes} bytes), audit head event "
                  f"{manifest.audit_head_seq}, schema {manifest.schema_revision}, "
                  f"{sum(manifest.counts.values())} rows in {len(manifest.counts)} tables")
    console.print("the key folder is not in it: back it up apart (docs/operations.md)")


@app.command("verify")
def verify(file: Annotated[Path, typer.Argument(help="The backup file.")],
           data_dir: DataDirOption = None, key_dir: KeyDirOption = None,
           identity: IdentityOption = None) -> None:
    """Check a backup without restoring it: decryption, manifest, checksum, and (SQLite) the
    snapshot's integrity, counts and audit chain. Exit 0 when good, 2 when not."""
    from closeddoor.backup.restore import verify_backup

    keys = key_dir or settings_for(data_dir).key_dir
    try:
        verified = verify_backup(file, _identity(identity, keys), keys)
    except AuditChainBroken as broken:
        fail(f"backup NOT usable: its audit chain is broken at event {broken.seq}: "
             f"{broken.problem}", code=2)
    except ClosedDoorError as exc:
        fail(f"backup NOT usable: {exc}", code=2)
    manifest = verified.manifest
    console.print(f"backup good: taken {manifest.created_at} ({manifest.database}), schema "
                  f"{manifest.schema_revision}, audit head event {manifest.audit_head_seq}")
    for check in verified.checks:
        console.print(f"  - {check}")


@app.command("restore")
def restore(file: Annotated[Path, typer.Argument(help="The backup file.")],
            data_dir: Annotated[Path, typer.Option("--data-dir", help="A new data folder to "
                                                   "restore into.")],
            key_dir: Annotated[Path, typer.Option("--key-dir", help="The practice's key "
                                                  "folder.")],
            identity: IdentityOption = None) -> None:
    """Restore a backup into a new data folder with the practice's key folder, check its audit,
    re-apply destructions recorded after the backup, and say what was done."""
    import dataclasses

    from closeddoor.backup.restore import restore as restore_backup

    settings = dataclasses.replace(settings_for(data_dir), key_dir=key_dir)
    try:
        report = restore_backup(file, settings, _identity(identity, key_dir))
    except AuditChainBroken as broken:
        fail(f"restored, but the audit does not verify: event {broken.seq}: {broken.problem}",
             code=2)
    except ClosedDoorError as exc:
        fail(exc)
    manifest = report.manifest
    console.print(f"restored into {settings.data_dir}: backup taken {manifest.created_at}, "
                  f"audit head event {manifest.audit_head_seq}, row counts match the manifest")
    if report.older_than_anchors:
        console.print(
            f"this backup is OLDER than the practice's audit anchors: they reach event "
            f"{report.newest_anchor}, the backup ends at event {manifest.audit_head_seq}. The "
            f"{report.newest_anchor - manifest.audit_head_seq} events recorded after the backup "
            "(and whatever they recorded) are not in this copy. A signed restore record in the "
            "key folder's anchor file says so, so verification goes on from the backup.")
    if report.destructions_reapplied:
        console.print(f"re-applied {len(report.destructions_reapplied)} destruction(s) "
                      "recorded after the backup: " + ", ".join(report.destructions_reapplied))
    else:
        console.print("no destruction recorded after the backup needed re-applying")
    asked_again = [f"{request_id} (client {client_id})"
                   for request_id, client_id, why in report.requests_voided if why == "ask-again"]
    done = [request_id for request_id, _, why in report.requests_voided
            if why == "client-destroyed"]
    if done:
        console.print(f"closed {len(done)} destruction request(s) whose chart was destroyed "
                      "after the backup: " + ", ".join(done))
    if asked_again:
        console.print(
            f"VOIDED {len(asked_again)} destruction request(s) still pending in the backup: "
            + ", ".join(asked_again) + ". Legal holds placed after the backup are not in this "
            "copy: check them, then ask again on the Retention page if the chart should still "
            "be destroyed")
    console.print(f"audit log intact: {report.events_checked} events checked, last event "
                  f"{report.last_seq}")
    console.print(f"serve it with CLOSEDDOOR_KEY_DIR={key_dir} closeddoor serve --data-dir "
                  f"{settings.data_dir}; stop using the old copy with this key folder")


@app.command("drill")
def drill(backups: Annotated[Path, typer.Option("--backups", help="The folder the backups "
                                                "are written to; the newest is restored.")],
          data_dir: DataDirOption = None, identity: IdentityOption = None) -> None:
    """Restore the newest backup into a scratch folder, verify it, compare counts, delete it and
    record the result in the practice's audit. Exit 0 on success, 2 on a failed drill."""
    from closeddoor.accounts.service import SYSTEM_ACTOR

    try:
        with opened_services(data_dir) as services:
            report = services.backups.drill(SYSTEM_ACTOR, backups, identity)
    except AuditChainBroken as broken:
        fail(f"restore drill FAILED: the restored audit breaks at event {broken.seq}: "
             f"{broken.problem}", code=2)
    except ClosedDoorError as exc:
        fail(f"restore drill FAILED: {exc}", code=2)
    restored = report.restore
    console.print(f"restore drill passed: {report.backup.name} (audit head event "
                  f"{restored.manifest.audit_head_seq}) restored, {restored.events_checked} "
                  f"audit events verified, row counts of {len(restored.manifest.counts)} "
                  "tables match; the scratch copy was deleted and the drill recorded")
