"""Coverage counts agree with GNU ``msgfmt --statistics`` on the same files."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transflow.catalog.model import DRAFT_PREFIX, Catalog, Entry
from transflow.catalog.pofile import format_po, parse_po
from transflow.report.coverage import coverage_of

pytestmark = [
    pytest.mark.gettext,
    pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU msgfmt"),
]

REPO = Path(__file__).resolve().parents[2]

HEADER = r"""msgid ""
msgstr ""
"Project-Id-Version: test\n"
"Language: ru\n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=UTF-8\n"
"Content-Transfer-Encoding: 8bit\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"
"""

TRICKY = (
    HEADER
    + r"""
#. paragraph
msgid ""
"A multi-line source "
"string that wraps."
msgstr ""
"Многострочная "
"строка."

msgctxt "front matter: title"
msgid "Dies"
msgstr "Умер"

msgctxt "heading"
msgid "Dies"
msgstr ""

# machine draft: google
#, fuzzy
msgid "Machine drafted."
msgstr "Черновик машины."

#, fuzzy
#| msgid "Old source."
msgid "New source."
msgstr "Старый перевод."

#, fuzzy
msgid "Fuzzy but empty."
msgstr ""

msgid "one file"
msgid_plural "%d files"
msgstr[0] "файл"
msgstr[1] ""
msgstr[2] "файлов"

msgid "one dog"
msgid_plural "%d dogs"
msgstr[0] ""
msgstr[1] "собаки"
msgstr[2] "собак"

#, fuzzy
msgid "one cat"
msgid_plural "%d cats"
msgstr[0] "кошка"
msgstr[1] "кошки"
msgstr[2] "кошек"

msgid "Untranslated."
msgstr ""

#~ msgid "Obsolete and translated."
#~ msgstr "Устарело."

#, fuzzy
#~ msgid "Obsolete and fuzzy."
#~ msgstr "Устарело, неточно."

#~ msgctxt "heading"
#~ msgid "Obsolete with context."
#~ msgstr ""
"""
)

_STAT = {
    "translated": re.compile(r"(\d+) translated message"),
    "fuzzy": re.compile(r"(\d+) fuzzy translation"),
    "untranslated": re.compile(r"(\d+) untranslated message"),
}


def msgfmt_statistics(path: Path) -> dict[str, int]:
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "C", "LANGUAGE": ""},
        check=True,
    )
    last = result.stderr.strip().splitlines()[-1]
    return {k: int(m.group(1)) if (m := p.search(last)) else 0 for k, p in _STAT.items()}


def ours(path: Path) -> dict[str, int]:
    catalog = parse_po(path.read_text(encoding="utf-8"), path)
    coverage = coverage_of(catalog, "a", "ru", str(path))
    return {
        "translated": coverage.translated,
        "fuzzy": coverage.machine + coverage.fuzzy,
        "untranslated": coverage.untranslated,
    }


def test_tricky_catalog(tmp_path: Path) -> None:
    path = tmp_path / "tricky.po"
    path.write_text(TRICKY, encoding="utf-8")
    assert msgfmt_statistics(path) == {"translated": 3, "fuzzy": 3, "untranslated": 4}
    assert ours(path) == msgfmt_statistics(path)
    coverage = coverage_of(parse_po(TRICKY, path), "a", "ru", "tricky.po")
    assert (coverage.machine, coverage.fuzzy, coverage.obsolete) == (1, 2, 3)


def test_the_sample_catalogs() -> None:
    paths = sorted((REPO / "locales").glob("*/LC_MESSAGES/*.po"))
    assert paths
    for path in paths:
        assert ours(path) == msgfmt_statistics(path), path


_TEXT = st.sampled_from(["", "Да", "Нет.", "Две\nстроки", 'С "кавычками"', "a\\b"])


@st.composite
def entries(draw: st.DrawFn, index: int) -> Entry:
    plural = draw(st.booleans())
    entry = Entry(msgid=f"source {index}", msgctxt=draw(st.sampled_from([None, "ctx"])))
    if plural:
        entry.msgid_plural = f"sources {index}"
        entry.msgstr_plural = [draw(_TEXT) for _ in range(3)]
    else:
        entry.msgstr = draw(_TEXT)
    if draw(st.booleans()):
        entry.flags.append("fuzzy")
        if draw(st.booleans()):
            entry.translator_comments.append(DRAFT_PREFIX + "pseudo")
        else:
            entry.previous_msgid = f"old source {index}"
    entry.obsolete = draw(st.integers(0, 5)) == 0
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    count = draw(st.integers(0, 12))
    catalog = parse_po(HEADER)
    catalog.entries = [draw(entries(i)) for i in range(count)]
    return catalog


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(catalog=catalogs())
def test_generated_catalogs(tmp_path: Path, catalog: Catalog) -> None:
    path = tmp_path / "generated.po"
    path.write_text(format_po(catalog), encoding="utf-8")
    assert ours(path) == msgfmt_statistics(path)
