"""The drafting loop over real catalogs, with real providers talking to the local services."""

from __future__ import annotations

from pathlib import Path

from tests.mt.helpers import configure, entries, make_project, remote
from transflow.catalog.model import draft_source
from transflow.catalog.store import read_catalog, write_catalog
from transflow.mt.draft import translate
from transflow.mt.testing import FakeServices
from transflow.project import Project

HEAVY = "Heavy rain flooded [several streets](https://example.org/almaty) in Almaty on Monday."
HEAVY_OTHER = HEAVY.replace("almaty)", "other)")
HEAVY_SENT = "Heavy rain flooded [several streets{0} in {1} on Monday."
OFFICIALS = "Officials said the `drainage` system *failed* again."


def run(root: Path, **kwargs: object):
    return translate(Project.open(root), **kwargs)  # type: ignore[arg-type]


def test_each_distinct_text_is_sent_once_and_drafts_keep_markup(
    project: Path, services: FakeServices
) -> None:
    configure(project, ["google"], google=remote(services, "google"))
    report = run(project)
    # 6 distinct texts per language: the two "Heavy rain" sentences differ only in link target.
    assert services.count() == 12
    assert services.texts()[HEAVY_SENT] == 2
    [google] = report.engines
    assert (google.texts, google.sent, google.cached, google.drafted) == (12, 12, 0, 16)
    first = entries(project, "kk", "first")
    second = entries(project, "ru", "second")
    heavy = first[HEAVY]
    assert heavy.msgstr == (
        "KK Heavy rain flooded [several streets](https://example.org/almaty) in Алматы on Monday."
    )
    assert second[HEAVY_OTHER].msgstr.endswith("(https://example.org/other) in Алматы on Monday.")
    assert heavy.fuzzy and heavy.translator_comments == ["machine draft: google"]
    assert draft_source(heavy) == "google"
    assert first["Read more at <https://example.org/news>."].msgstr == (
        "KK Read more at <https://example.org/news>."
    )


def test_a_rerun_sends_nothing_and_the_cache_serves_other_articles(
    project: Path, services: FakeServices
) -> None:
    configure(project, ["google"], google=remote(services, "google"))
    run(project, slugs=("first",))
    assert services.count() == 8  # 4 texts × 2 languages
    services.reset()
    report = run(project)  # "second" shares two of its four texts with "first"
    assert services.count() == 4
    assert report.engines[0].cached == 4
    services.reset()
    assert run(project).segments == 0  # everything has a draft now
    report = run(project, overwrite_fuzzy=True)
    assert services.count() == 0 and report.engines[0].cached == 12
    assert report.engines[0].drafted == 16


def test_reviewed_and_stale_entries_are_never_touched_and_drafts_only_on_request(
    project: Path, services: FakeServices
) -> None:
    path = project / "locales" / "kk" / "LC_MESSAGES" / "first.po"
    catalog = read_catalog(path)
    reviewed, stale = catalog.entries[1], catalog.entries[2]
    reviewed.msgstr = "Қаралған аударма."
    stale.msgstr, stale.previous_msgid = "Ескі аударма.", "Old source."
    stale.set_fuzzy(True)
    write_catalog(path, catalog)
    configure(project, ["google"], google=remote(services, "google"))

    run(project, languages=("kk",), slugs=("first",))
    after = entries(project, "kk", "first")
    assert after[reviewed.msgid].msgstr == "Қаралған аударма." and not after[reviewed.msgid].fuzzy
    assert after[stale.msgid].msgstr == "Ескі аударма."
    assert draft_source(after[stale.msgid]) is None  # stale fuzzy, not a machine draft
    assert stale.msgid not in services.texts()

    run(project, languages=("kk",), slugs=("first",), overwrite_fuzzy=True)
    after = entries(project, "kk", "first")
    assert after[reviewed.msgid].msgstr == "Қаралған аударма."
    # A stale translation is a translator's work, kept with its #| for them to update: only
    # earlier machine drafts are replaced.
    assert after[stale.msgid].msgstr == "Ескі аударма."
    assert after[stale.msgid].previous_msgid == "Old source."
    assert draft_source(after[stale.msgid]) is None
    assert stale.msgid not in services.texts()


def test_429_and_500_are_retried(project: Path, services: FakeServices) -> None:
    services.plan("The mayor promised repairs.", "429", "500")
    configure(project, ["google"], google=remote(services, "google"))
    report = run(project, languages=("kk",), slugs=("second",))
    [google] = report.engines
    assert (google.failed, google.drafted, google.requests) == (0, 4, 6)
    assert services.texts()["The mayor promised repairs."] == 3


def test_what_one_engine_cannot_do_goes_to_the_next(project: Path, services: FakeServices) -> None:
    services.plan("The mayor promised repairs.", "hang", "hang", "hang")  # 1 try + 2 retries
    services.plan(HEAVY_SENT, "drop")  # the answer loses the link target: discarded
    configure(project, ["google", "mymemory"], google=remote(services, "google"),
              mymemory=remote(services, "mymemory"))  # fmt: skip
    report = run(project, languages=("ru",), slugs=("second",))
    google, mymemory = report.engines
    assert (google.drafted, google.failed, google.discarded) == (2, 1, 1)
    assert google.errors == {"no answer within 0.5 s": 1}
    assert mymemory.drafted == 2 and report.left == 0
    second = entries(project, "ru", "second")
    assert draft_source(second["The mayor promised repairs."]) == "mymemory"
    assert "](https://example.org/other)" in second[HEAVY_OTHER].msgstr


def test_a_dead_engine_is_given_up_after_a_run_of_failures(project: Path) -> None:
    for n in range(12):
        (project / "articles" / f"extra{n}.md").write_text(f"Story number {n} is here.\n", "utf-8")
    from transflow.catalog.sync import update

    update(Project.open(project))
    dead = {"url": "http://127.0.0.1:9/m", "timeout": 0.5, "retries": 0, "concurrency": 1}
    configure(project, ["google", "pseudo"], google=dead)
    report = run(project, languages=("kk",))
    google, pseudo = report.engines
    assert google.stopped is not None and google.stopped.startswith("stopped after 8 failures")
    assert google.sent == 8 and google.failed == report.segments and google.drafted == 0
    assert pseudo.drafted == report.segments and report.left == 0


def test_concurrency_is_respected(project: Path, services: FakeServices) -> None:
    services.delay = 0.05
    configure(project, ["google"], google=remote(services, "google", concurrency=2))
    run(project)
    assert services.most_in_flight == 2


def test_dry_run_sends_and_writes_nothing(project: Path, services: FakeServices) -> None:
    configure(project, ["google"], google=remote(services, "google"))
    before = (project / "locales" / "kk" / "LC_MESSAGES" / "first.po").read_bytes()
    report = run(project, dry_run=True)
    assert services.count() == 0
    assert len(report.planned) == 12
    assert {p.text for p in report.planned if p.language == "kk"} >= {HEAVY_SENT}
    assert (project / "locales" / "kk" / "LC_MESSAGES" / "first.po").read_bytes() == before
    assert not (project / ".transflow-cache" / "mt.sqlite3").exists()


def test_memory_first_then_the_provider(project: Path, services: FakeServices) -> None:
    path = project / "locales" / "kk" / "LC_MESSAGES" / "first.po"
    catalog = read_catalog(path)
    for entry in catalog.entries:
        if entry.msgid == OFFICIALS:
            entry.msgstr = "Шенеуніктер `drainage` жүйесі тағы *істен шықты* деді."
    write_catalog(path, catalog)
    configure(project, ["memory", "google"], google=remote(services, "google"))
    report = run(project, languages=("kk",), slugs=("second",))
    memory, google = report.engines
    assert memory.drafted == 1
    second = entries(project, "kk", "second")
    assert second[OFFICIALS].translator_comments == ["machine draft: memory 100%"]
    assert OFFICIALS.replace("`drainage`", "{0}") not in services.texts()
    assert google.drafted == 4 - memory.drafted


SHORTCUTS = """\
---
title: City news
---

See the [city site] today.

The mayor said [sic] nothing.

[City Site]: https://example.org/city
"""


def test_a_shortcut_link_keeps_its_definition_when_its_text_is_translated(
    tmp_path: Path, services: FakeServices
) -> None:
    """[city site] is a link because the article defines it: its text is sent to be translated
    and comes back followed by its label, so the translated text still names the definition;
    [sic], which the article does not define, is sent as the words it is."""
    root = make_project(tmp_path / "newsroom", {"third": SHORTCUTS})
    configure(root, ["google"], google=remote(services, "google"))
    run(root, languages=("kk",), slugs=("third",))
    assert set(services.texts()) == {
        "City news", "See the [city site{0} today.", "The mayor said [sic] nothing."
    }  # fmt: skip
    drafts = entries(root, "kk", "third")
    assert drafts["See the [city site] today."].msgstr == "KK See the [city site][city site] today."
    assert drafts["The mayor said [sic] nothing."].msgstr == "KK The mayor said [sic] nothing."


def test_pseudo_drafts_keep_a_shortcut_link(tmp_path: Path) -> None:
    root = make_project(tmp_path / "newsroom", {"third": SHORTCUTS})
    report = run(root, languages=("kk",), slugs=("third",), engines=("pseudo",))
    drafts = entries(root, "kk", "third")
    assert "Šéé ţĥé [çíţý šíţé][city site] ţöďåý." in drafts["See the [city site] today."].msgstr
    assert "[šíç]" in drafts["The mayor said [sic] nothing."].msgstr
    assert report.engines[0].discarded == 0


def test_a_memory_match_that_loses_a_shortcut_link_is_not_drafted(tmp_path: Path) -> None:
    """The same sentence, reviewed in an article where [city site] is no link: its translation
    would break the link here, so it is discarded as any draft that lost a link."""
    plain = SHORTCUTS.replace("[City Site]: https://example.org/city\n", "")
    root = make_project(tmp_path / "newsroom", {"third": SHORTCUTS, "plain": plain})
    path = root / "locales" / "kk" / "LC_MESSAGES" / "plain.po"
    catalog = read_catalog(path)
    for entry in catalog.entries:
        if entry.msgid == "See the [city site] today.":
            entry.msgstr = "Бүгін [қала сайтын] қараңыз."
    write_catalog(path, catalog)
    report = run(root, languages=("kk",), slugs=("third",), engines=("memory",))
    assert report.engines[0].discarded == 1
    assert entries(root, "kk", "third")["See the [city site] today."].msgstr == ""
