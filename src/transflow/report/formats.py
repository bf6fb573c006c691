"""A coverage report as a terminal table, JSON or Markdown (HTML: see ``report.html``).

Every function here is pure: rows in, text out. The JSON schema is documented in the README and
kept stable: fields may be added, never renamed or removed, and ``schema`` changes if they are.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from transflow.report.coverage import Coverage, add_up, count_fields

SCHEMA = "transflow-status/1"
FORMATS = ("table", "json", "markdown", "html")


@dataclass(frozen=True)
class CoverageReport:
    """Coverage per article and language, with totals per language and overall."""

    project: str
    date: dt.date
    catalogs: list[Coverage]
    languages: dict[str, Coverage]  # totals, in the order languages were asked for
    total: Coverage


def coverage_report(
    project: str, date: dt.date, rows: list[Coverage], languages: Sequence[str] = ()
) -> CoverageReport:
    """The report of ``rows``, with a total for each of ``languages`` (the ones asked for, which
    a script may look up even before any catalog exists) and for any other language in them."""
    languages = list(dict.fromkeys([*languages, *(row.language for row in rows)]))
    totals = {
        lang: add_up((r for r in rows if r.language == lang), language=lang) for lang in languages
    }
    return CoverageReport(project, date, rows, totals, add_up(rows))


def below(report: CoverageReport, percent: float) -> list[Coverage]:
    """The language totals whose share of translated segments is under ``percent``."""
    return [total for total in report.languages.values() if total.percent < percent]


def outdated_notes(report: CoverageReport) -> list[str]:
    """One line per language whose catalogs lack segments of their articles (not updated since
    the articles changed): their counts are of the catalogs as they are."""
    notes = []
    for language, total in report.languages.items():
        if total.outdated:
            behind = sum(1 for r in report.catalogs if r.language == language and r.outdated)
            catalogs = "1 catalog lacks" if behind == 1 else f"{grouped(behind)} catalogs lack"
            segments = "1 segment" if total.outdated == 1 else f"{grouped(total.outdated)} segments"
            whose = "its article" if behind == 1 else "their articles"
            notes.append(
                f"{language}: {catalogs} {segments} of {whose} (not counted above); run "
                "`transflow update` to add them"
            )
    return notes


def articles_of(report: CoverageReport, language: str) -> int:
    return sum(1 for row in report.catalogs if row.language == language)


def record(row: Coverage) -> dict[str, Any]:
    """One catalog, or a total, as a JSON object."""
    data: dict[str, Any] = {}
    if row.article:
        data["article"] = row.article
    if row.language:
        data["language"] = row.language
    if row.path:
        data["path"] = row.path
    data.update({name: getattr(row, name) for name in count_fields()})
    data["total"] = row.total
    data["percent"] = row.percent
    data["percent_words"] = row.percent_words
    return data


def format_json(report: CoverageReport) -> str:
    languages = {
        lang: {"articles": articles_of(report, lang), **record(total)}
        for lang, total in report.languages.items()
    }
    data = {
        "schema": SCHEMA,
        "project": report.project,
        "date": report.date.isoformat(),
        "catalogs": [record(row) for row in report.catalogs],
        "languages": languages,
        "total": record(report.total),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


_HEADERS = ("article", "lang", "translated", "machine", "fuzzy", "untranslated", "obsolete",
            "words", "% segments", "% words")  # fmt: skip


def grouped(count: int) -> str:
    """A count as people read it in a table of thousands of articles: 843,266."""
    return f"{count:,}"


def _cells(row: Coverage, article: str) -> tuple[str, ...]:
    return (
        article,
        row.language or "all",
        grouped(row.translated),
        grouped(row.machine),
        grouped(row.fuzzy),
        grouped(row.untranslated),
        grouped(row.obsolete),
        f"{grouped(row.translated_words)}/{grouped(row.total_words)}",
        f"{row.percent:.1f}",
        f"{row.percent_words:.1f}",
    )


_ALL_ARTICLES = "(all articles)"
_SHORTEST_NAME = 24  # characters of a slug to tell it from its neighbours


def _table_rows(report: CoverageReport, summary: bool = False) -> list[tuple[str, ...]]:
    rows = [] if summary else [_cells(row, row.article) for row in report.catalogs]
    rows += [_cells(total, _ALL_ARTICLES) for total in report.languages.values()]
    if len(report.languages) > 1:
        rows.append(_cells(report.total, _ALL_ARTICLES))
    return rows


def _shortened(name: str, width: int) -> str:
    return name if len(name) <= width else name[: width - 1] + "…"


def format_table(report: CoverageReport, width: int | None = None, summary: bool = False) -> str:
    """Aligned columns for a terminal: one line per catalog (none with ``summary``), then the
    totals. With ``width`` (a terminal's columns), the articles' names are cut short with "…"
    where that makes the table fit, keeping at least _SHORTEST_NAME characters of each (a
    narrower terminal wraps it)."""
    rows = _table_rows(report, summary)
    shown = 0 if summary else len(report.catalogs)
    widths = [max([len(h), *(len(r[i]) for r in rows)]) for i, h in enumerate(_HEADERS)]
    if width is not None:
        fits = width - 1 - sum(widths[1:]) - 2 * (len(widths) - 1)  # 1: no wrap at the end
        if _SHORTEST_NAME <= fits < widths[0]:
            widths[0] = fits
            rows = [(_shortened(r[0], fits), *r[1:]) for r in rows]

    def line(cells: tuple[str, ...]) -> str:
        padded = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded).rstrip()

    lines = [line(_HEADERS)]
    lines += [line(r) for r in rows[:shown]]
    lines.append(line(tuple("-" * w for w in widths)))
    lines += [line(r) for r in rows[shown:]]
    return "\n".join(lines) + "\n"


# What Markdown (and GitHub's: ~ strikes through, $ starts math) would read as markup rather
# than show: a project "Fish & <Chips>" loses its "<Chips>" as a tag, a slug "a._b_.c" its
# underscores to emphasis. A backslash before ASCII punctuation shows it as it is.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")


def _md_cell(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def format_markdown(report: CoverageReport, summary: bool = False) -> str:
    """A GitHub-flavoured Markdown table, for a pull-request comment or a wiki page; with
    ``summary``, only the totals (an archive's table is longer than a comment may be)."""
    out = [
        f"## Translation coverage: {_md_cell(report.project)}",
        "",
        f"{report.date.isoformat()}; segments translated and reviewed, machine drafts, stale "
        "fuzzy, untranslated and obsolete.",
        "",
        "| " + " | ".join(_HEADERS) + " |",
        "| " + " | ".join("---" if i < 2 else "---:" for i in range(len(_HEADERS))) + " |",
    ]
    first_total = 0 if summary else len(report.catalogs)
    for i, cells in enumerate(_table_rows(report, summary)):
        shown = [_md_cell(c) for c in cells]
        if i >= first_total:
            shown = [f"**{c}**" for c in shown]
        out.append("| " + " | ".join(shown) + " |")
    return "\n".join(out) + "\n"
