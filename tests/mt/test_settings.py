"""The [mt] table: defaults, per-engine options, and errors that name the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.config import settings_from_dict
from transflow.errors import ConfigError
from transflow.mt.settings import DEFAULT_CHAIN, EngineOptions, load_mt_settings


def mt(table: dict[str, object]):
    settings = settings_from_dict(Path("/p"), {"mt": table}, Path("/p/transflow.toml"))
    return load_mt_settings(settings)


def test_defaults() -> None:
    loaded = mt({})
    assert loaded.engines == DEFAULT_CHAIN == ("memory", "google")
    google = loaded.options_for("google")
    assert (google.timeout, google.concurrency, google.retries, google.backoff) == (10, 16, 4, 0.5)
    assert loaded.options_for("memory").threshold == 75


def test_engine_tables() -> None:
    loaded = mt({
        "engines": ["memory", "deepl", "google"],
        "memory": {"threshold": 90},
        "deepl": {"api_key_env": "NEWSROOM_DEEPL", "timeout": 5, "concurrency": 2},
        "libre": {"url": "http://mt.local:5000/translate", "languages": ["kk"]},
    })  # fmt: skip
    assert loaded.engines == ("memory", "deepl", "google")
    assert loaded.options_for("memory").threshold == 90
    assert loaded.options_for("deepl") == EngineOptions(
        "deepl", api_key_env="NEWSROOM_DEEPL", timeout=5.0, concurrency=2
    )
    assert loaded.options_for("libre").languages == ("kk",)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"engines": ["google", "bing"]}, "unknown engine 'bing'"),
        ({"engines": ["google", "google"]}, "lists an engine twice"),
        ({"engines": []}, "must be a non-empty list"),
        ({"speed": 1}, "unknown key `mt.speed`"),
        ({"google": {"api_key_env": "X"}}, "unknown key `mt.google.api_key_env`"),
        ({"google": {"timeout": 0}}, "`mt.google.timeout` must be a number"),
        ({"google": {"concurrency": 0}}, "`mt.google.concurrency` must be a whole number"),
        ({"google": {"retries": True}}, "`mt.google.retries` must be a whole number"),
        ({"google": {"url": "ftp://x"}}, "`mt.google.url` must be an http"),
        ({"memory": {"threshold": 120}}, "`mt.memory.threshold` must be a number from 0 to 100"),
        ({"libre": {"languages": "kk"}}, "`mt.libre.languages` must be a list"),
        ({"google": 3}, "`mt.google` must be a table"),
    ],
)
def test_errors_name_the_key(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")) as caught:
        mt(table)
    assert str(caught.value).startswith("/p/transflow.toml: ")


def test_a_key_pasted_into_api_key_env_is_not_echoed() -> None:
    with pytest.raises(ConfigError) as caught:
        mt({"deepl": {"api_key_env": "3f2a9c1e-7b4d-4e8a-9f00-1234567890ab:fx"}})
    assert "3f2a9c1e" not in str(caught.value)
    assert "NAME of an environment variable" in str(caught.value)
