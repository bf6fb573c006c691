"""An article file → its front matter and its segments, in document order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from transflow.article.blocks import body_blocks
from transflow.article.frontmatter import FrontMatter, split_front_matter
from transflow.article.segment import Segment, block_segments, normalize
from transflow.errors import ArticleError

# The role of a front-matter field's segment (and its entries' extracted comment), then its name.
FRONT_MATTER_ROLE = "front matter: "


@dataclass(frozen=True)
class Article:
    slug: str
    path: Path
    text: str
    front_matter: FrontMatter
    segments: tuple[Segment, ...]
    bom: bool = False  # the file starts with a byte order mark (not in ``text``), kept when built

    @property
    def metadata(self) -> dict[str, Any]:
        return self.front_matter.data


def parse_article(
    text: str, path: Path, slug: str, translate: tuple[str, ...], sentences: bool
) -> Article:
    """Split ``text`` into segments; every segment knows its exact offsets in ``text``."""
    if "\x00" in text:
        raise ArticleError(
            "contains a NUL byte; is it a binary file?", path, _line_of(text, "\x00")
        )
    front = split_front_matter(text, path, translate)
    segments: list[Segment] = []
    for number, value in enumerate(front.fields):
        role = f"{FRONT_MATTER_ROLE}{value.name}"
        msgid = normalize(value.value)
        segments.append(Segment(msgid, role, value.line, value.start, value.end, -1 - number))
    blocks = body_blocks(text, front.body_start, front.body_line)
    for index, block in enumerate(blocks):
        segments.extend(block_segments(block, index, sentences, "en"))
    return Article(slug, path, text, front, tuple(segments))


def _line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1
