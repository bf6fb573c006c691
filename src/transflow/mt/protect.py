"""Inline markup and glossary terms out of a text before it goes to an engine, and back after.

Every protected part becomes a numbered placeholder ``{0}``, ``{1}``, ... that engines keep as it
is. A link's target is protected together with the ``]`` before it (``](#)``), so the link text
stays readable and an engine cannot put a space between them; a link's or image's title
(``](/p "The report")``) is text for readers, and is sent to be translated between two
placeholders. A shortcut reference link (``[city site]``, a link because the article defines
``[City Site]: url``) is sent as a link text, its ``]`` a placeholder that comes back as ``][city
site]``, so that its translated text still names its definition. A glossary term becomes a
placeholder too, and comes back as its rendering in the target language (or as itself, when the
glossary says to keep it). An answer is only used when every placeholder came back exactly once
and the restored text has the same Markdown structure as the source (``markup_intact``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from markdown_it import MarkdownIt

from transflow.article.inline import (
    Span,
    link_text_start,
    protected_spans,
    reference_label,
    reference_target,
    shortcut_references,
)
from transflow.qa.checks import CONTROL_CHARACTERS
from transflow.qa.markup import VOID_ELEMENTS, markup_of

if TYPE_CHECKING:
    from transflow.qa.glossary import Glossary

# Bumped whenever the text sent to an engine changes shape; part of the cache key. (Sending link
# titles changed only the texts that have one, which no earlier text can be the same as.)
SCHEME = "p1"
PLACEHOLDER = re.compile(r"\{\s*(\d{1,4})\s*\}")
# A source's own "{1}" (or "{ 1 }": whatever an answer's placeholder may look like), and line
# breaks (engines drop or move them), are protected as well.
_EXTRA = re.compile(PLACEHOLDER.pattern + r"|\\?\n")
_OPEN_BRACKET_SPACE = re.compile(r"(?<!\\)\[[ \t]+")
_LETTER = re.compile(r"[^\W\d_]")
_PARSER = MarkdownIt("commonmark").enable("table")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
# A link's or image's target with a title: what comes before the title's text, the text, and the
# closing quote (or parenthesis) with the ")" after it.
_TITLE_END = re.compile(r"[\"')]\s*\)\Z")
_TITLED = re.compile(r"(\]\((?:[^()\s]|\([^()\s]*\))*\s+[\"'(])([\s\S]*?)([\"')]\s*\))\Z")


@dataclass(frozen=True)
class Term:
    """A span of the source to replace by ``rendering`` in the target language."""

    start: int
    end: int
    rendering: str


@dataclass(frozen=True)
class Protected:
    source: str
    text: str  # what is sent: stripped, with placeholders
    parts: tuple[str, ...]  # what each placeholder becomes in the target language
    lead: str = ""
    trail: str = ""
    references: frozenset[str] = frozenset()  # the article's definitions: see ``protect``

    @property
    def needs_engine(self) -> bool:
        """False when nothing but placeholders, digits and punctuation is left to translate."""
        return bool(_LETTER.search(PLACEHOLDER.sub("", self.text)))


def terms_for(glossary: Glossary, text: str, language: str) -> list[Term]:
    """The glossary terms in ``text``, each with its rendering in ``language`` (or itself,
    where its cell is blank); none for a language the glossary has no column for, whose
    engine translates the terms as any other words."""
    return [
        Term(m.start, m.end, glossary.rendering(m.term, language) or m.term)
        for m in glossary.terms_in(text)
        if glossary.covers(m.term, language)
    ]


def protect(
    source: str, terms: Iterable[Term] = (), references: frozenset[str] = frozenset()
) -> Protected:
    """``source`` with placeholders for its markup and ``terms``; ``references``: the labels of
    the article's link reference definitions (``article.references``), which make a "[label]"
    of it a shortcut link, whose closing "]" comes back as "][label]"."""
    found = [term for s in protected_spans(source) for term in _protected(source, s)]
    found += [
        Term(s.end - 1, s.end, f"][{s.text[1:-1]}]")
        for s in shortcut_references(source, references)
    ]
    found += [Term(m.start(), m.end(), m.group()) for m in _EXTRA.finditer(source)]
    found += list(terms)
    pieces: list[str] = []
    parts: list[str] = []
    pos = 0
    for term in _non_overlapping(found):
        pieces.append(source[pos : term.start])
        pieces.append(f"{{{len(parts)}}}")
        parts.append(term.rendering)
        pos = term.end
    pieces.append(source[pos:])
    text = "".join(pieces)
    core = text.strip()
    lead = text[: len(text) - len(text.lstrip())]
    trail = text[len(text.rstrip()) :] if core else ""
    return Protected(source, core, tuple(parts), lead, trail, references)


def _protected(source: str, span: Span) -> list[Term]:
    """A protected span as placeholders' terms: a target with a title in words as the parts
    before and after the title, whose text is left to translate; a collapsed reference's
    ``][]`` as ``][its label]``, since its label is its text, which the engine translates."""
    start, text = span.start, span.text
    if text == "][]":
        label_start = link_text_start(source, start)
        if label_start is not None:
            return [Term(start, span.end, f"][{source[label_start:start]}]")]
    titled = _TITLED.match(text) if text.startswith("](") else None
    if titled is None or not _LETTER.search(titled.group(2)):
        return [Term(start, start + len(text), text)]
    before, after = titled.group(1), titled.group(3)
    end = start + len(text)
    return [Term(start, start + len(before), before), Term(end - len(after), end, after)]


def _non_overlapping(terms: list[Term]) -> list[Term]:
    """Markup first, then terms, in text order; a span overlapping an earlier one is dropped."""
    kept: list[Term] = []
    for term in terms:
        if term.end > term.start and not any(
            k.start < term.end and term.start < k.end for k in kept
        ):
            kept.append(term)
    return sorted(kept, key=lambda t: t.start)


def restore(answer: str, protected: Protected) -> str | None:
    """The engine's answer with every placeholder put back, or None when one is missing,
    repeated or unknown, the Markdown structure of the source did not survive, or the answer
    brought a control character (a NUL, say) that the source has not."""
    answer = answer.strip()
    numbers = [int(m.group(1)) for m in PLACEHOLDER.finditer(answer)]
    if sorted(numbers) != list(range(len(protected.parts))):
        return None
    out: list[str] = []
    pos = 0
    in_title = False
    for match in PLACEHOLDER.finditer(answer):
        between = answer[pos : match.start()]
        out.append(between.lstrip(" \t") if in_title else between)
        part = protected.parts[int(match.group(1))]
        if part.startswith("]") or _TITLE_END.match(part):
            # "[сказала ](#)" is a link whose text ends in a space: engines add one before {n}
            # (and around a title's words, between its placeholders).
            out[-1] = out[-1].rstrip(" \t")
        in_title = part.startswith("](") and part.endswith(("'", '"', "("))
        out.append(part)
        pos = match.end()
    out.append(answer[pos:])
    text = "".join(out)
    if "[ " not in protected.source:
        text = _OPEN_BRACKET_SPACE.sub("[", text)
    result = protected.lead + text + protected.trail
    source = protected.source
    if (
        not markup_intact(source, result, protected.references)
        or _adds_control(source, result)
        or _implausible(source, result)
    ):
        return None
    return result


# A link or image whose text the answer emptied: "[](https://…)", nothing to read or click.
_EMPTY_LINK_TEXT = re.compile(r"(?<!\\)\[\s*\](?=[(\[])")
# An answer this much longer than its source is no translation of it (a server's error page, a
# text repeated): a translation into Kazakh or Russian runs to 1.1-1.5 times the English.
_LONGEST = 10


def _implausible(source: str, draft: str) -> bool:
    """Whether ``draft`` brings what no translation of ``source`` has: a carriage return (a line
    break on the page), U+FFFD (bytes a server sent that were not text), a link emptied of its
    text, or ten times the source's length."""
    return (
        draft.count("\r") > source.count("\r")
        or draft.count("\ufffd") > source.count("\ufffd")
        or len(_EMPTY_LINK_TEXT.findall(draft)) > len(_EMPTY_LINK_TEXT.findall(source))
        or len(draft) > _LONGEST * len(source) + 200
    )


def _adds_control(source: str, draft: str) -> bool:
    """Whether ``draft`` has a control character that ``source`` lacks: a NUL cuts the string
    for GNU tools, and each is an error of ``check``'s ``control-characters``."""
    if CONTROL_CHARACTERS.search(draft) is None:
        return False
    return bool(
        Counter(CONTROL_CHARACTERS.findall(draft)) - Counter(CONTROL_CHARACTERS.findall(source))
    )


def markup_intact(source: str, draft: str, references: frozenset[str] = frozenset()) -> bool:
    """Whether ``draft`` has the same inline Markdown as ``source``: the same links and images
    (targets; their titles may be translated), code spans, inline HTML, emphasis, line breaks,
    URLs and entities, in any order, and no more brackets left unpaired. ``references``: the
    labels the article defines, whose reference links (``[city site]``, ``[сайт][city site]``)
    are links too."""
    if _untitled(source, references) != _untitled(draft, references):
        return False
    if _stray_brackets(source) != _stray_brackets(draft):
        return False  # "сайт города][city site]": a link's "[" lost, the "]" left as text
    before, after = _skeleton(source, references), _skeleton(draft, references)
    if sorted(before) != sorted(after):
        return False
    # Order matters for inline HTML only as far as tags must still nest: "</b>x<b>" is broken.
    return not _html_nests(before) or _html_nests(after)


def _stray_brackets(text: str) -> tuple[int, int]:
    """How many "[" and "]" of ``text`` no other closes or opens (``check``'s ``markup``)."""
    if "[" not in text and "]" not in text:
        return (0, 0)
    stray = markup_of(text).stray
    return (stray["["], stray["]"])


def _html_nests(shape: tuple[tuple[str, str, str], ...]) -> bool:
    stack: list[str] = []
    for kind, _, content in shape:
        tag = _TAG.match(content) if kind == "html_inline" else None
        if tag is None or content.endswith("/>") or tag.group(2).lower() in VOID_ELEMENTS:
            continue
        name = tag.group(2).lower()
        if not tag.group(1):
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _untitled(text: str, references: frozenset[str]) -> list[str]:
    """``text``'s protected parts, in sorted order, with the words of link titles left out
    (only whether a title has any is kept); a shortcut link as the reference it is."""
    parts = [reference_target(s.text[1:-1]) for s in shortcut_references(text, references)]
    for span in protected_spans(text):
        titled = _TITLED.match(span.text) if span.text.startswith("](") else None
        label = reference_label(text, span)
        if label is not None:  # [a][] and [б][A] are the same link
            parts.append(f"][{label}]")
        elif titled is None:
            parts.append(span.text)
        else:
            words = "…" if titled.group(2).strip() else ""
            parts.append(titled.group(1) + words + titled.group(3))
    return sorted(parts)


_MARKUP_CHARS = re.compile(r"[*_`\[\]<>!\\&~\n]")


@lru_cache(maxsize=16)
def _definitions(references: frozenset[str]) -> dict[str, dict[str, str]]:
    """``references`` as markdown-it's definitions, each leading to its label (read only)."""
    return {label: {"href": f"#{label}", "title": ""} for label in references}


@lru_cache(maxsize=8192)
def _skeleton(text: str, references: frozenset[str]) -> tuple[tuple[str, str, str], ...]:
    """The inline markup of ``text``, in order, without its words (cached: sources repeat);
    a reference link to one of ``references`` is a link to its label."""
    if not _MARKUP_CHARS.search(text):
        return ()  # plain text: nothing for the parser to find
    tokens = _PARSER.parseInline(
        text, {"references": _definitions(references)} if references else None
    )
    children = tokens[0].children if tokens and tokens[0].children else []
    shape = []
    for token in children:
        if token.type in ("text", "text_special"):
            continue
        attrs = ";".join(
            f"{k}={v}" for k, v in sorted(token.attrs.items()) if k not in ("alt", "title")
        )
        content = token.content if token.type in ("code_inline", "html_inline") else ""
        shape.append((token.type, attrs, content))
    return tuple(shape)
