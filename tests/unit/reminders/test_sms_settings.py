"""The SMS provider settings: both or neither, https (http only to the loopback address), and
the token never in a message or a repr."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from closeddoor.config import Settings, load_settings
from closeddoor.errors import ConfigError
from closeddoor.reminders.ports import TextMessage, TextNotSent
from closeddoor.reminders.sms_http import HttpTextSender

TOKEN = "synthetic-token-zq81"


def settings(**env: str) -> Settings:
    return load_settings(env=env, data_dir=Path("unused"))


def test_texts_configured_when_url_and_token_are_both_set() -> None:
    chosen = settings(CLOSEDDOOR_SMS_URL="https://sms.example.org/send",
                      CLOSEDDOOR_SMS_TOKEN=TOKEN)
    assert chosen.texts_are_configured and TOKEN not in repr(chosen)
    assert not settings().texts_are_configured


@pytest.mark.parametrize("env", [
    {"CLOSEDDOOR_SMS_URL": "https://sms.example.org/send"},
    {"CLOSEDDOOR_SMS_TOKEN": TOKEN},
    {"CLOSEDDOOR_SMS_URL": "http://sms.example.org/send", "CLOSEDDOOR_SMS_TOKEN": TOKEN},
    {"CLOSEDDOOR_SMS_URL": "https://user:pw@sms.example.org/", "CLOSEDDOOR_SMS_TOKEN": TOKEN},
])
def test_sms_settings_refused_when_incomplete_or_not_https(env: dict[str, str]) -> None:
    with pytest.raises(ConfigError) as refused:
        settings(**env)
    assert TOKEN not in str(refused.value) and "pw" not in str(refused.value)


def test_http_adapter_posts_json_with_the_bearer_token_and_fails_without_detail() -> None:
    seen: list[httpx.Request] = []

    def provider(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200 if len(seen) == 1 else 500, text="number +1555 unknown")

    sender = HttpTextSender("https://sms.example.org/send", TOKEN,
                            transport=httpx.MockTransport(provider))
    sender.send(TextMessage("+1 555 0100", "hello"))
    assert seen[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert seen[0].read() == b'{"to":"+1 555 0100","body":"hello"}'
    with pytest.raises(TextNotSent) as refused:
        sender.send(TextMessage("+1 555 0100", "hello"))
    assert "555" not in str(refused.value) and TOKEN not in repr(sender)
