"""Numbers in a source text, and the ways a translation may write them (through Babel's CLDR data).

A source number may appear in the translation as written in the source (``2006``, ``2,500``), with
no grouping (``2500``), or in the target locale's format (``2 500`` with a space, no-break space or
narrow no-break space in Kazakh and Russian; ``8,7`` for ``8.7``; ``1 000,50`` for ``1,000.50``,
with the source's decimal places). A percent sign may gain a space before it (``8,7 %``): only
the digits are compared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from copy import copy
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache

from babel import Locale
from babel.numbers import (
    NumberFormatError,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

from transflow.languages import locale_of
from transflow.qa.markup import prose_of
from transflow.qa.months import month_name, source_dates, translated_dates

# A number as a source writes it: grouped by spaces (10 000, with a no-break space too), with
# "," or "." (2,500 or 8.7), or a decimal with no leading zero (.75). A space group is exactly three
# digits: "1 5000" is 1 and 5000, and "10 000 5000" is 10 000 and 5000. A "." may end a grouped
# number (1 234 567.5); a "," makes the groups separate numbers (May 12 300,000 people).
# (Each pattern starts with the character a number starts with and looks behind that character
# only once it is found: the regex engine then skips to it at C speed, where a lookbehind
# written first is tried at every place of the text. Three times faster on a news corpus.)
_SOURCE_NUMBER = re.compile(
    r"\d(?<![\d.,]\d)\d{0,2}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:\.\d+)?(?![.,]\d)"
    r"|\d(?<!\d\d)\d*(?:[.,]\d+)*|\.(?<![\w.,]\.)\d+(?![.,]?\d)"
)
# A number grouped by spaces as a translation may write it: its decimal sign may be "," (2 500,5).
_TRANSLATED_GROUPS = re.compile(
    r"\d(?<![\d.,]\d)\d{0,2}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?(?![.,]?\d)"
)
_SPACES = ("\u00a0", "\u202f", " ")
_SPACE_GROUPS = re.compile("[ \u00a0\u202f]")


# A date (11/24/2021, 1/5/21) or a time (9:30, 23:05:10) in a source, and a dotted date or time in
# a translation (24.11.2021, 9.30, 09.30-да), as Russian and Kazakh write them.
_SLASHED_DATE = re.compile(r"\d(?<![\d/.,]\d)\d?/\d{1,2}/(?:\d{4}|\d{2})(?![\d/]|[.,]\d)")
_COLON_TIME = re.compile(r"\d(?<![\d:.,]\d)\d?:\d{2}(?::\d{2})?(?![\d:]|[.,]\d)")
_DOTTED = re.compile(r"\d(?<![\d.,]\d)\d{0,3}(?:\.\d{1,4}){1,2}(?![.,]?\d)")
_ISO_DATE = re.compile(r"\d(?<![\d-]\d)\d{3}-[01]\d-[0-3]\d(?![\d-])")
# An ordinal that names a century (21st century, 20th-century, the 19th and 20th centuries), and
# a Roman numeral (with the Cyrillic Х and І that Russian and Kazakh texts often type for X and I).
_CENTURY = re.compile(
    r"(\d(?<!\d\d)\d?)(?:st|nd|rd|th)(?=(?:(?:\s*[,–—-]\s*|\s+(?:and|or|to)\s+)"
    r"\d{1,2}(?:st|nd|rd|th))*[\s\u00a0-]+centur(?:y|ies)\b)",
    re.IGNORECASE,
)
_ROMAN = re.compile(r"[IVXLCХІ](?<!\w[IVXLCХІ])[IVXLCХІ]*(?!\w)")
_ROMAN_DIGITS = (
    ("XC", 90), ("L", 50), ("XL", 40), ("X", 10), ("IX", 9), ("V", 5), ("IV", 4), ("I", 1)
)  # fmt: skip


def respelled(source: str, translation: str, source_language: str = "en") -> str:
    """``translation`` with the source's dates, times and centuries written as in the source
    wherever it spells them as Russian and Kazakh do, so that their numbers are found: a dotted
    date (24.11.2021, 05.01.2021 for 1/5/2021) with the same numbers in any order, a dotted time
    (9.30 for 9:30) with the same numbers in the same order, a dotted day and month (24.11.2025
    or 2025.11.24, 24.11) of a day that the source writes with a month's name (Nov. 24, 2025),
    which becomes the day, its month's name and the year (24 November 2025: the numbers check
    then compares the month; so does an ISO date, 2025-11-24), and a Roman century (XXI века
    for the 21st century). A dotted number the source writes so (24.10 percent) and any other
    dotted number or Roman numeral are left as they are."""
    spellings = _source_spellings(source, source_language)
    if not spellings:
        return translation
    if "." in translation:
        translation = _DOTTED.sub(lambda m: _respelled_dotted(m.group(), spellings), translation)
    if "-" in translation:
        translation = _ISO_DATE.sub(lambda m: _respelled_iso(m.group(), spellings), translation)
    if any(kind == "century" for kind, _ in spellings):
        translation = _ROMAN.sub(
            lambda m: spellings.get(("century", _roman(m.group())), m.group()), translation
        )
    return translation


_Spellings = dict[tuple[str, tuple[int, ...]], str]


@lru_cache(maxsize=4096)
def _source_spellings(source: str, source_language: str) -> _Spellings:
    """The source's dates, times and centuries, each under what a translation's spelling must
    hold (a date's numbers sorted, a time's in order, a named month's day and month, a
    century's number), as written (a named month: by its name)."""
    found: _Spellings = {}
    for date in source_dates(source, source_language):
        # Any month: a dotted date of the day with another month is read as one, and the
        # numbers check says that its month is not the source's.
        for month in range(1, 13):
            found.setdefault(("named", (date.day, month)), month_name(month, source_language))
    for match in _SLASHED_DATE.finditer(source):
        found.setdefault(("date", tuple(sorted(_ints(match.group(), "/")))), match.group())
    for match in _COLON_TIME.finditer(source):
        found.setdefault(("time", _ints(match.group(), ":")), match.group())
    for match in _CENTURY.finditer(source):
        found.setdefault(("century", (int(match.group(1)),)), match.group(1))
    if found:  # (else nothing is respelled) a dotted number the source writes as one stays one
        for match in _DOTTED.finditer(source):
            found.setdefault(("written", _ints(match.group(), ".")), match.group())
    return found


def _respelled_dotted(dotted: str, spellings: _Spellings) -> str:
    numbers = _ints(dotted, ".")
    if spellings.get(("written", numbers)) == dotted:
        return dotted  # the source's own number (24.10 percent), not a date of it
    date = spellings.get(("date", tuple(sorted(numbers)))) if len(numbers) == 3 else None
    return date or spellings.get(("time", numbers)) or _respelled_named(dotted, spellings)


def _respelled_iso(iso: str, spellings: _Spellings) -> str:
    """An ISO date (2025-11-24) of a day that the source names a month of, as a date with the
    month's name (24 November 2025); else as it is."""
    year, month, day = iso.split("-")
    name = spellings.get(("named", (int(day), int(month))))
    return iso if name is None else f"{int(day)} {name} {year}"


def _respelled_named(dotted: str, spellings: _Spellings) -> str:
    """A dotted day and month (24.11, 24.11.2025, 2025.11.24: the month in two digits, as
    Russian and Kazakh write it, so that 8.7 stays a decimal) of a day that the source names a
    month of, as a date with the month's name (24 November 2025); else as it is."""
    parts = dotted.split(".")
    if len(parts) == 3 and len(parts[0]) == 4:
        parts.reverse()  # year first
    if len(parts[1]) != 2:
        return dotted
    day, month = int(parts[0]), int(parts[1])
    name = spellings.get(("named", (day, month)))
    if name is None:
        return dotted
    return " ".join([str(day), name, *parts[2:]])


def _ints(text: str, separator: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(separator))


def _roman(numeral: str) -> tuple[int, ...]:
    """The value of a Roman numeral as one writes a century's (XXI, not XXXXI), or ()."""
    value = _ROMAN_VALUES.get(numeral.replace("Х", "X").replace("І", "I"))
    return () if value is None else (value,)


def _as_roman(value: int) -> str:
    numeral = ""
    for letters, worth in _ROMAN_DIGITS:
        while value >= worth:
            numeral, value = numeral + letters, value - worth
    return numeral


_ROMAN_VALUES = {_as_roman(value): value for value in range(1, 100)}


def source_numbers(text: str) -> list[str]:
    """The numbers in ``text`` as written, in order (``2,500``, ``8.7``, ``2006``)."""
    return [m.group() for m in _SOURCE_NUMBER.finditer(text)]


def space_parts(number: str) -> list[str]:
    """The two numbers a space-grouped one would be if its first space did not group: "On May 12
    300 people" holds 12 and 300, not 12 300; "May 12 300 000" 12 and 300 000. An empty list for
    a number without spaces, or whose rest starts with 0: 1 000 000 is never 1 and 000 000."""
    parts = _SPACE_GROUPS.split(number, maxsplit=1)
    return parts if len(parts) > 1 and not parts[1].startswith("0") else []


def value_of(number: str, locale: str) -> Decimal | None:
    """The value of a number written in ``locale``'s format; None when it does not parse."""
    try:
        return parse_decimal(number, locale=_locale(locale), strict=True)
    except (NumberFormatError, InvalidOperation, ValueError):
        return None


@lru_cache(maxsize=16384)  # a few thousand numbers in an archive, each per target language
def accepted_forms(number: str, source_locale: str, target_locale: str) -> frozenset[str]:
    """Every way ``number`` (as written in the source) may be written in a translation."""
    forms = {number}
    written = _SPACE_GROUPS.sub("", number)  # 10 000: read as 10000 in any locale
    if written.startswith("."):
        written = "0" + written  # .75: also 0,75 (0.75) and ,75
        forms.add(number.replace(".", get_decimal_symbol(_locale(target_locale))))
    value = value_of(written, source_locale)
    if value is None:
        return frozenset(forms)
    forms.add(written)
    target = _locale(target_locale)
    decimal = get_decimal_symbol(target)
    plain = format(value, "f")
    forms.add(plain.replace(".", decimal))
    with localcontext() as context:  # Babel rounds in the current context: give it every digit
        context.prec = max(context.prec, len(number) + 16)
        grouped = _in_format(value, target)
    group = get_group_symbol(target)
    forms.add(grouped)
    if group in _SPACES:
        forms.update(grouped.replace(group, space) for space in _SPACES)
    return frozenset(forms)


def _in_format(value: Decimal, locale: Locale) -> str:
    """``value`` in ``locale``'s CLDR decimal format with the decimal places it is written with:
    1,000.50 is 1 000,50 (the format's own places would make it 1 000,5, and $10,000.00 10 000)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    pattern = copy(locale.decimal_formats[None])
    pattern.frac_prec = (places, places)
    return str(pattern.apply(value, locale))


def count_in(text: str, forms: frozenset[str]) -> int:
    """How many times one of ``forms`` stands as a whole number in ``text`` (non-overlapping).

    A form counts where no digit touches it, no "," or "." joins it to more digits and it is not
    part of a longer number grouped by spaces ("1 000" is not in "1 000 000"), unless the spaces
    may as well separate two numbers as the source's may ("25" and "300" in "25 300-метровых");
    scanning left to right, the longest form that fits at a place wins, and the next one starts
    after it.
    """
    found: list[tuple[int, int]] = []
    grouped = _grouped_spans(text)
    for form in forms:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if _stands_alone(text, start, end) and not _inside_grouped(grouped, start, end):
                found.append((start, -end))
            start = text.find(form, start + 1)
    count = last = 0
    for start, negative_end in sorted(found):
        if start >= last:
            count, last = count + 1, -negative_end
    return count


def _stands_alone(text: str, start: int, end: int) -> bool:
    if start and (
        text[start - 1].isdecimal()
        or (start > 1 and text[start - 1] in ".," and text[start - 2].isdecimal())
    ):
        return False
    return not (
        end < len(text)
        and (
            text[end].isdecimal()
            or (end + 1 < len(text) and text[end] in ".," and text[end + 1].isdecimal())
        )
    )


# A space-grouped number in a translation: where it starts and ends, and where the part after its
# first space starts (-1 where that part starts with 0, as 1 000 000 is never 1 and 000 000).
_Grouped = tuple[int, int, int]


@lru_cache(maxsize=1024)
def _grouped_spans(text: str) -> tuple[_Grouped, ...]:
    """The space-grouped numbers of ``text``; a check looks for every number in the same one."""
    if not _SPACE_GROUPS.search(text):
        return ()
    found: list[_Grouped] = []
    for match in _TRANSLATED_GROUPS.finditer(text):
        start, end = match.span()
        rest = _SPACE_GROUPS.search(text, start, end)
        second = -1 if rest is None or text[rest.end()] == "0" else rest.end()
        found.append((start, end, second))
    return tuple(found)


def _inside_grouped(grouped: tuple[_Grouped, ...], start: int, end: int) -> bool:
    """Whether ``start``-``end`` takes part of a space-grouped number without being all of it or,
    read as the source's are (see space_parts), one of the two numbers it could be."""
    for first, last, second in grouped:
        if start >= last or end <= first or (start, end) == (first, last):
            continue
        if second < 0 or (start, end) not in ((first, second - 1), (second, last)):
            return True
    return False


def _locale(code: str) -> Locale:
    """``code``'s locale; English's for one CLDR does not know."""
    locale = locale_of(code)
    if locale is None:
        locale = locale_of("en")
        assert locale is not None  # CLDR always has English
    return locale


_DIGIT = re.compile(r"\d")


def missing_numbers(
    source: str, translation: str, source_language: str, language: str
) -> Iterator[str]:
    """The ``numbers`` check: each number of the source's prose that the translation lacks in
    every accepted spelling, and each month of a dated day it names another way."""
    if not _DIGIT.search(source):
        return
    wanted = _source_number_counts(source)
    if not wanted:
        return
    prose = _source_prose(source)  # a date in a URL or code is no date
    text = respelled(prose, prose_of(translation), source_language)
    lost: set[str] = set()
    for number, count in wanted:
        forms = accepted_forms(number, source_language, language)
        if count_in(text, forms) >= count or _has_parts(
            text, number, count, source_language, language
        ):
            continue
        lost.add(number)
        yield f"number {number} is missing (write it as {_shown_forms(forms)})"
    yield from _lost_months(prose, text, lost, source_language, language)


def _lost_months(
    prose: str, translation: str, lost: set[str], source_language: str, language: str
) -> Iterator[str]:
    """A date of the source (``prose``) that names its month (Nov. 24), whose day the
    translation has but not with that month, by its name in either language or as a dotted
    date (24.11)."""
    dates = source_dates(prose, source_language)
    if not dates:
        return
    wanted = Counter((date.day, date.month) for date in dates)
    found = translated_dates(translation, (language, source_language))
    said: set[tuple[int, int]] = set()
    for date in dates:
        key = date.day, date.month
        if found[key] >= wanted[key] or key in said or str(date.day) in lost:
            continue  # (a day that is missing is said so above; the month would be noise)
        said.add(key)
        name = month_name(date.month, language)
        yield (
            f"the month of {date.text} is missing (write it as {date.day} {name} or "
            f"{date.day:02d}.{date.month:02d})"
        )


def _has_parts(
    translation: str, number: str, count: int, source_language: str, language: str
) -> bool:
    """Whether the translation has each number of a space-grouped one read as several."""
    parts = Counter(space_parts(number))  # 999 999 read as two numbers is 999 twice
    return bool(parts) and all(
        count_in(translation, accepted_forms(part, source_language, language)) >= count * times
        for part, times in parts.items()
    )


@lru_cache(maxsize=8192)
def _source_prose(source: str) -> str:
    return prose_of(source)


@lru_cache(maxsize=8192)
def _source_number_counts(source: str) -> tuple[tuple[str, int], ...]:
    """The numbers in a source text's prose, each with how often it occurs, in order."""
    wanted: dict[str, int] = {}
    for number in source_numbers(_source_prose(source)):
        wanted[number] = wanted.get(number, 0) + 1
    return tuple(wanted.items())


def _shown_forms(forms: frozenset[str]) -> str:
    return " or ".join(sorted({f.replace("\u00a0", " ").replace("\u202f", " ") for f in forms}))
