"""Inline Markdown that must pass through translation untouched.

The parts found here — code spans, link and image targets, autolinks, inline HTML, bare URLs and
e-mail addresses — are never split across sentences, are replaced by placeholders before machine
translation and restored after, and are compared by the quality checks.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass

from markdown_it.common.utils import normalizeReference

from transflow.models import Reduced, by_constructor

# A link or image target: "](" up to the matching ")" (one level of nested parentheses allowed),
# or a reference label "][label]".
_TARGET = r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\]\[[^\]]*\]"
_AUTOLINK = r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>"
_HTML = r"</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*)?/?>"
# A bare URL ends before a guillemet or a backtick (unencoded, neither is part of a URL; and a
# code span that a backtick opens is read before bare URLs, as in GitHub's Markdown), before a
# hyphen followed by a letter outside ASCII, a case ending that Kazakh writes after it
# (x.org-қа), and before final punctuation or a closing quote.
_NOT_CASE_HYPHEN = r"-(?![^\W\d_\x00-\x7f])"
_URL = (
    rf"\b(?:https?://|www\.)(?:[^\s<>()\[\]«»`-]|{_NOT_CASE_HYPHEN})*"
    rf"(?:[^\s<>()\[\]«»`.,;:!?\"'”’-]|{_NOT_CASE_HYPHEN})"
)
_EMAIL = r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b"
_ENTITY = r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"

# What translation leaves as it is, but code spans, which ``code_spans`` finds in one pass (a
# regex looks for each run's closer again from every run: seconds on a text of backtick runs of
# many lengths).
# Each part with what a text must hold for it to be there: a search leaves out the parts a
# text cannot hold, and the one for an e-mail address (tried at every word) most of the time.
_NOT_CODE_PARTS = (
    (_TARGET, ("]",)),
    (_AUTOLINK, ("<",)),
    (_HTML, ("<",)),
    (_URL, ("://", "www.")),
    (_EMAIL, ("@",)),
    (_ENTITY, ("&",)),
)
_NOT_CODE_CACHE: dict[tuple[bool, ...], re.Pattern[str] | None] = {}


def _not_code(text: str) -> re.Pattern[str] | None:
    """The search for the parts ``text`` may hold (as one alternation in the same order, so
    it finds what the whole one would); None when it can hold none."""
    present = tuple(any(needle in text for needle in needles) for _, needles in _NOT_CODE_PARTS)
    if present not in _NOT_CODE_CACHE:
        parts = [part for (part, _), there in zip(_NOT_CODE_PARTS, present, strict=True) if there]
        alternatives = "|".join(f"(?:{part})" for part in parts)
        _NOT_CODE_CACHE[present] = re.compile(alternatives) if parts else None
    return _NOT_CODE_CACHE[present]


_BACKTICKS = re.compile(r"`+")
LINK_TARGET = re.compile(_TARGET)
URL = re.compile(f"{_URL}|{_EMAIL}")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


def protected_spans(text: str) -> list[Span]:
    """Parts of ``text`` that translation must leave exactly as they are, in order: code spans
    (``code_spans``), link targets, autolinks, tags, URLs, e-mail addresses and entities. Where
    two overlap, the one that starts first is the one (a code span, at the same place)."""
    not_code = _not_code(text)
    if "`" not in text:
        return (
            []
            if not_code is None
            else [Span(m.start(), m.end(), m.group()) for m in not_code.finditer(text)]
        )
    code = code_spans(text)
    if not_code is None:
        return [Span(start, end, text[start:end]) for start, end in code]
    spans: list[Span] = []
    position = 0
    index = 0
    found = not_code.search(text)
    while position < len(text):
        while index < len(code) and code[index][0] < position:
            index += 1  # a code span that began inside a part taken already
        if found is not None and found.start() < position:
            found = not_code.search(text, position)  # the one found began inside a code span
        next_code = code[index] if index < len(code) else None
        if next_code is not None and (found is None or next_code[0] <= found.start()):
            start, end = next_code
            spans.append(Span(start, end, text[start:end]))
            position = end
            index += 1
        elif found is not None:
            spans.append(Span(found.start(), found.end(), found.group()))
            position = found.end() if found.end() > found.start() else found.end() + 1
            found = not_code.search(text, position)
        else:
            break
    return spans


def code_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text``'s code spans start and end, backticks included, as CommonMark finds them: a
    run of backticks opens a span that the next run of the same length closes, and a run that
    none closes is text. Backslashes are not read as escapes.

    One pass over the runs: a regex that looked for each run's closer again from every run took
    seconds on a text of runs of many lengths (`a``a```a...).
    """
    runs = [match.span() for match in _BACKTICKS.finditer(text)]
    closer = [-1] * len(runs)  # the next run as long as each, if any
    last: dict[int, int] = {}
    for i in range(len(runs) - 1, -1, -1):
        length = runs[i][1] - runs[i][0]
        closer[i] = last.get(length, -1)
        last[length] = i
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(runs):
        if closer[i] < 0:
            i += 1
            continue
        spans.append((runs[i][0], runs[closer[i]][1]))
        i = closer[i] + 1
    return spans


def reference_label(text: str, span: Span) -> str | None:
    """For a reference link's target (``][label]``, or ``][]`` after ``[label]``, a collapsed
    reference), its label as CommonMark matches labels: case-folded, inner spaces collapsed.
    None for any other span, or a collapsed reference whose "[" is not found."""
    if not span.text.startswith("]["):
        return None
    if span.text != "][]":
        return _label(span.text[2:-1])
    start = link_text_start(text, span.start)
    return None if start is None else _label(text[start : span.start])


def link_text_start(text: str, close: int) -> int | None:
    """Where the link text whose closing "]" is at ``close`` starts (past its "["), nested
    brackets and escaped ones skipped; None when no "[" opens it."""
    depth = 0
    for position in range(close - 1, -1, -1):
        char = text[position]
        if char not in "[]" or _escaped(text, position):
            continue
        if char == "]":
            depth += 1
        elif depth:
            depth -= 1
        else:
            return position + 1
    return None


def _escaped(text: str, position: int) -> bool:
    slashes = 0
    while position - slashes > 0 and text[position - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def reference_target(label: str) -> str:
    """The target a reference link to ``label`` has for the checks, ``][label]`` with the label
    as ``reference_label`` gives it: ``[city site]``, ``[text][City Site]`` and ``[city
    site][]`` all name the same one."""
    return f"][{_label(label)}]"


def definition_key(label: str) -> str:
    """``label`` as a Markdown renderer (markdown-it) looks it up among the reference
    definitions: spaces collapsed, case folded (``article.references`` writes the definitions'
    labels so)."""
    return normalizeReference(label)


# "[" and "]" around a link label: nothing but escaped brackets inside (CommonMark's labels).
_BRACKETED = re.compile(r"\[(?:[^\[\]\\]|\\[\s\S])*\]")
_LABEL_MAX = 999  # characters between the brackets, as CommonMark allows


def bracketed_labels(text: str) -> list[Span]:
    """Every "[label]" of ``text`` that would be a shortcut reference link (or, after a "!", an
    image) if an article defined its label, brackets included: not escaped, not a full
    reference's label (after "]"), not followed by "(" or "[" (an inline link, a full or
    collapsed reference: ``protected_spans`` has their targets), not in a code span, a link
    target, an autolink or a tag. Whether it is a link depends on the article's definitions
    (``shortcut_references``); without one, "[sic]" is text."""
    if "[" not in text or "]" not in text:
        return []
    found = [
        Span(m.start(), m.end(), m.group())
        for m in _BRACKETED.finditer(text)
        if m.group()[1:-1].strip()
        and len(m.group()) - 2 <= _LABEL_MAX
        and not _escaped(text, m.start())
        and not (m.start() and text[m.start() - 1] == "]" and not _escaped(text, m.start() - 1))
        and text[m.end() : m.end() + 1] not in ("(", "[")
    ]
    if not found:
        return []
    protected = protected_spans(text)
    starts = [p.start for p in protected]

    def inside(position: int) -> bool:
        index = bisect_right(starts, position) - 1
        return index >= 0 and position < protected[index].end

    return [s for s in found if not inside(s.start) and not inside(s.end - 1)]


def shortcut_references(text: str, defined: Container[str]) -> list[Span]:
    """The shortcut reference links and images of ``text``: the ``bracketed_labels`` whose label
    is one of ``defined`` (written as ``definition_key`` writes them), in order."""
    if "[" not in text:
        return []
    return [s for s in bracketed_labels(text) if definition_key(s.text[1:-1]) in defined]
