"""What a quality check reports: a Finding per problem, and the checks' own description."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from transflow.models import Reduced, by_constructor
from transflow.qa.glossary import Glossary

Severity = Literal["error", "warning"]
ERROR: Severity = "error"
WARNING: Severity = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in one catalog entry."""

    article: str
    language: str
    path: str  # the PO file, relative to the project
    line: int  # the entry's first line in the PO file
    check: str  # the check's id, e.g. "links"
    severity: Severity
    message: str  # one line

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@dataclass(frozen=True)
class Pair:
    """What a check looks at: a source text and its translation into ``language``."""

    source: str
    translation: str
    language: str
    glossary: Glossary
    source_language: str = "en"
    # Where the source stands in the article: the entry's extracted comments, as
    # ``Segment.context`` writes them ("heading", "paragraph, sentence 2 of 3"); none when the
    # catalog does not say (a catalog made by hand).
    contexts: tuple[str, ...] = ()
    # The labels of the article's link reference definitions (``article.references``), which
    # make a "[label]" of the source or translation a link; none when the article is not known.
    references: frozenset[str] = frozenset()

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


# Characters a terminal or a CI log would act on rather than show (an escape sequence, a bell,
# a right-to-left override that reverses the rest of the line), where a message quotes a
# translation or a source: shown as escapes instead, e.g. <a href='\x1b]0;…'>.
_UNSHOWN = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _shown(message: str) -> str:
    return _UNSHOWN.sub(_escape, message) if _UNSHOWN.search(message) else message


# A check yields one message per problem it finds; no message means the pair passes.
CheckFunction = Callable[[Pair], Iterable[str]]


@dataclass(frozen=True)
class Check:
    """A registered check: its id, severity and title (what ``check --list`` shows).

    ``hint``: a pattern without a match in either text of a pair means the check has nothing to
    find there, so the build's screening of thousands of plain sentences skips it in one search.
    tests/qa/test_properties.py holds each hint to its check.
    """

    id: str
    severity: Severity
    title: str
    function: CheckFunction
    hint: re.Pattern[str] | None = None

    def __call__(self, pair: Pair) -> list[str]:
        hint = self.hint
        if hint is not None and not hint.search(pair.source) and not hint.search(pair.translation):
            return []
        # A message quotes the text it is about, which may hold a newline; findings are one line.
        return [_shown(" ".join(message.split())) for message in self.function(pair)]

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)
