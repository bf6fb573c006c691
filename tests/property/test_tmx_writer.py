"""The TMX writer makes, byte for byte, what ElementTree writes for the same tree, indented
(but for a carriage return, which it escapes so that it reads back as itself)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from transflow import __version__
from transflow.mt.tm import text_units
from transflow.mt.tmx import CONTEXT_PROP, XML_LANG, Unit, format_tmx, parse_tmx


def reference(units: list[Unit], source_lang: str) -> bytes:
    """The tree-based writer that format_tmx replaced."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "transflow", "creationtoolversion": __version__,
        "datatype": "plaintext", "segtype": "sentence", "adminlang": "en",
        "srclang": source_lang, "o-tmf": "transflow",
    })  # fmt: skip
    body = ET.SubElement(root, "body")
    for unit in units:
        tu = ET.SubElement(body, "tu")
        if unit.context is not None:
            ET.SubElement(tu, "prop", type=CONTEXT_PROP).text = unit.context
        for lang, text in ((source_lang, unit.source), (unit.language, unit.target)):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: lang})
            ET.SubElement(tuv, "seg").text = text
    ET.indent(root)
    head = '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    return (head + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


# What XML 1.0 can hold: no surrogates, no control characters but tab, line feed and return.
XML_TEXT = st.text(
    st.characters(blacklist_categories=["Cs"]).filter(
        lambda c: c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff")
    )
)
UNITS = st.lists(
    st.builds(
        Unit,
        XML_TEXT,
        XML_TEXT,
        st.sampled_from(["kk", "ru", "kk-KZ"]),
        st.none() | XML_TEXT,
    ),
    max_size=5,
)


@given(UNITS, st.sampled_from(["en", "en-US", 'x"&<>\t\n\r']))
@example([Unit("A & B <i>x</i> > y", "Ә & Б", "kk", "")], "en")
@example([Unit("line\nbreak\r\n", " \t ", "ru", 'ctx & "q"')], "en")
@example([], "en")
def test_same_bytes_as_elementtree(units: list[Unit], source_lang: str) -> None:
    # ElementTree leaves a carriage return bare in text (in attributes it writes &#13;).
    assert format_tmx(units, source_lang) == reference(units, source_lang).replace(b"\r", b"&#13;")


@given(UNITS.map(lambda us: [u for u in us if u.source.strip() and u.target.strip()]))
@example([Unit("a\r\nb\rc", "0\r", "kk")])
def test_what_it_writes_reads_back(units: list[Unit]) -> None:
    content = parse_tmx(format_tmx(units, "en"), Path("x.tmx"), "en")
    assert [(u.source, u.target, u.language) for u in content.units] == [
        (u.source, u.target, u.language) for u in units
    ]


@given(UNITS.map(lambda us: [u for u in us if u.source and u.target]))
@example([Unit("First line\\\nsecond line.", "Первая строка\\\r\nвторая строка.", "ru")])
@example([Unit("Ends in a line break\n", "\n  Indented, as if laid out\n  ", "kk", "\n")])
def test_an_exported_pair_reads_back_as_itself(units: list[Unit]) -> None:
    """What the memory engine gets of an export: the pairs as they were, to the last line end
    (nothing of them is taken for a pretty-printer's layout)."""
    content = parse_tmx(format_tmx(units, "en"), Path("x.tmx"), "en")
    assert text_units(content) == units
