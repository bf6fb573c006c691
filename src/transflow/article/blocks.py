"""Markdown body → translatable blocks, each mapped back to exact offsets in the source.

markdown-it-py gives each block its lines; container markup (``>``, list indents) is stripped
from the inline content it reports. We find each content line again in its source line, so every
block is a list of pieces ``(source offset, text)`` that are exact substrings of the file.
Translations are later spliced in by offset, which keeps every byte that is not translated.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from transflow.models import Reduced, by_constructor


@dataclass(frozen=True)
class Piece:
    start: int  # offset in the file
    text: str  # exactly file[start : start + len(text)]

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@dataclass(frozen=True)
class Block:
    role: str  # "heading", "paragraph", "list item", "block quote", "table cell"
    pieces: tuple[Piece, ...]  # one per source line, in order
    line: int  # 1-based line of the first piece

    @property
    def content(self) -> str:
        return "\n".join(piece.text for piece in self.pieces)

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


@lru_cache(maxsize=1)
def block_parser() -> MarkdownIt:
    """Blocks only: inline content is kept as text, which is all segmentation needs."""
    parser = MarkdownIt("commonmark").enable("table")
    parser.core.ruler.disable("inline")
    return parser


def body_blocks(text: str, body_start: int, body_line: int) -> list[Block]:
    """The translatable blocks of the Markdown body that starts at ``body_start`` in ``text``."""
    body = text[body_start:]
    line_starts = _line_starts(body)
    tokens = block_parser().parse(body)
    blocks: list[Block] = []
    containers: list[str] = []
    for index, token in enumerate(tokens):
        if token.type in ("blockquote_open", "list_item_open"):
            containers.append("block quote" if token.type == "blockquote_open" else "list item")
        elif token.type in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif token.type == "tr_open" and token.map is not None:
            blocks.extend(_row_blocks(body, line_starts, token.map[0], body_start, body_line))
        elif token.type == "inline" and token.map is not None:
            parent = tokens[index - 1].type
            role = _role(parent, containers)
            pieces = _pieces(body, line_starts, token, parent)
            if pieces:
                shifted = tuple(Piece(p.start + body_start, p.text) for p in pieces)
                # Lines before the block: a search of the line starts, not a count of the
                # body's line breaks for each block (that grew with the square of its length).
                first_line = body_line + bisect_right(line_starts, pieces[0].start)
                blocks.append(Block(role, shifted, first_line))
    return blocks


def _role(parent: str, containers: list[str]) -> str:
    if parent == "heading_open":
        return "heading"
    if parent in ("th_open", "td_open"):
        return "table cell"
    return containers[-1] if containers else "paragraph"


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", text))
    return starts


def _source_line(body: str, line_starts: list[int], number: int) -> tuple[int, str]:
    start = line_starts[number]
    end = line_starts[number + 1] - 1 if number + 1 < len(line_starts) else len(body)
    return start, body[start:end]


def _pieces(body: str, line_starts: list[int], token: Token, parent: str) -> tuple[Piece, ...]:
    assert token.map is not None
    if parent in ("th_open", "td_open"):
        return ()  # table cells are taken row by row in _table_pieces
    first, last = token.map
    lines = token.content.split("\n")
    if parent == "heading_open" and len(lines) == 1 and last - first == 1:
        start, source = _source_line(body, line_starts, first)
        return _atx_piece(start, source, lines[0])
    if len(lines) != last - first:
        return ()
    pieces = []
    for number, content in zip(range(first, last), lines, strict=True):
        start, source = _source_line(body, line_starts, number)
        piece = _find_suffix(start, source, content)
        if piece is None:
            return ()
        pieces.append(piece)
    return tuple(pieces)


def _atx_piece(start: int, source: str, content: str) -> tuple[Piece, ...]:
    if not content:
        return ()
    hashes = re.match(r"[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*#{1,6}", source)
    position = source.find(content, hashes.end() if hashes else 0)
    if position < 0:
        return ()
    return (Piece(start + position, content),)


def _find_suffix(start: int, source: str, content: str) -> Piece | None:
    """``content`` as it stands at the end of ``source`` (container markup before it).

    Trailing spaces are kept when the source has them: two of them make a hard line break.
    """
    stripped = content.lstrip(" \t")
    if not stripped.strip():
        return None
    line = source.removesuffix("\r")
    if line.endswith(stripped):
        return Piece(start + len(line) - len(stripped), stripped)
    stripped = stripped.rstrip(" \t")
    trimmed = line.rstrip(" \t")
    if trimmed.endswith(stripped):
        return Piece(start + len(trimmed) - len(stripped), stripped)
    return None


def _row_blocks(
    body: str, line_starts: list[int], number: int, body_start: int, body_line: int
) -> list[Block]:
    """One block per non-empty cell of the table row on line ``number`` of the body."""
    start, source = _source_line(body, line_starts, number)
    line = body_line + number + 1
    return [
        Block("table cell", (Piece(body_start + start + offset, cell),), line)
        for offset, cell in _split_row(source)
    ]


def _split_row(row: str) -> list[tuple[int, str]]:
    """Cells of a table row as (offset in row, stripped text); ``\\|`` does not split a cell."""
    cells: list[tuple[int, str]] = []
    indent = len(row) - len(row.lstrip(" \t>"))
    position = indent + 1 if row[indent : indent + 1] == "|" else indent
    cell_start = position
    index = position
    while index <= len(row):
        char = row[index] if index < len(row) else "|"
        if char == "\\" and index + 1 < len(row):
            index += 2
            continue
        if char == "|" or index == len(row):
            raw = row[cell_start:index]
            text = raw.strip()
            if text:
                cells.append((cell_start + raw.index(text), text))
            cell_start = index + 1
        index += 1
    return cells
