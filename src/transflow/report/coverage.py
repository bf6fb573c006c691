"""Counting a catalog the way GNU ``msgfmt --statistics`` does, plus words and machine drafts."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, fields
from functools import lru_cache

from transflow.catalog.model import Catalog, Entry, draft_source
from transflow.models import Reduced, by_constructor

# A word, a number grouped by thousands (2,500) or with decimals (8.7) among them.
_WORD = re.compile(r"[^\W_]+(?:(?:['’.-]|(?<=\d),(?=\d))[^\W_]+)*")
_MARKUP = re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]|`[^`]*`|<[^>]*>")


@lru_cache(maxsize=16384)  # a msgid is counted for each language
def count_words(text: str) -> int:
    """Words a translator has to read: link targets and reference labels (``[text][label]``),
    code and tags are not words; a number is one, however it is grouped (5,000)."""
    if "](" in text or "][" in text or "`" in text or "<" in text:
        text = _MARKUP.sub(" ", text)
    return len(_WORD.findall(text))


@dataclass(frozen=True)
class Coverage:
    article: str
    language: str
    path: str
    translated: int = 0
    machine: int = 0  # fuzzy machine drafts awaiting review
    fuzzy: int = 0  # other fuzzy entries, e.g. stale after the source changed
    untranslated: int = 0
    obsolete: int = 0
    translated_words: int = 0
    machine_words: int = 0
    fuzzy_words: int = 0
    total_words: int = 0
    # Segments of the article that the catalog lacks: it was not updated since the article
    # changed (`transflow update` adds them). Not in ``total``, which counts the catalog's own
    # entries as msgfmt does.
    outdated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.machine + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return percent_of(self.translated, self.total)

    @property
    def percent_words(self) -> float:
        return percent_of(self.translated_words, self.total_words)

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


def percent_of(part: int, whole: int) -> float:
    """``part`` of ``whole`` in %, one decimal; 100.0 only when nothing is left (or there was
    nothing): 2,499 of 2,500 is 99.9, not 100.0, for ``--fail-under 100`` and ``min_coverage``."""
    if part >= whole:
        return 100.0
    return min(round(100.0 * part / whole, 1), 99.9)


def coverage_of(
    catalog: Catalog, article: str, language: str, path: str, texts: Collection[str] = ()
) -> Coverage:
    """The counts of ``catalog``; ``texts``: the article's segments (each text once), those of
    them the catalog has no live entry for are ``outdated``."""
    counts = {"translated": 0, "machine": 0, "fuzzy": 0, "untranslated": 0, "obsolete": 0}
    words = {"translated": 0, "machine": 0, "fuzzy": 0}
    total_words = 0
    present: set[str] = set()
    for entry in catalog.entries:
        state = entry_state(entry)
        counts[state] += 1
        if state == "obsolete":
            continue
        if entry.msgctxt is None:
            present.add(entry.msgid)
        n = count_words(entry.msgid)
        total_words += n
        if state in words:
            words[state] += n
    return Coverage(
        article,
        language,
        path,
        translated_words=words["translated"],
        machine_words=words["machine"],
        fuzzy_words=words["fuzzy"],
        total_words=total_words,
        outdated=sum(1 for text in texts if text not in present),
        **counts,
    )


_COUNTS = (
    "translated", "machine", "fuzzy", "untranslated", "obsolete",
    "translated_words", "machine_words", "fuzzy_words", "total_words", "outdated",
)  # fmt: skip


def add_up(rows: Iterable[Coverage], article: str = "", language: str = "") -> Coverage:
    """The sum of several Coverage rows, e.g. every article of a language."""
    totals = dict.fromkeys(_COUNTS, 0)
    for row in rows:
        for name in _COUNTS:
            totals[name] += getattr(row, name)
    return Coverage(article, language, "", **totals)


def count_fields() -> tuple[str, ...]:
    """The integer fields of Coverage, in declaration order."""
    return tuple(f.name for f in fields(Coverage) if f.name in _COUNTS)


def entry_state(entry: Entry) -> str:
    """translated, machine, fuzzy, untranslated or obsolete, as msgfmt --statistics counts it.

    Like msgfmt, only the first msgstr of a plural entry decides whether it is translated: a
    plural entry with msgstr[0] filled in and another form empty counts as translated.
    """
    if entry.obsolete:
        return "obsolete"
    if not _first_msgstr(entry):
        return "untranslated"
    if entry.fuzzy:
        return "machine" if draft_source(entry) is not None else "fuzzy"
    return "translated"


def _first_msgstr(entry: Entry) -> str:
    if entry.msgid_plural is None:
        return entry.msgstr
    return entry.msgstr_plural[0] if entry.msgstr_plural else ""
