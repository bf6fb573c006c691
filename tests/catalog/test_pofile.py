"""PO reading (every syntax error names its line) and writing (byte for byte what msgcat prints)."""

from __future__ import annotations

import ctypes
import ctypes.util
import random
import shutil
import struct
import subprocess
from pathlib import Path

import polib
import pytest

from transflow.catalog import linebreak
from transflow.catalog.model import Catalog, Entry
from transflow.catalog.pofile import format_po, parse_po
from transflow.errors import CatalogError

HEADER_TEXT = (
    "Project-Id-Version: test\n"
    "Content-Type: text/plain; charset=UTF-8\n"
    "Content-Transfer-Encoding: 8bit\n"
)
HEADER = 'msgid ""\nmsgstr ""\n"Project-Id-Version: test\\n"\n' + (
    '"Content-Type: text/plain; charset=UTF-8\\n"\n"Content-Transfer-Encoding: 8bit\\n"\n'
)
needs_gettext = pytest.mark.skipif(shutil.which("msgcat") is None, reason="GNU gettext missing")


def header_entry() -> Entry:
    return Entry(msgid="", msgstr=HEADER_TEXT)


def write(*entries: Entry) -> str:
    return format_po(Catalog(header=header_entry(), entries=list(entries)))


def body(text: str) -> str:
    """The text after the header entry."""
    assert text.startswith(HEADER + "\n")
    return text[len(HEADER) + 1 :]


def msgcat(text: str, tmp_path: Path) -> str:
    path = tmp_path / "in.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


# Reading


ENTRIES = """
# translator
#.  extracted, two spaces
#: a.md:1 b.md:2
#: c.md:3
#, fuzzy, no-wrap
#| msgctxt "old context"
#| msgid ""
#| "old "
#| "text"
msgctxt "ctx"
msgid ""
"multi "
"line"
msgstr "перевод"

msgid "one"
msgid_plural "many"
msgstr[0] "один"
msgstr[1] "много"

# gone
#, fuzzy
#~| msgid "older"
#~ msgid "obsolete"
#~ msgstr ""
#~ "kept"
"""
FULL = "# Header comment\n#, fuzzy\n" + HEADER + ENTRIES


def test_reads_every_part_of_an_entry() -> None:
    catalog = parse_po(FULL)
    assert catalog.header is not None
    assert catalog.header.translator_comments == ["Header comment"]
    assert catalog.header.flags == ["fuzzy"]
    assert catalog.header_value("Content-Type") == "text/plain; charset=UTF-8"
    first, plural, gone = catalog.entries
    assert first == Entry(
        msgid="multi line",
        msgstr="перевод",
        msgctxt="ctx",
        translator_comments=["translator"],
        extracted_comments=[" extracted, two spaces"],
        references=["a.md:1", "b.md:2", "c.md:3"],
        flags=["fuzzy", "no-wrap"],
        previous_msgctxt="old context",
        previous_msgid="old text",
        lineno=9,
    )
    assert (plural.msgid_plural, plural.msgstr_plural, plural.msgstr) == (
        "many",
        ["один", "много"],
        "",
    )
    assert gone.obsolete and gone.msgstr == "kept" and gone.previous_msgid == "older"
    assert (gone.translator_comments, gone.flags, gone.lineno) == (["gone"], ["fuzzy"], 29)


def test_line_numbers_point_at_each_entrys_first_line() -> None:
    catalog = parse_po(FULL)
    assert catalog.header is not None and catalog.header.lineno == 1
    assert [e.lineno for e in catalog.entries] == [9, 24, 29]


@pytest.mark.parametrize(
    ("escaped", "text"),
    [
        (r"a\nb\tc", "a\nb\tc"),
        (r"\"q\" \\ back", '"q" \\ back'),
        (r"\a\b\f\v\r", "\a\b\f\v\r"),
        (r"\101\1012\x41\x414", "AA2A\x14"),
        (r"caf\303\251 \xc3\xa9", "café é"),
        (r"\\n stays a backslash and n", "\\n stays a backslash and n"),
    ],
)
def test_unescapes_what_gettext_unescapes(escaped: str, text: str) -> None:
    entry = parse_po(f'msgid "{escaped}"\nmsgstr ""\n').entries[0]
    assert entry.msgid == text


def test_flags_split_on_commas_and_references_on_spaces() -> None:
    entry = parse_po('#, fuzzy,python-format , no-wrap\n#:  a:1\tb:2 \nmsgid "x"\nmsgstr ""\n')
    assert entry.entries[0].flags == ["fuzzy", "python-format", "no-wrap"]
    assert entry.entries[0].references == ["a:1", "b:2"]


def test_crlf_line_ends_are_line_ends_also_after_comments() -> None:
    catalog = parse_po('# note\r\n#. from\r\n#: a.md:1\r\nmsgid "a"\r\nmsgstr "b" \r\n')
    entry = catalog.entries[0]
    assert (entry.msgstr, entry.references) == ("b", ["a.md:1"])
    # msgcat keeps the CR in a comment, and writes CRLF after it and LF elsewhere; written by
    # transflow, the catalog has LF throughout.
    assert (entry.translator_comments, entry.extracted_comments) == (["note"], ["from"])
    assert b"\r" not in format_po(catalog).encode()


def test_a_backslash_at_the_end_of_a_line_joins_the_next_line_as_in_gnu() -> None:
    entry = parse_po('#. note\\\n#, fuzzy\nmsgid "ab\\\ncd"\nmsgstr ""\n\nmsgid "x"\nmsgstr ""\n')
    assert entry.entries[0].extracted_comments == ["note#, fuzzy"]
    assert entry.entries[0].msgid == "abcd"
    assert entry.entries[1].lineno == 7  # physical lines still count


def test_comments_after_the_last_entry_are_ignored() -> None:
    assert len(parse_po('msgid "a"\nmsgstr ""\n\n# trailing\n').entries) == 1


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('msgid "a\nmsgstr ""\n', 1, "unterminated string"),
        ('msgid "a"\nmsgstr "b" x\n', 2, "unexpected text"),
        ('msgid "a"\nmsgfoo "b"\n', 2, "unknown keyword 'msgfoo'"),
        ('msgid "a"\nmsgstr ""\nfoo\n', 3, "unknown keyword 'foo'"),
        ('\n\nmsgstr "b"\n', 3, "msgstr without a msgid"),
        ('msgid "a"\nmsgstr "b"\nmsgstr "c"\n', 3, "msgstr without a msgid"),
        ('msgid "a"\nmsgstr ""\n\nmsgid "b"\nmsgstr ""\nmsgid "a"\nmsgstr ""\n', 6, "duplicate"),
        # msgfmt and msgcat refuse an obsolete twin too: which translation would come back?
        ('msgid "a"\nmsgstr "x"\n\n#~ msgid "a"\n#~ msgstr "y"\n', 4, "first defined at line 1"),
        ('#~ msgid "a"\n#~ msgstr "x"\n#~ msgid "a"\n#~ msgstr "y"\n', 3, "duplicate"),
        ('msgid "a"\nmsgstr "b\\q"\n', 2, "bad escape sequence \\q"),
        ('msgid "a"\nmsgstr[0] "b"\n', 2, "without msgid_plural"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\n', 3, "msgstr[0] was expected"),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n', 3, "without an index"),
        ('msgid "a"\nmsgstr ""\nmsgid "b"\n', 3, "missing msgstr after this line"),
        ('msgid "a"\n# comment\nmsgstr ""\n', 2, "comment between msgid and msgstr"),
        # GNU refuses a comment after the #| lines, and Unicode's other spaces as blanks.
        ('#| msgid "o"\n#. note\nmsgid "a"\nmsgstr ""\n', 2, "comment after a previous (#|)"),
        ('#~| msgid "o"\n#~ # note\n#~ msgid "a"\n#~ msgstr ""\n', 2, "move it above the #|"),
        ('\u00a0msgid "a"\nmsgstr ""\n', 1, "a no-break space (U+00A0) where only spaces"),
        ('msgid "a"\nmsgstr ""\n\u3000\n', 3, "ideographic space (U+3000)"),
        # An entry without its msgstr is named at its own line, as msgfmt names it, not at the
        # next entry's: after it a blank line, a comment, a msgid or a msgctxt.
        ('msgid "a"\n\n#. note\nmsgid "b"\nmsgstr ""\n', 1, "missing msgstr after this line"),
        ('msgid "a"\n"b"\n\nmsgid "c"\nmsgstr ""\n', 1, "missing msgstr after this line"),
        ('msgid "a"\nmsgctxt "c"\nmsgid "b"\nmsgstr ""\n', 1, "missing msgstr after this line"),
        ('msgid "a"\nmsgid_plural "as"\n\n# x\n', 2, "missing msgstr[0] after this line"),
        ('"orphan"\nmsgid "a"\nmsgstr ""\n', 1, "string without a keyword"),
        ('#~ msgid "a"\nmsgstr ""\n', 2, "inconsistent use of #~"),
        ('#| msgid "a"\n#~ msgid "b"\n#~ msgstr "c"\n', 2, "inconsistent use of #~"),
        ('msgid "a"\n#| msgid "b"\nmsgstr ""\n', 2, "previous (#|) msgid out of place"),
        ('msgid "a"\nmsgstr "\\xff"\n', 1, "not valid UTF-8"),
        ('msgid "a"\nmsgstr "\\0"\n', 1, "NUL"),
        ('msgid "a"\nmsgstr\n', 2, "msgstr without a string"),
        ('msgctxt "c"\nmsgctxt "d"\n', 2, "msgctxt out of place"),
    ],
)
def test_syntax_errors_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_po(text, "locales/kk/a.po")
    assert caught.value.line == line
    assert caught.value.path == Path("locales/kk/a.po")
    assert words in caught.value.message


def test_an_obsolete_entry_in_another_context_is_no_duplicate() -> None:
    catalog = parse_po('msgid "a"\nmsgstr "x"\n\n#~ msgctxt "c"\n#~ msgid "a"\n#~ msgstr "y"\n')
    assert [(e.msgctxt, e.obsolete) for e in catalog.entries] == [(None, False), ("c", True)]


# Writing


def test_long_strings_wrap_after_spaces_at_column_79() -> None:
    text = (
        "The president said on Tuesday that the new law, which was adopted last week after a long "
        "debate, would take effect in January."
    )
    assert body(write(Entry(msgid=text))) == (
        'msgid ""\n'
        '"The president said on Tuesday that the new law, which was adopted last week "\n'
        '"after a long debate, would take effect in January."\n'
        'msgstr ""\n'
    )


def test_newlines_end_lines_and_force_an_empty_first_line() -> None:
    assert body(write(Entry(msgid="one\ntwo\n", msgstr="один\n"))) == (
        'msgid ""\n"one\\n"\n"two\\n"\nmsgstr "один\\n"\n'
    )


def test_a_word_longer_than_the_line_stays_whole() -> None:
    word = "a" * 90
    assert body(write(Entry(msgid=f"see {word} now"))) == (
        f'msgid ""\n"see "\n"{word} "\n"now"\nmsgstr ""\n'
    )


def test_a_url_may_break_after_a_slash() -> None:
    url = "https://example.com/" + "a" * 90
    assert body(write(Entry(msgid=f"see {url} now"))) == (
        f'msgid ""\n"see https://example.com/"\n"{"a" * 90} "\n"now"\nmsgstr ""\n'
    )


def test_wide_characters_count_two_columns() -> None:
    text = "漢字" * 20
    assert body(write(Entry(msgid=text))) == (
        f'msgid ""\n"{"漢字" * 19}"\n"漢字"\nmsgstr ""\n'  # 38 characters are 76 columns
    )


def test_no_wrap_keeps_each_line_whole() -> None:
    text = "word " * 30
    entry = Entry(msgid="x", msgstr=text, flags=["no-wrap"], previous_msgid=text)
    assert body(write(entry)) == (f'#, no-wrap\n#| msgid "{text}"\nmsgid "x"\nmsgstr "{text}"\n')


def test_no_break_inside_a_python_format_directive() -> None:
    text = "The share of oil workers who support the Tengiz field has fallen to 3.1% from 13.6%."
    start = '"The share of oil workers who support the Tengiz field has fallen to '
    assert body(write(Entry(msgid=text))) == (
        f'msgid ""\n{start}3.1% "\n"from 13.6%."\nmsgstr ""\n'
    )
    # With the flag, "% f" is a directive that gettext keeps whole: the break moves before it.
    assert body(write(Entry(msgid=text, flags=["python-format"]))) == (
        f'#, python-format\nmsgid ""\n{start}"\n"3.1% from 13.6%."\nmsgstr ""\n'
    )


def test_comments_flags_and_references_in_gnu_order_and_form() -> None:
    entry = Entry(
        msgid="a",
        msgstr="b",
        translator_comments=["", "two\nlines"],
        extracted_comments=["heading", ""],
        references=[f"./articles/story-{i}.md:{i}" for i in range(1, 7)]
        + ["articles/story-1.md:01"],
        flags=["python-format", "custom", "fuzzy", "wrap", "c-format"],
    )
    assert body(write(entry)) == (
        "#\n# two\n# lines\n#. heading\n#.\n"
        "#: articles/story-1.md:1 articles/story-2.md:2 articles/story-3.md:3\n"
        "#: articles/story-4.md:4 articles/story-5.md:5 articles/story-6.md:6\n"
        "#, fuzzy, c-format, python-format\n"
        'msgid "a"\nmsgstr "b"\n'
    )


def test_fuzzy_is_dropped_without_a_translation() -> None:
    assert body(write(Entry(msgid="a", flags=["fuzzy"]))) == 'msgid "a"\nmsgstr ""\n'
    plural = Entry(msgid="a", msgid_plural="as", msgstr_plural=["", "x"], flags=["fuzzy"])
    assert "fuzzy" not in write(plural)


def test_obsolete_entries_go_last_and_untranslated_ones_are_dropped() -> None:
    old = Entry(
        msgid="old", msgstr="старый", obsolete=True, previous_msgid="older", flags=["fuzzy"]
    )
    empty = Entry(msgid="empty", obsolete=True)
    live = Entry(msgid="live", msgctxt="ctx", msgid_plural="lives", msgstr_plural=["a", "b"])
    assert body(write(old, empty, live)) == (
        'msgctxt "ctx"\nmsgid "live"\nmsgid_plural "lives"\nmsgstr[0] "a"\nmsgstr[1] "b"\n\n'
        '#, fuzzy\n#~| msgid "older"\n#~ msgid "old"\n#~ msgstr "старый"\n'
    )


def test_escapes_on_output() -> None:
    entry = Entry(msgid='tab\there "q" back\\slash\a\b\f\v\r', msgstr="\x01 raw")
    assert body(write(entry)) == (
        'msgid "tab\\there \\"q\\" back\\\\slash\\a\\b\\f\\v\\r"\nmsgstr "\x01 raw"\n'
    )


def test_a_plural_entry_without_forms_is_written_like_a_template() -> None:
    assert body(write(Entry(msgid="a", msgid_plural="as"))).endswith('msgstr[0] ""\nmsgstr[1] ""\n')


def test_two_live_entries_with_one_key_cannot_be_written() -> None:
    with pytest.raises(CatalogError, match="duplicate"):
        write(Entry(msgid="a"), Entry(msgid="a"))


def test_empty_catalog_is_empty_text() -> None:
    assert format_po(Catalog()) == ""


def test_a_comment_ending_in_a_backslash_gets_a_space() -> None:
    # Otherwise GNU would read the next line as part of the comment.
    entry = Entry(msgid="a", translator_comments=["C:\\"], extracted_comments=["x\\"])
    assert body(write(entry)) == '# C:\\ \n#. x\\ \nmsgid "a"\nmsgstr ""\n'


@pytest.mark.gettext
@needs_gettext
def test_a_header_alone_is_kept_though_msgcat_prints_nothing_for_it(tmp_path: Path) -> None:
    text = format_po(Catalog(header=header_entry()))
    assert text == HEADER
    assert msgcat(text, tmp_path) == ""  # msgcat writes no empty catalog without --force-po


def test_lazy_break_search_agrees_with_the_full_scan() -> None:
    """The backwards search for a break chance must find what scanning every character finds."""
    rng = random.Random(7)
    pieces = ["a", "bc", " ", "  ", "-", "—", "(", ")", ",", ".", "!", "?", "%", "$", "/", "«", "»"]
    pieces += ["“", "”", "’", "'", '\\"', "\\\\", "\\t", "12", "1,5", "漢", "й", "e.g.", ";", ":"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        newline = rng.random() < 0.2
        if newline:
            text += "\\n"
        width, column = rng.randint(3, 30), rng.randint(0, 8)
        lazy = linebreak.line_breaks(text, newline, width, column, False, set())
        scanned = linebreak.break_chances(
            [linebreak.PROPERTIES[c] >> 2 for c in text], text, newline
        )
        full = [i for i, c in enumerate(scanned) if c == linebreak.YES]
        assert set(lazy) <= set(full), text
        expected = _reference_breaks(text, full, width, column)
        assert lazy == expected, (text, width, column)


def _reference_breaks(text: str, chances: list[int], width: int, column: int) -> list[int]:
    """libunistring's u8_width_linebreaks loop, literally."""
    cuts, last, piece = [], -1, 0
    for index, char in enumerate(text):
        if index in chances:
            if last >= 0 and column + piece > width:
                cuts.append(last)
                column = 0
            last, column, piece = index, column + piece, 0
        piece += linebreak.PROPERTIES[char] & 3
    if last >= 0 and column + piece > width:
        cuts.append(last)
    return cuts


# Against the GNU tools


VARIED = [
    Entry(msgid="Short.", msgstr="Қысқа.", references=["articles/a.md:1"]),
    Entry(
        msgid="Kazakhstan’s longest-serving political prisoner died on Nov. 24, his lawyer said; "
        "officials — who deny mistreatment — say “the inquiry is closed” (for now).",
        msgstr="Қазақстандағы ең ұзақ отырған саяси тұтқын 24 қарашада қайтыс болды, деді "
        "адвокаты; шенеуніктер «тергеу жабық» дейді.",
        extracted_comments=["paragraph"],
        references=[f"articles/long-slug-number-{i}.md:{i * 7}" for i in range(1, 8)],
        flags=["fuzzy"],
        previous_msgid="Kazakhstan’s longest-serving political prisoner died on Nov. 23.",
    ),
    Entry(msgid='Line one\nLine two with a tab\tand a "quote" and a back\\slash\n', msgstr=""),
    Entry(msgid="x" * 120 + " tail", msgstr="y" * 30 + "-" + "z" * 70),
    Entry(msgid="8.7% growth, $100 and 1,000.5 units/year", msgctxt="numbers", msgstr="рост"),
    Entry(msgid="日本語のテキスト、" * 6, msgstr="한국어 텍스트 " * 8),
    Entry(msgid="Emoji 👍🏽 and flags 🇰🇿🇷🇺 and e\u0301 combining", msgstr="ok"),
    Entry(
        msgid="%d file",
        msgid_plural="%d files",
        msgstr_plural=["%d файл", "%d файла", "%d файлов"],
        translator_comments=["checked", "twice"],
    ),
    Entry(msgid="Gone but translated", msgstr="Ушло", obsolete=True, flags=["fuzzy"]),
    Entry(
        msgid="Gone with a previous string that is long enough to wrap onto a second line here",
        msgstr="Ушло " * 20,
        obsolete=True,
        previous_msgid="Gone with an older string",
    ),
]


@pytest.mark.gettext
@needs_gettext
def test_msgcat_reproduces_our_output_and_msgfmt_accepts_it(tmp_path: Path) -> None:
    header = header_entry()
    header.msgstr += (
        "Language: ru\nPlural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : 1);\n"
    )
    text = format_po(Catalog(header=header, entries=VARIED))
    assert msgcat(text, tmp_path) == text
    check = subprocess.run(
        ["msgfmt", "-c", "--check-format", "-o", "/dev/null", str(tmp_path / "in.po")],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stderr
    back = parse_po(text)
    for entry in back.entries:
        entry.lineno = 0
    assert back.entries == VARIED


MESSY = (
    HEADER
    + """
#:./a.md:01 a.md:1 b.md :2 x.md: 3
#,fuzzy no-wrap, custom,possible-python-format
#| msgid "a long previous string, long enough to be wrapped by msgcat at seventy-nine columns"
msgid "a"
msgstr "b"

#, fuzzy
msgid "untranslated"
msgstr ""

#, range: 5..1
msgid "bad range"
msgstr "x"

#, range: 0..9 fuzzy, range:
msgid "good range"
msgstr "x"

#~ msgid "obsolete without translation"
#~ msgstr ""

#~ msgid "obsolete in the middle"
#~ msgstr "x"

msgid "tail"
msgstr "with \\x41 and \\101 escapes and a very long translation that goes past the end"
"of the line"
"""
)


@pytest.mark.gettext
@needs_gettext
def test_normalises_hand_edited_files_as_msgcat_does(tmp_path: Path) -> None:
    ours = format_po(parse_po(MESSY))
    # msgcat needs two passes for "./a.md:01 a.md:1": it only drops the duplicate when re-reading.
    assert ours == msgcat(msgcat(MESSY, tmp_path), tmp_path) == msgcat(ours, tmp_path)
    assert "#: a.md:1 b.md:2 x.md:3\n#, fuzzy, python-format, no-wrap\n" in ours
    assert "untranslated" in ours and "without translation" not in ours
    assert ours.index("tail") < ours.index("obsolete in the middle")


@pytest.mark.gettext
def test_unicode_data_matches_the_systems_libunistring() -> None:
    """The embedded tables are libunistring 1.0's, which gettext 0.21 uses to break lines."""
    name = ctypes.util.find_library("unistring")
    if name is None:
        pytest.skip("no libunistring")
    lib = ctypes.CDLL(name)
    try:
        table = bytes((ctypes.c_ubyte * 1089).in_dll(lib, "libunistring_unilbrk_table"))
        raw = bytes((ctypes.c_ubyte * 39740).in_dll(lib, "libunistring_unilbrkprop"))
    except ValueError:
        pytest.skip("libunistring without its internal tables exported")
    assert table == linebreak.PAIRS
    level1, level2, level3 = (
        struct.unpack_from("<15i", raw),
        struct.unpack_from("<2048i", raw, 60),
        raw[8252:],
    )
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    resolved = {40: 20, 41: 20, 42: 20, 39: 23, 31: 24}  # AI, SA, XX -> AL; CB -> ID; EB -> ID2
    for code in range(0, 0x30000, 7):
        index = level1[code >> 16] if code >> 16 < 15 else -1
        index = level2[index + ((code >> 7) & 511)] if index >= 0 else -1
        cls = (
            resolved.get(level3[index + (code & 127)], level3[index + (code & 127)])
            if index >= 0
            else 20
        )
        width = 0 if cls in (33, 34, 35) else max(lib.uc_width(code, b"UTF-8"), 0)
        assert linebreak.PROPERTIES[chr(code)] == cls * 4 + width, hex(code)


# Cross-check with polib


def test_agrees_with_polib(tmp_path: Path) -> None:
    text = format_po(Catalog(header=header_entry(), entries=VARIED)) + ENTRIES
    path = tmp_path / "both.po"
    path.write_text(text, encoding="utf-8")
    ours = parse_po(text)
    theirs = polib.pofile(str(path))
    assert ours.header is not None and ours.header.msgstr == theirs.metadata_as_entry().msgstr
    pairs = list(zip(ours.entries, theirs, strict=True))
    for mine, other in pairs:
        assert (mine.msgid, mine.msgctxt, mine.msgid_plural) == (
            other.msgid,
            other.msgctxt,
            other.msgid_plural or None,
        )
        assert mine.msgstr_plural == [other.msgstr_plural[i] for i in sorted(other.msgstr_plural)]
        assert mine.msgstr == other.msgstr
        assert mine.obsolete == bool(other.obsolete)
        assert mine.flags == other.flags
        if not mine.obsolete:  # polib does not read "#~|" lines
            assert mine.previous_msgid == other.previous_msgid
        assert "\n".join(mine.translator_comments) == other.tcomment
        assert "\n".join(mine.extracted_comments) == other.comment
