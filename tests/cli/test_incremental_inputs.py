"""What an incremental run depends on: each case gives what the same run gives without the cache."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from tests.cli.test_pipeline import snapshot
from tests.conftest import SAMPLE_SLUG

RU = Path("locales/ru/LC_MESSAGES") / f"{SAMPLE_SLUG}.po"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def as_without_cache(root: Path, run, *args: str) -> tuple[str, dict[str, bytes]]:  # type: ignore[no-untyped-def]
    """The output and files of ``args`` run on a copy of ``root`` without its cache."""
    copy = root.parent / "without-cache" / root.name  # same name: it is the project's name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".transflow-cache"))
    result = run(copy, *args)
    return result.output, snapshot(copy)


def _same_as_without_cache(root: Path, run, *args: str) -> str:  # type: ignore[no-untyped-def]
    expected, files = as_without_cache(root, run, *args)
    result = run(root, *args)
    assert result.output == expected, args
    assert snapshot(root) == files, args
    return result.output


def _set(root: Path, key: str, value: str) -> None:
    config = root / "transflow.toml"
    lines = [
        f"{key} = {value}" if line.startswith(f"{key} =") else line
        for line in config.read_text("utf-8").splitlines()
    ]
    config.write_text("\n".join(lines) + "\n", "utf-8")


def _break_a_number(catalog: Path) -> None:
    """2006 → 2007 in the first translation that has it: same size, an error for `numbers`."""
    text = catalog.read_text("utf-8")
    at = text.index("2006", text.index("msgstr", text.index("2006")))
    catalog.write_text(text[:at] + "2007" + text[at + 4 :], "utf-8")


def test_an_edit_that_keeps_the_size_and_mtime_is_seen(sample: Path, run) -> None:
    for command in ("build", "status", "check"):
        assert run(sample, command).exit_code == 0
    catalog = sample / RU
    info = catalog.stat()
    _break_a_number(catalog)
    os.utime(catalog, ns=(info.st_atime_ns, info.st_mtime_ns))  # as `touch -r` would
    assert catalog.stat().st_size == info.st_size
    assert "[numbers]" in _same_as_without_cache(sample, run, "check")
    _same_as_without_cache(sample, run, "build")
    assert "2007" not in (sample / "build/ru" / f"{SAMPLE_SLUG}.md").read_text("utf-8")


def test_an_edited_glossary_of_the_same_size_and_mtime_is_checked_again(sample: Path, run) -> None:
    assert run(sample, "check").exit_code == 0
    glossary = sample / "glossary.csv"
    info = glossary.stat()
    text = glossary.read_text("utf-8")
    glossary.write_text(text.replace("Шанырак", "Шанырок"), "utf-8")
    os.utime(glossary, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert "[glossary]" in _same_as_without_cache(sample, run, "check")


def test_status_names_the_catalogs_where_they_are_now(sample: Path, run) -> None:
    assert run(sample, "status").exit_code == 0
    (sample / "locales").rename(sample / "l10n")
    _set(sample, "locales", '"l10n"')
    output = _same_as_without_cache(sample, run, "status", "--format", "json")
    assert {row["path"][:5] for row in json.loads(output)["catalogs"]} == {"l10n/"}


def test_status_counts_an_article_not_extracted_yet_as_it_is_segmented_now(
    sample: Path, run
) -> None:
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    shutil.copy(article, sample / "articles" / "new-story.md")  # no template, no catalog
    assert run(sample, "status").exit_code == 0
    _set(sample, "segmentation", '"paragraph"')
    _same_as_without_cache(sample, run, "status", "--format", "json")


def test_build_names_blocked_entries_where_their_catalog_is_now(sample: Path, run) -> None:
    _break_a_number(sample / RU)
    assert "locales/ru/" in run(sample, "build").output
    (sample / "locales").rename(sample / "l10n")
    _set(sample, "locales", '"l10n"')
    assert "kept the source for l10n/ru/" in _same_as_without_cache(sample, run, "build")


def test_a_page_links_to_the_languages_built_after_it(sample: Path, run) -> None:
    assert run(sample, "build", "-l", "kk").exit_code == 0  # links to nothing: no other page
    assert run(sample, "build", "-l", "ru").exit_code == 0  # links to kk
    _same_as_without_cache(sample, run, "build", "-l", "kk")  # now links to ru too
    page = (sample / "build/kk" / f"{SAMPLE_SLUG}.html").read_text("utf-8")
    assert f"../ru/{SAMPLE_SLUG}.html" in page


def test_the_pages_of_a_language_no_longer_translated_into_are_removed(sample: Path, run) -> None:
    assert run(sample, "build").exit_code == 0
    _set(sample, "target_languages", '["kk"]')
    result = run(sample, "build")
    assert result.exit_code == 0
    assert f"removed build/ru/{SAMPLE_SLUG}.html" in result.output
    built = {path for path in snapshot(sample) if path.startswith("build/")}
    assert built == {
        f"build/{lang}/{SAMPLE_SLUG}.{fmt}" for lang in ("en", "kk") for fmt in ("md", "html")
    }
