"""Source article + reviewed translations → the article's text in another language.

The source is parsed again and each segment's translation is spliced in at the segment's exact
offsets, so every byte outside a translated segment — front matter, spacing, link targets, code —
stays as it was. A translation identical to its segment leaves the source bytes untouched.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from transflow.article.frontmatter import yaml_scalar
from transflow.article.parse import Article
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


def reviewed_translations(catalog: Catalog) -> dict[str, str]:
    """msgid → msgstr of the entries that may be published: translated and not fuzzy."""
    return {e.msgid: e.msgstr for e in catalog.entries if e.translated and e.msgctxt is None}


def render_markdown(article: Article, translations: Mapping[str, str]) -> Rendered:
    pieces: list[str] = []
    position = 0
    translated = fallback = 0
    meta = dict(article.front_matter.data)
    body_start = article.front_matter.body_start
    for segment in sorted(article.segments, key=lambda s: s.start):
        translation = translations.get(segment.msgid)
        if translation is None:
            fallback += 1
            continue
        translated += 1
        if translation == segment.msgid:
            continue
        pieces.append(article.text[position : segment.start])
        if segment.role.startswith(_FRONT_MATTER):
            value = yaml_scalar(translation)
            body_start += len(value) - (segment.end - segment.start)
            meta[segment.role.removeprefix(_FRONT_MATTER)] = translation
        else:
            value = _fit(translation, segment.role)
        pieces.append(value)
        position = segment.end
    pieces.append(article.text[position:])
    return Rendered("".join(pieces), translated, fallback, meta, body_start)


_FRONT_MATTER = "front matter: "  # the role of a front-matter field's segment, then its name


def _fit(translation: str, role: str) -> str:
    """Keep a translation from breaking the block it goes into."""
    if role in ("heading", "table cell"):
        translation = " ".join(translation.split("\\\n"))
        translation = " ".join(translation.splitlines())
    if role == "table cell":
        translation = _escape_pipes(translation)
    return translation


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
