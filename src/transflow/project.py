"""A transflow project on disk: its settings, its articles and where their catalogs live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from transflow.article.slug import check_slug, is_slug
from transflow.config import CONFIG_NAME, Settings, config_line, load_settings
from transflow.errors import ArticleError, ConfigError, TransflowError

if TYPE_CHECKING:
    from transflow.article.parse import Article


@dataclass(frozen=True)
class FastPaths:
    """The project's file paths as strings, for loops over thousands of files (see stamps)."""

    articles: str
    locales: str
    build: str

    def article(self, slug: str) -> str:
        return f"{self.articles}/{slug}.md"

    def template(self, slug: str) -> str:
        return f"{self.locales}/templates/{slug}.pot"

    def catalog(self, lang: str, slug: str) -> str:
        return f"{self.locales}/{lang}/LC_MESSAGES/{slug}.po"

    def output(self, lang: str, slug: str, fmt: str) -> str:
        return f"{self.build}/{lang}/{slug}.{fmt}"


@dataclass(frozen=True)
class Project:
    settings: Settings

    @classmethod
    def open(cls, root: Path) -> Project:
        return cls(load_settings(root))

    @property
    def root(self) -> Path:
        return self.settings.root

    @cached_property
    def paths(self) -> FastPaths:
        s = self.settings
        return FastPaths(str(s.articles_dir), str(s.locales_dir), str(s.build_dir))

    def slugs(self, selected: tuple[str, ...] = ()) -> list[str]:
        """The articles to work on: all of them in name order, or those selected."""
        folder = self.settings.articles_dir
        if selected:
            for slug in selected:
                self._check_selected(slug)
            return list(dict.fromkeys(selected))
        if not folder.is_dir():
            raise self._no_articles_folder(folder)
        # The names as ``folder.glob("*.md")`` finds them (".md" alone has no suffix), from one
        # read of the folder: no stat, no Path per file, unless a folder entry is a link.
        with os.scandir(folder) as entries:
            names = [e.name for e in entries if e.name.endswith(".md") and e.is_file()]
        slugs = sorted(name[:-3] if len(name) > 3 else name for name in names)
        for slug in slugs:
            if not is_slug(slug):
                check_slug(slug, self.settings.article_path(slug))  # raises, naming the file
        return slugs

    def nested_articles(self) -> list[Path]:
        """Markdown files in subfolders of the articles folder (not hidden ones), in name order:
        they are not articles (an article is ``<articles>/<slug>.md``), and a newsroom that
        files stories by year would otherwise wonder why nothing is done with them."""
        folder = self.settings.articles_dir
        try:
            with os.scandir(folder) as entries:
                subfolders = [e.path for e in entries if e.is_dir() and not e.name.startswith(".")]
        except OSError:
            return []
        found = []
        for top in subfolders:
            for where, folders, names in os.walk(top):
                folders[:] = [name for name in folders if not name.startswith(".")]
                found += [Path(where, name) for name in names if name.endswith(".md")]
        return sorted(found)

    def _check_selected(self, slug: str) -> None:
        """``--article SLUG``: an article there is, named as a slug, not as its file."""
        path = self.settings.article_path(slug)
        stem = slug.rsplit("/", 1)[-1].removesuffix(".md")
        hint = ""
        if stem != slug and is_slug(stem) and self.settings.article_path(stem).is_file():
            hint = f"; did you mean --article {stem}?"
        try:
            check_slug(slug)
        except ArticleError as exc:
            raise ArticleError(exc.message + hint, exc.path, exc.line) from None
        if not path.is_file():
            # A file name given as the slug (my-story.md) is named as given, not as my-story.md.md.
            raise ArticleError(f"no article {slug!r}{hint}", path if not hint else None)

    def _no_articles_folder(self, folder: Path) -> ConfigError:
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        message = f"the articles folder {self.settings.articles!r} {what}"
        config = self.root / CONFIG_NAME
        line = config_line(config, ("articles",), exact=True)
        if line is not None:  # a setting that may be the typo: say where it is
            message += f" (`articles` in {config}:{line})"
        return ConfigError(message, folder)

    def check_output(self, path: Path, what: str) -> None:
        """Refuse ``path`` for ``what`` a command writes where the user says (``status -o``,
        ``tm export``) when it would replace the project's own files: its settings, its
        glossary, an article, a catalog or the cache."""
        from transflow.qa.glossary import GLOSSARY_NAME

        s = self.settings
        target = path.resolve()
        files = {CONFIG_NAME: "the project's settings", GLOSSARY_NAME: "the project's glossary"}
        for name, kind in files.items():
            if target == (self.root / name).resolve():
                raise TransflowError(f"is {kind}; write the {what} to another file", path)
        folders = {
            s.articles_dir: f"in the articles folder ({s.articles})",
            s.locales_dir: f"in the catalogs folder ({s.locales})",
            s.cache_dir: f"in the cache ({s.cache_dir.name})",
        }
        for folder, kind in folders.items():
            if folder.resolve() in target.parents:
                raise TransflowError(f"is {kind}; write the {what} somewhere else", path)

    def languages(self, selected: tuple[str, ...] = ()) -> list[str]:
        for lang in selected:
            if lang not in self.settings.target_languages:
                targets = ", ".join(self.settings.target_languages)
                what = (
                    "the source language, not a target language"
                    if lang == self.settings.source_language
                    else "not a target language"
                )
                raise ConfigError(f"{lang!r} is {what} of this project ({targets})")
        return list(selected) if selected else list(self.settings.target_languages)

    def article(self, slug: str, data: bytes | None = None) -> Article:
        """The article ``slug``; ``data``: the file's bytes, when the caller has read them."""
        from transflow.article.cache import read_article_cached  # markdown-it: only when needed

        path = self.inside(self.settings.article_path(slug))
        return read_article_cached(
            path,
            slug,
            self.settings.translate_fields,
            self.settings.segmentation == "sentence",
            self.settings.cache_dir,
            data,
        )

    def inside(self, path: Path) -> Path:
        """``path``, refused when it (or a link it follows) leads out of the project."""
        root = self._resolved_root
        resolved = self._resolve(path)
        if resolved != root and root not in resolved.parents:
            raise TransflowError("leads outside the project folder", path)
        return path

    @cached_property
    def _resolved_root(self) -> Path:
        return self.root.resolve()

    @cached_property
    def _resolved_folders(self) -> dict[Path, Path]:
        return {}

    def _resolve(self, path: Path) -> Path:
        """``path.resolve()``, with its folder resolved once per run: thousands of files share
        a few folders, and resolving walks every component of the path."""
        if path.name in ("", ".", "..") or path.is_symlink():
            return path.resolve()
        folders = self._resolved_folders
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        return folder / path.name

    def reference(self, slug: str) -> str:
        return f"{self.settings.articles}/{slug}.md"
