"""Article slugs: the file name of an article without ``.md``."""

from __future__ import annotations

import re
from pathlib import Path

from transflow.errors import ArticleError

SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")


def check_slug(slug: str, path: Path | None = None) -> str:
    """A slug names a file inside the articles folder: no separators, no leading dot."""
    if not SLUG.match(slug) or ".." in slug:
        raise ArticleError(
            f"{slug!r} is not a valid article slug (letters, digits, '.', '_', '-'; "
            "no path separators)",
            path,
        )
    return slug
