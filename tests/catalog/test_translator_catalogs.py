"""``transflow update`` on catalogs as translators' tools leave them, held to GNU gettext."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.catalog.test_gettext_reference import assert_gettext_clean
from tests.conftest import SAMPLE_SLUG

pytestmark = pytest.mark.gettext

CLOSING = "A closing sentence added by the editor today."


def paths(root: Path) -> tuple[Path, Path, Path]:
    return (
        root / "articles" / f"{SAMPLE_SLUG}.md",
        root / "locales/kk/LC_MESSAGES" / f"{SAMPLE_SLUG}.po",
        root / "locales/templates" / f"{SAMPLE_SLUG}.pot",
    )


def msgmerge(old: Path, template: Path) -> str:
    done = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(old), str(template)],
        capture_output=True,
        check=True,
    )
    return done.stdout.decode("utf-8")


def update_like_msgmerge(root: Path, run, entries: str, tmp_path: Path) -> str:
    """Add ``entries`` to the kk catalog, add CLOSING to the article, update; the new catalog,
    checked to be what ``msgmerge --previous`` makes of the same two files."""
    article, catalog, template = paths(root)
    catalog.write_text(catalog.read_text(encoding="utf-8") + entries, encoding="utf-8")
    old = tmp_path / "old.po"
    old.write_bytes(catalog.read_bytes())
    article.write_text(article.read_text(encoding="utf-8") + f"\n{CLOSING}\n", encoding="utf-8")
    result = run(root, "update", "-l", "kk")
    assert result.exit_code == 0, result.output
    ours = catalog.read_text(encoding="utf-8")
    assert ours == msgmerge(old, template)
    assert_gettext_clean(catalog)
    return ours


def test_an_obsolete_fuzzy_entry_that_comes_back_keeps_its_previous_msgid(
    sample: Path, run, tmp_path: Path
) -> None:
    obsolete = (
        "\n# Әлия: қарау керек\n"
        "#, fuzzy\n"
        '#~| msgid "A closing sentence added by the editor."\n'
        f'#~ msgid "{CLOSING}"\n'
        '#~ msgstr "Редактор бүгін қосқан қорытынды сөйлем."\n'
    )
    ours = update_like_msgmerge(sample, run, obsolete, tmp_path)
    assert (f"# Әлия: қарау керек\n#. paragraph\n#: articles/{SAMPLE_SLUG}.md:") in ours
    assert (
        '#, fuzzy\n#| msgid "A closing sentence added by the editor."\n'
        f'msgid "{CLOSING}"\nmsgstr "Редактор бүгін қосқан қорытынды сөйлем."\n'
    ) in ours


def test_a_plural_entry_for_a_sentence_gives_its_first_form_as_a_suggestion(
    sample: Path, run, tmp_path: Path
) -> None:
    plural = (
        "\n# from another project\n"
        f'msgid "{CLOSING}"\n'
        'msgid_plural "Closing sentences added by the editor today."\n'
        'msgstr[0] "Редактор бүгін қосқан қорытынды сөйлем."\n'
        'msgstr[1] "Редактор бүгін қосқан қорытынды сөйлемдер."\n'
    )
    ours = update_like_msgmerge(sample, run, plural, tmp_path)
    assert (
        '#, fuzzy\n#| msgid "A closing sentence added by the editor today."\n'
        '#| msgid_plural "Closing sentences added by the editor today."\n'
        f'msgid "{CLOSING}"\nmsgstr "Редактор бүгін қосқан қорытынды сөйлем."\n'
    ) in ours
    assert "msgstr[" not in ours


def test_a_header_marked_fuzzy_stays_marked(sample: Path, run, tmp_path: Path) -> None:
    """A translator's header marked fuzzy (its fields still to be filled in, as a copy of the
    template has it) stays so, as msgmerge keeps it."""
    _, catalog, _ = paths(sample)
    text = catalog.read_text(encoding="utf-8")
    catalog.write_text(text.replace('msgid ""\n', '#, fuzzy\nmsgid ""\n', 1), encoding="utf-8")
    ours = update_like_msgmerge(sample, run, "", tmp_path)
    assert '#, fuzzy\nmsgid ""\nmsgstr ""\n' in ours


def test_a_header_field_spelt_in_another_case_is_found(sample: Path, run) -> None:
    """An editor wrote "Language-team" and left out "Language": update adds Language after it,
    as it does after "Language-Team" (it used to stop with a traceback)."""
    _, catalog, _ = paths(sample)
    text = catalog.read_text(encoding="utf-8")
    edited = text.replace('"Language-Team: Kazakh\\n"', '"Language-team: Kazakh\\n"')
    edited = edited.replace('"Language: kk\\n"\n', "")
    assert edited.count("Language") == text.count("Language") - 1
    catalog.write_text(edited, encoding="utf-8")
    result = run(sample, "update", "-l", "kk")
    assert result.exit_code == 0, result.output
    assert '"Language-team: Kazakh\\n"\n"Language: kk\\n"\n' in catalog.read_text(encoding="utf-8")
    # msgfmt reads names in their case: it warns that Language-Team is missing, and only that.
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalog)], capture_output=True)
    assert check.returncode == 0
    assert check.stderr.decode().count("warning") == 1


HEADER = re.compile(r'msgid ""\nmsgstr ""\n(?:".*"\n)+', re.MULTILINE)


@pytest.mark.parametrize(
    "header",
    [
        'msgid ""\nmsgstr ""\n',  # an empty header, as a text editor or a script leaves it
        'msgid ""\nmsgstr ""\n"Language: kk\\n"\n"Content-Type: text/plain; charset=CHARSET\\n"\n',
    ],
)
def test_a_header_without_utf8_is_made_to_declare_it(sample: Path, run, header: str) -> None:
    _, catalog, _ = paths(sample)
    text = catalog.read_text(encoding="utf-8")
    assert HEADER.search(text)
    catalog.write_text(HEADER.sub(lambda _: header, text, count=1), encoding="utf-8")
    translated = [line for line in text.splitlines() if line.startswith("msgstr") and line[8:9]]
    result = run(sample, "update", "-l", "kk")
    assert result.exit_code == 0, result.output
    # msgcat and msgmerge refuse non-ASCII text without a charset; the header fields that the
    # translator removed stay removed (msgfmt warns about those, and only those).
    cat = subprocess.run(["msgcat", str(catalog)], capture_output=True, check=True)
    assert cat.stdout == catalog.read_bytes()
    check = subprocess.run(
        ["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(catalog)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    assert "harset" not in check.stderr and "Content-" not in check.stderr, check.stderr
    ours = catalog.read_text(encoding="utf-8")
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in ours
    assert '"MIME-Version: 1.0\\n"' in ours and '"Content-Transfer-Encoding: 8bit\\n"' in ours
    assert "CHARSET" not in ours
    assert translated and all(line in ours.splitlines() for line in translated)


def test_blanks_around_a_plural_index_are_read_as_gnu_reads_them(tmp_path: Path) -> None:
    from transflow.catalog.pofile import format_po, parse_po

    text = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr [0] "бір"\nmsgstr[ 1 ]\t"көп"\n'
    )
    path = tmp_path / "spaced.po"
    path.write_text(text, encoding="utf-8")
    gnu = subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
    [entry] = parse_po(text).entries
    assert entry.msgstr_plural == ["бір", "көп"]
    assert format_po(parse_po(text)).encode() == gnu


def test_a_reviewed_summary_from_before_block_scalars_lost_their_final_space_stays_reviewed(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """Templates once gave `summary: >` the msgid "… night. " (its final line break as a space);
    a catalog reviewed then keeps its translation, reviewed, under the msgid it has now."""
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root), "-l", "ru").exit_code == 0
    (root / "articles" / "story.md").write_text(
        "---\ntitle: Floods\nsummary: >\n  Rescuers worked\n  through the night.\n---\n\nText.\n",
        encoding="utf-8",
    )
    assert run(root, "update").exit_code == 0
    catalog = root / "locales/ru/LC_MESSAGES/story.po"
    text = catalog.read_text(encoding="utf-8")
    assert 'msgid "Rescuers worked through the night."\n' in text
    earlier = (
        text.replace('msgid "Floods"\nmsgstr ""', 'msgid "Floods"\nmsgstr "Наводнения"')
        .replace('msgid "Text."\nmsgstr ""', 'msgid "Text."\nmsgstr "Текст."')
        .replace(
            'msgid "Rescuers worked through the night."\nmsgstr ""',
            'msgid "Rescuers worked through the night. "\nmsgstr "Спасатели работали всю ночь. "',
        )
    )
    catalog.write_text(earlier, encoding="utf-8")

    result = run(root, "update")

    assert result.exit_code == 0
    assert "(3 kept, 0 fuzzy, 0 new, 0 obsolete)" in result.output  # title, summary, text
    merged = catalog.read_text(encoding="utf-8")
    assert (
        'msgid "Rescuers worked through the night."\nmsgstr "Спасатели работали всю ночь."\n'
        in merged
    )
    assert "fuzzy" not in merged and "#~" not in merged
    assert_gettext_clean(catalog)
    assert run(root, "build", "-l", "ru", "--format", "md").exit_code == 0
    page = (root / "build/ru/story.md").read_text(encoding="utf-8")
    assert 'summary: "Спасатели работали всю ночь."\n' in page
