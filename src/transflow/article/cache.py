"""Segments of an article remembered across commands, keyed by the article's exact bytes.

``extract``, ``update`` and ``build`` all need an article's segments; segmenting is the costly
part of reading an article, so the result is kept in ``.transflow-cache/segments.sqlite`` (see
``cachedb``). An entry is used only when the article's bytes, the segmentation settings and the
transflow version are all the same; anything unreadable is ignored and rebuilt.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from transflow import __version__, cachedb
from transflow.article.frontmatter import split_front_matter
from transflow.article.parse import Article, parse_article
from transflow.article.segment import Segment
from transflow.errors import ArticleError
from transflow.fsutil import decode_utf8

# Bump when Segment's fields, how articles are segmented, or what they may hold changes.
_FORMAT = 13
NAME = "segments.sqlite"  # in the cache folder


def read_article_cached(
    path: Path,
    slug: str,
    translate: tuple[str, ...],
    sentences: bool,
    cache_dir: Path,
    data: bytes | None = None,
) -> Article:
    """The article at ``path``; ``data``: its bytes, when the caller has read them already."""
    if data is None:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise ArticleError("no such article", path) from None
    text = decode_utf8(data, path, ArticleError)
    key = hashlib.blake2b(
        json.dumps([_FORMAT, __version__, translate, sentences]).encode() + data, digest_size=16
    ).digest()
    store = cache_dir / NAME
    segments = _segments(cachedb.get(store, slug, key))
    bom = data.startswith(codecs.BOM_UTF8)
    if segments is not None:
        front = split_front_matter(text, path, translate)
        return Article(slug, path, text, front, segments, bom)
    article = parse_article(text, path, slug, translate, sentences)
    cachedb.put(store, slug, key, [_row(segment) for segment in article.segments])
    return replace(article, bom=bom) if bom else article


def _row(s: Segment) -> tuple[object, ...]:
    return (s.msgid, s.role, s.line, s.start, s.end, s.block, s.sentence, s.sentences)


def _segments(rows: Any) -> tuple[Segment, ...] | None:
    try:
        return None if rows is None else tuple(Segment(*fields) for fields in rows)
    except TypeError:
        return None  # not what this version stores
