"""Frozen settings, built once from the environment by load_settings(); nothing at import."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from closeddoor.errors import ConfigError

DEFAULT_DATA_DIR = Path("closeddoor-data")
ENVIRONMENTS = ("production", "development", "test")


DEFAULT_WORKER_THREADS = 8
MAX_WORKER_THREADS = 256


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    key_dir: Path
    environment: str = "production"
    session_idle_timeout: timedelta = timedelta(minutes=15)
    session_absolute_limit: timedelta = timedelta(hours=12)
    break_glass_duration: timedelta = timedelta(hours=1)
    login_failures_per_account: int = 5
    login_failures_per_address: int = 30
    login_window: timedelta = timedelta(minutes=15)
    # Addresses of reverse proxies whose X-Forwarded-For/-Proto headers are believed; no one's
    # by default, so no local process can choose the address its sign-ins are throttled under.
    trusted_proxies: tuple[str, ...] = ()
    # Sign and anchor the audit head at least this often while serving, and every this many
    # events, whichever comes first (plus at start-up and clean shutdown): only events after the
    # newest anchor can be cut off unnoticed, so these bound what a truncation can hide.
    audit_checkpoint_every: int = 1_000
    audit_checkpoint_interval: timedelta = timedelta(seconds=60)
    # Threads per server process for blocking work (database, decryption). Python runs one at a
    # time: past a few, more threads only compete for the interpreter (docs/performance.md).
    worker_threads: int = DEFAULT_WORKER_THREADS
    fast_password_hashing: bool = False  # tests only; load_settings refuses it in production
    # Links in e-mails are built from this, never from a request's Host header. "" = not set.
    public_url: str = ""
    # smtp://[user:pass@]host[:port] (STARTTLS when offered) or smtps://... ; may hold a password.
    smtp_url: str = field(default="", repr=False)
    smtp_from: str = ""
    # Text-message reminders (docs/reminders.md): an HTTPS endpoint taking {"to", "body"} JSON
    # and its bearer token. "" = no texts are sent.
    sms_url: str = ""
    sms_token: str = field(default="", repr=False)
    # Backups are encrypted to this age public key (age1...) when set; else to the backup
    # identity in the key folder (docs/operations.md).
    backup_recipient: str = ""

    @property
    def mail_is_configured(self) -> bool:
        return bool(self.smtp_url and self.public_url)

    @property
    def texts_are_configured(self) -> bool:
        return bool(self.sms_url and self.sms_token)

    @property
    def log_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_url(data_dir: Path) -> str:
    return f"sqlite:///{(data_dir / 'closeddoor.db').resolve()}"


def load_settings(
    env: Mapping[str, str] | None = None, *, data_dir: Path | None = None
) -> Settings:
    """Read CLOSEDDOOR_* variables. An explicit data_dir (the CLI's --data-dir) wins."""
    env = os.environ if env is None else env
    directory = data_dir or Path(env.get("CLOSEDDOOR_DATA_DIR", str(DEFAULT_DATA_DIR)))
    environment = env.get("CLOSEDDOOR_ENV", "production")
    if environment not in ENVIRONMENTS:
        raise ConfigError(f"CLOSEDDOOR_ENV must be one of {', '.join(ENVIRONMENTS)}")
    database_url = env.get("CLOSEDDOOR_DATABASE_URL") or sqlite_url(directory)
    if database_url.startswith("postgresql://"):
        database_url = "postgresql+psycopg://" + database_url.removeprefix("postgresql://")
    key_dir = Path(env.get("CLOSEDDOOR_KEY_DIR", str(directory / "keys")))
    fast_hashing = env.get("CLOSEDDOOR_FAST_PASSWORD_HASHING") == "1"
    if fast_hashing and environment != "test":
        raise ConfigError("fast password hashing is allowed only when CLOSEDDOOR_ENV=test")
    trusted_proxies = tuple(
        part.strip() for part in env.get("CLOSEDDOOR_TRUSTED_PROXIES", "").split(",")
        if part.strip())
    public_url = _public_url(env.get("CLOSEDDOOR_PUBLIC_URL", ""))
    smtp_url = _smtp_url(env.get("CLOSEDDOOR_SMTP_URL", ""))
    smtp_from = env.get("CLOSEDDOOR_SMTP_FROM", "").strip()
    if smtp_from and not EMAIL.match(smtp_from):
        raise ConfigError("CLOSEDDOOR_SMTP_FROM must be an e-mail address such as "
                          "portal@practice.example")
    sms_url, sms_token = _sms(env)
    backup_recipient = env.get("CLOSEDDOOR_BACKUP_RECIPIENT", "").strip()
    if backup_recipient and not AGE_RECIPIENT.match(backup_recipient):
        raise ConfigError("CLOSEDDOOR_BACKUP_RECIPIENT must be an age public key: age1 "
                          "followed by 58 lower-case letters and digits")
    return Settings(
        backup_recipient=backup_recipient,
        data_dir=directory,
        sms_url=sms_url,
        sms_token=sms_token,
        trusted_proxies=trusted_proxies,
        audit_checkpoint_every=_positive_int(env, "CLOSEDDOOR_AUDIT_CHECKPOINT_EVENTS", 1_000),
        audit_checkpoint_interval=timedelta(
            seconds=_positive_int(env, "CLOSEDDOOR_AUDIT_CHECKPOINT_SECONDS", 60)),
        worker_threads=_positive_int(env, "CLOSEDDOOR_THREADS", DEFAULT_WORKER_THREADS,
                                     most=MAX_WORKER_THREADS),
        database_url=database_url,
        key_dir=key_dir,
        environment=environment,
        fast_password_hashing=fast_hashing,
        public_url=public_url,
        smtp_url=smtp_url,
        smtp_from=smtp_from,
    )


def _positive_int(env: Mapping[str, str], name: str, default: int, *,
                  most: int | None = None) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    if not raw.strip().isdigit() or int(raw) < 1 or (most is not None and int(raw) > most):
        within = f" and at most {most}" if most is not None else ""
        raise ConfigError(f"{name} must be a whole number of at least 1{within}")
    return int(raw)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
AGE_RECIPIENT = re.compile(r"^age1[0-9a-z]{58}$")


def _public_url(value: str) -> str:
    """The address clients reach the practice at, e.g. https://portal.example.org."""
    value = value.strip().rstrip("/")
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.query \
            or parts.fragment or parts.username:
        raise ConfigError("CLOSEDDOOR_PUBLIC_URL must look like https://portal.example.org "
                          "(scheme and host, optionally a port and path; no query)")
    return value


def _smtp_url(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    parts = urlsplit(value)
    try:
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError:
        parts = urlsplit("invalid://")
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        # The value may hold a password: the message never repeats it.
        raise ConfigError("CLOSEDDOOR_SMTP_URL must look like smtp://host:587 or "
                          "smtps://user:password@host:465")
    return value


def _sms(env: Mapping[str, str]) -> tuple[str, str]:
    """CLOSEDDOOR_SMS_URL (https, or http to the loopback address) and CLOSEDDOOR_SMS_TOKEN,
    both or neither."""
    url = env.get("CLOSEDDOOR_SMS_URL", "").strip()
    token = env.get("CLOSEDDOOR_SMS_TOKEN", "").strip()
    if not url and not token:
        return "", ""
    if not url or not token:
        raise ConfigError("CLOSEDDOOR_SMS_URL and CLOSEDDOOR_SMS_TOKEN are set together")
    parts = urlsplit(url)
    loopback = parts.hostname in ("127.0.0.1", "::1", "localhost")
    if parts.username or parts.password or not parts.hostname or not (
            parts.scheme == "https" or (parts.scheme == "http" and loopback)):
        # The token has its own variable; the message never repeats the URL.
        raise ConfigError("CLOSEDDOOR_SMS_URL must look like https://sms.example.org/send "
                          "(http only to 127.0.0.1)")
    return url, token
