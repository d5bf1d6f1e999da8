"""First-time setup of a data folder: key files, schema, practice. Used by `init` and `demo`."""

from __future__ import annotations

import os
import uuid

from closeddoor.bootstrap import Services, build_services
from closeddoor.clock import Clock
from closeddoor.config import Settings
from closeddoor.crypto import LocalKeyFile
from closeddoor.errors import ConfigError, KeysMismatch
from closeddoor.store import schema
from closeddoor.store.db import make_engine


def is_initialized(settings: Settings) -> bool:
    return LocalKeyFile(settings.key_dir).exists()


def initialize(settings: Settings, practice_name: str, *, clock: Clock | None = None
               ) -> Services:
    """Create the data folder (0700), the key files (0600), the schema and the practice."""
    keys = LocalKeyFile(settings.key_dir)
    if keys.exists():
        raise ConfigError(f"{settings.data_dir} is already initialized")
    settings.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(settings.data_dir, 0o700)
    keys.create(practice_id=str(uuid.uuid4()))
    engine = make_engine(settings.database_url)
    schema.upgrade(engine)
    services = build_services(settings, engine=engine, clock=clock)
    services.practice.create_practice(practice_name)
    services.consent.ensure_default_version()
    return services


def open_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """Services over an initialized folder, with its schema brought up to date."""
    if not is_initialized(settings):
        raise ConfigError(f"{settings.data_dir} is not initialized; run `closeddoor init` first")
    keys = LocalKeyFile(settings.key_dir)
    keys.practice_id()  # a damaged key file is named before anything else happens
    keys.audit_signing_key()
    engine = make_engine(settings.database_url)
    try:
        schema.upgrade(engine)
        services = build_services(settings, engine=engine, clock=clock)
        if not services.practice.key_folder_matches():
            raise KeysMismatch(
                f"the keys in {settings.key_dir} do not belong to this database (their key "
                "check value differs from the one recorded at `closeddoor init`): they are "
                "another practice's keys or another copy's. Nothing was changed. Point "
                "--data-dir or CLOSEDDOOR_KEY_DIR at this practice's key folder."
            )
        services.consent.ensure_default_version()  # a folder made before consent existed
    except BaseException:
        engine.dispose()
        raise
    return services
