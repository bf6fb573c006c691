"""TMX 1.4: what we write is valid and readable by translate-toolkit; what we read, safely."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import REPO
from transflow.article.parse import parse_article
from transflow.catalog.store import read_catalog
from transflow.errors import CatalogError
from transflow.mt.tm import segment_text, text_units
from transflow.mt.tmx import Unit, format_tmx, languages_of, parse_tmx

UNITS = [
    Unit("Read [more](https://x.org/?a=1&b=2) <b>now</b>.",
         "Толығырақ [оқыңыз](https://x.org/?a=1&b=2) <b>қазір</b>.", "kk"),
    Unit("Line one\\\nline two", "Бірінші жол\\\nекінші жол", "kk", context="caption"),
    Unit("Rain.", "Дождь.", "ru"),
]  # fmt: skip

# The parts of the TMX 1.4b DTD that our files use, with their required attributes.
TMX14_DTD = """
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #FIXED "1.4">
<!ELEMENT header (note|prop)*>
<!ATTLIST header creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
  segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED
  adminlang CDATA #REQUIRED srclang CDATA #REQUIRED datatype CDATA #REQUIRED>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ELEMENT tuv ((note|prop)*, seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED>
<!ELEMENT seg (#PCDATA)>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED>
<!ELEMENT note (#PCDATA)>
"""


def test_round_trip() -> None:
    data = format_tmx(UNITS, "en")
    assert data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
    )
    content = parse_tmx(data, Path("x.tmx"), "en")
    assert content.units == tuple(UNITS) and content.skipped == 0


def test_valid_against_the_tmx_14_dtd() -> None:
    etree = pytest.importorskip("lxml.etree")
    dtd = etree.DTD(io.StringIO(TMX14_DTD))
    root = etree.fromstring(format_tmx(UNITS, "en"))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_translate_toolkit_reads_it(tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    path = tmp_path / "export.tmx"
    path.write_bytes(format_tmx(UNITS, "en"))
    store = tmx.tmxfile.parsefile(str(path))
    pairs = [(u.source, u.target) for u in store.units]
    assert pairs == [(u.source, u.target) for u in UNITS]


def test_tmx_11_lang_attribute_and_inline_codes() -> None:
    data = """<?xml version="1.0"?>
<tmx version="1.1"><header srclang="EN-US"/><body>
<tu><tuv lang="EN-US"><seg>Hello.</seg></tuv><tuv lang="KK-KZ"><seg>Сәлем.</seg></tuv></tu>
<tu><tuv lang="EN-US"><seg>A <ph x="1">&lt;b&gt;</ph>bold</seg></tuv>
    <tuv lang="KK-KZ"><seg>x</seg></tuv></tu>
<tu><tuv lang="EN-US"><seg>Only one side.</seg></tuv></tu>
</body></tmx>""".encode()
    content = parse_tmx(data, Path("old.tmx"), "en")
    assert content.units == (Unit("Hello.", "Сәлем.", "KK-KZ"),)
    assert content.skipped == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<tmx><body><tu>", "is not valid TMX"),
        (b"<html/>", "is not a TMX file"),
        (b"<tmx><header/></tmx>", "is not a TMX file"),
        (b"<tmx><x><body/></x></tmx>", "is not a TMX file"),
        (b"<tmx><body><tu><tuv xml:lang='en'><seg>A</seg></tuv></tu></body></tmx><x/>",
         "is not valid TMX"),
        (b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
         b"<tmx><body/></tmx>", "is refused"),
    ],
)  # fmt: skip
def test_bad_files_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_tmx(data, Path("bad.tmx"), "en")


def test_a_broken_file_is_refused_with_its_line() -> None:
    data = b"<tmx>\n<body>\n<tu><tuv xml:lang='en'><seg>A</seg></tuv></tu>\n<tu>\n</body>\n</tmx>\n"
    with pytest.raises(CatalogError, match="is not valid TMX") as caught:
        parse_tmx(data, Path("bad.tmx"), "en")
    assert caught.value.line == 5


def test_only_the_units_of_the_body_count() -> None:
    data = (b"<tmx><header><tu><tuv xml:lang='en'><seg>Not a unit.</seg></tuv>"
            b"<tuv xml:lang='kk'><seg>x</seg></tuv></tu></header><body>"
            b"<tu><tuv xml:lang='en'><seg>Hello.</seg></tuv><tuv xml:lang='kk'><seg>Salem.</seg>"
            b"</tuv></tu></body></tmx>")  # fmt: skip
    assert parse_tmx(data, Path("x.tmx"), "en").units == (Unit("Hello.", "Salem.", "kk"),)


@pytest.mark.parametrize(
    ("doctype", "message"),
    [
        ('<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
         "is refused: it declares the XML entity 'xxe' from file:///etc/passwd, and a TMX file "
         "needs none (entities are never expanded, nor external files read)"),
        ('<!DOCTYPE tmx [<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;]>',
         "is refused: it declares the XML entity 'p' from http://127.0.0.1:9/x.dtd"),
        ('<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>',
         "is refused: it declares the XML entity 'a', and a TMX file needs none"),
    ],
)  # fmt: skip
def test_a_refusal_is_a_sentence_not_a_repr(doctype: str, message: str) -> None:
    data = f'<?xml version="1.0"?>{doctype}<tmx><body/></tmx>'.encode()
    with pytest.raises(CatalogError) as caught:
        parse_tmx(data, Path("hostile.tmx"), "en")
    assert str(caught.value).startswith(f"hostile.tmx: {message}")
    assert "Forbidden(" not in str(caught.value)


@pytest.mark.parametrize(
    ("seg", "text"),
    [
        # On lines of its own, indented: what pretty-printing makes of <seg>The council...</seg>.
        ("\n          The council met on Monday.\n        ", "The council met on Monday."),
        ("\n\t\tThe council met on Monday.\n\t", "The council met on Monday."),
        # Wrapped by an editor: a line end is a space, as in Markdown ...
        ("\n  The council met\n  on Monday.\n", "The council met on Monday."),
        # ... but for a hard break, which stays one (as the templates write it) without the
        # indentation after it.
        ("\n  12 Abai Ave.\\\n  Almaty\n", "12 Abai Ave.\\\nAlmaty"),
        ("\n  12 Abai Ave.  \n  Almaty\n", "12 Abai Ave.\\\nAlmaty"),
        # Space with no line break in it is the text's own; a no-break space is not XML's space.
        (" Rain. ", " Rain. "),
        ("\u00a0Rain.\n  ", "\u00a0Rain."),
    ],
)
def test_a_pretty_printed_segment_reads_as_its_text(seg: str, text: str) -> None:
    content = parse_tmx(_one_unit(seg), Path("x.tmx"), "en")
    assert content.units[0].source == seg  # the file's text, as XML has it
    assert text_units(content) == [Unit(text, text, "kk")]


@pytest.mark.parametrize(
    ("seg", "text"),
    [
        # "&#13;" is no layout: the line feed after it is the text's too, hard break or not.
        ("Line one\\&#13;\nline two", "Line one\\\r\nline two"),
        ("\n  Line one&#13;\nline two\n  line three\n", "Line one\r\nline two line three"),
        ("\n  Rain.&#13;\n", "Rain.\r\n"),
    ],
)
def test_a_carriage_return_and_its_line_feed_are_the_text(seg: str, text: str) -> None:
    data = _one_unit(seg, header="<header creationtool='x'/>")
    assert text_units(parse_tmx(data, Path("x.tmx"), "en")) == [Unit(text, text, "kk")]


def _one_unit(seg: str, header: str = "") -> bytes:
    """A TMX file of one unit whose English and Kazakh segments are both ``seg``."""
    unit = f"<tu><tuv xml:lang='en'><seg>{seg}</seg></tuv><tuv xml:lang='kk'><seg>{seg}</seg>"
    return f"<tmx>{header}<body>{unit}</tuv></tu></body></tmx>".encode()


ARTICLE = """---
title: Story
summary: |
  Two lines
  of summary.
---

## Results   of the vote

12 Abai Ave.\\
    Almaty, and  more\x20\x20
then a soft
  break.

| City | Turnout |
| --- | --- |
| Almaty | *High* |
"""


def test_what_transflow_exports_reads_as_itself() -> None:
    """The msgids of an article (hard and soft breaks, indentation, front matter) and the texts
    of the sample's catalogs are what ``segment_text`` reads them as, so a memory exported by
    transflow serves as before."""
    article = parse_article(ARTICLE, Path("story.md"), "story", ("title", "summary"), True)
    texts = {segment.msgid for segment in article.segments}
    assert "12 Abai Ave.\\\nAlmaty, and  more\\\nthen a soft break." in texts
    texts |= {
        text
        for path in (REPO / "locales").glob("*/LC_MESSAGES/*.po")
        for entry in read_catalog(path).entries
        for text in (entry.msgid, entry.msgstr)
    }
    assert [text for text in texts if segment_text(text) != text] == []


def _declared(encoding: str, body: str = "<seg>Привет, мир.</seg>") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<tmx version="1.4"><header srclang="en"/>'
        f'<body>\n<tu><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="ru">{body}</tuv>'
        "</tu>\n</body></tmx>\n"
    )


@pytest.mark.parametrize(
    ("codec", "declared"),
    [
        ("shift_jis", "Shift_JIS"),  # expat reads no multi-byte encoding but its own UTF-16
        ("gb18030", "GB18030"),
        ("euc_jp", "EUC-JP"),
        ("utf-32", "UTF-32"),  # with its byte order mark
        ("utf-32-be", "UTF-32BE"),  # without one: told by how "<?" is written
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16LE"),
        ("cp1251", "windows-1251"),
        ("utf-8-sig", "UTF-8"),
    ],
)
def test_a_file_in_another_encoding_is_read_as_its_text(codec: str, declared: str) -> None:
    data = _declared(declared).encode(codec)
    content = parse_tmx(data, Path("agency.tmx"), "en")
    assert content.units == (Unit("Hello.", "Привет, мир.", "ru"),)


@pytest.mark.parametrize("encoding", ["bogus", "base64", "unicode_escape", "x-mac-nothing"])
def test_an_encoding_python_cannot_read_is_refused(encoding: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_tmx(_declared(encoding).encode(), Path("agency.tmx"), "en")
    assert str(caught.value) == (
        f"agency.tmx: its encoding {encoding} is not supported (save it as UTF-8)"
    )


def test_bytes_not_in_the_declared_encoding_are_refused_with_their_line() -> None:
    data = _declared("Shift_JIS").encode("shift_jis").replace(b"Hello", b"He\x80llo")
    with pytest.raises(CatalogError) as caught:
        parse_tmx(data, Path("agency.tmx"), "en")
    assert str(caught.value) == (
        "agency.tmx:3: is not valid TMX: it is not written in Shift_JIS, the encoding it declares"
    )
    with pytest.raises(CatalogError, match="it is not written in UTF-16, the encoding it"):
        parse_tmx(_declared("UTF-16").encode(), Path("agency.tmx"), "en")


def test_languages_are_written_as_bcp_47_tags() -> None:
    data = format_tmx([Unit("Rain.", "Chuva.", "pt_BR")], "en_US")
    assert b'srclang="en-US"' in data
    assert b'<tuv xml:lang="en-US">' in data and b'<tuv xml:lang="pt-BR">' in data
    assert b"_" not in data


@pytest.mark.parametrize(
    ("tag", "languages"),
    [
        ("pt-BR", ["pt_BR"]),
        ("pt_BR", ["pt_BR"]),
        ("PT-br", ["pt_BR"]),
        ("pt-PT", ["pt_PT"]),
        ("pt", ["pt_BR", "pt_PT"]),  # no region named: either
        ("pt-AO", ["pt_BR", "pt_PT"]),
        ("KK-KZ", ["kk"]),
        ("de-DE", []),
    ],
)
def test_a_language_tag_stands_for_the_projects_language(tag: str, languages: list[str]) -> None:
    assert languages_of(tag, ["kk", "pt_BR", "pt_PT"]) == languages
