"""deep-translator's real provider classes over HTTP against the local fake services."""

from __future__ import annotations

import time

import pytest

from transflow.errors import EngineError
from transflow.languages import code_among as provider_code
from transflow.mt.engine import SendError
from transflow.mt.providers import check_languages, provider_engine
from transflow.mt.settings import EngineOptions
from transflow.mt.testing import FakeServices

FAST = {"timeout": 0.5, "retries": 0, "backoff": 0.01}


def engine(services: FakeServices, name: str, env: dict[str, str] | None = None, **options: object):
    opts = EngineOptions(name, url=services.url(name), **{**FAST, **options})  # type: ignore[arg-type]
    return provider_engine(name, opts, env or {})


def test_google_round_trip(services: FakeServices) -> None:
    translate = engine(services, "google").translator("en", "kk")
    assert translate("Heavy rain in {0}.") == "KK Heavy rain in {0}."
    [seen] = services.seen
    assert (seen.query["sl"], seen.query["tl"]) == ("en", "kk")


def test_mymemory_sends_its_own_language_codes(services: FakeServices) -> None:
    translate = engine(services, "mymemory").translator("en", "kk")
    assert translate("Heavy rain & wind.") == "KK Heavy rain & wind."
    assert services.seen[0].query["langpair"] == "en-GB|kk-KZ"


@pytest.mark.parametrize("name", ["google", "mymemory"])
@pytest.mark.parametrize(
    ("behaviour", "message", "retryable"),
    [
        ("429", "too many requests (HTTP 429)", True),
        ("500", "server error (HTTP 500)", True),
        ("empty", "answer without a translation", False),
    ],
)
def test_failures_are_told_apart(
    services: FakeServices, name: str, behaviour: str, message: str, retryable: bool
) -> None:
    services.plan("Text", behaviour)
    translate = engine(services, name).translator("en", "ru")
    with pytest.raises(SendError) as caught:
        translate("Text")
    assert (caught.value.message, caught.value.retryable) == (message, retryable)
    assert translate("Text").endswith(" Text")  # the next request is fine


@pytest.mark.parametrize("name", ["google", "mymemory"])
def test_a_server_that_never_answers_times_out(services: FakeServices, name: str) -> None:
    services.plan("Text", "hang")
    translate = engine(services, name, timeout=0.3).translator("en", "ru")
    started = time.monotonic()
    with pytest.raises(SendError) as caught:
        translate("Text")
    assert time.monotonic() - started < 2
    assert caught.value.message == "no answer within 0.3 s" and caught.value.retryable


def test_a_closed_port_is_a_retryable_connection_failure(services: FakeServices) -> None:
    opts = EngineOptions("google", url="http://127.0.0.1:9/m", **FAST)  # type: ignore[arg-type]
    with pytest.raises(SendError) as caught:
        provider_engine("google", opts, {}).translator("en", "kk")("Text")
    assert caught.value.message == "could not connect to 127.0.0.1:9" and caught.value.retryable


def test_mymemory_quota_warning_is_not_a_translation(services: FakeServices) -> None:
    services.plan("Text", "quota")
    with pytest.raises(SendError) as caught:
        engine(services, "mymemory").translator("en", "kk")("Text")
    assert "quota" in caught.value.message and caught.value.fatal


def test_mymemory_refuses_long_texts_before_sending(services: FakeServices) -> None:
    mymemory = engine(services, "mymemory")
    assert mymemory.fits("a" * 499) and not mymemory.fits("a" * 500)
    assert not mymemory.fits("қ" * 260)  # 520 bytes


def test_deepl_sends_its_key_in_the_header_never_in_the_url(services: FakeServices) -> None:
    deepl = engine(services, "deepl", {"DEEPL_API_KEY": "test-key:fx"})
    assert deepl.translator("en", "ru")("Text") == "RU Text"
    [seen] = services.seen
    assert seen.headers["Authorization"] == "DeepL-Auth-Key test-key:fx"
    assert "test-key" not in str(seen.query) and "auth_key" not in seen.body
    assert "test-key" not in repr(deepl)


def test_a_refused_key_stops_the_engine_without_showing_the_key(services: FakeServices) -> None:
    deepl = engine(services, "deepl", {"MY_DEEPL": "wrong-secret"}, api_key_env="MY_DEEPL")
    with pytest.raises(SendError) as caught:
        deepl.translator("en", "ru")("Text")
    assert (
        caught.value.fatal and caught.value.message == "the server refused the API key (HTTP 403)"
    )
    assert "wrong-secret" not in caught.value.message


def test_missing_key_is_an_error_before_any_request(services: FakeServices) -> None:
    with pytest.raises(EngineError, match="deepl needs an API key in the environment variable "
                       "DEEPL_API_KEY"):  # fmt: skip
        engine(services, "deepl")
    assert services.count() == 0


def test_key_is_read_when_the_engine_is_built(services: FakeServices, monkeypatch) -> None:
    monkeypatch.setenv("MICROSOFT_API_KEY", "ms-secret")
    opts = EngineOptions("microsoft", url=services.url("microsoft"), **FAST)  # type: ignore[arg-type]
    microsoft = provider_engine("microsoft", opts)
    assert microsoft.translator("en", "kk")("Text") == "KK Text"
    seen = services.seen[0]
    assert seen.headers["Ocp-Apim-Subscription-Key"] == "ms-secret"
    assert (seen.query["from"], seen.query["to"], seen.query["api-version"]) == ("en", "kk", "3.0")


def test_libre_self_hosted_with_kazakh_and_no_key(services: FakeServices) -> None:
    libre = engine(services, "libre", languages=("kk",))
    assert libre.translator("en", "kk")("Text") == "KK Text"
    assert '"target": "kk"' in services.seen[0].body and "api_key" not in services.seen[0].body


def test_libre_key_goes_in_the_body(services: FakeServices) -> None:
    libre = engine(services, "libre", {"LIBRE_API_KEY": "libre-secret"})
    assert libre.translator("en", "ru")("Text") == "RU Text"
    seen = services.seen[0]
    assert '"api_key": "libre-secret"' in seen.body and "libre-secret" not in str(seen.query)


@pytest.mark.parametrize(
    ("name", "lang", "message"),
    [
        ("deepl", "kk", "deepl does not translate into Kazakh (kk): it is not in "
         "deep-translator's DEEPL_LANGUAGE_TO_CODE; deepl serves ru here"),
        ("libre", "kk", "libre does not translate into Kazakh (kk)"),
    ],
)  # fmt: skip
def test_unserved_language_fails_before_any_request(
    services: FakeServices, name: str, lang: str, message: str
) -> None:
    built = engine(services, name, {"DEEPL_API_KEY": "k", "LIBRE_API_KEY": "k"})
    with pytest.raises(EngineError, match=message.replace("(", r"\(").replace(")", r"\)")):
        check_languages(built, "en", [lang, "ru"])
    assert services.count() == 0


def test_language_tables() -> None:
    assert provider_code(["en-GB", "en-US", "kk-KZ"], "kk") == "kk-KZ"
    assert provider_code(["en-GB", "en-US"], "en") == "en-GB"
    assert provider_code(["zh-CN", "zh-TW"], "zh-TW") == "zh-TW"
    assert provider_code(["ru"], "kk") is None


@pytest.mark.parametrize(
    ("lang", "google", "mymemory"),
    [
        ("zh_Hant", "zh-TW", "zh-HK"),  # Traditional, never Simplified zh-CN
        ("zh-Hant-TW", "zh-TW", "zh-TW"),
        ("zh_Hans", "zh-CN", "zh-CN"),
        ("sr_Latn", None, "sr-ME"),  # google's sr is Cyrillic: refused, not drafted in it
        ("kk", "kk", "kk-KZ"),
        ("pt_BR", "pt", "pt-BR"),
    ],
)
def test_a_language_s_script_and_region_choose_the_provider_s_code(
    lang: str, google: str | None, mymemory: str | None
) -> None:
    """deep-translator's own tables: a code of the same language in another script would give
    drafts a reader of the project's language cannot read."""
    from deep_translator.constants import GOOGLE_LANGUAGES_TO_CODES, MY_MEMORY_LANGUAGES_TO_CODES

    assert provider_code(GOOGLE_LANGUAGES_TO_CODES.values(), lang) == google
    assert provider_code(MY_MEMORY_LANGUAGES_TO_CODES.values(), lang) == mymemory


def test_tests_cannot_reach_the_real_services() -> None:
    """The autouse guard: the default endpoints are refused before any packet leaves."""
    google = provider_engine("google", EngineOptions("google", retries=0), {})
    with pytest.raises(SendError, match=r"could not connect to translate\.google\.com"):
        google.translator("en", "kk")("Text")
