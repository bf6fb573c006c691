"""Numbers in a source text, and the ways a translation may write them (through Babel's CLDR data).

A source number may appear in the translation as written in the source (``2006``, ``2,500``), with
no grouping (``2500``), or in the target locale's format (``2 500`` with a space, no-break space or
narrow no-break space in Kazakh and Russian; ``8,7`` for ``8.7``; ``1 000,50`` for ``1,000.50``,
with the source's decimal places). A percent sign may gain a space before it (``8,7 %``): only
the digits are compared.
"""

from __future__ import annotations

import re
from copy import copy
from decimal import Decimal, InvalidOperation, localcontext
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import (
    NumberFormatError,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

# A number as a source writes it: grouped by spaces (10 000, with a no-break space too), with
# "," or "." (2,500 or 8.7), or a decimal with no leading zero (.75). A space group is exactly three
# digits: "1 5000" is 1 and 5000, and "10 000 5000" is 10 000 and 5000. A "." may end a grouped
# number (1 234 567.5); a "," makes the groups separate numbers (May 12 300,000 people).
# (Each pattern starts by looking for the character a number can start with: tried first at each
# place in the text, it makes the search two to three times faster than the lookbehinds alone.)
_SOURCE_NUMBER = re.compile(
    r"(?=[\d.])(?:(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:\.\d+)?(?![.,]\d)"
    r"|(?<![\d])\d+(?:[.,]\d+)*|(?<![\w.,])\.\d+(?![.,]?\d))"
)
# A number grouped by spaces as a translation may write it: its decimal sign may be "," (2 500,5).
_TRANSLATED_GROUPS = re.compile(
    r"(?=\d)(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?(?![.,]?\d)"
)
_SPACES = ("\u00a0", "\u202f", " ")
_SPACE_GROUPS = re.compile("[ \u00a0\u202f]")


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


@lru_cache(maxsize=4096)
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


@lru_cache(maxsize=32)
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")
