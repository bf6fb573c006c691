"""Round trips: parse(format(c)) == c, and msgcat leaves what format_po writes unchanged."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from transflow.catalog.model import Catalog, Entry
from transflow.catalog.pofile import format_po, parse_po
from transflow.catalog.powrite import format_po_and_reading

HEADER = Entry(
    msgid="",
    msgstr="Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n",
)
WORDS = [
    "the", "president", "said", "Қазақстан", "агентство", "сообщил", "«цитата»", "“quoted”",
    "don’t", "e.g.", "(see", "below)", "—", "-", "well-known", "3.5%", "$100", "1,000.5", "a/b",
    "https://example.com/path?q=1", "x" * 85, "漢字テキスト", "👍🏽", "🇰🇿", "é", "e\u0301",
    "%s", "%(name)s", "% d", "%(a b)s", "%", "%%", "{0}", "<b>", "**", "[link](http://x.y)",
    "!", "?", ",", ".", ";", ":", "…",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "  ", "", "\n", ", ", "\t", '"', "\\", " \\n "]
TOKENS = [" "] * 30 + WORDS + SEPARATORS + ["ab", "cde", "fghij", "клмн", "ө", "ү", "ң", "ұ"] * 3


def texts(max_tokens: int = 40) -> st.SearchStrategy[str]:
    """Prose-like text: words, Cyrillic, punctuation, quotes, backslashes, tabs, newlines.

    Drawn as bytes that pick tokens: one draw per text keeps a hundred catalogs quick to make.
    """
    return st.binary(max_size=max_tokens).map(
        lambda picks: "".join(TOKENS[pick % len(TOKENS)] for pick in picks)
    )


def comments() -> st.SearchStrategy[list[str]]:
    # A comment line cannot end with a backslash: GNU would join it to the next line.
    line = st.text(st.characters(blacklist_categories=["Cc", "Cs"]), max_size=60)
    return st.lists(line.filter(lambda text: not text.endswith("\\")), max_size=2)


@st.composite
def entries(draw: st.DrawFn, index: int, obsolete: bool) -> Entry:
    """An entry already in the normal form msgcat writes (the writer normalises the rest)."""
    entry = Entry(msgid=f"{index} {draw(texts())}", obsolete=obsolete)
    entry.msgctxt = draw(st.none() | texts(3))
    # msgcat drops an obsolete entry without a (first) translation: give those one.
    translation = texts().map(lambda text: text or "x") if obsolete else texts()
    if draw(st.booleans()):
        entry.msgid_plural = draw(texts())
        first = draw(translation)
        entry.msgstr_plural = [first, *draw(st.lists(texts(), max_size=2))]
    else:
        entry.msgstr = first = draw(translation)
    entry.translator_comments = draw(comments())
    entry.extracted_comments = draw(comments())
    files = st.sampled_from(["articles/a.md", "articles/some-long-article-slug.md", "b.md"])
    refs = draw(st.lists(st.tuples(files, st.integers(1, 9999)), max_size=12, unique=True))
    entry.references = [f"{name}:{line}" for name, line in refs]
    fuzzy = draw(st.booleans()) and first != ""  # msgcat drops "fuzzy" without a translation
    formats = draw(st.sampled_from([[], [], ["python-format"], ["no-c-format", "python-format"]]))
    extra = [*formats, *draw(st.sampled_from([[], ["no-wrap"]]))]
    entry.flags = ["fuzzy", *extra] if fuzzy else extra
    if draw(st.booleans()):
        entry.previous_msgctxt = draw(st.none() | texts(3))
        entry.previous_msgid = draw(texts())
        entry.previous_msgid_plural = draw(st.none() | texts()) if entry.msgid_plural else None
    return entry


@st.composite
def catalogs(draw: st.DrawFn, max_entries: int = 6) -> Catalog:
    live = draw(st.integers(0, max_entries))
    gone = draw(st.integers(0, 2))
    entries_ = [draw(entries(i, obsolete=False)) for i in range(live)]
    entries_ += [draw(entries(live + i, obsolete=True)) for i in range(gone)]
    return Catalog(header=replace(HEADER), entries=entries_)


def without_lines(catalog: Catalog) -> Catalog:
    for entry in [catalog.header, *catalog.entries]:
        if entry is not None:
            entry.lineno = 0
    return catalog


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_parse_of_format_is_identity(catalog: Catalog) -> None:
    assert without_lines(parse_po(format_po(catalog))) == catalog


@st.composite
def messy_entries(draw: st.DrawFn, index: int) -> Entry:
    """Entries the writer must normalise: stray flags, duplicate and "./" references, and so on."""
    entry = draw(entries(index, obsolete=draw(st.booleans())))
    flag = st.sampled_from(
        ["fuzzy", "wrap", "no-wrap", "custom", "no-c-format", "impossible-c-format", "range: 1..3"]
    ) | st.sampled_from(
        ["range: 5..1", "range:", "2..4", "fuzzy no-wrap", "possible-python-format"]
    )
    entry.flags = draw(st.lists(flag, max_size=4))
    refs = st.sampled_from(["./a.md:1", "a.md:1", "a.md:01", "b.md", "b.md:2", "c.md:", "7"])
    entry.references = draw(st.lists(refs, max_size=5))
    if entry.obsolete and draw(st.booleans()):
        entry.msgstr, entry.msgstr_plural = "", [""] * len(entry.msgstr_plural)
    return entry


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 6).flatmap(lambda n: st.tuples(*(messy_entries(i) for i in range(n)))))
def test_format_is_idempotent_through_parse(entries_: tuple[Entry, ...]) -> None:
    text = format_po(Catalog(header=replace(HEADER), entries=list(entries_)))
    assert format_po(parse_po(text)) == text


def _lines(catalog: Catalog) -> list[int]:
    return [e.lineno for e in [catalog.header, *catalog.entries] if e is not None]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(0, 6).flatmap(lambda n: st.tuples(*(messy_entries(i) for i in range(n)))),
    st.sampled_from(["header", "no header", "header as an entry", "header with a context"]),
    st.lists(st.sampled_from(["a\nb", "ends \\", "", "\n", "#. odd", "~ x", ". x", "| y"])),
)
def test_the_reading_given_with_the_text_is_what_parse_po_reads(
    entries_: tuple[Entry, ...], header: str, odd_comments: list[str]
) -> None:
    entries = list(entries_)
    if entries:
        entries[0].translator_comments += odd_comments
        entries[-1].extracted_comments += odd_comments
    first = replace(HEADER, msgctxt="x" if header == "header with a context" else None)
    if header == "header as an entry":
        entries.append(first)
    catalog = Catalog(header=None if header.startswith(("no", "header as")) else first)
    catalog.entries = entries
    text, reading = format_po_and_reading(catalog)
    parsed = parse_po(text)
    assert reading == parsed
    assert _lines(reading) == _lines(parsed)


def msgcat(text: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.po"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


needs_gettext = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext missing")


@pytest.mark.gettext
@needs_gettext
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs(max_entries=10))
def test_msgcat_leaves_our_output_unchanged(catalog: Catalog) -> None:
    text = format_po(catalog)
    assume("\n\n" in text)  # msgcat prints nothing at all for a header alone
    assert msgcat(text) == text


@pytest.mark.gettext
@needs_gettext
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 8).flatmap(lambda n: st.tuples(*(messy_entries(i) for i in range(n)))))
def test_msgcat_leaves_normalised_output_unchanged(entries_: tuple[Entry, ...]) -> None:
    text = format_po(Catalog(header=replace(HEADER), entries=list(entries_)))
    assume("\n\n" in text)
    assert msgcat(text) == text
