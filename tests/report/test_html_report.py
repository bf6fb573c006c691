"""The HTML coverage report: self-contained, and checked in a real headless Chromium."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from tests.report.browser import chromium, non_white_share, open_page, png_pixels
from tests.report.sample import make_partial
from transflow.report.coverage import Coverage
from transflow.report.formats import coverage_report
from transflow.report.html import format_html

ROWS = [
    Coverage("story", "kk", "locales/kk/LC_MESSAGES/story.po", translated=8, untranslated=2),
    Coverage("story", "ru", "locales/ru/LC_MESSAGES/story.po", translated=2, machine=4, fuzzy=2,
             untranslated=2, obsolete=1),
]  # fmt: skip


def page(rows: list[Coverage] = ROWS, project: str = "Newsroom") -> str:
    return format_html(coverage_report(project, dt.date(2021, 11, 25), rows), 80)


def test_page_is_self_contained() -> None:
    html = page()
    assert "<script" not in html
    links = re.findall(r"""(?:src|href)\s*=\s*["']?([^"'\s>]*)""", html)
    assert links and all(link.startswith(("data:", "#")) for link in links), links
    assert "@import" not in html
    assert "url(" not in html


def test_page_shows_project_date_bars_and_totals() -> None:
    html = page()
    assert "Translation coverage: Newsroom" in html
    assert '<time datetime="2021-11-25">November 25, 2021</time>' in html
    # ru: 2 translated, 4 machine, 2 fuzzy of 10 → 20%, 40%, 20% of the bar
    assert 'class="translated" style="width:20.00%"' in html
    assert 'class="machine" style="width:40.00%"' in html
    assert 'aria-label="2 translated, 4 machine drafts, 2 stale fuzzy, 2 untranslated"' in html
    assert "Kazakh (kk)" in html and "Russian (ru)" in html
    assert "all languages" in html
    assert '<td class="low">20.0%</td>' in html  # under the threshold of 80%


def test_an_archive_s_counts_are_grouped_and_an_unset_threshold_unsaid() -> None:
    big = Coverage("archive", "kk", "x.po", translated=39255, untranslated=1245,
                   translated_words=467234, total_words=843266)  # fmt: skip
    html = format_html(coverage_report("Newsroom", dt.date(2021, 11, 25), [big]), 0)
    assert "<td>39,255</td>" in html and "<td>467,234/843,266</td>" in html
    assert "percentages in red" not in html  # nothing is marked without a min_coverage
    assert "percentages in red are under 80%" in page()


def test_the_share_of_words_under_the_threshold_is_marked_too() -> None:
    row = Coverage("story", "kk", "x.po", translated=9, untranslated=1, translated_words=30,
                   total_words=100)  # fmt: skip
    html = format_html(coverage_report("Newsroom", dt.date(2021, 11, 25), [row]), 80)
    assert "<td>90.0%</td>" in html  # segments: above 80%
    assert '<td>30/100</td><td class="low">30.0%</td>' in html  # words: under it, in red


def test_page_escapes_names() -> None:
    html = page([Coverage("<b>x</b>", "ru", "p&q")], project="A & <B>")
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "A &amp; &lt;B&gt;" in html


needs_chromium = pytest.mark.skipif(chromium() is None, reason="needs chromium")


@pytest.mark.browser
@needs_chromium
def test_report_in_a_real_browser(sample: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    report = tmp_path / "coverage.html"
    result = run(sample, "status", "--format", "html", "-o", str(report))
    assert result.exit_code == 0, result.output
    loaded = open_page(report.as_uri())
    (tmp_path / "coverage.png").write_bytes(loaded.screenshot)
    assert loaded.errors == []
    assert non_white_share(loaded.thumbnail) > 0.03
    colours = _colours(loaded.thumbnail)
    assert _near(colours, (0x2E, 0x7D, 0x32)), "no green (translated) bar"
    assert _near(colours, (0x1E, 0x88, 0xE5)), "no blue (machine draft) bar"
    assert _near(colours, (0xF9, 0xA8, 0x25)), "no amber (stale fuzzy) bar"


@pytest.mark.browser
@needs_chromium
def test_the_browser_harness_sees_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text('<p>x</p><img src="missing.png"><script>console.error("boom")</script>')
    errors = open_page(bad.as_uri()).errors
    assert any("boom" in e for e in errors)
    assert any("missing.png" in e for e in errors)


def _colours(png: bytes) -> set[tuple[int, int, int]]:
    width, _, rows = png_pixels(png)
    step = len(rows[0]) // width
    return {(row[x], row[x + 1], row[x + 2]) for row in rows for x in range(0, len(row), step)}


def _near(colours: set[tuple[int, int, int]], want: tuple[int, int, int]) -> bool:
    return any(sum(abs(a - b) for a, b in zip(c, want, strict=True)) < 24 for c in colours)


def test_an_archive_s_page_reads_by_article(sample: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # An article with nothing to translate yet (a placeholder: front matter, no text).
    (sample / "articles" / "placeholder.md").write_text("---\ndate: 2021-11-25\n---\n")
    report = tmp_path / "coverage.html"
    assert run(sample, "status", "--format", "html", "-o", str(report)).exit_code == 0
    html = report.read_text(encoding="utf-8")
    # each article named once, beside its two languages
    assert html.count(">placeholder<") == 1
    assert '<th scope="row" class="article" rowspan="2">placeholder</th>' in html
    # 2 articles in 4 catalogs, not "4 articles"
    assert re.search(r"all languages</th><td>2</td>", html)
    assert "4 catalog(s)" in html
    # 100% with nothing to translate: not a grey, all-untranslated bar
    rows = [
        r
        for r in html.split("<tr")
        if ">placeholder<" in r or 'title="locales/ru/LC_MESSAGES/placeholder.po"' in r
    ]
    assert len(rows) == 2
    assert all('class="bar empty"' in r and "nothing to translate" in r for r in rows)
    # the share translated sits beside its bar, seen without scrolling the table sideways
    assert all(re.search(r'</div></td><td(?: class="low")?>100\.0%</td>', r) for r in rows)
    heads = re.findall(r'<th scope="col"[^>]*>([^<]*)</th>', html)
    assert heads[heads.index("segments") + 1] == "% segments"
