"""Turn the sample's Russian catalog into one with every kind of entry a report counts."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import SAMPLE_SLUG
from transflow.catalog.model import DRAFT_PREFIX, Entry
from transflow.catalog.store import read_catalog, write_catalog


def ru_catalog(root: Path) -> Path:
    return root / "locales" / "ru" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"


def make_partial(root: Path) -> None:
    """ru: 10 translated, 7 machine drafts, 4 stale fuzzy, 7 untranslated, 1 obsolete."""
    path = ru_catalog(root)
    catalog = read_catalog(path)
    assert len(catalog.entries) == 28
    for i, entry in enumerate(catalog.entries):
        if i % 4 == 1:
            entry.set_fuzzy(True)
            entry.translator_comments.append(DRAFT_PREFIX + "google")
        elif i % 4 == 2 and i < 15:
            entry.set_fuzzy(True)
            entry.previous_msgid = entry.msgid + " (old)"
        elif i % 4 == 3:
            entry.msgstr = ""
    catalog.entries.append(Entry("A removed sentence.", "Удалённое предложение.", obsolete=True))
    write_catalog(path, catalog)
