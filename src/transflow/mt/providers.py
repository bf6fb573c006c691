"""deep-translator behind one module: which providers we use, how, and what their errors mean.

The provider classes are deep-translator's own. Where one no longer works against today's service
a subclass here fixes it, and says why. Every exception any of them raises — they share no base
class, and some escape from ``requests`` — becomes a ``SendError`` with a message that never holds
an API key: keys are read from the environment when an engine is built, sent only in headers or
request bodies (never in a URL, which ends up in logs), and kept out of every repr.
"""

from __future__ import annotations

import datetime
import email.utils
import math
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import deep_translator.deepl
import deep_translator.google
import deep_translator.libre
import deep_translator.microsoft
import deep_translator.mymemory
import requests
from deep_translator import exceptions as dt
from deep_translator.base import BaseTranslator
from deep_translator.constants import (
    DEEPL_LANGUAGE_TO_CODE,
    GOOGLE_LANGUAGES_TO_CODES,
    LIBRE_LANGUAGES_TO_CODES,
    MY_MEMORY_LANGUAGES_TO_CODES,
)

from transflow.errors import EngineError
from transflow.languages import code_among, language_name
from transflow.mt import http
from transflow.mt.engine import SendError, Translator
from transflow.mt.settings import EngineOptions

_MODULES = (
    deep_translator.google,
    deep_translator.mymemory,
    deep_translator.libre,
    deep_translator.deepl,
    deep_translator.microsoft,
)
# deep-translator has no table for Microsoft: its constructor downloads the list from Microsoft,
# with no timeout. Microsoft's list has both kk and ru; this is the part of it we vouch for.
MICROSOFT_LANGUAGES = {
    "english": "en", "kazakh": "kk", "russian": "ru", "ukrainian": "uk", "kyrgyz": "ky",
    "uzbek": "uz", "german": "de", "french": "fr", "spanish": "es", "turkish": "tr",
}  # fmt: skip


class _StatusError(Exception):
    """A non-2xx answer; the status code is read from the exchange."""


def _raise_for_status(response: requests.Response) -> None:
    if not 200 <= response.status_code < 300:
        raise _StatusError(response.status_code)


class _Google(deep_translator.google.GoogleTranslator):  # type: ignore[misc]
    def __init__(self, engine: ProviderEngine, source: str, target: str) -> None:
        super().__init__(source=source, target=target)
        self._base_url = engine.url


class _MyMemory(deep_translator.mymemory.MyMemoryTranslator):  # type: ignore[misc]
    def __init__(self, engine: ProviderEngine, source: str, target: str) -> None:
        super().__init__(source=source, target=target, email=engine.options.email)
        self._base_url = engine.url


class _Libre(deep_translator.libre.LibreTranslator):  # type: ignore[misc]
    """LibreTranslator's constructor refuses a language missing from its hard-coded list of 17
    (no kk) and refuses to run without a key; a self-hosted server may serve kk and need no key.
    Its ``translate`` puts the key in the URL and, on a 403, in the exception's message, and
    catches the builtin ConnectionError, which requests never raises."""

    def __init__(self, engine: ProviderEngine, source: str, target: str) -> None:
        BaseTranslator.__init__(
            self,
            base_url=engine.url,
            languages={c: c for c in engine.codes},
            source=source,
            target=target,
        )
        self.api_key = engine.key

    def translate(self, text: str, **kwargs: Any) -> str:
        body = {"q": text, "source": self._source, "target": self._target, "format": "text"}
        if self.api_key:
            body["api_key"] = self.api_key
        response = http.send("POST", self._base_url, json=body)
        _raise_for_status(response)
        return _text(response.json()["translatedText"])


class _Deepl(deep_translator.deepl.DeeplTranslator):  # type: ignore[misc]
    """DeepL stopped accepting the key as the ``auth_key`` query parameter in January 2026: the
    key goes in the Authorization header of a POST."""

    def __init__(self, engine: ProviderEngine, source: str, target: str) -> None:
        super().__init__(source=source, target=target, api_key=engine.key)
        self._base_url = engine.url

    def translate(self, text: str, **kwargs: Any) -> str:
        response = http.send(
            "POST",
            self._base_url,
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
            data={
                "text": text,
                "source_lang": self._source.upper(),
                "target_lang": self._target.upper(),
            },
        )
        _raise_for_status(response)
        return _text(response.json()["translations"][0]["text"])


class _Microsoft(deep_translator.microsoft.MicrosoftTranslator):  # type: ignore[misc]
    """The constructor's network call is replaced by MICROSOFT_LANGUAGES; ``translate`` is
    rewritten because on a failed request it logs a warning, then calls ``None.json()``."""

    def __init__(self, engine: ProviderEngine, source: str, target: str) -> None:
        super().__init__(
            source=source, target=target, api_key=engine.key, region=engine.options.region
        )
        self._base_url = engine.url

    def _get_supported_languages(self) -> dict[str, str]:
        return dict(MICROSOFT_LANGUAGES)

    def translate(self, text: str, **kwargs: Any) -> str:
        params = {"from": self._source, "to": self._target}
        if "api-version=" not in self._base_url:
            params["api-version"] = "3.0"
        response = http.send(
            "POST", self._base_url, params=params, headers=self.headers, json=[{"text": text}]
        )
        _raise_for_status(response)
        return "\n".join(_text(t["text"]) for t in response.json()[0]["translations"])


def _text(value: object) -> str:
    """A translation read from a JSON answer: a string, never ``str(None)`` ("None") or a number
    that a malformed answer would otherwise turn into a draft."""
    if not isinstance(value, str):
        raise SendError("answer without a translation")
    return value


def _mymemory_check(response: requests.Response, answer: str) -> None:
    """MyMemory answers 200 with its quota warning as the "translation"."""
    try:
        data = response.json()
        status = str(data.get("responseStatus", "200"))
    except (ValueError, AttributeError):
        return
    if answer.startswith("MYMEMORY WARNING") or status == "429":
        raise SendError(
            "mymemory's free daily quota is used up (set [mt.mymemory] email to raise it)",
            fatal=True,
        )
    if status != "200":
        raise SendError(f"mymemory refused the text (status {status})")


def _fits_bytes(limit: int) -> Callable[[str], bool]:
    return lambda text: len(text) < limit and len(text.encode("utf-8")) <= limit


_FITS_5000 = _fits_bytes(5000)


@dataclass(frozen=True)
class Provider:
    name: str
    cls: Callable[[ProviderEngine, str, str], BaseTranslator]
    codes: tuple[str, ...]  # what the provider's table in deep-translator lists
    url: str
    table: str  # the name of the table ``codes`` come from, for messages
    fits: Callable[[str], bool] = _FITS_5000
    key_env: str | None = None
    key_required: bool = False
    check: Callable[[requests.Response, str], None] | None = None


PROVIDERS: Mapping[str, Provider] = {
    p.name: p
    for p in (
        Provider("google", _Google, tuple(GOOGLE_LANGUAGES_TO_CODES.values()),
                 "https://translate.google.com/m", "GOOGLE_LANGUAGES_TO_CODES"),
        Provider("mymemory", _MyMemory, tuple(MY_MEMORY_LANGUAGES_TO_CODES.values()),
                 "https://api.mymemory.translated.net/get", "MY_MEMORY_LANGUAGES_TO_CODES",
                 fits=_fits_bytes(500), check=_mymemory_check),
        Provider("libre", _Libre, tuple(LIBRE_LANGUAGES_TO_CODES.values()),
                 "https://libretranslate.com/translate", "LIBRE_LANGUAGES_TO_CODES",
                 key_env="LIBRE_API_KEY"),
        Provider("deepl", _Deepl, tuple(DEEPL_LANGUAGE_TO_CODE.values()),
                 "https://api.deepl.com/v2/translate", "DEEPL_LANGUAGE_TO_CODE",
                 key_env="DEEPL_API_KEY", key_required=True),
        Provider("microsoft", _Microsoft, tuple(MICROSOFT_LANGUAGES.values()),
                 "https://api.cognitive.microsofttranslator.com/translate",
                 "MICROSOFT_LANGUAGES", key_env="MICROSOFT_API_KEY",
                 key_required=True),
    )
}  # fmt: skip


@dataclass(frozen=True)
class ProviderEngine:
    """A RemoteEngine made of a deep-translator provider and its ``[mt.<name>]`` options."""

    provider: Provider
    options: EngineOptions
    url: str
    codes: tuple[str, ...]
    key: str | None = field(default=None, repr=False)

    @property
    def name(self) -> str:
        return self.provider.name

    @property
    def variant(self) -> str:
        # Another server (a self-hosted one, a proxy, a test server) may answer differently.
        return self.options.url or ""

    def fits(self, text: str) -> bool:
        return self.provider.fits(text)

    def serves(self, lang: str) -> bool:
        return code_among(self.codes, lang) is not None

    def translator(self, source: str, target: str) -> Translator:
        http.install(*_MODULES)
        instance = self.provider.cls(
            self,
            code_among(self.codes, source) or source,
            code_among(self.codes, target) or target,
        )
        session = http.new_session()
        return lambda text: self._call(instance, session, text)

    def _call(self, instance: BaseTranslator, session: requests.Session, text: str) -> str:
        with http.exchange(session, self.options.timeout) as current:
            try:
                answer = instance.translate(text)
            except SendError:
                raise
            except Exception as exc:
                raise self._failure(exc, current.last) from None
            if current.last is not None and self.provider.check and isinstance(answer, str):
                self.provider.check(current.last, answer)
        if not isinstance(answer, str) or not answer.strip():
            raise SendError("answer without a translation")
        return answer

    def _failure(self, exc: Exception, last: requests.Response | None) -> SendError:
        host = urlsplit(self.url).netloc
        if isinstance(exc, requests.exceptions.Timeout):
            return SendError(f"no answer within {self.options.timeout:g} s", retryable=True)
        if isinstance(exc, requests.exceptions.ConnectionError):
            if "RemoteDisconnected" in str(exc) or "aborted" in str(exc):
                return SendError(f"{host} closed the connection without an answer", retryable=True)
            return SendError(f"could not connect to {host}", retryable=True)
        if isinstance(exc, requests.exceptions.InvalidHeader | UnicodeEncodeError):
            # Nothing was sent: the key (read from its variable) cannot go in an HTTP header.
            variable = self.options.api_key_env or self.provider.key_env or "the API key"
            return SendError(
                f"{variable} holds a character an HTTP header cannot carry (a line end of a file "
                "saved on Windows, a letter outside Latin-1): nothing was sent",
                fatal=True,
            )
        if isinstance(exc, http.AnswerTooLarge):
            return SendError(f"{host} sent {exc}, no translation of one text")
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            return SendError(f"the answer from {host} was cut off", retryable=True)
        if isinstance(exc, requests.exceptions.ContentDecodingError):
            return SendError(f"the answer from {host} could not be decompressed", retryable=True)
        status = last.status_code if last is not None else None
        if status is not None and 300 <= status < 400:
            where = last.headers.get("Location", "") if last is not None else ""
            to = urlsplit(where).netloc or where or "another address"
            return SendError(
                f"the server sent the request on to {to} (HTTP {status}); a redirect is not "
                f"followed, it would take the texts and the key along: set the engine's url to "
                "the address it points to",
                fatal=True,
            )
        if status is not None and status >= 300:
            return _status_failure(status, last)
        if isinstance(exc, dt.TooManyRequests):
            return SendError("too many requests (HTTP 429)", retryable=True)
        if isinstance(exc, dt.NotValidLength):
            return SendError(f"text too long for {self.name}")
        if isinstance(exc, dt.AuthorizationException | dt.ApiKeyException):
            return SendError("the server refused the API key", fatal=True)
        if isinstance(
            exc,
            requests.exceptions.JSONDecodeError
            | ValueError
            | LookupError
            | TypeError
            | AttributeError
            | StopIteration
            | dt.TranslationNotFound
            | dt.ElementNotFoundInGetRequest,
        ):
            return SendError("answer without a translation")
        if isinstance(exc, requests.exceptions.RequestException):
            return SendError(f"request failed ({type(exc).__name__})", retryable=True)
        return SendError(f"unexpected error ({type(exc).__name__})")


def _status_failure(status: int, response: requests.Response | None) -> SendError:
    if status == 429:
        return SendError(
            "too many requests (HTTP 429)", retryable=True, retry_after=_retry_after(response)
        )
    if status >= 500:
        # A 503 (down for maintenance, overloaded) often says when to come back, like a 429.
        return SendError(
            f"server error (HTTP {status})", retryable=True, retry_after=_retry_after(response)
        )
    if status in (401, 403):
        return SendError(f"the server refused the API key (HTTP {status})", fatal=True)
    if status == 456:
        return SendError("the account's quota is used up (HTTP 456)", fatal=True)
    return SendError(f"the server refused the request (HTTP {status})")


def _retry_after(response: requests.Response | None) -> float | None:
    """Retry-After in seconds: a number of seconds or an HTTP date (RFC 9110, 10.2.3)."""
    value = response.headers.get("Retry-After", "").strip() if response is not None else ""
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=datetime.UTC)
        seconds = (when - datetime.datetime.now(datetime.UTC)).total_seconds()
    return min(60.0, max(0.0, seconds)) if math.isfinite(seconds) else None


def provider_engine(
    name: str, options: EngineOptions, env: Mapping[str, str] | None = None
) -> ProviderEngine:
    """The engine for a provider, its key read from the environment now (never at import)."""
    provider = PROVIDERS[name]
    env = os.environ if env is None else env
    variable = options.api_key_env or provider.key_env
    key = (env.get(variable) or None) if variable else None
    codes = provider.codes + tuple(c for c in options.languages if c not in provider.codes)
    if key is None and (provider.key_required or (name == "libre" and not options.url)):
        where = (
            "the public server needs one; or set [mt.libre] url to your own server"
            if (name == "libre")
            else f"[mt.{name}] api_key_env names the variable"
        )
        raise EngineError(
            f"{name} needs an API key in the environment variable {variable} ({where})"
        )
    url = options.url or provider.url
    if name == "deepl" and not options.url and key and key.endswith(":fx"):
        url = "https://api-free.deepl.com/v2/translate"  # free-plan keys end in ":fx"
    return ProviderEngine(provider, options, url, codes, key)


def _owner(table: str) -> str:
    return f"{'transflow' if table == 'MICROSOFT_LANGUAGES' else 'deep-translator'}'s {table}"


def check_languages(engine: ProviderEngine, source: str, targets: Sequence[str]) -> None:
    """Fail before any request when the engine does not serve a language of the run."""
    for lang, direction in [(source, "from"), *((t, "into") for t in targets)]:
        if not engine.serves(lang):
            served = [t for t in targets if engine.serves(t)]
            raise EngineError(
                f"{engine.name} does not translate {direction} {language_name(lang)} ({lang}): "
                f"it is not in {_owner(engine.provider.table)}"
                + (f"; {engine.name} serves {', '.join(served)} here" if served else "")
                + (
                    "; a self-hosted server that serves it can say so in [mt.libre] languages"
                    if engine.name == "libre"
                    else ""
                )
            )
