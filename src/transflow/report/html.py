"""A coverage report as one self-contained HTML page: no script, no external file, works offline."""

from __future__ import annotations

from html import escape
from importlib.resources import files
from itertools import groupby
from operator import attrgetter

from babel.dates import format_date

from transflow.languages import language_name
from transflow.report.coverage import Coverage
from transflow.report.formats import CoverageReport, articles_of, grouped

_PARTS = (
    ("translated", "translated"),
    ("machine", "machine drafts"),
    ("fuzzy", "stale fuzzy"),
    ("untranslated", "untranslated"),
)


def _css() -> str:
    return files("transflow.report").joinpath("report.css").read_text(encoding="utf-8")


def _language_name(code: str) -> str:
    name = language_name(code)
    return f"{name} ({code})" if name != code else code


def _bar(row: Coverage) -> str:
    total = row.total
    if not total:  # not a grey (all untranslated) bar beside its 100.0%
        return '<div class="bar empty" role="img" aria-label="nothing to translate"></div>'
    label = ", ".join(f"{getattr(row, name)} {text}" for name, text in _PARTS)
    spans = []
    for name, text in _PARTS[:-1]:  # the bar's own background shows what is untranslated
        count = getattr(row, name)
        if count and total:
            width = f"{100.0 * count / total:.2f}%"
            spans.append(
                f'<span class="{name}" style="width:{width}" title="{count} {text}"></span>'
            )
    return f'<div class="bar" role="img" aria-label="{escape(label)}">{"".join(spans)}</div>'


def _percent(percent: float, threshold: float) -> str:
    low = ' class="low"' if percent < threshold else ""
    return f"<td{low}>{percent:.1f}%</td>"


def _numbers(row: Coverage, threshold: float) -> str:
    return (
        f"<td>{grouped(row.translated)}</td><td>{grouped(row.machine)}</td><td>{grouped(row.fuzzy)}</td>"
        f"<td>{grouped(row.untranslated)}</td><td>{grouped(row.obsolete)}</td>"
        f"<td>{grouped(row.translated_words)}/{grouped(row.total_words)}</td>"
        f"{_percent(row.percent_words, threshold)}"
    )


# The share translated beside its bar, where a page narrower than the table still shows it.
_COLUMNS = (
    '<th scope="col" class="bar-cell">segments</th><th scope="col">% segments</th>'
    '<th scope="col">translated</th><th scope="col">machine</th><th scope="col">fuzzy</th>'
    '<th scope="col">untranslated</th><th scope="col">obsolete</th><th scope="col">words</th>'
    '<th scope="col">% words</th>'
)


def _row(first: str, second: str, row: Coverage, threshold: float, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return (
        f"<tr{attr}>{first}{second}"
        f'<td class="bar-cell">{_bar(row)}</td>{_percent(row.percent, threshold)}'
        f"{_numbers(row, threshold)}</tr>"
    )


def _table(first: str, second: str, rows: list[str]) -> str:
    head = f"<tr>{first}{second}{_COLUMNS}</tr>"
    body = "\n".join(rows)
    table = f"<table>\n<thead>{head}</thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    return f'<div class="scroll">{table}</div>'


def _language_table(report: CoverageReport, threshold: float) -> str:
    rows = [
        _row(
            f'<th scope="row" class="lang">{escape(_language_name(lang))}</th>',
            f"<td>{grouped(articles_of(report, lang))}</td>",
            total,
            threshold,
        )
        for lang, total in report.languages.items()
    ]
    if len(report.languages) > 1:
        everything = '<th scope="row" class="lang">all languages</th>'
        # articles, as in the rows above: each has a catalog per language
        count = f"<td>{grouped(len({row.article for row in report.catalogs}))}</td>"
        rows.append(_row(everything, count, report.total, threshold, "total"))
    first = '<th scope="col" class="lang">language</th>'
    return _table(first, '<th scope="col">articles</th>', rows)


def _article_table(report: CoverageReport, threshold: float) -> str:
    """One row per catalog; an article's name once, beside all its languages (rowspan)."""
    rows = []
    for article, group in groupby(report.catalogs, key=attrgetter("article")):
        catalogs = list(group)
        span = f' rowspan="{len(catalogs)}"' if len(catalogs) > 1 else ""
        first = f'<th scope="row" class="article"{span}>{escape(article)}</th>'
        for row in catalogs:
            name = f"{escape(row.language)}{_behind(row)}"
            lang = f'<td class="lang" title="{escape(row.path)}">{name}</td>'
            rows.append(_row(first, lang, row, threshold))
            first = ""
    return _table('<th scope="col">article</th>', '<th scope="col" class="lang">lang</th>', rows)


def _behind(row: Coverage) -> str:
    """A mark on a catalog that lacks segments of its article (``transflow update`` adds them)."""
    if not row.outdated:
        return ""
    what = "segment" if row.outdated == 1 else "segments"
    title = f"{row.outdated} {what} of the article not in this catalog yet: run transflow update"
    return f' <span class="outdated" title="{title}">+{grouped(row.outdated)} new</span>'


def _outdated(report: CoverageReport) -> str:
    behind = sum(1 for row in report.catalogs if row.outdated)
    if not behind:
        return ""
    return (
        f'<p class="notice">{grouped(behind)} catalog(s) lack segments of their article (marked'
        " <em>new</em> below, not counted): run <code>transflow update</code> to add them.</p>"
    )


def format_html(report: CoverageReport, threshold: float = 0.0, summary: bool = False) -> str:
    """The page; percentages under ``threshold`` (e.g. min_coverage) are marked; with
    ``summary``, the languages without the table of articles."""
    date = format_date(report.date, format="long", locale="en")
    legend = "".join(f'<li class="{name}">{text}</li>' for name, text in _PARTS)
    title = f"Translation coverage: {report.project}"
    return _PAGE.format(
        title=escape(title),
        css=_css(),
        iso=report.date.isoformat(),
        date=escape(date),
        count=grouped(len(report.catalogs)),
        marked=f" · percentages in red are under {threshold:g}%" if threshold > 0 else "",
        legend=legend,
        outdated=_outdated(report),
        languages=_language_table(report, threshold),
        articles="" if summary else f"<h2>Articles</h2>\n{_article_table(report, threshold)}",
    )


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>
{css}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p class="meta">Report of <time datetime="{iso}">{date}</time> · {count} catalog(s){marked}</p>
<ul class="legend">{legend}</ul>
{outdated}</header>
<main>
<h2>Languages</h2>
{languages}
{articles}
</main>
<footer>Counts agree with GNU <code>msgfmt --statistics</code>: translated = reviewed entries;
machine drafts and stale fuzzy entries are fuzzy; obsolete entries are not counted in the
percentages. Words are the source words of each entry.</footer>
</body>
</html>
"""
