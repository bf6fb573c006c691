"""The project glossary: how names and terms are rendered in each target language.

``glossary.csv`` at the project root, UTF-8, with a header row::

    term,kk,ru,note
    Almaty,Алматы,Алматы,city
    Facebook,,,keep the Latin name

``term`` is required; ``note`` is optional and free text; every other column is a language code
(any case, ``kk-KZ`` or ``kk_KZ`` serving ``kk`` where there is no ``kk`` column).
An empty cell means "do not translate": the source term stays as it is in that language; a
language without a column has no glossary (``Glossary.covers``). A missing file is an empty
glossary.

Matching in the source is whole-word and case-sensitive; longer terms win over shorter ones they
overlap ("Nursultan Nazarbayev" before "Nazarbayev"). Matching in a translation allows for
inflection (Kazakh and Russian decline names): see ``Glossary.rendered_in``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from transflow.config import Settings
from transflow.errors import ConfigError
from transflow.fsutil import read_text_utf8
from transflow.models import Reduced, by_constructor

GLOSSARY_NAME = "glossary.csv"
TERM_COLUMN = "term"
NOTE_COLUMN = "note"
# The shortest stem compared when a rendering is looked for in an inflected translation.
MIN_STEM = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class GlossaryTerm:
    """One row: a source term, its renderings by language ("" = keep the source), a note."""

    term: str
    renderings: Mapping[str, str] = field(default_factory=dict)
    note: str = ""
    line: int = 0

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a text: ``text[start:end] == term``."""

    start: int
    end: int
    term: str

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


class Glossary:
    """Terms by their source spelling; immutable once built."""

    def __init__(self, terms: Iterable[GlossaryTerm] = (), path: Path | None = None) -> None:
        self.path = path
        self._terms: dict[str, GlossaryTerm] = {}
        for entry in terms:
            first = self._terms.get(entry.term)
            if first is not None:
                also = f" (first on line {first.line})" if first.line else ""
                raise ConfigError(
                    f"the term {entry.term!r} is listed twice{also}", path, entry.line
                )
            self._terms[entry.term] = entry
        # Longest first, so that a longer term claims its span before a term inside it.
        ranked = sorted(self._terms, key=lambda t: (-len(t), t))
        self._rank = {term: rank for rank, term in enumerate(ranked)}
        # Terms by the word they start with: a text's words are looked up, rather than every
        # term searched for in every text (2,000 terms made a check of 1,200 entries take 10 s).
        self._by_first_word: dict[str, list[str]] = {}
        self._unindexed: list[tuple[str, re.Pattern[str]]] = []  # terms such as ".NET"
        for term in ranked:
            word = _WORD.match(term)
            if word is not None:
                self._by_first_word.setdefault(word.group(), []).append(term)
            else:
                self._unindexed.append((term, re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")))
        self._view = MappingProxyType(self._terms)

    @property
    def terms(self) -> Mapping[str, GlossaryTerm]:
        return self._view

    def __len__(self) -> int:
        return len(self._terms)

    def __iter__(self) -> Iterator[GlossaryTerm]:
        return iter(self._terms.values())

    def __contains__(self, term: object) -> bool:
        return term in self._terms

    def terms_in(self, text: str) -> list[TermMatch]:
        """Whole-word, case-sensitive occurrences of glossary terms, non-overlapping, in text order.

        Where two terms overlap, the longer one is kept.
        """
        found = self._occurrences(text)
        taken: list[TermMatch] = []
        for term in sorted(found, key=self._rank.__getitem__):
            for match in found[term]:
                if not any(m.start < match.end and match.start < m.end for m in taken):
                    taken.append(match)
        return sorted(taken, key=lambda m: m.start)

    def _occurrences(self, text: str) -> dict[str, list[TermMatch]]:
        """Each term's whole-word occurrences in ``text``, from the left, none overlapping the
        term's previous one (as a search for the term alone finds them)."""
        found: dict[str, list[TermMatch]] = {}
        if self._by_first_word:
            for word in _WORD.finditer(text):
                start = word.start()
                for term in self._by_first_word.get(word.group(), ()):
                    end = start + len(term)
                    if not text.startswith(term, start) or _WORD.match(text, end):
                        continue
                    matches = found.setdefault(term, [])
                    if not matches or matches[-1].end <= start:
                        matches.append(TermMatch(start, end, term))
        for term, pattern in self._unindexed:
            matches = [TermMatch(m.start(), m.end(), term) for m in pattern.finditer(text)]
            if matches:
                found[term] = matches
        return found

    def covers(self, term: str, lang: str) -> bool:
        """Whether the glossary says how ``term`` is written in ``lang``: it has a column for
        ``lang``, where a blank cell says to keep the term. A language without a column has no
        glossary (a Kyrgyz translation owes nothing to the kk and ru columns).

        Raises KeyError for a term that is not in the glossary.
        """
        renderings = self._terms[term].renderings
        return lang in renderings or bool(_column(renderings, lang))

    def rendering(self, term: str, lang: str) -> str | None:
        """How ``term`` is written in ``lang``; None means keep the source term unchanged (also
        what a language without a column gets: see ``covers``).

        Raises KeyError for a term that is not in the glossary.
        """
        renderings = self._terms[term].renderings
        value = renderings.get(lang)
        if value is None:
            value = renderings.get(_column(renderings, lang), "")
        return value or None

    def expected(self, term: str, lang: str) -> str:
        """The text a translation into ``lang`` should contain for ``term``."""
        return self.rendering(term, lang) or term

    def rendered_in(self, term: str, lang: str, translation: str) -> bool:
        """Whether ``translation`` contains the rendering of ``term``, allowing for inflection.

        The rendering and the translation are split into words (runs of letters and digits; a
        hyphen or an apostrophe separates words). Each word of the rendering stands for its stem:
        the word without its last letter, but never shorter than ``MIN_STEM`` letters (shorter
        words are compared whole). The rendering is found when consecutive words of the
        translation start with those stems, in order, ignoring case and Unicode normalization
        (a decomposed "ё", "е" and U+0308, is "ё"). So "Казахстан" accepts
        "Казахстана", "Торегожина" accepts "Торегожиной", "Сарсенбай" accepts "Сарсенбая" and
        "Шаңырақ" accepts "Шаңырағы".
        """
        stems = [_stem(word) for word in _WORD.findall(_folded(self.expected(term, lang)))]
        words = _WORD.findall(_folded(translation))
        if not stems:
            return True
        for i in range(len(words) - len(stems) + 1):
            if all(words[i + k].startswith(stem) for k, stem in enumerate(stems)):
                return True
        return False


def _column(columns: Iterable[str], lang: str) -> str:
    """The column for ``lang`` where none is named exactly so: ``kk-KZ``, ``KK`` or ``kk_KZ``
    for ``kk``, ``kk`` for ``kk-KZ`` (a termbase's export names its columns either way; taken
    as another language, the column was ignored and every term was to be kept as it is)."""
    wanted = _code(lang)
    for name in columns:
        code = _code(name)
        if code == wanted or code == wanted.split("-")[0] or code.split("-")[0] == wanted:
            return name
    return ""


def _code(name: str) -> str:
    return name.replace("_", "-").lower()


def _folded(text: str) -> str:
    """``text`` case-folded, in NFC: a decomposed letter's mark is no word character, so in NFD
    "Пётр" would be the words "пе" and "тр"."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", text).casefold())


def _stem(word: str) -> str:
    return word if len(word) <= MIN_STEM else word[: max(MIN_STEM, len(word) - 1)]


def glossary_path(settings: Settings) -> Path:
    return settings.root / GLOSSARY_NAME


def load_glossary(settings: Settings) -> Glossary:
    """The project's glossary from ``<root>/glossary.csv``; an empty one when there is no file."""
    path = glossary_path(settings)
    if not path.is_file():
        return Glossary(path=path)
    return parse_glossary(read_text_utf8(path, ConfigError), path)


def parse_glossary(text: str, path: Path | None = None) -> Glossary:
    """Read glossary CSV text; every problem is a ConfigError naming the file and line."""
    # Lines end at \n, \r\n or \r, as CSV has them: str.splitlines would also end one at a
    # form feed, U+0085 or U+2028 in a note and call the row short.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # the line the row being read starts on (a quoted cell may hold line breaks)
    terms: list[GlossaryTerm] = []
    try:
        header = _read_header(reader, path)
        start = reader.line_num + 1
        for row in reader:
            if any(row):
                terms.append(_read_row(row, header, start, path))
            start = reader.line_num + 1
    except csv.Error as exc:
        if str(exc) == "unexpected end of data":
            # The file ended inside a quoted cell: its opening quote is the mistake, not the
            # last line, where the reader noticed.
            message = 'has a quoted cell that is never closed (a " is missing)'
            raise ConfigError(message, path, start) from None
        raise ConfigError(f"is not valid CSV: {exc}", path, reader.line_num) from None
    return Glossary(terms, path)


def _read_header(reader: Iterator[list[str]], path: Path | None) -> list[str]:
    row = next(reader, None)
    header = [cell.strip() for cell in row] if row else []
    if TERM_COLUMN not in header:
        raise ConfigError(
            f"the first line must be a header naming the columns, e.g. "
            f"{TERM_COLUMN},kk,ru,{NOTE_COLUMN}",
            path,
            1,
        )
    if "" in header or len(set(header)) != len(header):
        raise ConfigError("the header has an empty or repeated column name", path, 1)
    return header


def _read_row(row: list[str], header: list[str], line: int, path: Path | None) -> GlossaryTerm:
    if len(row) != len(header):
        raise ConfigError(
            f"has {len(row)} cells, the header has {len(header)} ({','.join(header)})", path, line
        )
    cells = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
    term = cells.pop(TERM_COLUMN)
    if not term:
        raise ConfigError("has an empty term", path, line)
    note = cells.pop(NOTE_COLUMN, "")
    return GlossaryTerm(term=term, renderings=MappingProxyType(cells), note=note, line=line)
