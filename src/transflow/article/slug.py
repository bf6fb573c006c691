"""Article slugs: the file name of an article without ``.md``."""

from __future__ import annotations

import re
from pathlib import Path

from transflow.errors import ArticleError

SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def is_slug(slug: str) -> bool:
    """Whether ``slug`` names a file inside the articles folder: no separators, no leading dot."""
    return SLUG.match(slug) is not None and ".." not in slug


def check_slug(slug: str, path: Path | None = None) -> str:
    """``slug``, when it is one (see ``is_slug``); else an error naming ``path``."""
    if not is_slug(slug):
        raise ArticleError(
            f"{slug!r} is not a valid article slug (ASCII letters, digits, '.', '_', '-', "
            "starting with a letter or digit; no path separators, no '..')",
            path,
        )
    return slug
