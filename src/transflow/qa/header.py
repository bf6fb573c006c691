"""Checks of a catalog's header, the one entry that is not a translation.

A translator's editor or a hand edit can leave ``Plural-Forms`` in a shape that ``msgfmt -c``
refuses, so the catalog no longer compiles anywhere. The checks here find that, with msgfmt's
rules: ``nplurals`` a positive number, ``plural`` a C expression in ``n`` (Python's ``gettext``
reads the same grammar) whose value stays below ``nplurals``.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Callable, Iterator

from transflow.catalog.model import Catalog
from transflow.qa.findings import ERROR, Finding, Severity

# (id, severity, title) of each header check, for ``transflow check --list``.
HEADER_CHECKS: list[tuple[str, Severity, str]] = [
    (
        "plural-forms",
        ERROR,
        "The header's Plural-Forms as msgfmt -c accepts it (nplurals=N; plural=EXPRESSION;)",
    ),
]

_NPLURALS = re.compile(r"(?:\A|;)\s*nplurals\s*=\s*([^;]*)")
_PLURAL = re.compile(r"(?:\A|;)\s*plural\s*=\s*([^;]*)")
# msgfmt tries the expression on these numbers: enough to meet every rule of CLDR's languages.
_SAMPLES = range(1001)


def header_findings(catalog: Catalog, article: str, language: str, path: str) -> list[Finding]:
    """The header's problems, each a finding at the header's first line."""
    header = catalog.header
    if header is None:
        return []
    value = catalog.header_value("Plural-Forms")
    if value is None:
        return []
    return [
        Finding(article, language, path, header.lineno, "plural-forms", ERROR, message)
        for message in _plural_forms_problems(value)
    ]


def _plural_forms_problems(value: str) -> Iterator[str]:
    """What msgfmt -c refuses in ``value``. A part left out is not refused: gettext then reads
    the file as English is counted (two forms, ``n != 1``)."""
    nplurals_match, plural_match = _NPLURALS.search(value), _PLURAL.search(value)
    count: int | None = None
    if nplurals_match is not None:
        written = nplurals_match.group(1).strip()
        if not written.isdigit() or int(written) == 0:
            yield f"Plural-Forms: nplurals must be a number of 1 or more, not {written!r}"
            return
        count = int(written)
    if plural_match is None:
        return
    expression = plural_match.group(1).strip()
    try:
        plural: Callable[[int], int] = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        yield f"Plural-Forms: plural={expression!r} is not an expression gettext can read"
        return
    try:
        forms = [plural(n) for n in _SAMPLES]
    except ArithmeticError:  # n % 0
        yield f"Plural-Forms: plural={expression!r} divides by zero"
        return
    if min(forms) < 0:
        yield f"Plural-Forms: plural={expression!r} gives a negative form, {min(forms)}"
    elif count is not None and max(forms) >= count:
        yield (
            f"Plural-Forms: plural={expression!r} gives form {max(forms)}, but nplurals={count} "
            f"only has forms 0 to {count - 1}"
        )
