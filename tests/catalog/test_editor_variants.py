"""Catalogs as other editors and gettext tools write them: ``update`` keeps every translation,
leaves what GNU gettext reads as it was, and refuses, with the file and line, what it cannot
write back for GNU gettext; ``build`` shows what the translator typed."""

from __future__ import annotations

import codecs
import subprocess
from pathlib import Path

import pytest

from tests.catalog.test_gettext_reference import assert_gettext_clean
from tests.conftest import SAMPLE_SLUG

pytestmark = pytest.mark.gettext


def catalog(root: Path, language: str = "kk") -> Path:
    return root / "locales" / language / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"


def gnu(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, errors="replace", check=False)


def reviewed(path: Path) -> str:
    """The reviewed translations of a catalog as GNU reads them, in one form whatever the
    wrapping, order and line ends."""
    done = gnu(
        "msgattrib", "--translated", "--no-fuzzy", "--no-obsolete", "--no-wrap",
        "--sort-output", "--no-location", str(path),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    entries = done.stdout.split("\n\n")[1:]  # the header's dates are update's to change
    return "\n\n".join(entries)


def settled(sample: Path, run) -> Path:  # type: ignore[no-untyped-def]
    """The sample with its catalogs as ``update`` leaves them; the Kazakh one."""
    assert run(sample, "update").exit_code == 0
    return catalog(sample)


def files(root: Path) -> dict[Path, bytes]:
    """The project's files but its cache."""
    cache = root / ".transflow-cache"
    return {p: p.read_bytes() for p in root.rglob("*") if p.is_file() and cache not in p.parents}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "rewrite",
    [
        ["msgcat", "--no-wrap"],
        ["msgcat", "--width=60"],
        ["msgcat", "--sort-output"],
        ["msgattrib", "--clear-fuzzy"],
        ["msgattrib", "--set-fuzzy"],
        ["crlf"],
        ["no final newline"],
    ],
    ids=lambda rewrite: " ".join(rewrite),
)
def test_a_catalog_rewritten_by_another_tool_keeps_every_translation(
    sample: Path, run, rewrite: list[str]
) -> None:
    po = settled(sample, run)
    if rewrite == ["crlf"]:
        po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    elif rewrite == ["no final newline"]:
        po.write_bytes(po.read_bytes().rstrip(b"\n"))
    else:
        done = gnu(*rewrite, str(po), "-o", str(po))
        assert done.returncode == 0, done.stderr
    theirs = reviewed(po)
    before = po.read_bytes()
    result = run(sample, "update", "-l", "kk")
    assert result.exit_code == 0, result.output
    assert reviewed(po) == theirs.replace("\r", "")  # comments aside, nothing changed
    check = gnu("msgfmt", "-c", "-o", "/dev/null", str(po))
    assert check.returncode == 0, check.stderr
    if po.read_bytes() != before:  # written by transflow: in msgcat's own form
        assert_gettext_clean(po)
    after = po.read_bytes()
    assert run(sample, "update", "-l", "kk").exit_code == 0
    assert po.read_bytes() == after


def test_a_byte_order_mark_that_gnu_refuses_is_taken_out_by_update(sample: Path, run) -> None:
    po = settled(sample, run)
    clean = po.read_bytes()
    po.write_bytes(codecs.BOM_UTF8 + clean)  # as Notepad saves "UTF-8 with BOM"
    assert gnu("msgfmt", "-c", "-o", "/dev/null", str(po)).returncode != 0
    for command in ("build", "status", "check"):
        assert run(sample, command, "-l", "kk").exit_code == 0, command
    result = run(sample, "update", "-l", "kk")
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == clean  # the mark gone, every other byte as it was
    assert_gettext_clean(po)
    assert run(sample, "update", "-l", "kk").output.strip() == "All catalogs are up to date."


@pytest.mark.parametrize("keyword", ["msgctxt", "msgid_plural"])
def test_a_previous_string_without_its_previous_msgid_names_its_line(
    sample: Path, run, keyword: str
) -> None:
    po = settled(sample, run)
    text = po.read_text(encoding="utf-8")
    entry = '#, fuzzy\n#| {} "Old text."\nmsgid "New text."\nmsgstr "Жаңа мәтін."\n'
    po.write_text(text + "\n" + entry.format(keyword), encoding="utf-8")
    before = files(sample)
    assert gnu("msgcat", str(po)).returncode != 0  # GNU refuses it too
    line = text.count("\n") + 4  # the msgid line, where GNU stops as well
    for command in ("update", "build", "status", "check"):
        result = run(sample, command)
        assert result.exit_code == 1, command
        assert result.output == (
            f"Error: {po}:{line}: previous (#|) {keyword} without a previous (#|) msgid\n"
        )
    assert files(sample) == before


def test_a_form_feed_or_vertical_tab_after_a_string_is_blank_space_as_in_gnu(
    sample: Path, run
) -> None:
    po = settled(sample, run)
    title = 'msgstr "Қазақстанда ең ұзақ жаза өтеген саяси тұтқын қайтыс болды"'
    edit(po, title, title + "\f")
    edit(
        po,
        'msgid "Aron Atabek. Photo: [currenttime.tv](#)"',
        'msgid\v"Aron Atabek. Photo: [currenttime.tv](#)"',
    )
    theirs = reviewed(po)
    for command in ("update", "build", "status", "check"):
        result = run(sample, command, "-l", "kk")
        assert result.exit_code == 0, result.output
    assert reviewed(po) == theirs
    page = (sample / "build/kk" / f"{SAMPLE_SLUG}.md").read_text(encoding="utf-8")
    assert '\ncaption: "Арон Атабек. Фото: [currenttime.tv](#)"\n' in page


def test_a_catalog_saved_in_a_legacy_charset_says_how_to_convert_it(sample: Path, run) -> None:
    po = settled(sample, run)
    ru = catalog(sample, "ru")
    done = gnu("msgconv", "-t", "CP1251", str(ru), "-o", str(ru))
    assert done.returncode == 0, done.stderr
    legacy = ru.read_bytes()
    kk = po.read_bytes()
    result = run(sample, "update")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {ru}:")
    assert result.output.endswith(
        ": its header says charset=CP1251; `msgconv -t UTF-8` converts it\n"
    )
    assert result.output.count("\n") == 1
    assert ru.read_bytes() == legacy and po.read_bytes() == kk


ARTICLE = """---
title: Backslashes
---

The first sentence is here.
The second sentence follows it.

A line that ends in a hard break.\\
The line after it.

## A heading about C

| Term | Meaning |
|------|---------|
|a path|the folder|
"""


def test_what_a_translator_types_at_the_end_of_a_segment_shows_on_the_page(
    new_project: Path, run
) -> None:
    (new_project / "articles" / "paths.md").write_text(ARTICLE, encoding="utf-8")
    assert run(new_project, "update", "-l", "kk").exit_code == 0
    po = new_project / "locales/kk/LC_MESSAGES/paths.po"
    for msgid, msgstr in [
        ("Backslashes", "Кері сызықтар"),
        ("The first sentence is here.", "Бірінші жол C:\\\\"),  # a Windows folder, say
        ("The second sentence follows it.", "Екінші сөйлем."),
        ("A line that ends in a hard break.", "Қатты үзіліс\\\\"),
        ("A heading about C", "Тақырып: C #"),
        ("a path", "жол D:\\\\"),
        ("Term", "Термин"),
        ("Meaning", "Мағынасы"),
        ("the folder", "бума"),
    ]:
        edit(po, f'msgid "{msgid}"\nmsgstr ""', f'msgid "{msgid}"\nmsgstr "{msgstr}"')
    assert run(new_project, "build", "-l", "kk").exit_code == 0, "build"
    page = (new_project / "build/kk/paths.html").read_text(encoding="utf-8")
    assert "<p>Бірінші жол C:\\\nЕкінші сөйлем.</p>" in page  # no line break, the backslash kept
    # The source's line break kept; the untranslated sentence after it is marked as English.
    assert 'Қатты үзіліс\\<br />\n<span lang="en">The line after it.</span>' in page
    assert "<h2>Тақырып: C #</h2>" in page
    assert "<td>жол D:\\</td>\n<td>бума</td>" in page  # still two cells


def test_a_crlf_catalog_that_update_rewrites_has_lf_throughout(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    """msgcat would keep the CR after each comment and write LF elsewhere: a file with mixed
    line ends, which editors and diffs show as changed on every line."""
    po = settled(sample, run)
    theirs = reviewed(po)
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    article.write_text(article.read_text("utf-8") + "\nA sentence added later.\n", "utf-8")
    result = run(sample, "update", "-l", "kk")
    assert result.exit_code == 0, result.output
    assert b"\r" not in po.read_bytes()
    assert reviewed(po) == theirs  # every translation kept
    assert_gettext_clean(po)
