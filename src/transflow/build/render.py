"""Source article + reviewed translations → the article's text in another language.

The source is parsed again and each segment's translation is spliced in at the segment's exact
offsets, so every byte outside a translated segment — front matter, spacing, link targets, code —
stays as it was. A translation identical to its segment leaves the source bytes untouched.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt

from transflow.article.frontmatter import split_front_matter, yaml_scalar
from transflow.article.parse import FRONT_MATTER_ROLE, Article
from transflow.article.segment import ONE_LINE_ROLES, Segment
from transflow.catalog.model import Catalog


@dataclass(frozen=True)
class Rendered:
    text: str
    translated: int  # segments that were replaced by a translation
    fallback: int  # segments left in the source language
    # The front matter of ``text`` as reading it gives (``split_front_matter``): its data, with
    # the translated values, and where its body starts. yaml_scalar makes the two the same.
    meta: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0
    # What the text shows in the source language: where each body segment left in it stands in
    # ``text`` (start, end), and the front-matter fields shown as the source has them. The
    # HTML page marks them with the source's ``lang``.
    source_spans: tuple[tuple[int, int], ...] = ()
    source_fields: frozenset[str] = frozenset()


def reviewed_translations(catalog: Catalog) -> dict[str, str]:
    """msgid → msgstr of the entries that may be published: translated and not fuzzy."""
    return {e.msgid: e.msgstr for e in catalog.entries if e.translated and e.msgctxt is None}


def render_markdown(article: Article, translations: Mapping[str, str]) -> Rendered:
    pieces: list[str] = []
    position = length = 0  # the source's offset copied up to, the length of ``pieces``
    translated = fallback = 0
    meta = dict(article.front_matter.data)
    body_start = article.front_matter.body_start
    spans: list[tuple[int, int]] = []
    fields: dict[str, bool] = {}  # each translated field: whether a value of it is translated
    for segment in sorted(article.segments, key=lambda s: s.start):
        translation = translations.get(segment.msgid)
        name = segment.role.removeprefix(FRONT_MATTER_ROLE)
        in_front = name != segment.role
        if translation is None or not translation.strip():
            # A blank one has nothing to show: an empty paragraph, heading or cell, a setext
            # heading's underline left alone as a thematic break, a page without its title.
            fallback += 1
            if in_front:
                fields.setdefault(name, False)
            else:
                at = length + segment.start - position
                spans.append((at, at + segment.end - segment.start))
            continue
        translated += 1
        if in_front:
            fields[name] = True
        if translation == segment.msgid:
            continue
        if in_front:
            value = yaml_scalar(translation) + _header_comment(article.text, segment)
            body_start += len(value) - (segment.end - segment.start)
            meta[name] = translation
        else:
            at_line_start = _at_line_start(article.text, segment.start)
            starts_block = at_line_start or (segment.sentence == 1 and segment.role in _IN_A_BLOCK)
            value = _fit(translation, segment.role, starts_block, segment.msgid)
        pieces += (article.text[position : segment.start], value)
        length += segment.start - position + len(value)
        position = segment.end
    pieces.append(article.text[position:])
    text = "".join(pieces)
    if article.front_matter.aliased and meta != article.front_matter.data:
        # A field that is an alias of a translated one reads back that translation.
        front = split_front_matter(text, article.path, ())
        meta, body_start = front.data, front.body_start
    untranslated = frozenset(name for name, any_translated in fields.items() if not any_translated)
    return Rendered(text, translated, fallback, meta, body_start, tuple(spans), untranslated)


# A block scalar's header (| or >, with its indicators) and the comment on its line.
_BLOCK_HEADER = re.compile(r"[|>][-+0-9]*[ \t]+(#[^\r\n]*)")


def _header_comment(text: str, segment: Segment) -> str:
    """The comment on a block scalar's header line (``title: | # from the wire``), which goes
    on after the double-quoted translation that replaces the block, one space after it (a tab
    there is refused by PyYAML's pure-Python reader)."""
    header = _BLOCK_HEADER.match(text, segment.start, segment.end)
    return " " + header.group(1) if header else ""


def _fit(translation: str, role: str, starts_block: bool = True, source: str = "") -> str:
    """Keep a translation from breaking the block it goes into. ``starts_block``: the segment
    stands at the start of a line (its block's first sentence, a sentence after a line break, a
    setext heading, a table row's first cell written without a "|"), where a "- " or "# " would
    start a block of its own. ``source``: the segment's text, whose end stands where the
    translation's will."""
    if "\r" in translation:  # a line end in CommonMark too (pasted from Windows, typed as \r)
        translation = translation.replace("\r\n", "\n").replace("\r", "\n")
    if role in ONE_LINE_ROLES:
        translation = " ".join(translation.split("\\\n"))
        translation = " ".join(translation.splitlines())
        if starts_block:
            translation = _literal_line(translation)
    if role == "heading" and starts_block and _table_header(translation):
        translation = _no_lone_pipe(translation)
    if role == "heading" and not _CLOSING_HASHES.search(source):
        translation = _CLOSING_HASHES.sub(r"\1\\\2", translation)
    if role == "table cell":
        translation = _escape_pipes(translation)
        # A table row is split before its cells are read: any backslash before the "|" that
        # ends a cell escapes it, and the cell runs on into the next. A space keeps them apart.
        if translation.endswith("\\") and not source.endswith("\\"):
            return translation + " "
        return translation
    if role in _IN_A_BLOCK:
        translation = _stay_in_block(translation, starts_block)
    # A backslash at its end would escape what the source has next: the line end after it (a
    # hard break, and the backslash gone from the page) or the backslash of a hard break that
    # starts the next sentence. Doubled, it shows as itself. (A source that ends so has it
    # where it does no harm, as the translation copying it.)
    if _ends_in_backslash(translation) and not _ends_in_backslash(source):
        return translation + "\\"
    return translation


def _ends_in_backslash(text: str) -> bool:
    # The search tries every place of the text; most texts do not end in a backslash at all.
    return text.endswith("\\") and _FINAL_BACKSLASH.search(text) is not None


# The end of a text that is an unescaped backslash; a run of "#" that an ATX heading would take
# as its closing sequence and leave off the page ("Тақырып: C #"), then what follows it.
_FINAL_BACKSLASH = re.compile(r"(?<!\\)(?:\\\\)*\\\Z")
_CLOSING_HASHES = re.compile(r"(\A|[ \t])(#+[ \t]*)\Z")


def _at_line_start(text: str, offset: int) -> bool:
    """Whether ``offset`` in ``text`` starts a line's content: only the markers of the blocks
    that hold it (quotes, list items) and spaces stand before it on its line."""
    return _CONTAINERS.fullmatch(text, text.rfind("\n", 0, offset) + 1, offset) is not None


_CONTAINERS = re.compile(r"(?:[ \t]*(?:>|[-+*][ \t]|\d{1,9}[.)][ \t]))*[ \t]*")

# Roles whose text may span lines, where a line of a translation could start a block of its own.
_IN_A_BLOCK = ("paragraph", "list item", "block quote")

# Lines that start a block wherever they are (CommonMark and GFM): a setext underline or
# thematic break of "-" or "=", and a table's delimiter row, of one column too ("|---|",
# ":---", which markdown-it-pyrs takes as a table under any line of text).
_ALWAYS_A_BLOCK = re.compile(r"=+[ \t]*$|\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
# Lines that may start one, which the parser then decides: an ATX heading, a quote, a list item,
# a thematic break, a code fence, a link reference definition, raw HTML.
_MAY_START_A_BLOCK = re.compile(
    r"#{1,6}(?:[ \t]|$)|>|[-+*](?:[ \t]|$)|([-*_])[ \t]*(?:\1[ \t]*){2,}$|`{3,}|~{3,}"
    r"|\[[^\]]*\]:|\d{1,9}[.)](?:[ \t]|$)|<"
)
_ORDERED = re.compile(r"\d{1,9}")
_BLANK_LINES = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")


def _stay_in_block(translation: str, starts_block: bool) -> str:
    """A translation that cannot start a block: blank lines (a new paragraph) folded to one
    line break, and each line that would start a heading, list, quote, fence or the like (a
    dialogue dash written as "- ", say) escaped; its visible text stays the same."""
    if "\n" not in translation:  # most translations: one line
        text = translation.strip()
        return _literal_line(text) if starts_block else text
    text = _BLANK_LINES.sub("\n", translation.strip())
    lines: list[str] = []
    for index, line in enumerate(text.split("\n")):
        if index and _starts_html_block(line):
            lines[-1] += " " + line.lstrip(" \t")  # a line break shows as a space all the same
        else:
            lines.append(_literal_line(line) if index or starts_block else line)
    return "\n".join(lines)


def _starts_html_block(line: str) -> bool:
    """Whether ``line``, inside a paragraph, would end it and start raw HTML (``<div>``, an HTML
    comment): the source's HTML that a translation wraps onto a line of its own."""
    stripped = line.lstrip(" \t")
    return stripped.startswith("<") and not _is_paragraph(stripped)


def _literal_line(line: str) -> str:
    """``line`` as a line that continues a block: a backslash before the character that would
    start a block of its own (one after the number of an ordered list's marker)."""
    stripped = line.lstrip(" \t")  # leading spaces could make an indented code block
    if not (
        _ALWAYS_A_BLOCK.match(stripped)
        or (_MAY_START_A_BLOCK.match(stripped) and not _is_paragraph(stripped))
    ):
        return stripped
    number = _ORDERED.match(stripped)
    at = 0 if number is None else number.end()
    return f"{stripped[:at]}\\{stripped[at:]}"


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    return MarkdownIt("commonmark")


@lru_cache(maxsize=1)
def _table_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _table_header(line: str) -> bool:
    """Whether ``line``, over a setext heading's ``---``, would be read as a table's header
    instead: markdown-it takes a line with a "|" that splits it into one cell ("Итоги |",
    "5 \\| 6") over a one-cell delimiter row."""
    if "|" not in line:
        return False
    return _table_parser().parse(f"{line}\n---")[0].type == "table_open"


def _no_lone_pipe(line: str) -> str:
    """``line`` with the pipes that make it a table's header written as ``&#124;``, which shows
    as "|": one at either end, and the escaped ones."""
    line = line.replace("\\|", "&#124;").rstrip(" \t")
    if line.startswith("|"):
        line = "&#124;" + line[1:]
    if line.endswith("|"):
        line = line[:-1] + "&#124;"
    return line


def _is_paragraph(line: str) -> bool:
    """Whether ``line`` on its own is a paragraph ("``` ``` x" is a code span, not a fence)."""
    types = [token.type for token in _block_parser().parse(line)]
    return types == ["paragraph_open", "inline", "paragraph_close"]


def _escape_pipes(text: str) -> str:
    out = []
    escaped = False
    for char in text:
        if char == "|" and not escaped:
            out.append("\\|")
        else:
            out.append(char)
        escaped = char == "\\" and not escaped
    return "".join(out)
