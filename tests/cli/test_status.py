"""transflow status: formats, -o, --fail-under, language selection."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from tests.conftest import SAMPLE_SLUG
from tests.report.sample import make_partial
from transflow.catalog.model import DRAFT_PREFIX


def test_table_by_default(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    result = run(sample, "status")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["article", "lang", "translated", "machine"]
    assert lines[2].split()[:8] == [SAMPLE_SLUG, "ru", "10", "7", "4", "7", "1", "180/517"]


def test_json_records(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    result = run(sample, "status", "--format", "json", "-l", "ru")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [c["language"] for c in data["catalogs"]] == ["ru"]
    record = data["catalogs"][0]
    assert record["path"] == f"locales/ru/LC_MESSAGES/{SAMPLE_SLUG}.po"
    assert (record["translated"], record["machine"], record["fuzzy"]) == (10, 7, 4)
    assert (record["untranslated"], record["obsolete"], record["percent"]) == (7, 1, 35.7)
    assert list(data["languages"]) == ["ru"]
    assert data["project"] == "transflow sample newsroom"


def test_markdown_and_html_to_a_file(sample: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = run(sample, "status", "--format", "markdown")
    assert md.exit_code == 0 and md.output.startswith("## Translation coverage")
    target = tmp_path / "out" / "coverage.html"
    result = run(sample, "status", "--format", "html", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert result.stderr == f"wrote {target}\n"
    mtime = target.stat().st_mtime_ns
    again = run(sample, "status", "--format", "html", "-o", str(target))
    assert again.stderr == f"{target} is up to date\n"  # not rewritten, and not said to be
    assert target.stat().st_mtime_ns == mtime


def test_fail_under(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    assert run(sample, "status", "--fail-under", "30").exit_code == 0
    result = run(sample, "status", "--fail-under", "80")
    assert result.exit_code == 1
    assert "ru: 35.7% translated, under 80%" in result.stderr
    assert "kk:" not in result.stderr
    assert run(sample, "status", "-l", "kk", "--fail-under", "100").exit_code == 0


def test_bad_options(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(sample, "status", "--format", "pdf").exit_code == 2
    assert run(sample, "status", "--fail-under", "120").exit_code == 2
    result = run(sample, "status", "-l", "de")
    assert result.exit_code == 1 and "not a target language" in result.output


def test_missing_catalog_counts_as_untranslated(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    (sample / "locales" / "ru" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    data = json.loads(run(sample, "status", "--format", "json").output)
    assert data["languages"]["ru"]["translated"] == 0
    assert data["languages"]["ru"]["untranslated"] == 28


@pytest.mark.parametrize("text", ["", 'msgid ""\nmsgstr "Language: ru\\n"\n'])
def test_an_empty_catalog_counts_as_untranslated(sample: Path, run, text: str) -> None:  # type: ignore[no-untyped-def]
    """An empty file, or one with only its header, is not 0 of 0 entries done (100%): it counts
    as a missing one, so --fail-under catches it, after a build too."""
    assert run(sample, "build").exit_code == 0  # counts remembered from the full catalogs
    (sample / "locales" / "ru" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po").write_text(text, "utf-8")
    assert run(sample, "build").exit_code == 0  # ru skipped now
    data = json.loads(run(sample, "status", "--format", "json").output)
    assert (data["languages"]["ru"]["translated"], data["languages"]["ru"]["untranslated"]) == (
        0, 28
    )  # fmt: skip
    assert run(sample, "status", "-l", "ru", "--fail-under", "80").exit_code == 1


def test_an_article_not_extracted_yet_counts_as_untranslated(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    article = sample / "articles" / "new-story.md"
    article.write_text(
        "---\ntitle: A new story\n---\n\nNot extracted yet. It has two sentences.\n",
        encoding="utf-8",
    )
    result = run(sample, "status", "--article", "new-story", "--format", "json")
    counts = {c["language"]: c for c in json.loads(result.output)["catalogs"]}
    # the title and two sentences, none of them translated: no 100% for a catalog not made yet
    assert [(c["translated"], c["untranslated"]) for c in counts.values()] == [(0, 3), (0, 3)]
    gate = run(sample, "status", "--article", "new-story", "--fail-under", "80")
    assert gate.exit_code == 1
    # A sentence more in the article, still not extracted: counted again, not taken as before.
    article.write_text(article.read_text(encoding="utf-8") + "\nA third one.\n", encoding="utf-8")
    again = json.loads(run(sample, "status", "--article", "new-story", "--format", "json").output)
    assert [c["untranslated"] for c in again["catalogs"]] == [4, 4]


def _status(root: Path) -> list[dict[str, object]]:
    """status in a process of its own, which opens the caches as they are on disk."""
    command = [sys.executable, "-m", "transflow", "-C", str(root), "status", "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)["catalogs"]  # type: ignore[no-any-return]


def test_status_after_build_counts_as_from_scratch(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    assert run(sample, "build").exit_code == 0
    cache = sample / ".transflow-cache"
    (cache / "parsed.sqlite").unlink()
    after_build = _status(sample)
    # build's counts served: no catalog was loaded (or parsed) again to count it
    assert not (cache / "parsed.sqlite").exists()
    shutil.rmtree(cache)
    assert after_build == _status(sample)
    assert [(c["language"], c["translated"], c["machine"]) for c in after_build] == [
        ("kk", 28, 0),
        ("ru", 10, 7),
    ]


def test_a_catalog_edited_after_build_is_counted_again(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    assert run(sample, "build").exit_code == 0
    po = sample / f"locales/ru/LC_MESSAGES/{SAMPLE_SLUG}.po"
    # A translator accepts one machine draft in an editor (polib here), which saves the file.
    catalog = polib.pofile(str(po))
    draft = next(e for e in catalog if e.fuzzy and e.tcomment.startswith(DRAFT_PREFIX))
    draft.flags.remove("fuzzy")
    catalog.save()
    rows = {c["language"]: c for c in _status(sample)}
    assert (rows["ru"]["translated"], rows["ru"]["machine"], rows["ru"]["fuzzy"]) == (11, 6, 4)


def test_a_project_with_no_article_yet(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    for article in (sample / "articles").iterdir():
        article.unlink()
    result = run(sample, "status")
    assert result.exit_code == 0
    assert result.output.splitlines()[0].split()[:2] == ["article", "lang"]
    record = json.loads(run(sample, "status", "--format", "json").output)
    assert record["catalogs"] == []
    # a CI script may read a language's totals before its first catalog exists
    assert {lang: row["total"] for lang, row in record["languages"].items()} == {"kk": 0, "ru": 0}
    only_kk = json.loads(run(sample, "status", "-l", "kk", "--format", "json").output)
    assert list(only_kk["languages"]) == ["kk"]


def test_one_segment_left_is_not_100_percent(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    from transflow.catalog.store import read_catalog, write_catalog

    body = "".join(f"- Item number {i} is here.\n" for i in range(2001))
    (sample / "articles" / "long-list.md").write_text(body, encoding="utf-8")
    assert run(sample, "update", "-l", "kk", "--article", "long-list").exit_code == 0
    po = sample / "locales" / "kk" / "LC_MESSAGES" / "long-list.po"
    catalog = read_catalog(po)
    for entry in catalog.entries[1:]:
        entry.msgstr = "аударма " + entry.msgid
    write_catalog(po, catalog)
    # 2,000 of 2,001 segments: 99.95% rounds to 100.0, yet one is left to translate
    result = run(sample, "status", "-l", "kk", "--article", "long-list", "--fail-under", "100")
    assert result.exit_code == 1
    assert "kk: 99.9% translated, under 100%" in result.stderr
    record = json.loads(run(sample, "status", "-l", "kk", "--format", "json").output)
    assert record["languages"]["kk"]["untranslated"] == 1
    assert record["languages"]["kk"]["percent"] == 99.9


def _in_a_terminal(root: Path, columns: int) -> str:
    """What `transflow status` shows in a terminal ``columns`` wide (a real pseudo-terminal)."""
    import os
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "transflow", "-C", str(root), "status"],
        stdout=follower, stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the command is done
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_long_names_are_cut_to_the_terminal_but_not_when_piped(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    slug = "a-very-long-slug-of-an-article-about-the-regional-budget-and-schools-2026"
    shutil.copy(sample / "articles" / f"{SAMPLE_SLUG}.md", sample / "articles" / f"{slug}.md")
    assert run(sample, "update").exit_code == 0

    shown = _in_a_terminal(sample, 120)
    lines = shown.splitlines()
    assert lines and all(len(line) < 120 for line in lines), shown
    cut = [line.split()[0] for line in lines if line.startswith(slug[:24])]
    assert cut and all(name.endswith("…") and slug.startswith(name[:-1]) for name in cut)
    assert "(all articles)" in shown

    piped = subprocess.run(
        [sys.executable, "-m", "transflow", "-C", str(sample), "status"],
        capture_output=True, text=True, check=True,
        env={**__import__("os").environ, "COLUMNS": "120"},
    ).stdout  # fmt: skip
    assert any(line.startswith(f"{slug} ") for line in piped.splitlines())
    assert "…" not in piped


def test_the_report_s_date_is_today_in_utc_or_the_reproducible_one(
    sample: Path,
    run,  # type: ignore[no-untyped-def]
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    import datetime as dt

    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert json.loads(run(sample, "status", "--format", "json").output)["date"] == today
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14 22:13 UTC
    assert json.loads(run(sample, "status", "--format", "json").output)["date"] == "2023-11-14"
    markdown = run(sample, "status", "--format", "markdown").output
    assert "\n2023-11-14; segments translated" in markdown
    # Not a number of seconds a date can have: ignored, as documented, never a traceback.
    for value in ("soon", "²", "99999999999999", "9" * 400):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
        result = run(sample, "status", "--format", "json")
        assert result.exit_code == 0, value
        assert json.loads(result.output)["date"] == today


def _rewrite_sample(sample: Path) -> None:
    """The sample rewritten after its catalogs were made: a paragraph added and its first
    sentence reworded, so two of its segments are in no catalog yet."""
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    text = article.read_text(encoding="utf-8")
    first = polib.pofile(str(sample / f"locales/templates/{SAMPLE_SLUG}.pot"))[1].msgid
    assert first in text.replace("\n", " ")
    words = first.split()
    text = text.replace(words[0], words[0] + " (updated)", 1)
    article.write_text(text + "\nA paragraph added after the catalogs were made.\n", "utf-8")


@pytest.mark.parametrize("built", [False, True], ids=["counted by status", "counted by build"])
def test_a_catalog_behind_its_article_is_reported_until_update(
    sample: Path,
    run,  # type: ignore[no-untyped-def]
    built: bool,
) -> None:
    if built:  # counts left by build for these very catalogs, before the article changed
        assert run(sample, "build").exit_code == 0
        assert {c["outdated"] for c in _status(sample)} == {0}
    _rewrite_sample(sample)
    result = run(sample, "status", "--format", "json")
    data = json.loads(result.stdout)
    assert [(c["language"], c["outdated"], c["translated"]) for c in data["catalogs"]] == [
        ("kk", 2, 28),
        ("ru", 2, 28),
    ]  # the catalog's own entries are counted as msgfmt does; what it lacks is told apart
    assert (data["languages"]["ru"]["outdated"], data["total"]["outdated"]) == (2, 4)
    assert "ru: 1 catalog lacks 2 segments of its article (not counted above)" in result.stderr
    assert "run `transflow update` to add them" in result.stderr
    html = run(sample, "status", "--format", "html").output
    assert html.count('<span class="outdated"') == 2
    assert "+2 new</span>" in html
    assert run(sample, "update").exit_code == 0
    after = run(sample, "status", "--format", "json")
    rows = json.loads(after.stdout)["catalogs"]
    assert [(c["outdated"], c["untranslated"], c["fuzzy"]) for c in rows] == [(0, 1, 1)] * 2
    assert "lacks" not in after.stderr
    assert 'class="outdated"' not in run(sample, "status", "--format", "html").output


def test_a_new_catalog_is_not_behind_and_an_unreadable_article_leaves_the_counts(
    sample: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    (sample / "locales" / "ru" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    _rewrite_sample(sample)
    rows = {
        c["language"]: c
        for c in json.loads(run(sample, "status", "--format", "json").stdout)["catalogs"]
    }
    # no catalog yet: its template's entries count as untranslated, nothing is "behind"
    assert (rows["ru"]["outdated"], rows["ru"]["untranslated"]) == (0, 28)
    assert rows["kk"]["outdated"] == 2
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    article.write_text("---\ntitle: [unclosed\n---\n\nBody.\n", "utf-8")
    result = run(sample, "status", "-l", "kk", "--format", "json")
    assert result.exit_code == 0  # the report is made; update and build say what is wrong
    assert json.loads(result.stdout)["catalogs"][0]["translated"] == 28


def test_dash_as_the_output_file_is_standard_output(
    sample: Path,
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(sample, "status", "--format", "json", "-o", "-")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "transflow-status/1"
    assert not (tmp_path / "-").exists()


def test_summary_gives_the_totals_alone(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A 1,000-article table is longer than a pull-request comment may be."""
    make_partial(sample)
    markdown = run(sample, "status", "--format", "markdown", "--summary").output
    rows = [line for line in markdown.splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[1] for row in rows[2:]] == ["**kk**", "**ru**", "**all**"]
    assert SAMPLE_SLUG not in markdown
    table = run(sample, "status", "--summary").output.splitlines()
    assert [line.split()[:3] for line in table[2:]] == [
        ["(all", "articles)", "kk"], ["(all", "articles)", "ru"], ["(all", "articles)", "all"]
    ]  # fmt: skip
    html = run(sample, "status", "--format", "html", "--summary").output
    assert "<h2>Languages</h2>" in html and "<h2>Articles</h2>" not in html
    whole = json.loads(run(sample, "status", "--format", "json", "--summary").output)
    assert len(whole["catalogs"]) == 2  # JSON is for scripts: always whole
