"""Text of a translated page that is still in the source language, marked as such in its HTML.

An entry left untranslated, fuzzy or kept in the source for an error shows the source text on a
page whose ``<html lang>`` is the translation's: screen readers would read that English as
Kazakh, and browsers hyphenate it so. The HTML gives it the source's ``lang`` instead: on its
block (``<p lang="en">``) when the whole block is in the source, else on a ``<span>`` around it.

The Markdown is rendered with a pair of marker characters around each such segment, found in
the HTML afterwards. They are punctuation that news text never holds (another pair is taken if
the text has them): next to ``*`` and ``_`` CommonMark treats them as it does the spaces and
line ends they stand beside, so the page renders as it would without them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from transflow.config import language_tag
from transflow.qa.markup import VOID_ELEMENTS

# Unicode punctuation (Po) from the Supplemental Punctuation block.
_CANDIDATES = "\u2e3c\u2e3d\u2e3e\u2e3f\u2e41\u2e43\u2e44\u2e45"
# Where a sentence and the next one both in the source meet: spaces, a line end, a hard break.
_BETWEEN = r"(\s*(?:<br />\s*)?)"
_BLOCKS = "p|h[1-6]|li|td|th"
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*?(/?)>")
_ANY_TAG = re.compile(r"<[^<>]*>")
_LEADING_BREAK = re.compile(r"\\(?:\r\n|\r|\n)[ \t]*")


@dataclass(frozen=True)
class SourceText:
    """What a page built in another language shows in the source language."""

    language: str  # the source language's code
    spans: tuple[tuple[int, int], ...]  # where its body segments stand in the page's Markdown
    fields: frozenset[str]  # the front-matter fields it shows as the source has them

    def lang(self, field: str) -> str:
        """The ``lang`` attribute for the header element that shows ``field``, or ""."""
        return f' lang="{escape(language_tag(self.language))}"' if field in self.fields else ""


def render_marked(
    markdown: str, offset: int, source: SourceText | None, render: Callable[[str], str]
) -> str:
    """``render(markdown)``, with the text of ``source.spans`` (offsets in a text of which
    ``markdown`` starts at ``offset``) marked with the source's ``lang``."""
    if source is None or not source.spans:
        return render(markdown)
    free = [char for char in _CANDIDATES if char not in markdown]
    if len(free) < 2:
        return render(markdown)
    opening, closing = free[0], free[1]
    pieces: list[str] = []
    position = 0
    for start, end in ((s - offset, e - offset) for s, e in source.spans):
        # A sentence after a hard break starts with it: the span starts after the break.
        leading = _LEADING_BREAK.match(markdown, start, end)
        start = start if leading is None else leading.end()
        end = _before_hard_break(markdown, start, end)
        pieces += (markdown[position:start], opening, markdown[start:end], closing)
        position = end
    pieces.append(markdown[position:])
    html = render("".join(pieces))
    return _with_lang(html, opening, closing, f' lang="{escape(language_tag(source.language))}"')


def _before_hard_break(markdown: str, start: int, end: int) -> int:
    """``end``, or one before it where the segment ends in the backslash of a hard line break
    (a marker between it and the line end would make it a backslash shown as such)."""
    if end > start and markdown[end - 1] == "\\" and markdown[end : end + 1] in ("\n", "\r"):
        run = len(markdown[start:end]) - len(markdown[start:end].rstrip("\\"))
        return end - 1 if run % 2 else end
    return end


def _with_lang(html: str, opening: str, closing: str, lang: str) -> str:
    if re.search(f"<[^<>]*[{opening}{closing}]", html):
        # Segments start and end outside tags; one that did not must not end a value there.
        html = _ANY_TAG.sub(lambda m: m.group().replace(opening, "").replace(closing, ""), html)
    html = re.sub(f"{closing}{_BETWEEN}{opening}", r"\1", html)  # one span for sentences in a row
    pair = re.compile(f"{opening}([^{opening}{closing}]*){closing}")
    html = pair.sub(lambda m: m.group() if _balanced(m.group(1)) else m.group(1), html)
    inside = f"([^{opening}{closing}]*)"
    whole = re.compile(f"<({_BLOCKS})((?:\\s[^>]*)?)>{opening}{inside}{closing}</\\1>")
    html = whole.sub(lambda m: f"<{m[1]}{m[2]}{lang}>{m[3]}</{m[1]}>", html)
    html = pair.sub(lambda m: f"<span{lang}>{m[1]}</span>", html)
    return html.replace(opening, "").replace(closing, "")


def _balanced(fragment: str) -> bool:
    """Whether the elements of an HTML fragment close where they open, so a span around it
    nests: the source's raw HTML may open in one sentence and close in the next."""
    if "<" not in fragment:
        return True
    stack: list[str] = []
    for tag in _TAG.finditer(fragment):
        name = tag.group(2).lower()
        if tag.group(3) or name in VOID_ELEMENTS:
            continue
        if not tag.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack
