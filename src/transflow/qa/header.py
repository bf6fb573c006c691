"""Checks of a catalog's header, the one entry that is not a translation.

A translator's editor or a hand edit can leave ``Plural-Forms`` in a shape that ``msgfmt -c``
refuses, so the catalog no longer compiles anywhere. The checks here find that, with msgfmt's
rules: ``nplurals`` a positive number, ``plural`` a C expression in ``n`` whose value stays below
``nplurals``, computed as GNU gettext computes it (in unsigned long; ``&&``, ``||``, ``!`` and
comparisons give 0 or 1). Python's ``gettext.c2py`` reads the same grammar but computes in
Python, where ``n != 1 && n`` is ``n``, not 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

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
    found = [
        Finding(article, language, path, header.lineno, "plural-forms", ERROR, message)
        for message in _plural_forms_problems(value)
    ]
    nplurals = _NPLURALS.search(value)
    written = nplurals.group(1).strip() if nplurals is not None else ""
    if found or not written.isdigit():
        return found
    count = int(written)
    for entry in catalog.entries:
        # As msgfmt -c: a translated plural entry with another number of forms than the header's.
        forms = len(entry.msgstr_plural)
        if entry.msgid_plural is not None and entry.translated and forms != count:
            message = (
                f"this entry has {forms} plural forms, but the header's Plural-Forms says "
                f"nplurals={count} (msgfmt -c refuses it)"
            )
            found.append(
                Finding(article, language, path, entry.lineno, "plural-forms", ERROR, message)
            )
    return found


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
    forms = _forms(expression)
    if forms is None:
        yield f"Plural-Forms: plural={expression!r} is not an expression gettext can read"
        return
    if not forms:
        yield f"Plural-Forms: plural={expression!r} divides by zero"
        return
    if min(forms) < 0:
        yield f"Plural-Forms: plural={expression!r} gives a negative form, {min(forms)}"
    elif count is not None and max(forms) >= count:
        yield (
            f"Plural-Forms: plural={expression!r} gives form {max(forms)}, but nplurals={count} "
            f"only has forms 0 to {count - 1}"
        )


@lru_cache(maxsize=64)  # every catalog of a language has the same expression
def _forms(expression: str) -> tuple[int, ...] | None:
    """The forms ``expression`` gives for the samples, as msgfmt computes them (a value past
    the largest signed long is negative, as msgfmt reads it); None when it cannot be read, ()
    when it divides by zero."""
    try:
        code = _CExpression(expression).python()
        plural: Callable[[int], int] = eval(f"lambda n: {code}", {"__builtins__": {}})
    except (ValueError, SyntaxError, RecursionError, MemoryError):
        return None
    try:
        values = [plural(n) for n in _SAMPLES]
    except ArithmeticError:  # n % 0
        return ()
    return tuple(v - (1 << 64) if v > _MASK >> 1 else v for v in values)


_TOKEN = re.compile(r"[ \t]*(?:([0-9]+|n(?![A-Za-z0-9_])|&&|\|\||[=!<>]=|[-+*/%<>!?:()])|\Z)")
_MASK = (1 << 64) - 1  # GNU gettext computes in unsigned long
# The binary operators from the loosest to the tightest, each as Python computing what C does.
_LEVELS: list[dict[str, str]] = [
    {"||": "(1 if {} or {} else 0)"},
    {"&&": "(1 if {} and {} else 0)"},
    {op: f"(1 if {{}} {op} {{}} else 0)" for op in ("==", "!=")},
    {op: f"(1 if {{}} {op} {{}} else 0)" for op in ("<", ">", "<=", ">=")},
    {op: f"(({{}} {op} {{}}) & {_MASK})" for op in ("+", "-")},
    {"*": f"(({{}} * {{}}) & {_MASK})", "/": "({} // {})", "%": "({} % {})"},
]


class _CExpression:
    """A plural expression, read with GNU gettext's grammar (plural.y), as Python source."""

    def __init__(self, text: str) -> None:
        self._tokens: list[str] = []
        place = 0
        while place < len(text):
            match = _TOKEN.match(text, place)
            if match is None:
                raise ValueError(f"unexpected character at {place}")
            if match.group(1):
                self._tokens.append(match.group(1))
            place = match.end()
        self._place = 0

    def python(self) -> str:
        code = self._conditional()
        if self._place != len(self._tokens):
            raise ValueError(f"unexpected {self._tokens[self._place]!r}")
        return code

    def _peek(self) -> str:
        return self._tokens[self._place] if self._place < len(self._tokens) else ""

    def _take(self, token: str = "") -> str:
        found = self._peek()
        if not found or (token and found != token):
            raise ValueError(f"expected {token or 'more'!r}")
        self._place += 1
        return found

    def _conditional(self) -> str:  # a ? b : c, right to left
        condition = self._binary(0)
        if self._peek() != "?":
            return condition
        self._take("?")
        then = self._conditional()
        self._take(":")
        return f"({then} if {condition} else {self._conditional()})"

    def _binary(self, level: int) -> str:  # left to right: n<2<3 is (n<2)<3
        if level == len(_LEVELS):
            return self._unary()
        code = self._binary(level + 1)
        while self._peek() in _LEVELS[level]:
            shape = _LEVELS[level][self._take()]
            code = shape.format(code, self._binary(level + 1))
        return code

    def _unary(self) -> str:
        nots = 0
        while self._peek() == "!":
            self._take("!")
            nots += 1
        token = self._take()
        if token == "(":
            code = self._conditional()
            self._take(")")
        elif token == "n" or token.isdigit():
            code = token if token == "n" else str(int(token) & _MASK)
        else:
            raise ValueError(f"unexpected {token!r}")
        for _ in range(nots):
            code = f"(0 if {code} else 1)"
        return code
