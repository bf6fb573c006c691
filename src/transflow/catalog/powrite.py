"""Write a Catalog as the exact text GNU ``msgcat`` 0.21 prints for it.

Why byte identity: translators and CI run GNU tools (msgmerge, msgcat, msgfmt) on our files, and
any difference in wrapping would show up as noise in every diff. So this module re-implements
gettext's ``write-po.c`` rules rather than a look-alike:

* strings are cut into portions at each ``\n``; a string of several portions, or one that needs
  wrapping, starts with ``msgid ""``; portions wrap at column 79 (77 for the text between the
  quotes) where Unicode line breaking (UAX #14, as libunistring 1.0 implements it) allows, with
  East Asian wide characters counting two columns;
* flags are normalised: ``fuzzy`` only when the (first) msgstr is filled in, the ``*-format``
  flags in gettext's language order, ``range:``, then ``no-wrap``; other flags are dropped;
* references are re-parsed (``file:line``, ``./`` removed, duplicates dropped) and packed on
  ``#:`` lines up to column 79; comments are never wrapped;
* obsolete entries go last, and those without a translation are dropped, as msgcat does.

``no-wrap`` (the flag) turns off wrapping except at ``\n``. gettext never breaks inside a format
directive of the entry's first format flag; that is reproduced for ``python-format`` (which Babel
and xgettext put on any Python string with a "%", and "3.1% from" holds the directive "% f"), not
for ``c-format`` and the other languages, whose parsers are much larger and which our catalogs
never carry.
"""

from __future__ import annotations

import re
from collections.abc import Set
from functools import lru_cache
from itertools import pairwise

from transflow.catalog.linebreak import UNUSUAL_CHAR, line_breaks
from transflow.catalog.model import Catalog, Entry
from transflow.errors import CatalogError

_PAGE_WIDTH = 79
_NO_WRAP_WIDTH = 2**31 - 1

# The *-format languages of gettext 0.21, in the order msgcat prints their flags.
_FORMAT_NAMES = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep "
    "ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl "
    "perl-brace php gcc-internal gfc-internal ycp"
)
_FORMAT_LANGUAGES = _FORMAT_NAMES.split()
_FORMAT_INDEX = {name: i for i, name in enumerate(_FORMAT_LANGUAGES)}
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-)?(.+)-format")
_FLAG_TOKEN = re.compile(r"[^\n \t\r\f\v,]+")
_RANGE = re.compile(r"([0-9]+)\.\.([0-9]+)")  # what follows "range:"
# GNU tries, in this order: "file :12" or "file : 12", "file: 12", "file:12", "file".
_FILE_POSITION = re.compile(
    r"(?:([^ \t\n]+)[ \t\n]+:[ \t\n]*([0-9]+)|([^ \t\n]+):[ \t\n]+([0-9]+)"
    r"|([^ \t\n]+):([0-9]+)|([^ \t\n]+))(?=[ \t\n]|$)"
)
_PLAIN_REFERENCE = re.compile(r"(?!\./)[^\s:]+(?::[1-9][0-9]*)?")  # printed by GNU as it is
_PORTIONS = re.compile(r"[^\n]*\n|[^\n]+")
_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n"}
    | {"\r": "\\r", "\t": "\\t", "\v": "\\v"}
)
_NONE: frozenset[int] = frozenset()
_NEEDS_ESCAPE = re.compile(r'[\\"\a\b\f\n\r\t\v]')
_ESCAPED = frozenset('\\"\a\b\f\n\r\t\v')
_PYTHON_SPEC = re.compile(r"[-+ #0]*(\*|[0-9]*)(?:\.(\*|[0-9]*))?[hlL]?(.?)", re.DOTALL)


def format_po(catalog: Catalog) -> str:
    """The PO text of ``catalog``: header, live entries in order, then translated obsolete ones.

    Raises CatalogError when two live entries share a msgctxt and msgid, since GNU tools reject
    such a file. An obsolete entry whose key is already used is dropped, as msgmerge would.
    """
    return _format(catalog, None)


def format_po_and_reading(catalog: Catalog) -> tuple[str, Catalog]:
    """``format_po(catalog)``, and the catalog ``parse_po`` reads back from that text.

    Writing normalises (flags, references, comments split at newlines, entries dropped) and
    reading numbers the lines; the second result is exactly what reading the text would give,
    without reading it. tests/property/test_po_roundtrip.py holds it to ``parse_po``.
    """
    reading = Catalog()
    return _format(catalog, reading), reading


def _format(catalog: Catalog, reading: Catalog | None) -> str:
    blocks: list[list[str]] = []
    seen: set[tuple[str | None, str]] = set()
    live = [catalog.header] if catalog.header is not None else []
    written = []
    for entry in live + catalog.live_entries():
        if entry.key in seen:
            raise CatalogError(f"duplicate message {entry.msgid[:40]!r} cannot be written")
        seen.add(entry.key)
        written.append((entry, False))
    for entry in catalog.obsolete_entries():
        if _msgstrs(entry)[0] and entry.key not in seen:
            seen.add(entry.key)
            written.append((entry, True))
    lineno = 1
    for entry, obsolete in written:
        read = None if reading is None else _as_read(entry, obsolete, lineno)
        lines = _entry_lines(entry, obsolete, read)
        blocks.append(lines)
        lineno += len(lines) + 1
        if reading is not None and read is not None:
            # Like the reader: the first live entry with an empty msgid and no context is the
            # header, wherever it stands.
            if not obsolete and read.key == (None, "") and reading.header is None:
                reading.header = read
            else:
                reading.entries.append(read)
    return "\n\n".join("\n".join(block) for block in blocks) + "\n" if blocks else ""


def _as_read(entry: Entry, obsolete: bool, lineno: int) -> Entry:
    """The strings of ``entry`` as the reader gets them back; ``_entry_lines`` adds the rest."""
    plural = entry.msgid_plural is not None
    return Entry(
        entry.msgid,
        "" if plural else entry.msgstr,
        entry.msgctxt,
        entry.msgid_plural,
        list(_msgstrs(entry)) if plural else [],
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=obsolete,
        lineno=lineno,
    )


def _msgstrs(entry: Entry) -> list[str]:
    if entry.msgid_plural is None:
        return [entry.msgstr]
    # A plural entry without forms is written as a template writes it: two empty forms.
    return entry.msgstr_plural or ["", ""]


def _entry_lines(entry: Entry, obsolete: bool, read: Entry | None = None) -> list[str]:
    """The lines of one entry; with ``read``, also fills in its comments, references and flags
    as the reader will find them in those lines."""
    lines = [line for c in entry.translator_comments for line in _translator_comment_lines(c)]
    translator = len(lines)
    for comment in entry.extracted_comments:
        # GNU writes an embedded newline as is, which no reader accepts; one line each is valid.
        lines.extend("#. " + part if part else "#." for part in comment.split("\n"))
    extracted = len(lines)
    positions = _file_positions(entry.references)
    lines.extend(_reference_lines(positions))
    # GNU joins a line that ends with a backslash to the next one; a space keeps them apart.
    lines = [line + " " if line.endswith("\\") else line for line in lines]
    if read is not None:  # "# text", "#", "#. text", "#.": the reader strips the marks
        read.translator_comments = [line[2:] for line in lines[:translator]]
        read.extracted_comments = [line[3:] for line in lines[translator:extracted]]
        read.references = list(positions)
    flags, wrap, python = _normal_flags(entry, obsolete)
    if flags:
        lines.append("#, " + ", ".join(flags))
        if read is not None:
            read.flags = list(flags)
    prev_prefix, prefix = ("#~| ", "#~ ") if obsolete else ("#| ", "")
    previous = (entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural)
    if previous != (None, None, None):  # most entries have no "#|" lines
        for keyword, value in zip(("msgctxt", "msgid", "msgid_plural"), previous, strict=True):
            if value is not None:
                lines.extend(_wrap(prev_prefix, keyword, value, wrap, python))
    if entry.msgctxt is not None:
        lines.extend(_wrap(prefix, "msgctxt", entry.msgctxt, wrap, python))
    lines.extend(_wrap(prefix, "msgid", entry.msgid, wrap, python))
    if entry.msgid_plural is not None:
        lines.extend(_wrap(prefix, "msgid_plural", entry.msgid_plural, wrap, python))
    if entry.msgid_plural is None:
        lines.extend(_wrap(prefix, "msgstr", entry.msgstr, wrap, python))
    else:
        for i, msgstr in enumerate(_msgstrs(entry)):
            lines.extend(_wrap(prefix, f"msgstr[{i}]", msgstr, wrap, python))
    return lines


def _translator_comment_lines(comment: str) -> list[str]:
    # GNU puts a space after "#" when the rest of the comment, not the line, is non-empty.
    parts = comment.split("\n")
    return [("# " if part or i < len(parts) - 1 else "#") + part for i, part in enumerate(parts)]


def _normal_flags(entry: Entry, obsolete: bool) -> tuple[list[str], bool, bool]:
    """The flags msgcat keeps, in its order; whether strings wrap; whether as python-format."""
    if not entry.flags:
        return [], True, False
    if entry.flags == ["fuzzy"]:  # the usual ones, in a hurry
        return (["fuzzy"] if _msgstrs(entry)[0] else []), True, False
    fuzzy = no_wrap = False
    formats: dict[int, str] = {}
    value_range: str | None = None
    tokens = iter(_FLAG_TOKEN.findall(", ".join(entry.flags)))
    for token in tokens:
        if token == "fuzzy":
            fuzzy = True
        elif token in ("wrap", "no-wrap"):
            no_wrap = token == "no-wrap"
        elif (match := _FORMAT_FLAG.fullmatch(token)) and match[2] in _FORMAT_INDEX:
            formats[_FORMAT_INDEX[match[2]]] = match[1] or ""
        elif token == "range:" and (match := _RANGE.match(next(tokens, ""))):
            low, high = (min(int(bound), 2**31 - 1) for bound in match.groups())
            value_range = f"range: {low}..{high}" if low <= high else value_range
    flags = ["fuzzy"] if fuzzy and _msgstrs(entry)[0] else []
    for index in sorted(formats):
        if formats[index] != "impossible-":
            prefix = "no-" if formats[index] == "no-" else ""
            flags.append(f"{prefix}{_FORMAT_LANGUAGES[index]}-format")
    if value_range is not None and not obsolete:
        flags.append(value_range)
    if no_wrap:
        flags.append("no-wrap")
    # gettext keeps format directives whole for the first format that may apply.
    applies = [index for index in sorted(formats) if formats[index] in ("", "possible-")]
    return flags, not no_wrap, applies[:1] == [_FORMAT_INDEX["python"]]


def _reference_lines(positions: list[str]) -> list[str]:
    """``#:`` lines packed to the page width, as GNU counts it: in bytes, with a leading space.

    ``positions`` are references as ``_file_positions`` gives them."""
    lines: list[str] = []
    line = "#:"
    column = 2
    for item in positions:
        size = len(item.encode()) + 1
        if column > 2 and column + size > _PAGE_WIDTH:
            lines.append(line)
            line, column = "#:", 2
        line += " " + item
        column += size
    if column > 2:
        lines.append(line)
    return lines


def _file_positions(references: list[str]) -> list[str]:
    """References as GNU re-reads and prints them, until that no longer changes them."""
    if all(map(_PLAIN_REFERENCE.fullmatch, references)) and len(set(references)) == len(references):
        return references
    while (again := _reread_file_positions(references)) != references:
        references = again  # "c.md:" "7" may print as "c.md: 7", which reads as c.md:7
    return references


def _reread_file_positions(references: list[str]) -> list[str]:
    """GNU's reading of a "#:" line, then its printing ("./" removed), without duplicates."""
    result: dict[str, None] = {}
    for match in _FILE_POSITION.finditer(" ".join(references)):
        name = next(group for group in match.group(1, 3, 5, 7) if group is not None)
        line = next((group for group in match.group(2, 4, 6) if group is not None), None)
        while name.startswith("./"):
            name = name[2:]
        result[name if line is None else f"{name}:{int(line)}"] = None
    return list(result)


def _wrap(prefix: str, keyword: str, value: str, wrap: bool, python: bool) -> tuple[str, ...]:
    """GNU's ``wrap()``: the lines of ``keyword "value"``, one or more per ``\n`` portion."""
    width = (_PAGE_WIDTH if wrap else _NO_WRAP_WIDTH) - len(prefix) - 2  # room between quotes
    short = len(value) + len(keyword) < width and _NEEDS_ESCAPE.search(value) is None
    if short and UNUSUAL_CHAR.search(value) is None:  # the common case: one line
        return (f'{prefix}{keyword} "{value}"',)
    return _wrapped(prefix, keyword, value, wrap, python, width)


# A msgid is written into the template and into every language's catalog, often by one process.
@lru_cache(maxsize=4096)
def _wrapped(
    prefix: str, keyword: str, value: str, wrap: bool, python: bool, width: int
) -> tuple[str, ...]:
    portions = (_PORTIONS.findall(value) or [""]) if "\n" in value else [value]
    inside = _python_directives(value) if python and "%" in value else _NONE
    lines: list[str] = []
    first = True
    offset = 0
    for index, portion in enumerate(portions):
        text = portion.translate(_ESCAPES) if _NEEDS_ESCAPE.search(portion) else portion
        newline = portion.endswith("\n")
        keep = _escaped_positions(portion, offset, inside) if inside else _NONE
        offset += len(portion)
        cuts = line_breaks(text, newline, width, 0, False, keep)
        if first and text:
            # A string of several portions, or one that must wrap, starts with `msgid ""`.
            start = len(keyword) + 1
            if (
                cuts
                or index < len(portions) - 1
                or start > width
                or line_breaks(text, newline, width, start, True, keep)
            ):
                lines.append(f'{prefix}{keyword} ""')
                first = False
        bounds = [0, *cuts, len(text)]
        head = f"{prefix}{keyword} " if first else prefix
        first = False
        lines.append(f'{head}"{text[: bounds[1]]}"')
        lines.extend(f'{prefix}"{text[a:b]}"' for a, b in pairwise(bounds[1:]))
    return tuple(lines)


def _python_directives(text: str) -> Set[int]:
    """Where gettext's python-format parser sees the inside of a directive ("%(name)s", "% d").

    Like gettext, it stops at the first invalid directive, leaving later ones unprotected.
    """
    inside: set[int] = set()
    named = unnamed = 0
    start = text.find("%")
    while start >= 0:
        index, name = start + 1, text.startswith("(", start + 1)
        if name:
            depth, index = 0, index + 1
            while index < len(text) and (text[index] != ")" or depth):
                depth += {"(": 1, ")": -1}.get(text[index], 0)
                index += 1
            if index == len(text):
                break
        spec = _PYTHON_SPEC.match(text, index + name)
        assert spec is not None
        stars, conversion = spec.group(1, 2).count("*"), spec[3]
        if conversion == "" or conversion not in "%csriduoxXeEfgG" or (stars and named):
            break
        unnamed += stars
        takes_argument = not name and conversion != "%"
        if (name and unnamed) or (takes_argument and named):
            break  # named and unnamed arguments do not mix
        named, unnamed = named + name, unnamed + takes_argument
        inside.update(range(start + 1, spec.end()))
        start = text.find("%", spec.end())
    return inside


def _escaped_positions(portion: str, offset: int, indices: Set[int]) -> Set[int]:
    """Where the characters at ``indices`` (of the whole string) start in the escaped portion."""
    positions: set[int] = set()
    column = 0
    for index, char in enumerate(portion, start=offset):
        if index in indices:
            positions.add(column)
        column += 2 if char in _ESCAPED else 1
    return positions
