from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from closeddoor.config import load_settings
from closeddoor.errors import ConfigError


def test_defaults_to_production_on_sqlite_in_data_dir_when_env_empty() -> None:
    settings = load_settings({})
    assert settings.environment == "production"
    assert settings.is_sqlite
    assert settings.database_url.endswith("closeddoor-data/closeddoor.db")
    assert settings.key_dir == Path("closeddoor-data/keys")


def test_postgres_url_uses_psycopg_when_given_plainly() -> None:
    settings = load_settings({"CLOSEDDOOR_DATABASE_URL": "postgresql://u@h/db"})
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert not settings.is_sqlite


def test_fast_hashing_refused_when_not_testing() -> None:
    with pytest.raises(ConfigError):
        load_settings({"CLOSEDDOOR_FAST_PASSWORD_HASHING": "1"})
    assert load_settings({"CLOSEDDOOR_FAST_PASSWORD_HASHING": "1",
                          "CLOSEDDOOR_ENV": "test"}).fast_password_hashing


def test_unknown_environment_refused_when_loading() -> None:
    with pytest.raises(ConfigError, match="CLOSEDDOOR_ENV"):
        load_settings({"CLOSEDDOOR_ENV": "staging"})


def test_cli_data_dir_wins_when_both_given(tmp_path: Path) -> None:
    settings = load_settings({"CLOSEDDOOR_DATA_DIR": "/elsewhere"}, data_dir=tmp_path)
    assert settings.data_dir == tmp_path


def test_forwarded_headers_believed_from_no_one_when_no_proxy_configured() -> None:
    from closeddoor.server import proxy_options

    settings = load_settings({})
    assert settings.trusted_proxies == ()
    assert proxy_options(settings) == {"proxy_headers": False}


def test_forwarded_headers_believed_only_from_listed_proxies_when_configured() -> None:
    from closeddoor.server import proxy_options

    settings = load_settings({"CLOSEDDOOR_TRUSTED_PROXIES": "10.0.0.5, 10.0.0.6"})
    assert settings.trusted_proxies == ("10.0.0.5", "10.0.0.6")
    assert proxy_options(settings) == {"proxy_headers": True,
                                       "forwarded_allow_ips": ["10.0.0.5", "10.0.0.6"]}


def test_audit_checkpoints_default_to_every_60_seconds_or_1000_events_when_unset() -> None:
    settings = load_settings({})
    assert settings.audit_checkpoint_interval == timedelta(seconds=60)
    assert settings.audit_checkpoint_every == 1_000
    tuned = load_settings({"CLOSEDDOOR_AUDIT_CHECKPOINT_SECONDS": "5",
                           "CLOSEDDOOR_AUDIT_CHECKPOINT_EVENTS": "200"})
    assert (tuned.audit_checkpoint_interval, tuned.audit_checkpoint_every) == (
        timedelta(seconds=5), 200)


@pytest.mark.parametrize("value", ["0", "-1", "soon", "1.5"])
def test_audit_checkpoint_setting_refused_when_not_a_positive_whole_number(value: str) -> None:
    with pytest.raises(ConfigError, match="CLOSEDDOOR_AUDIT_CHECKPOINT_SECONDS"):
        load_settings({"CLOSEDDOOR_AUDIT_CHECKPOINT_SECONDS": value})
def test_mail_settings_are_read_and_the_public_url_loses_its_trailing_slash_when_set() -> None:
    settings = load_settings({"CLOSEDDOOR_PUBLIC_URL": "https://portal.example.org/",
                              "CLOSEDDOOR_SMTP_URL": "smtps://u:secret-pw@mail.example.org:465",
                              "CLOSEDDOOR_SMTP_FROM": "portal@example.org"})
    assert settings.public_url == "https://portal.example.org"
    assert settings.mail_is_configured and settings.smtp_from == "portal@example.org"
    assert "secret-pw" not in repr(settings)
    assert not load_settings({}).mail_is_configured


@pytest.mark.parametrize(("name", "value"), [
    ("CLOSEDDOOR_PUBLIC_URL", "portal.example.org"),
    ("CLOSEDDOOR_PUBLIC_URL", "https://portal.example.org/?next=x"),
    ("CLOSEDDOOR_SMTP_URL", "http://mail.example.org"),
    ("CLOSEDDOOR_SMTP_URL", "smtp://u:secret-pw@mail.example.org:notaport"),
    ("CLOSEDDOOR_SMTP_FROM", "not an address"),
])
def test_mail_setting_refused_naming_the_variable_when_malformed(name: str, value: str) -> None:
    with pytest.raises(ConfigError, match=name) as refused:
        load_settings({name: value})
    assert "secret-pw" not in str(refused.value)
