"""Coverage totals and the table, JSON and Markdown formats."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from transflow.report.coverage import Coverage, add_up, count_words
from transflow.report.formats import (
    below,
    coverage_report,
    format_json,
    format_markdown,
    format_table,
)

DATE = dt.date(2021, 11, 25)
ROWS = [
    Coverage("a", "kk", "locales/kk/LC_MESSAGES/a.po", translated=9, untranslated=1,
             translated_words=90, total_words=100),
    Coverage("a", "ru", "locales/ru/LC_MESSAGES/a.po", translated=3, machine=4, fuzzy=2,
             untranslated=1, obsolete=5, translated_words=30, machine_words=40, fuzzy_words=20,
             total_words=100),
    Coverage("b", "kk", "locales/kk/LC_MESSAGES/b.po", translated=10, translated_words=50,
             total_words=50),
]  # fmt: skip


def test_totals_per_language_and_overall() -> None:
    report = coverage_report("News", DATE, ROWS)
    kk = report.languages["kk"]
    assert (kk.translated, kk.untranslated, kk.total, kk.percent) == (19, 1, 20, 95.0)
    assert (kk.translated_words, kk.total_words, kk.percent_words) == (140, 150, 93.3)
    ru = report.languages["ru"]
    assert (ru.machine, ru.fuzzy, ru.obsolete, ru.percent) == (4, 2, 5, 30.0)
    assert report.total.total == 30 and report.total.translated == 22
    assert add_up([]).percent == 100.0


def test_fuzzy_never_counts_as_translated() -> None:
    row = Coverage("a", "ru", "", machine=5, fuzzy=5)
    assert row.percent == 0.0


def test_below_lists_languages_under_the_threshold() -> None:
    report = coverage_report("News", DATE, ROWS)
    assert [t.language for t in below(report, 80)] == ["ru"]
    assert below(report, 30) == []


def test_json_schema() -> None:
    data = json.loads(format_json(coverage_report("News", DATE, ROWS)))
    assert data["schema"] == "transflow-status/1"
    assert data["project"] == "News" and data["date"] == "2021-11-25"
    record = data["catalogs"][1]
    for key in ("article", "language", "path", "translated", "machine", "fuzzy", "untranslated",
                "obsolete", "translated_words", "total_words", "percent"):  # fmt: skip
        assert key in record
    assert record["machine"] == 4 and record["percent"] == 30.0 and record["total"] == 10
    assert data["languages"]["kk"]["articles"] == 2
    assert data["languages"]["kk"]["percent"] == 95.0
    assert "article" not in data["languages"]["kk"]
    assert data["total"]["translated"] == 22


def test_table_lists_catalogs_then_totals() -> None:
    lines = format_table(coverage_report("News", DATE, ROWS)).splitlines()
    assert lines[0].split()[:3] == ["article", "lang", "translated"]
    assert lines[2].split() == ["a", "ru", "3", "4", "2", "1", "5", "30/100", "30.0", "30.0"]
    assert lines[4].startswith("---")
    assert lines[5].split()[:4] == ["(all", "articles)", "kk", "19"]
    assert lines[-1].split()[2:4] == ["all", "22"]


def test_markdown_is_a_gfm_table() -> None:
    text = format_markdown(coverage_report("News | Desk", DATE, ROWS))
    assert "## Translation coverage: News \\| Desk" in text
    lines = [line for line in text.splitlines() if line.startswith("|")]
    assert len(lines) == 2 + 3 + 3
    assert all(line.count(" | ") == 9 for line in lines)
    assert lines[1].startswith("| --- | --- | ---: |")
    assert lines[-1].startswith("| **(all articles)** | **all** | **22** |")


def test_an_archive_s_counts_are_grouped_in_the_table_and_markdown() -> None:
    big = Coverage("archive", "kk", "x.po", translated=39255, untranslated=1245,
                   translated_words=467234, total_words=843266)  # fmt: skip
    report = coverage_report("News", DATE, [big])
    assert format_table(report).splitlines()[1].split()[2:8] == [
        "39,255", "0", "0", "1,245", "0", "467,234/843,266"
    ]  # fmt: skip
    assert "| **(all articles)** | **kk** | **39,255** |" in format_markdown(report)
    assert json.loads(format_json(report))["total"]["translated"] == 39255  # JSON stays numbers


def test_words_leave_out_link_targets_and_code() -> None:
    assert count_words("his sister [told](https://x.org/a-b) Radio `code here` Azattyk.") == 5


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("See [the report][annual-report-2023] now.", 4),  # a reference label is a target
        ("5,000 people and a 3.5% rate.", 6),  # a number is one word, however grouped
        ("Apples,pears and 1,2 or 3, 4.", 7),  # a comma between words or after one still cuts
        ("Nov. 24, 2021: U.S. officials", 5),
    ],
)
def test_words_are_counted_as_a_reader_counts_them(text: str, words: int) -> None:
    assert count_words(text) == words
