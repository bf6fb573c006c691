"""Files of articles that are gone (taken down, renamed): what a whole-project run does with them.

A page that transflow built, or a template it extracted, is made from an article; once the
article is gone, the next run over the whole project removes it, so a taken-down story leaves
the site with the next build. Only files the stamps know transflow wrote, still exactly as it
wrote them, are removed: a file changed since is left and named, and a page transflow never
recorded (the cache was deleted) is left. A template the stamps do not know (from git, say) is
removed where its header says transflow made it (``catalog.sync``): it holds only the article's
text. Catalogs hold translators' work and are never removed: ``update`` names them until someone
deletes them or the article comes back.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from transflow.stamps import Stamps, StrPath


@dataclass(frozen=True)
class Gone:
    removed: list[Path] = field(default_factory=list)  # made from a gone article: removed
    changed: list[Path] = field(default_factory=list)  # made from one, but changed since: left


def retire(stamps: Stamps, outputs_of: dict[str, list[StrPath]]) -> Gone:
    """Remove the outputs of the stamps' work keys in ``outputs_of`` (key → its output paths, in
    the order the stamps recorded them; see ``keys_of``), each only where the file is still as
    one of those keys recorded it; then forget the keys."""
    states = recorded_states(stamps, outputs_of)
    gone = remove_unchanged(list(states), states)
    for key in outputs_of:
        stamps.forget(key)
    return gone


def recorded_states(
    stamps: Stamps, outputs_of: dict[str, list[StrPath]]
) -> dict[str, list[list[int] | None]]:
    """Each output path of the keys in ``outputs_of``, with the states its keys recorded."""
    recorded: dict[str, list[list[int] | None]] = {}
    for key, paths in outputs_of.items():
        states = stamps.entries[key]["outputs"]
        for path, state in zip(paths, states, strict=False):
            recorded.setdefault(str(path), []).append(state)
    return recorded


def remove_unchanged(names: list[str], states: dict[str, list[list[int] | None]]) -> Gone:
    """Remove each file of ``names`` whose size and mtime are those of one of its ``states``
    (``stamps.state_of``); list the others that exist as changed. The ctime is left out here: a
    project copied with its times (``cp -a``) still removes the files it no longer makes."""
    gone = Gone()
    for name in names:
        try:
            info = os.stat(name)  # noqa: PTH116  (str paths, as in the stamps)
        except FileNotFoundError:
            continue
        recorded = [state[:2] for state in states.get(name, []) if state is not None]
        if [info.st_size, info.st_mtime_ns] in recorded:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(name)  # noqa: PTH108
            gone.removed.append(Path(name))
        else:
            gone.changed.append(Path(name))
    return gone


def keys_of(stamps: Stamps, prefix: str, wanted: Callable[[str], bool]) -> list[tuple[str, str]]:
    """(key, slug) of the stamps' work keys ``prefix:slug[:...]`` whose slug is ``wanted``.

    The fields after the slug are split off from the right, so a slug with a ":" is read whole."""
    found = []
    start = prefix + ":"
    fields = _FIELDS_AFTER_SLUG.get(prefix, 0)
    for key in stamps.entries:
        if not key.startswith(start):
            continue
        rest = key[len(start) :]
        slug = rest.rsplit(":", fields)[0] if fields else rest
        if wanted(slug):
            found.append((key, slug))
    return found


def gone_keys(stamps: Stamps, prefix: str, alive: set[str]) -> list[tuple[str, str]]:
    """``keys_of`` the articles not in ``alive``."""
    return keys_of(stamps, prefix, lambda slug: slug not in alive)


# How many ":"-separated fields each kind of key has after the slug.
_FIELDS_AFTER_SLUG = {"build": 2, "template": 0, "catalog": 1}


def orphan_catalogs(locales: Path, languages: list[str], alive: set[str]) -> list[Path]:
    """Catalogs (``<lang>/LC_MESSAGES/<slug>.po``) whose article is not in ``alive``."""
    found: list[Path] = []
    for lang in languages:
        folder = locales / lang / "LC_MESSAGES"
        with contextlib.suppress(FileNotFoundError, NotADirectoryError):
            names = os.listdir(folder)  # noqa: PTH208  (names, not Paths: thousands of them)
            slugs = sorted(n[:-3] for n in names if n[-3:] == ".po")
            found.extend(folder / f"{slug}.po" for slug in slugs if slug not in alive)
    return found


def unrecorded_templates(folder: Path, skip: set[str]) -> list[Path]:
    """Remove the templates (``<slug>.pot`` in ``folder``) of articles not in ``skip`` (those
    alive, and those the stamps know, which ``retire`` sees to): one from git, say, or made
    before the cache was deleted. Only where transflow made it (its header says so): a template
    holds nothing but its article's text. Other files are left alone."""
    try:
        names = os.listdir(folder)  # noqa: PTH208  (names, not Paths: thousands of them)
    except (FileNotFoundError, NotADirectoryError):
        return []
    removed = []
    for name in sorted(names):
        path = folder / name
        if name[-4:] != ".pot" or name[:-4] in skip:
            continue
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
            if _MADE_BY_TRANSFLOW in head:
                path.unlink()
                removed.append(path)
        except (FileNotFoundError, IsADirectoryError):
            continue
    return removed


_MADE_BY_TRANSFLOW = b'\n"X-Generator: transflow\\n"\n'
