"""Providers that misbehave and settings that are wrong, through the real CLI and local server."""

from __future__ import annotations

import datetime
import email.utils
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.mt.helpers import configure, entries, remote
from transflow.catalog.model import draft_source
from transflow.mt.testing import FakeServices

MAYOR = "The mayor promised repairs."


def test_an_answer_that_trickles_in_is_a_timeout(
    run, project: Path, services: FakeServices
) -> None:
    # A body of ~120 bytes, a byte every 0.05 s: each wait is short, the answer takes 6 s.
    services.plan(MAYOR, "trickle", "trickle", "trickle")
    configure(project, ["google"], google=remote(services, "google", timeout=0.5))
    started = time.monotonic()
    result = run(project, "translate", "-l", "kk", "--article", "second")
    assert time.monotonic() - started < 4
    assert result.exit_code == 1
    assert "1 × no answer within 0.5 s" in result.output
    assert services.texts()[MAYOR] == 3  # retried, as any timeout is
    drafts = entries(project, "kk", "second")
    assert drafts[MAYOR].msgstr == ""
    assert draft_source(drafts["Second story"]) == "google"


@pytest.mark.parametrize(("name", "lang"), [("libre", "kk"), ("deepl", "ru")])
def test_a_null_translation_is_no_draft(
    run, project: Path, services: FakeServices, name: str, lang: str
) -> None:
    services.plan(MAYOR, "null")
    configure(project, [name], **{name: remote(services, name, languages=["kk"])}
              if name == "libre" else {name: remote(services, name)})  # fmt: skip
    result = run(project, "translate", "-l", lang, "--article", "second",
                 env={"DEEPL_API_KEY": "test-key:fx"})  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "1 × answer without a translation" in result.output
    drafts = entries(project, lang, "second")
    assert drafts[MAYOR].msgstr == "" and not drafts[MAYOR].fuzzy  # not "None"
    assert drafts["Second story"].msgstr == f"{lang.upper()} Second story"
    if shutil.which("msgfmt"):
        path = project / "locales" / lang / "LC_MESSAGES" / "second.po"
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)


def test_an_answer_with_a_nul_goes_to_the_next_engine(
    run, project: Path, services: FakeServices
) -> None:
    """A NUL in an answer would cut the string for every GNU tool (and is an error of check):
    the answer is discarded, and the next engine drafts the entry."""
    services.plan(MAYOR, "nul")
    configure(project, ["google", "libre"], google=remote(services, "google"),
              libre=remote(services, "libre", languages=["kk"]))  # fmt: skip
    result = run(project, "translate", "-l", "kk", "--article", "second")
    assert result.exit_code == 0, result.output
    assert "1 discarded (markup lost, a control character added, or not a translation)" in (
        result.output
    )
    drafts = entries(project, "kk", "second")
    assert (drafts[MAYOR].msgstr, draft_source(drafts[MAYOR])) == (f"KK {MAYOR}", "libre")
    path = project / "locales" / "kk" / "LC_MESSAGES" / "second.po"
    assert "\x00" not in path.read_text(encoding="utf-8")
    if shutil.which("msgcat"):
        cat = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
        assert cat.stdout == path.read_bytes()


def test_a_damaged_answer_cache_says_how_to_start_afresh(run, project: Path) -> None:
    cache = project / ".transflow-cache" / "mt.sqlite3"
    cache.parent.mkdir(exist_ok=True)
    cache.write_bytes(b"not SQLite at all, a disk error's leftovers" * 100)
    catalogs = {p: p.read_bytes() for p in (project / "locales").rglob("*.po")}
    result = run(project, "translate", "--engine", "pseudo")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {cache}: the translation cache is damaged (file is not a "
        "database); move it aside and rerun: a new one is made, and only its answers are asked "
        "for again"
    )
    assert {p: p.read_bytes() for p in (project / "locales").rglob("*.po")} == catalogs
    cache.rename(cache.with_name("mt.damaged"))  # as the message says
    assert run(project, "translate", "--engine", "pseudo").exit_code == 0


BASE = 'project_name = "mt test"\ntarget_languages = ["kk", "ru"]\n\n'


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[mt]\nengines = ["memory", "gogle"]\n', "transflow.toml:5: unknown engine 'gogle'"),
        ('[mt]\nengines = ["google"]\n\n[mt.google]\nretries = 2\ntimeout = 0\n',
         "transflow.toml:9: `mt.google.timeout` must be a number from 0.001 to 600"),
        ("[mt]\ngoogle = { timeout = 0 }\n", "transflow.toml:5: `mt.google.timeout` must be"),
        ("[mt]\nspeed = 3\n", "transflow.toml:5: unknown key `mt.speed`"),
        ('[mt.deepl]\nauth_key = "k"\n', "transflow.toml:5: unknown key `mt.deepl.auth_key`"),
        ('[mt.libre]\nurl = "http://"\n',
         "transflow.toml:5: `mt.libre.url` must be an http:// or https:// URL with a host"),
        ("[mt]\n\n[mt.google]\n\n[mt.memory]\nthreshold = 120\n",
         "transflow.toml:9: `mt.memory.threshold` must be a number from 0 to 100"),
    ],
)  # fmt: skip
def test_a_bad_mt_setting_names_its_line(run, project: Path, toml: str, message: str) -> None:
    (project / "transflow.toml").write_text(BASE + toml, encoding="utf-8")
    for command in (("translate",), ("status",)):
        result = run(project, *command)
        assert result.exit_code == 1
        assert result.output.count("\n") == 1 and message in result.output


@pytest.mark.parametrize(
    ("toml", "line", "variable"),
    [
        ('[mt]\nengines = ["memory", "deepl"]\n', 5, "DEEPL_API_KEY"),
        ('[mt]\nengines = ["deepl"]\n\n[mt.deepl]\napi_key_env = "NEWSROOM_DEEPL"\n', 8,
         "NEWSROOM_DEEPL"),
        ('[mt]\nengines = ["microsoft"]\n\n[mt.microsoft]\nregion = "westeurope"\n', 7,
         "MICROSOFT_API_KEY"),
    ],
)  # fmt: skip
def test_a_missing_key_names_the_line_that_asks_for_it(
    run, project: Path, services: FakeServices, toml: str, line: int, variable: str
) -> None:
    (project / "transflow.toml").write_text(BASE + toml, encoding="utf-8")
    result = run(project, "translate", "-l", "ru")
    assert result.exit_code == 1
    assert f"transflow.toml:{line}: " in result.output
    assert f"needs an API key in the environment variable {variable}" in result.output
    assert services.count() == 0


def _in_seconds(seconds: float) -> str:
    return email.utils.format_datetime(
        datetime.datetime.now(datetime.UTC) + datetime.timedelta(seconds=seconds), usegmt=True
    )


@pytest.mark.parametrize(
    ("status", "retry_after", "least"),
    [("503", "1", 1.0), ("429", "date", 2.0), ("503", "date", 2.0)],
)
def test_retry_after_is_waited_for(
    run, project: Path, services: FakeServices, status: str, retry_after: str, least: float
) -> None:
    services.plan(MAYOR, status)
    services.retry_after = _in_seconds(3) if retry_after == "date" else retry_after
    configure(project, ["google"], google=remote(services, "google", backoff=0.01))
    started = time.monotonic()
    result = run(project, "translate", "-l", "kk", "--article", "second")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= least
    assert services.texts()[MAYOR] == 2
    assert entries(project, "kk", "second")[MAYOR].msgstr == f"KK {MAYOR}"


@pytest.mark.parametrize(("name", "variable"), [("libre", "LIBRE_API_KEY"),
                                                ("microsoft", "MICROSOFT_API_KEY")])  # fmt: skip
def test_a_redirect_is_not_followed_with_the_texts_and_the_key(
    run, project: Path, services: FakeServices, name: str, variable: str
) -> None:
    """The key goes in Microsoft's header and in LibreTranslate's body, which requests would send
    on to whatever host a redirect names."""
    services.plan(MAYOR, "redirect")
    options = {"languages": ["kk"]} if name == "libre" else {}
    configure(project, [name, "pseudo"], **{name: remote(services, name, **options)})
    result = run(project, "translate", "-l", "kk", "--article", "second",
                 env={variable: "secret-key"})  # fmt: skip
    assert result.exit_code == 0, result.output  # the next engine drafted what it could not
    assert f"{name} stopped: the server sent the request on to" in result.output
    assert (
        f"the server sent the request on to localhost:{services.port} (HTTP 307); a redirect is "
        "not followed" in result.output
    )
    assert services.texts()[MAYOR] == 1  # asked once, at the address configured, never again
    drafts = entries(project, "kk", "second")
    assert draft_source(drafts[MAYOR]) == "pseudo"  # the chain goes on without that engine


@pytest.mark.parametrize(
    ("behaviour", "linked"),
    [
        ("cr", False),  # a line break on the page the source does not have
        ("emptylink", True),  # a link with nothing to read or click
        ("garbled", True),  # bytes that are not text, read as U+FFFD
        ("garbled", False),
        ("huge", False),  # 50 KB for a sentence of 27 characters
    ],
)
def test_an_answer_that_is_no_translation_goes_to_the_next_engine(
    run, project: Path, services: FakeServices, behaviour: str, linked: bool
) -> None:
    text, sent, slug = MAYOR, MAYOR, "second"
    if linked:
        text = "The mayor [promised](https://example.org/a) repairs."
        sent, slug = "The mayor [promised{0} repairs.", "linked"  # as sent: the target protected
        article = project / "articles" / "linked.md"
        article.write_text(f"---\ntitle: Linked\n---\n\n{text}\n", encoding="utf-8")
        assert run(project, "update").exit_code == 0
    services.plan(sent, behaviour)
    configure(project, ["google", "libre"], google=remote(services, "google"),
              libre=remote(services, "libre", languages=["kk"]))  # fmt: skip
    result = run(project, "translate", "-l", "kk", "--article", slug)
    assert result.exit_code == 0, result.output
    assert "1 discarded (markup lost, a control character added, or not a translation)" in (
        result.output
    )
    drafts = entries(project, "kk", slug)
    assert (drafts[text].msgstr, draft_source(drafts[text])) == (f"KK {text}", "libre")


def test_a_key_that_cannot_go_in_a_header_is_named_and_nothing_is_sent(
    run, project: Path, services: FakeServices
) -> None:
    configure(project, ["microsoft"], microsoft=remote(services, "microsoft"))
    result = run(project, "translate", "-l", "kk", "--article", "second",
                 env={"MICROSOFT_API_KEY": "secret\r"})  # a key file saved on Windows  # fmt: skip
    assert result.exit_code == 1
    assert (
        "microsoft stopped: MICROSOFT_API_KEY holds a character an HTTP header cannot carry"
        in result.output
    )
    assert services.count() == 0


@pytest.mark.parametrize("engines", [["pseudo"], ["google"]])
def test_a_cache_that_cannot_be_written_costs_the_caching_not_the_drafts(
    run, project: Path, services: FakeServices, engines: list[str]
) -> None:
    """As for every other cache (a read-only folder and a full disk do the same): the drafts
    are written, and the run says its answers were not kept."""
    shutil.rmtree(project / ".transflow-cache", ignore_errors=True)
    (project / ".transflow-cache").write_text("not a folder\n", encoding="utf-8")
    configure(project, engines, google=remote(services, "google"))
    result = run(project, "translate", "-l", "kk", "--article", "second")
    assert result.exit_code == 0, result.output
    assert (
        ".transflow-cache/mt.sqlite3: cannot open the translation cache: a file stands where its "
        "folder goes; drafted without it: its answers are not kept for a rerun" in result.stderr
    )
    drafts = entries(project, "kk", "second")
    assert all(entry.msgstr and entry.fuzzy for entry in drafts.values() if entry.msgid)
    assert (project / ".transflow-cache").read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.parametrize("damage", ["syntax", "deleted", "folder"])
def test_a_catalog_made_unreadable_while_translate_runs_leaves_the_others_their_drafts(
    run, project: Path, damage: str
) -> None:
    """One catalog a translator saves half-done (or deletes) while the answers are on their way
    is left as it is, named; the run's other catalogs get their drafts, and it exits 1."""
    import threading

    broken = project / "locales" / "kk" / "LC_MESSAGES" / "first.po"
    with FakeServices(delay=0.5) as slow:
        configure(project, ["google"], google=remote(slow, "google", timeout=5))

        def damage_it() -> None:
            while slow.count() == 0:  # once the first request is on its way
                time.sleep(0.005)
            if damage == "syntax":
                broken.write_text(broken.read_text("utf-8") + 'msgid "unclosed\n', "utf-8")
            else:
                broken.unlink()
                if damage == "folder":
                    broken.mkdir()

        saver = threading.Thread(target=damage_it)
        saver.start()
        result = run(project, "translate", "-l", "kk")
        saver.join()
    assert result.exit_code == 1, result.output
    why = {
        "syntax": "saved meanwhile with an error at line",
        "deleted": "made unreadable meanwhile (no such catalog)",
        "folder": "made unreadable meanwhile (is a folder",
    }[damage]
    assert f"first.po: {why}" in result.output
    assert "1 catalog(s) left as saved meanwhile, without their drafts" in result.output
    drafts = entries(project, "kk", "second")
    assert all(entry.fuzzy and draft_source(entry) == "google" for entry in drafts.values())
