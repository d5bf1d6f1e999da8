"""Checking a backup file without restoring it, and restoring one into a new data folder.

`verify_backup` decrypts into a private scratch folder, checks the manifest and the snapshot's
SHA-256, and for SQLite also opens the snapshot: integrity check, row counts and audit head as
the manifest says, and the audit chain with its signed checkpoints. `restore` does the same
checks, loads the snapshot into the new folder's database (which must be new or empty), then
hands over to `BackupService.finish_restore` on the restored copy's own services.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from closeddoor.audit.chain import checkpoint_message
from closeddoor.backup.archive import Opened, open_backup
from closeddoor.backup.manifest import Manifest, count_differences, signed_message
from closeddoor.backup.service import RestoreReport
from closeddoor.config import Settings
from closeddoor.crypto import LocalKeyFile, checkpoint_public_key, verify_checkpoint
from closeddoor.errors import BackupInvalid, ConfigError
from closeddoor.store import backup_repository as repo
from closeddoor.store import schema
from closeddoor.store.audit_reading import verify_chain
from closeddoor.store.db import make_engine


@dataclass(frozen=True)
class VerifiedBackup:
    manifest: Manifest
    checks: list[str]  # what was checked, in words


def verify_backup(path: Path, identity: Path, key_dir: Path | None) -> VerifiedBackup:
    """Check a backup without restoring it. `key_dir` (when its audit signing key is there)
    lets the checkpoint signatures be checked too. Raises BackupInvalid or AuditChainBroken."""
    scratch = Path(tempfile.mkdtemp(prefix="closeddoor-verify-"))
    try:
        opened = open_backup(path, identity, scratch)
        checks = ["decrypted and authenticated", "manifest read",
                  "database snapshot matches its SHA-256"]
        checks += _check_snapshot(opened, key_dir)
        return VerifiedBackup(opened.manifest, checks)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _check_snapshot(opened: Opened, key_dir: Path | None) -> list[str]:
    manifest = opened.manifest
    if not schema.is_known_revision(manifest.schema_revision):
        raise BackupInvalid(f"the backup is at schema revision {manifest.schema_revision}, "
                            "which this closeddoor does not know: restore it with a newer one")
    public_key = _public_key(key_dir)
    checks = []
    if public_key is None:
        checks.append("signatures not checked (no audit signing key in the key folder)")
    elif not verify_checkpoint(public_key, opened.signature,
                               signed_message(opened.manifest_json)):
        # age does not say who encrypted a file: anyone with the public key could make one.
        raise BackupInvalid("the backup's manifest is not signed by this practice's audit key")
    else:
        checks.append("manifest signed by the practice's audit key")
    if public_key is not None and not manifest.checkpoint_seq:
        # `backup create` always signs the head first.
        raise BackupInvalid("the backup carries no signed audit checkpoint")
    if public_key is not None:
        message = checkpoint_message(manifest.practice_id, manifest.checkpoint_seq,
                                     manifest.checkpoint_hash)
        if not verify_checkpoint(public_key, bytes.fromhex(manifest.checkpoint_signature),
                                 message):
            raise BackupInvalid("the manifest's audit checkpoint is not signed by this "
                                "practice's audit key")
        checks.append(f"signed audit checkpoint at event {manifest.checkpoint_seq} valid")
    if manifest.database == "postgresql":
        if repo.postgres_tools_missing():
            checks.append("PostgreSQL dump not opened (pg_restore is not installed)")
        elif not repo.postgres_dump_is_readable(opened.payload):
            raise BackupInvalid("the PostgreSQL dump in the backup cannot be read")
        else:
            checks.append("PostgreSQL dump readable")
        return checks
    if not repo.sqlite_file_is_intact(opened.payload):
        raise BackupInvalid("the SQLite snapshot in the backup fails its integrity check")
    found = repo.sqlite_file_facts(opened.payload)
    differences = count_differences(manifest.counts, found.counts)
    if differences:
        raise BackupInvalid("the snapshot's row counts differ from its manifest: "
                            + "; ".join(differences))
    if (found.audit.head_seq, found.audit.head_hash, found.audit.checkpoint_seq,
            found.audit.checkpoint_hash) != (manifest.audit_head_seq, manifest.audit_head_hash,
                                             manifest.checkpoint_seq, manifest.checkpoint_hash):
        raise BackupInvalid("the snapshot's audit head or checkpoint differs from its manifest")
    checks += ["SQLite integrity check ok", f"row counts of {len(found.counts)} tables match"]
    if public_key is not None:
        engine = repo.sqlite_file_engine(opened.payload)
        try:
            with engine.connect() as conn:
                report = verify_chain(conn, manifest.practice_id, public_key, None,
                                      from_last_checkpoint=False)
        finally:
            engine.dispose()
        checks.append(f"audit chain intact: {report.events_checked} events, "
                      f"{report.checkpoints_checked} signed checkpoints")
    else:
        checks.append("audit chain not checked (no audit signing key in the key folder)")
    return checks


def _public_key(key_dir: Path | None) -> bytes | None:
    if key_dir is None:
        return None
    keys = LocalKeyFile(key_dir)
    if not keys.signing_key_path.exists():
        return None
    return checkpoint_public_key(keys.audit_signing_key())


def restore(path: Path, settings: Settings, identity: Path) -> RestoreReport:
    """Restore a backup into the new data folder (and database) `settings` name, with the
    practice's key folder `settings.key_dir`. Raises BackupInvalid, ConfigError or
    AuditChainBroken, saying what is wrong."""
    from closeddoor.accounts.service import SYSTEM_ACTOR
    from closeddoor.setup import open_services

    keys = LocalKeyFile(settings.key_dir)
    if not keys.exists():
        raise ConfigError(f"no key file in {settings.key_dir}: restore needs the practice's "
                          "key folder (backed up apart from the database)")
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".restore-", dir=settings.data_dir))
    try:
        opened = open_backup(path, identity, scratch)
        manifest = opened.manifest
        if keys.practice_id() != manifest.practice_id:
            raise ConfigError(f"the key folder {settings.key_dir} belongs to another practice "
                              "than the backup; nothing was restored")
        _check_snapshot(opened, settings.key_dir)
        _load(opened, settings)
        services = open_services(settings)
        try:
            report = services.backups.finish_restore(SYSTEM_ACTOR, manifest, scratch)
        finally:
            services.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return report


def _load(opened: Opened, settings: Settings) -> None:
    manifest = opened.manifest
    is_sqlite = settings.database_url.startswith("sqlite")
    if is_sqlite != (manifest.database == "sqlite"):
        raise ConfigError(f"the backup is of a {manifest.database} database; point "
                          "CLOSEDDOOR_DATABASE_URL at an empty database of that kind")
    if is_sqlite:
        repo.load_sqlite(opened.payload, settings.database_url)
    else:
        engine = make_engine(settings.database_url)
        try:
            repo.load_postgres(opened.payload, engine)
        finally:
            engine.dispose()
    engine = make_engine(settings.database_url)
    try:
        with engine.connect() as conn:
            found = repo.facts(conn)
    finally:
        engine.dispose()
    differences = count_differences(manifest.counts, found.counts)
    if differences:
        raise BackupInvalid("the restored database's row counts differ from the backup's "
                            "manifest: " + "; ".join(differences))
