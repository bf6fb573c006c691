"""Stamps: work is skipped only when its inputs hold what the work was done from."""

from __future__ import annotations

from pathlib import Path

from transflow.stamps import Stamps, data_digest, file_digest, known_file


def test_an_input_saved_while_the_work_ran_makes_the_work_stale(tmp_path: Path) -> None:
    catalog = tmp_path / "story.po"
    catalog.write_text('msgid "a"\nmsgstr ""\n', encoding="utf-8")
    stamps = Stamps(tmp_path / "cache", "build")
    found = known_file(catalog)  # the worker, before it reads the catalog
    # A translator saves while the pages are made from what was read before.
    catalog.write_text('msgid "a"\nmsgstr "ә"\n', encoding="utf-8")
    stamps.record("build:story", [catalog], "settings", [], known={str(catalog): found})
    stamps.save()

    again = Stamps(tmp_path / "cache", "build")
    assert not again.fresh("build:story", [catalog], "settings", [])
    again.record("build:story", [catalog], "settings", [])
    assert again.fresh("build:story", [catalog], "settings", [])


def test_a_missing_input_is_remembered_as_missing(tmp_path: Path) -> None:
    article = tmp_path / "story.md"
    article.write_text("Text.\n", encoding="utf-8")
    catalog = tmp_path / "story.po"  # not made yet
    known = {str(article): known_file(article), str(catalog): known_file(catalog)}
    stamps = Stamps(tmp_path / "cache", "build")
    stamps.record("build:story", [article, catalog], "settings", [], known=known)

    assert stamps.fresh("build:story", [article, catalog], "settings", [])
    catalog.write_text('msgid "a"\nmsgstr ""\n', encoding="utf-8")
    assert not stamps.fresh("build:story", [article, catalog], "settings", [])


def test_a_learned_file_keeps_its_digest_until_it_changes(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(b"<p>one</p>\n")
    info = page.stat()
    stamps = Stamps(tmp_path / "cache", "build")
    stamps.learn(page, info.st_size, info.st_mtime_ns, data_digest(b"<p>one</p>\n"))
    assert stamps.digest(page) == file_digest(page)

    page.write_bytes(b"<p>two, longer</p>\n")
    assert stamps.digest(page) == data_digest(b"<p>two, longer</p>\n")
