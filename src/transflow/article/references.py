"""An article's link reference definitions (``[label]: url``): what makes a "[label]" of its
text a link, a shortcut reference, rather than brackets ("[sic]").

The catalogs hold an article's sentences, not its definitions, which are no text to translate;
``check`` and ``translate`` read them from the article itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from transflow.article.blocks import block_parser
from transflow.article.frontmatter import split_front_matter
from transflow.errors import ArticleError
from transflow.fsutil import decode_utf8

NONE: frozenset[str] = frozenset()


def defined_labels(text: str, body_start: int = 0) -> frozenset[str]:
    """The labels defined in the Markdown body that starts at ``body_start`` of ``text``, as
    ``article.inline.definition_key`` writes them: where markdown-it finds a definition (not in
    a code block; in a block quote or list item too), the label it would match."""
    body = text[body_start:]
    if "]:" not in body:  # a definition's label is followed by its colon
        return NONE
    env: dict[str, Any] = {}
    block_parser().parse(body, env)
    return frozenset(env.get("references", {}))


def article_labels(data: bytes, path: Path, translate: tuple[str, ...]) -> frozenset[str]:
    """``defined_labels`` of the article file that holds ``data``; none when it cannot be read
    as an article (``update`` and ``build`` say what is wrong with it)."""
    if b"]:" not in data:
        return NONE
    try:
        text = decode_utf8(data, path, ArticleError)
        body_start = split_front_matter(text, path, translate).body_start
    except ArticleError:
        return NONE
    return defined_labels(text, body_start)


def read_article_labels(path: Path, translate: tuple[str, ...]) -> frozenset[str]:
    """``article_labels`` of the file at ``path``; none when there is no such file."""
    try:
        data = path.read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return NONE
    return article_labels(data, path, translate)
