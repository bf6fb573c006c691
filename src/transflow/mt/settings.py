"""The ``[mt]`` table of transflow.toml → frozen ``MtSettings``.

    [mt]
    engines = ["memory", "google"]      # the chain: each engine gets what the previous left

    [mt.google]
    url = "http://127.0.0.1:8080/m"     # the endpoint that receives translation requests
    timeout = 10                        # seconds to connect, and to wait for each answer
    concurrency = 16                    # requests in flight at once
    retries = 4                         # after a 429, a 5xx, a timeout or a lost connection
    backoff = 0.5                       # first retry delay in seconds, doubled each time

    [mt.deepl]
    api_key_env = "DEEPL_API_KEY"       # the NAME of the variable holding the key, never the key

Like the core settings, every key is checked and an unknown one is an error naming it, with the
line of transflow.toml that holds it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit

from transflow.config import CONFIG_NAME, Settings, config_line
from transflow.errors import ConfigError

PROVIDERS = ("google", "mymemory", "libre", "deepl", "microsoft")
LOCAL_ENGINES = ("memory", "pseudo")
ENGINES = (*LOCAL_ENGINES, *PROVIDERS)
DEFAULT_CHAIN = ("memory", "google")

_ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")
_REMOTE_KEYS = ("url", "timeout", "concurrency", "retries", "backoff")
_KEYS: dict[str, tuple[str, ...]] = {
    "memory": ("threshold",),
    "pseudo": (),
    "google": _REMOTE_KEYS,
    "mymemory": (*_REMOTE_KEYS, "email"),
    "libre": (*_REMOTE_KEYS, "api_key_env", "languages"),
    "deepl": (*_REMOTE_KEYS, "api_key_env"),
    "microsoft": (*_REMOTE_KEYS, "api_key_env", "region"),
}


@dataclass(frozen=True)
class EngineOptions:
    """The ``[mt.<name>]`` table of one engine, with defaults filled in."""

    name: str
    url: str | None = None
    timeout: float = 10.0
    concurrency: int = 16
    retries: int = 4
    backoff: float = 0.5
    api_key_env: str | None = None
    threshold: float = 75.0  # memory: the lowest fuzzy-match score used, 0-100
    languages: tuple[str, ...] = ()  # libre: what a self-hosted server serves beyond its table
    region: str | None = None  # microsoft: the resource's region header
    email: str | None = None  # mymemory: raises the free daily quota


@dataclass(frozen=True)
class MtSettings:
    engines: tuple[str, ...] = DEFAULT_CHAIN
    options: Mapping[str, EngineOptions] = field(default_factory=dict)
    path: Path | None = None  # the transflow.toml they were read from

    def options_for(self, name: str) -> EngineOptions:
        return self.options.get(name) or EngineOptions(name)

    def line_of(self, *keys: str, exact: bool = False) -> int | None:
        """The line of transflow.toml that sets ``keys`` (e.g. "mt", "deepl", "api_key_env"),
        or (unless ``exact``) the table or key it is in; None when the file has no such line."""
        return config_line(self.path, keys, exact=exact) if self.path is not None else None


def load_mt_settings(settings: Settings) -> MtSettings:
    table = settings.extra.get("mt", {})
    path = settings.root / CONFIG_NAME
    options: dict[str, EngineOptions] = {}
    engines: tuple[str, ...] = DEFAULT_CHAIN
    for key, value in table.items():
        try:
            if key == "engines":
                engines = check_chain(value, path)
            elif key in ENGINES:
                if not isinstance(value, dict):
                    raise ConfigError(f"`mt.{key}` must be a table ([mt.{key}])", path)
                options[key] = _engine_options(key, value, path)
            else:
                raise ConfigError(
                    f"unknown key `mt.{key}` (known: engines, and a table per engine: "
                    f"{', '.join(ENGINES)})",
                    path,
                )
        except ConfigError as exc:
            raise _on_its_line(exc, path, ("mt", key)) from None
    return MtSettings(engines, MappingProxyType(options), path)


def _on_its_line(error: ConfigError, path: Path, keys: tuple[str, ...]) -> ConfigError:
    if error.line is not None:
        return error
    return ConfigError(error.message, error.path, config_line(path, keys))


def check_chain(value: Any, path: Path | None = None) -> tuple[str, ...]:
    """A list of engine names, each known and listed once."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not value:
        raise ConfigError("`mt.engines` must be a non-empty list of engine names", path)
    for name in value:
        if name not in ENGINES:
            raise ConfigError(f"unknown engine {name!r} (engines: {', '.join(ENGINES)})", path)
    if len(set(value)) != len(value):
        raise ConfigError("`mt.engines` lists an engine twice", path)
    return tuple(value)


def _engine_options(name: str, table: dict[str, Any], path: Path) -> EngineOptions:
    values: dict[str, Any] = {}
    for key, value in table.items():
        try:
            if key not in _KEYS[name]:
                known = ", ".join(_KEYS[name]) or "none"
                raise ConfigError(f"unknown key `mt.{name}.{key}` (known: {known})", path)
            values[key] = _checked(name, key, value, path)
        except ConfigError as exc:
            raise _on_its_line(exc, path, ("mt", name, key)) from None
    return EngineOptions(name, **values)


def _is_http_url(value: str) -> bool:
    # requests refuses "http://" or "http://:80/x" only when it sends, as a failure to retry.
    try:
        parts = urlsplit(value)
        return parts.scheme in ("http", "https") and bool(parts.hostname) and parts.port != 0
    except ValueError:  # a port that is not a number, a bad IPv6 address
        return False


def _checked(name: str, key: str, value: Any, path: Path) -> Any:
    where = f"`mt.{name}.{key}`"
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if key == "url":
        if not isinstance(value, str) or not _is_http_url(value):
            raise ConfigError(f"{where} must be an http:// or https:// URL with a host", path)
        return value
    if key in ("timeout", "backoff", "threshold"):
        low, high = {"timeout": (0.001, 600), "backoff": (0, 60), "threshold": (0, 100)}[key]
        if not number or not low <= value <= high:
            raise ConfigError(f"{where} must be a number from {low:g} to {high:g}", path)
        return float(value)
    if key in ("concurrency", "retries"):
        low, high = {"concurrency": (1, 64), "retries": (0, 10)}[key]
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise ConfigError(f"{where} must be a whole number from {low} to {high}", path)
        return value
    if key == "languages":
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ConfigError(f"{where} must be a list of language codes", path)
        return tuple(value)
    if key == "api_key_env" and (not isinstance(value, str) or not _ENV_NAME.fullmatch(value)):
        # The value is not echoed: someone may have pasted the key itself here.
        raise ConfigError(
            f"{where} must be the NAME of an environment variable (capitals, digits and _, "
            "e.g. DEEPL_API_KEY), not the key itself",
            path,
        )
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where} must be a non-empty string", path)
    return value
