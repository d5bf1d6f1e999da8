"""Backups of a live practice, the last steps of a restore, and restore drills.

`BackupService` runs on the practice's own services: `create` (an audited, encrypted snapshot),
`finish_restore` (on a freshly restored copy: the audit checked from the backup's checkpoint,
the destructions recorded after the backup re-applied, the restore recorded), `drill` (the
newest backup restored into a scratch folder, checked, thrown away, the result audited) and
`last_successful_drill` (for the owner's settings page). `closeddoor.backup.restore` puts a
backup's database in place before these services can open it.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from closeddoor.audit.tags import AuditTag
from closeddoor.backup.archive import sha256_of, write_backup
from closeddoor.backup.manifest import PAYLOAD_NAMES, Manifest, signed_message
from closeddoor.config import Settings, sqlite_url
from closeddoor.crypto import KeyProvider, LocalSubjectSecrets, sign_checkpoint
from closeddoor.crypto.backup_cipher import backup_identity_path, ensure_backup_identity
from closeddoor.crypto.shred import SUBJECT_DIR_NAME
from closeddoor.errors import AuditChainBroken, BackupInvalid, ClosedDoorError, ConfigError
from closeddoor.gate import Gate
from closeddoor.policy import Actor, Permission
from closeddoor.records.destruction import PENDING, VOIDED
from closeddoor.runtime import Runtime
from closeddoor.store import backup_repository as repo
from closeddoor.store import schema
from closeddoor.store.db import write_transaction

P = Permission


@dataclass(frozen=True)
class BackupReport:
    path: Path
    bytes: int
    manifest: Manifest


@dataclass(frozen=True)
class RestoreReport:
    manifest: Manifest
    older_than_anchors: bool
    newest_anchor: int  # the newest event the key folder's anchors held the practice to
    destructions_reapplied: list[str]  # client ids
    events_checked: int
    last_seq: int
    # Destruction requests the backup held still pending, voided by the restore: (request id,
    # client id, why: "client-destroyed" when its chart was destroyed after the backup,
    # "ask-again" otherwise). Owners ask again once they have checked the legal holds.
    requests_voided: list[tuple[str, str, str]] = dataclasses.field(default_factory=list)


@dataclass(frozen=True)
class DrillReport:
    backup: Path
    restore: RestoreReport


class BackupService:
    def __init__(self, runtime: Runtime, gate: Gate, provider: KeyProvider) -> None:
        self._rt = runtime
        self._gate = gate
        self._provider = provider

    @property
    def _settings(self) -> Settings:
        return self._rt.settings

    # --- create --------------------------------------------------------------------------------
    def create(self, actor: Actor, out: Path) -> BackupReport:
        """Snapshot the database, encrypted to the configured recipient or the key folder's
        backup identity, into `out` (which must not exist, nor lie in the key folder).

        Audited: the decision (`allow`), then `ok` with the backup's head and size, or `fail`
        with a fixed reason (the error's kind, an OS error's code; never a path or message)
        whatever stopped it after the decision, before the error goes on up."""
        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.BACKUP_ARCHIVE_CREATE)
        try:
            return self._create(actor, out)
        except Exception as exc:
            self._gate.record([self._rt.entry(actor.actor_id, AuditTag.BACKUP_ARCHIVE_CREATE,
                                              "fail", reason=failure_reason(exc))])
            raise

    def _create(self, actor: Actor, out: Path) -> BackupReport:
        settings = self._settings
        out = out.absolute()
        key_dir = settings.key_dir.absolute()
        if out.is_relative_to(key_dir):
            raise ConfigError("write the backup outside the key folder: keys are backed up "
                              "apart (docs/operations.md)")
        if out.exists():
            raise ConfigError(f"{out} already exists; choose a new file name")
        if not out.parent.is_dir():
            raise ConfigError(f"the folder {out.parent} does not exist")
        recipient = settings.backup_recipient or ensure_backup_identity(settings.key_dir)
        self._rt.audit.checkpoint()  # the head is signed and anchored before the snapshot
        engine = self._rt.engine
        database = "sqlite" if repo.is_sqlite(engine) else "postgresql"
        settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        removed_leftovers(settings.data_dir, out)
        # The scratch copy lives beside the database it copies, never beside the backup.
        scratch = Path(tempfile.mkdtemp(prefix=f".backup-{os.getpid()}-", dir=settings.data_dir))
        try:
            payload = scratch / PAYLOAD_NAMES[database]
            if database == "sqlite":
                found = repo.snapshot_sqlite(engine, payload)
            else:
                found = repo.dump_postgres(engine, payload)
            manifest = Manifest(
                created_at=self._rt.now().isoformat(),
                practice_id=self._rt.practice_id,
                database=database,
                schema_revision=schema.current_revision(engine) or "",
                audit_head_seq=found.audit.head_seq,
                audit_head_hash=found.audit.head_hash,
                checkpoint_seq=found.audit.checkpoint_seq,
                checkpoint_hash=found.audit.checkpoint_hash,
                checkpoint_signature=found.audit.checkpoint_signature.hex(),
                counts=found.counts,
                payload_sha256=sha256_of(payload),
                payload_bytes=payload.stat().st_size,
            )
            signature = sign_checkpoint(self._provider.audit_signing_key(),
                                        signed_message(manifest.to_json()))
            size = write_backup(out, manifest, signature, payload, scratch, recipient)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        self._gate.record([self._rt.entry(actor.actor_id, AuditTag.BACKUP_ARCHIVE_CREATE, "ok",
                                          backup_head=manifest.audit_head_seq, bytes=size)])
        return BackupReport(out, size, manifest)

    # --- restore (on the restored copy's own services) -----------------------------------------
    def finish_restore(self, actor: Actor, manifest: Manifest, scratch: Path) -> RestoreReport:
        """Check the restored audit from the backup's checkpoint against the key folder's
        anchors, record a restore in the anchor file when the backup is older than them,
        re-apply the destructions on the key folder's list, record the restore, and verify the
        whole log. Raises AuditChainBroken when the restored log does not fit its anchors."""
        rt = self._rt
        if rt.practice_id != manifest.practice_id:
            raise ConfigError("the key folder belongs to another practice than the backup")
        newest_anchor = rt.audit.newest_anchor()
        older = newest_anchor > manifest.audit_head_seq
        # Checked before the key folder changes: as if restored (on a copy of the anchors).
        rt.audit.verify_restored(manifest.audit_head_seq, manifest.audit_head_hash, scratch)
        if older:
            rt.audit.mark_restored(manifest.audit_head_seq, manifest.audit_head_hash)
        destroyed = sorted(LocalSubjectSecrets(self._settings.key_dir).destroyed())
        with write_transaction(rt.engine) as conn:
            present = repo.clients_present(conn, destroyed)
        for client_id in present:
            with write_transaction(rt.engine) as conn:
                rt.keyring.destroy(conn, client_id)
                repo.delete_destroyed_client(conn, client_id)
                self._gate.record_in(conn, [rt.entry(
                    actor.actor_id, AuditTag.BACKUP_DESTRUCTION_REAPPLY, "ok",
                    client_id=client_id, backup_head=manifest.audit_head_seq)])
        voided = self._void_pending_requests(actor, set(destroyed))
        with write_transaction(rt.engine) as conn:
            self._gate.record_in(conn, [rt.entry(
                actor.actor_id, AuditTag.BACKUP_ARCHIVE_RESTORE, "ok",
                backup_head=manifest.audit_head_seq, anchored_to=newest_anchor,
                destructions_reapplied=len(present), requests_voided=len(voided))])
        rt.audit.checkpoint()
        verified = rt.audit.verify()
        rt.audit.checkpoint()
        return RestoreReport(manifest, older, newest_anchor, present, verified.events_checked,
                             verified.last_seq, voided)

    def _void_pending_requests(self, actor: Actor, destroyed: set[str]
                               ) -> list[tuple[str, str, str]]:
        """Void the destruction requests the backup held still pending. A restored copy lacks
        whatever happened after the backup: a legal hold placed since, the request's approval
        (its destruction is re-applied above) or a second thought. Approving such a request
        would destroy a chart on facts that may no longer hold, so it is closed, audited, and
        reported; an owner asks again (docs/operations.md)."""
        rt = self._rt
        with write_transaction(rt.engine) as conn:
            closed = repo.void_pending_destruction_requests(conn, PENDING, VOIDED)
            found = [(request_id, client_id,
                      "client-destroyed" if client_id in destroyed else "ask-again")
                     for request_id, client_id in closed]
            if found:
                self._gate.record_in(conn, [rt.entry(
                    actor.actor_id, AuditTag.BACKUP_DESTRUCTION_REQUEST_VOID, "ok",
                    client_id=client_id, resource_id=request_id, reason=why)
                    for request_id, client_id, why in found])
        return found

    # --- drill ---------------------------------------------------------------------------------
    def drill(self, actor: Actor, folder: Path, identity: Path | None = None) -> DrillReport:
        """Restore the newest backup in `folder` into a scratch folder (with a copy of the key
        folder, so the practice's own anchors are never touched), check it, delete it, and
        record the outcome. Raises what the restore raised, after recording the failure."""
        from closeddoor.backup.restore import restore

        self._gate.require(actor, P.PRACTICE_SETTINGS_MANAGE, AuditTag.BACKUP_DRILL_RUN,
                           audit_allow=False)
        rt = self._rt
        settings = self._settings
        newest = newest_backup(folder)
        identity = identity or backup_identity_path(settings.key_dir)
        scratch = Path(tempfile.mkdtemp(prefix=".drill-", dir=settings.data_dir))
        # The key folder's copy stays with the keys, never beside the database, and leaves out
        # the clients' secrets: restoring and verifying needs none of them.
        scratch_keys = Path(tempfile.mkdtemp(prefix=".drill-", dir=settings.key_dir))
        scratch_db = ""
        try:
            shutil.copytree(settings.key_dir, scratch_keys, symlinks=False, dirs_exist_ok=True,
                            ignore=lambda folder, names: [
                                name for name in names
                                if name.startswith(".drill-") or name == SUBJECT_DIR_NAME])
            if repo.is_sqlite(rt.engine):
                url = sqlite_url(scratch)
            else:
                scratch_db = f"closeddoor_drill_{secrets.token_hex(6)}"
                url = repo.create_scratch_database(rt.engine, scratch_db)
            drill_settings = dataclasses.replace(settings, data_dir=scratch, database_url=url,
                                                 key_dir=scratch_keys)
            report = restore(newest, drill_settings, identity)
        except ClosedDoorError as exc:
            reason = ("audit-broken" if isinstance(exc, AuditChainBroken) else
                      "backup-invalid" if isinstance(exc, BackupInvalid) else "error")
            self._gate.record([rt.entry(actor.actor_id, AuditTag.BACKUP_DRILL_RUN, "fail",
                                        reason=reason)])
            raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
            shutil.rmtree(scratch_keys, ignore_errors=True)
            if scratch_db:
                repo.drop_scratch_database(rt.engine, scratch_db)
        self._gate.record([rt.entry(
            actor.actor_id, AuditTag.BACKUP_DRILL_RUN, "ok",
            backup_head=report.manifest.audit_head_seq, tables=len(report.manifest.counts),
            events_checked=report.events_checked)])
        return DrillReport(newest, report)

    def last_successful_drill(self) -> datetime | None:
        """When the newest successful restore drill finished (from the audit), or None."""
        # Practice-wide events have no client: a partial index by tag finds them directly.
        for event in self._rt.audit.events(limit=50, client_id="",
                                           tags=[AuditTag.BACKUP_DRILL_RUN.value]):
            if event.entry.outcome == "ok":
                return datetime.fromisoformat(event.entry.at)
        return None


def failure_reason(error: BaseException) -> str:
    """A failure's audit reason in fixed words: its kind (`config-error`, `backup-invalid`, ...)
    and, for an OS error, its code (`os-error:ENOSPC`). Never its message, which may hold a
    path or a database's words."""
    code = error.errno if isinstance(error, OSError) else None
    if code is not None and code in errno.errorcode:
        return f"os-error:{errno.errorcode[code]}"
    name = type(error).__name__
    return "".join(f"-{c.lower()}" if c.isupper() else c for c in name).lstrip("-")


def newest_backup(folder: Path) -> Path:
    """The most recently written backup in `folder` (hidden partial files are not backups)."""
    if not folder.is_dir():
        raise ConfigError(f"the backup folder {folder} does not exist")
    candidates = [path for path in folder.iterdir()
                  if path.is_file() and not path.name.startswith(".")]
    if not candidates:
        raise ConfigError(f"there is no backup in {folder}")
    return max(candidates, key=lambda path: (path.stat().st_mtime_ns, path.name))


def identity_file(key_dir: Path) -> Path:
    """Where the key folder keeps the backup identity (made by the first backup)."""
    return backup_identity_path(key_dir)


def removed_leftovers(data_dir: Path, out: Path) -> list[Path]:
    """Remove what a killed `backup create` left: its scratch folder in the data folder (a copy
    of the database) and its hidden partial file beside `out`, when the process that made them
    is gone. Returns what was removed."""
    removed = []
    candidates = [(path, path.name.split("-")[1]) for path in data_dir.glob(".backup-*-*")]
    candidates += [(path, path.name.rsplit(".", 2)[-2])
                   for path in out.parent.glob(f".{out.name}.*.partial")]
    for path, pid in candidates:
        if pid.isdigit() and not _is_running(int(pid)):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
