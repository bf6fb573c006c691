"""Dates written with a month's name: "Nov. 24", "24 November 2025", "24 ноября", "2025 жылғы
24 қарашада", each read as the day and month it names.

The names are CLDR's, through Babel, in the format (genitive: "ноября") and stand-alone
("ноябрь") forms, wide and abbreviated ("нояб.", "қар."), and so is any abbreviation with a
period that starts one month's name only ("Sept."). In a source, a name is read as CLDR writes
it or capitalized, so that "may" is a verb; in a translation, in any case and with an ending
after a name of four letters or more, as Kazakh declines it ("қарашада", "қарашаның").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from transflow.languages import locale_of
from transflow.models import Reduced, by_constructor

_WORD = re.compile(r"[^\W\d_]+")
_SPACE = "[ \u00a0\u202f]+"
# A day: a number of one or two digits, with an ending (24th, 24-го, 24-і); days in a row, as a
# range or a list (24–25, 24, 25, 24 and 25, 24 и 25, 24 және 25) in a translation.
_DAY = r"\d{1,2}(?!\d)(?:-?[^\W\d_]{1,4}(?![^\W\d_]))?"
_JOIN = rf"(?:[ \u00a0\u202f]*[-–—,][ \u00a0\u202f]*|{_SPACE}[^\W\d_]{{1,4}}{_SPACE})"
_DAYS = rf"{_DAY}(?:{_JOIN}{_DAY})*"
# The days before a month's name (24 November, 24th of November, 24-го ноября, 24 қарашада) or
# after it (Nov. 24, November 24th, қарашаның 24-і).
_DAYS_BEFORE = re.compile(rf"(?<![\d.,])({_DAYS})(?:{_SPACE}of)?{_SPACE}\Z")
_DAYS_AFTER = re.compile(rf"\.?{_SPACE}({_DAYS})(?![.,]\d)")
# A source's days in a row are a range or joined by "and": after a comma or another word, a
# number is no day of the date ("As of Aug. 5, 18 patients", "on Nov. 24 at 10 a.m."). A
# translation may read more days than it has: only the source's must all be found.
_SOURCE_JOIN = rf"(?:[ \u00a0\u202f]*[-–—][ \u00a0\u202f]*|{_SPACE}(?:and|&){_SPACE})"
_SOURCE_DAYS = rf"{_DAY}(?:{_SOURCE_JOIN}{_DAY})*"
_SOURCE_DAYS_BEFORE = re.compile(rf"(?<![\d.,])({_SOURCE_DAYS})(?:{_SPACE}of)?{_SPACE}\Z")
_SOURCE_DAYS_AFTER = re.compile(rf"\.?{_SPACE}({_SOURCE_DAYS})(?![.,]\d)")
_NUMBER = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_BEFORE_WINDOW = 60  # characters before a name in which its days are looked for
# English dates a day with "on" and a month with "in": the number after "in May" is no day of
# it ("In May 24 people were hurt"); "in" before "24 May" is left as it is ("in 24 May 2025").
_IN_MONTH = re.compile(r"(?<![^\W\d_])[Ii]n\s+\Z")


@dataclass(frozen=True)
class NamedDate:
    day: int
    month: int
    text: str  # as the text writes it: "Nov. 24"

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@dataclass(frozen=True)
class _Names:
    """One or more languages' month names, each looked up by a word of a text."""

    exact: dict[str, int]  # a name as written (without its period) → its month
    abbreviated: dict[str, int]  # the start of one month's name, before a period
    stems: dict[str, int]  # a name that takes endings (four letters or more)
    folded: bool  # whether words are looked up casefolded
    # Where a word may be a month's name: one that starts as one of the names does.
    hint: re.Pattern[str] | None = None
    # The first three letters of every name (all of a shorter one): a word that starts
    # otherwise is no month's, which most words of a text are found to be at one lookup.
    starts: frozenset[str] = frozenset()
    # The full names, which a period after ends a sentence ("since May. 5G coverage was ..."):
    # only an abbreviation takes one before its day ("Nov. 24").
    full: frozenset[str] = frozenset()

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@lru_cache(maxsize=4096)
def source_dates(text: str, language: str) -> tuple[NamedDate, ...]:
    """The dates in ``text`` that name their month, a date for each day: days written before
    the name win over days after it ("on 3 November 24 people")."""
    names = _source_names(language)
    if names.hint is None:
        return ()
    found: list[NamedDate] = []
    # Only the words that start as a month's name does are looked up: in most texts, none.
    for hit in names.hint.finditer(text):
        word = _WORD.match(text, hit.start())
        if word is None:
            continue
        month = _month(names, word.group(), text.startswith(".", word.end()))
        if month is None:
            continue
        days = _days_before(text, word.start(), _SOURCE_DAYS_BEFORE)
        if days is None and _days_may_follow(text, word, names):
            days = _SOURCE_DAYS_AFTER.match(text, word.end())
        if days is not None:
            start, end = min(days.start(), word.start()), max(days.end(), word.end())
            found += [NamedDate(day, month, text[start:end]) for day in _days(days.group(1))]
    return tuple(found)


def _days_may_follow(text: str, word: re.Match[str], names: _Names) -> bool:
    """Whether a source's number after the month's name ``word`` may be its day: not after
    "in" ("In May 24 people"), nor after a full name's period ("since May. 5G coverage")."""
    if text.startswith(".", word.end()) and word.group() in names.full:
        return False
    return not _IN_MONTH.search(text, max(0, word.start() - 12), word.start())


def translated_dates(text: str, languages: tuple[str, ...]) -> Counter[tuple[int, int]]:
    """The (day, month) pairs of the dates in ``text`` that name their month in one of
    ``languages``, with days before or after the name."""
    names = _translation_names(languages)
    found: Counter[tuple[int, int]] = Counter()
    for word in _WORD.finditer(text):
        month = _month(names, word.group(), text.startswith(".", word.end()))
        if month is None:
            continue
        before = _days_before(text, word.start(), _DAYS_BEFORE)
        for days in (before, _DAYS_AFTER.match(text, word.end())):
            if days is not None:
                found.update((day, month) for day in _days(days.group(1)))
    return found


def _days_before(text: str, end: int, pattern: re.Pattern[str]) -> re.Match[str] | None:
    start = max(0, end - _BEFORE_WINDOW)
    if not _DIGIT.search(text, start, end):
        return None  # no day there ("Nov. 24" has its day after the name): a quick look
    return pattern.search(text, start, end)


def _days(written: str) -> list[int]:
    return [day for day in map(int, _NUMBER.findall(written)) if 1 <= day <= 31]


def month_name(month: int, language: str) -> str:
    """The name a date in ``language`` gives ``month`` (its format form: "ноября")."""
    return _month_names(language)[month - 1]


@lru_cache(maxsize=16)
def _month_names(language: str) -> tuple[str, ...]:
    locale = locale_of(language)
    if locale is None:
        return tuple(str(month) for month in range(1, 13))
    return tuple(str(locale.months["format"]["wide"][month]) for month in range(1, 13))


def _month(names: _Names, word: str, dotted: bool) -> int | None:
    key = word.casefold() if names.folded else word
    if key[:3] not in names.starts:
        return None
    month = names.exact.get(key)
    if month is None and dotted:
        month = names.abbreviated.get(key)
    if month is None and names.stems:
        for length in range(len(key) - 1, 3, -1):  # the name with an ending after it
            month = names.stems.get(key[:length])
            if month is not None:
                break
    return month


@lru_cache(maxsize=16)
def _source_names(language: str) -> _Names:
    forms = _forms(language)
    exact = dict(_capitalized(_unique(forms)))
    abbreviated = dict(_capitalized(_unique(_starts(forms))))
    starts = sorted({name[:3] for name in (*exact, *abbreviated)}, key=lambda t: (-len(t), t))
    # The first letters first: a search tries the lookbehind only where one of them stands.
    firsts = re.escape("".join(sorted({start[0] for start in starts})))
    alternatives = "|".join(map(re.escape, starts))
    hint = re.compile(rf"(?=[{firsts}])(?<![^\W\d_])(?:{alternatives})") if starts else None
    full = frozenset(text for text, _ in _capitalized(_forms(language, ("wide",))))
    first = _first_letters(exact, abbreviated)
    return _Names(exact, abbreviated, {}, folded=False, hint=hint, starts=first, full=full)


@lru_cache(maxsize=16)
def _translation_names(languages: tuple[str, ...]) -> _Names:
    forms = [(form.casefold(), month) for code in languages for form, month in _forms(code)]
    stems = {form: month for form, month in _unique(forms) if len(form) >= 4}
    exact, abbreviated = dict(_unique(forms)), dict(_unique(_starts(forms)))
    starts = _first_letters(exact, abbreviated, stems)
    return _Names(exact, abbreviated, stems, folded=True, starts=starts)


def _first_letters(*names: dict[str, int]) -> frozenset[str]:
    return frozenset(name[:3] for found in names for name in found)


def _forms(
    language: str, widths: tuple[str, ...] = ("wide", "abbreviated")
) -> list[tuple[str, int]]:
    """Every CLDR name of each month in ``language`` (of ``widths``), without a final period."""
    locale = locale_of(language)
    if locale is None:
        return []
    return [
        (str(name).rstrip("."), month)
        for context in ("format", "stand-alone")
        for width in widths
        for month, name in locale.months[context][width].items()
    ]


def _starts(forms: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The starts of three letters or more of the names (Sept, Febr, сент)."""
    return [(form[:length], month) for form, month in forms for length in range(3, len(form))]


def _capitalized(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The pairs, and each again with its text capitalized (at a sentence's start)."""
    return [(text, month) for form, month in pairs for text in (form, form[:1].upper() + form[1:])]


def _unique(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The pairs whose text names one month only ("мар" could not be both March and May)."""
    months: dict[str, set[int]] = {}
    for text, month in pairs:
        months.setdefault(text, set()).add(month)
    return [(text, next(iter(found))) for text, found in months.items() if len(found) == 1]
