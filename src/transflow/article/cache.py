"""Segments of an article remembered across commands, keyed by the article's exact bytes.

``extract``, ``update`` and ``build`` all need an article's segments; segmenting is the costly
part of reading an article, so the result is kept in ``.transflow-cache/segments.sqlite`` (see
``cachedb``). An entry is used only when the article's bytes, the segmentation settings and the
transflow version are all the same; anything unreadable is ignored and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import marshal
import sqlite3
from pathlib import Path

from transflow import __version__
from transflow.article.frontmatter import split_front_matter
from transflow.article.parse import Article, parse_article
from transflow.article.segment import Segment
from transflow.cachedb import connection
from transflow.errors import ArticleError
from transflow.fsutil import decode_utf8

_FORMAT = 3  # bump when Segment's fields change
_SCHEMA = "CREATE TABLE IF NOT EXISTS segments (slug TEXT PRIMARY KEY, key BLOB, data BLOB)"


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
    ).digest()
    db = connection(cache_dir / "segments.sqlite", _SCHEMA)
    segments = None if db is None else _load(db, slug, key)
    if segments is not None:
        front = split_front_matter(text, path, translate)
        return Article(slug, path, text, front, segments)
    article = parse_article(text, path, slug, translate, sentences)
    if db is not None:
        rows = [_row(segment) for segment in article.segments]
        with contextlib.suppress(sqlite3.Error):
            db.execute(
                "INSERT OR REPLACE INTO segments VALUES (?, ?, ?)", (slug, key, marshal.dumps(rows))
            )
    return article


def _row(s: Segment) -> tuple[object, ...]:
    return (s.msgid, s.role, s.line, s.start, s.end, s.block, s.sentence, s.sentences)


def _load(db: sqlite3.Connection, slug: str, key: bytes) -> tuple[Segment, ...] | None:
    try:
        row = db.execute("SELECT data FROM segments WHERE slug = ? AND key = ?", (slug, key))
        found = row.fetchone()
        if found is None:
            return None
        return tuple(Segment(*fields) for fields in marshal.loads(found[0]))
    except (sqlite3.Error, EOFError, ValueError, TypeError):
        return None
