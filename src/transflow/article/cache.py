"""Segments of an article remembered across commands, keyed by the article's exact bytes.

``extract``, ``update`` and ``build`` all need an article's segments; segmenting is the costly
part of reading an article, so the result is kept as JSON in ``.transflow-cache/segments/``. A
cache entry is used only when the article's bytes, the segmentation settings and the transflow
version are all the same; anything unreadable is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path

from transflow import __version__
from transflow.article.frontmatter import split_front_matter
from transflow.article.parse import Article, parse_article
from transflow.article.segment import Segment
from transflow.errors import ArticleError
from transflow.fsutil import decode_utf8, write_text_atomic

_FORMAT = 2  # bump when Segment's fields change


def read_article_cached(
    path: Path, slug: str, translate: tuple[str, ...], sentences: bool, cache_dir: Path
) -> Article:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ArticleError("no such article", path) from None
    text = decode_utf8(data, path, ArticleError)
    key = hashlib.blake2b(
        json.dumps([_FORMAT, __version__, translate, sentences]).encode() + data, digest_size=16
    ).hexdigest()
    store = cache_dir / "segments" / f"{slug}.json"
    segments = _load(store, key)
    if segments is not None:
        front = split_front_matter(text, path, translate)
        return Article(slug, path, text, front, segments)
    article = parse_article(text, path, slug, translate, sentences)
    rows = [_row(segment) for segment in article.segments]
    with contextlib.suppress(OSError):
        write_text_atomic(
            store, json.dumps({"key": key, "segments": rows}, ensure_ascii=False), durable=False
        )
    return article


def _row(s: Segment) -> list[object]:
    return [s.msgid, s.role, s.line, s.start, s.end, s.block, s.sentence, s.sentences]


def _load(store: Path, key: str) -> tuple[Segment, ...] | None:
    try:
        cached = json.loads(store.read_text(encoding="utf-8"))
        if cached["key"] != key:
            return None
        return tuple(Segment(*row) for row in cached["segments"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
