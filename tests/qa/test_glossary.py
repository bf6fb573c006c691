"""The glossary: CSV loading, term matching in the source, inflection-tolerant matching."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transflow.config import Settings
from transflow.errors import ConfigError
from transflow.qa.glossary import Glossary, GlossaryTerm, TermMatch, load_glossary, parse_glossary

REPO = Path(__file__).resolve().parents[2]

SMALL = """term,kk,ru,note
Nursultan Nazarbayev,Нұрсұлтан Назарбаев,Нурсултан Назарбаев,
Nazarbayev,Назарбаев,Назарбаев,surname
Almaty,Алматы,Алматы,city
Facebook,,,keep
"""


def test_missing_file_is_an_empty_glossary(tmp_path: Path) -> None:
    glossary = load_glossary(Settings(root=tmp_path))
    assert len(glossary) == 0
    assert glossary.terms_in("Almaty") == []


def test_sample_glossary_loads_with_the_article_names() -> None:
    glossary = load_glossary(Settings(root=REPO))
    assert glossary.rendering("Shanyrak", "kk") == "Шаңырақ"
    assert glossary.rendering("Shanyrak", "ru") == "Шанырак"
    assert glossary.rendering("Kassym-Jomart Tokayev", "ru") == "Касым-Жомарт Токаев"
    assert glossary.rendering("Eurasianet", "kk") is None
    assert glossary.rendering("Facebook", "ru") is None
    for name in ("Aron Atabek", "Almaty", "Radio Azattyk", "Joanna Lillis", "Kazakhstan"):
        assert name in glossary


def test_terms_in_prefers_the_longest_term_and_does_not_overlap() -> None:
    glossary = parse_glossary(SMALL)
    text = "Nursultan Nazarbayev met Nazarbayev's friends in Almaty."
    assert glossary.terms_in(text) == [
        TermMatch(0, 20, "Nursultan Nazarbayev"),
        TermMatch(25, 35, "Nazarbayev"),
        TermMatch(49, 55, "Almaty"),
    ]


def test_terms_in_is_whole_word_and_case_sensitive() -> None:
    glossary = parse_glossary(SMALL)
    assert glossary.terms_in("Almatyan almaty ALMATY Facebooks") == []
    assert glossary.terms_in("(Facebook)") == [TermMatch(1, 9, "Facebook")]


def _terms_in_by_search(glossary: Glossary, text: str) -> list[TermMatch]:
    """What terms_in is to find, as first written: each term searched for in the text, the
    longest first, keeping what no term taken before overlaps."""
    taken: list[TermMatch] = []
    for term in sorted(glossary.terms, key=lambda t: (-len(t), t)):
        for found in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text):
            match = TermMatch(found.start(), found.end(), term)
            if not any(m.start < match.end and match.start < m.end for m in taken):
                taken.append(match)
    return sorted(taken, key=lambda m: m.start)


_TERM_PIECES = st.sampled_from(["A", "B", "Ab", "b", "1", " ", " ", "-", ".", "'", "Ә"])
_TERMS = st.lists(_TERM_PIECES, min_size=1, max_size=5).map("".join).map(str.strip)


@settings(max_examples=500, deadline=None)
@given(
    st.sets(_TERMS.filter(bool), max_size=8),
    st.lists(st.one_of(_TERM_PIECES, st.just("x")), max_size=20).map("".join),
)
@example({"A B", "B A B", "A"}, "A B A B A")  # the longest first, not the leftmost
@example({"A A"}, "A A A")  # a term's own occurrences do not overlap
@example({".A", "A"}, "x.A .A")  # a term that starts with no letter
def test_terms_in_finds_what_a_search_for_each_term_finds(terms: set[str], text: str) -> None:
    glossary = Glossary(GlossaryTerm(term) for term in terms)
    assert glossary.terms_in(text) == _terms_in_by_search(glossary, text)


class _CountedPattern:
    """A compiled pattern that counts the texts it is run over."""

    runs = 0

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._pattern = pattern

    def __getattr__(self, name: str) -> Any:
        _CountedPattern.runs += 1
        return getattr(self._pattern, name)


def _runs_of_terms_in(monkeypatch: pytest.MonkeyPatch, size: int) -> int:
    compile_ = re.compile
    with monkeypatch.context() as patch:
        patch.setattr(re, "compile", lambda *args: _CountedPattern(compile_(*args)))
        glossary = Glossary(GlossaryTerm(f"Term{i} word", {"ru": f"Терм{i}"}) for i in range(size))
    _CountedPattern.runs = 0
    assert glossary.terms_in("Term7 word and Term9 word met in Almaty.") == [
        TermMatch(0, 10, "Term7 word"),
        TermMatch(15, 25, "Term9 word"),
    ]
    return _CountedPattern.runs


def test_terms_in_does_not_search_a_text_once_per_term(monkeypatch: pytest.MonkeyPatch) -> None:
    """A newsroom's glossary holds thousands of terms: looking for each of them in every text
    made a check of 1,200 entries with 2,000 terms take 10 s."""
    assert _runs_of_terms_in(monkeypatch, 2000) == _runs_of_terms_in(monkeypatch, 10)


def test_a_blank_cell_keeps_the_term_and_a_missing_column_says_nothing() -> None:
    glossary = parse_glossary(SMALL)
    assert glossary.covers("Facebook", "kk") and glossary.rendering("Facebook", "kk") is None
    assert glossary.covers("Almaty", "kk") and glossary.rendering("Almaty", "kk") == "Алматы"
    assert not glossary.covers("Almaty", "ky") and not glossary.covers("Facebook", "ky")


def test_rendering_of_an_unknown_term_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        parse_glossary(SMALL).rendering("Astana", "kk")


@pytest.mark.parametrize(
    ("term", "lang", "translation", "found"),
    [
        ("Almaty", "kk", "Алматыдағы ауруханада", True),
        ("Nursultan Nazarbayev", "ru", "статью о Нурсултане Назарбаеве", True),
        ("Nursultan Nazarbayev", "ru", "статью о Назарбаеве", False),
        ("Facebook", "kk", "Facebook-тегі жазба", True),
        ("Facebook", "ru", "в Фейсбуке", False),
        ("Almaty", "ru", "в Астане", False),
    ],
)
def test_rendered_in_accepts_inflected_forms(
    term: str, lang: str, translation: str, found: bool
) -> None:
    assert parse_glossary(SMALL).rendered_in(term, lang, translation) is found


@pytest.mark.parametrize(
    ("rendering_form", "translation_form"), [("NFC", "NFD"), ("NFD", "NFC"), ("NFD", "NFD")]
)
def test_rendered_in_compares_composed_and_decomposed_letters_alike(
    rendering_form: str, translation_form: str
) -> None:
    """An editor or a pasted text may write "ё" as "е" and a combining diaeresis (NFD)."""
    glossary = parse_glossary(
        unicodedata.normalize(rendering_form, "term,ru\nPyotr Ivanov,Пётр Иванов\n")
    )
    translation = unicodedata.normalize(translation_form, "Пётр Иванов выступил.")
    assert glossary.rendered_in("Pyotr Ivanov", "ru", translation)
    assert glossary.rendered_in("Pyotr Ivanov", "ru", translation.upper())
    assert not glossary.rendered_in("Pyotr Ivanov", "ru", "Петр Иванов выступил.")


def test_rendered_in_drops_the_last_letter_of_long_words_only() -> None:
    glossary = load_glossary(Settings(root=REPO))
    assert glossary.rendered_in("Ryspek Sarsenbay", "ru", "сказал Рыспек Сарсенбая")
    assert glossary.rendered_in("Bakytzhan Toregozhina", "ru", "Бахытжан Торегожиной")
    assert glossary.rendered_in("Shanyrak", "kk", "Шаңырағы")
    assert not glossary.rendered_in("Aron Atabek", "ru", "Аро Атабек")


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("kk,ru\nAlmaty,Алматы\n", 1, "header"),
        ("term,kk,kk\n", 1, "repeated"),
        ("term,kk,ru\nAlmaty,Алматы\n", 2, "2 cells"),
        ("term,kk\nAlmaty,Алматы\n,Астана\n", 3, "empty term"),
        ("term,kk\nAlmaty,Алматы\nAlmaty,Алматы\n", 3, "twice"),
        ('term,kk\nAlmaty,"Алм"аты\n', 2, "CSV"),
    ],
)
def test_bad_csv_names_file_and_line(tmp_path: Path, text: str, line: int, fragment: str) -> None:
    (tmp_path / "glossary.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_glossary(Settings(root=tmp_path))
    assert info.value.line == line
    assert info.value.path == tmp_path / "glossary.csv"
    assert fragment in info.value.message


def test_not_utf8_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "glossary.csv").write_bytes("term,ru\nAlmaty,Алматы\n".encode("cp1251"))
    with pytest.raises(ConfigError) as info:
        load_glossary(Settings(root=tmp_path))
    assert info.value.line == 2


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # A quote left open swallows every line after it; the reader notices at the end.
        ('term,kk\nAlmaty,"Алматы\nAstana,Астана\nShanyrak,Шаңырақ\n', 2,
         'has a quoted cell that is never closed (a " is missing)'),
        ('term,kk\nAlmaty,Алматы\n"Astana,Астана\n', 3,
         'has a quoted cell that is never closed (a " is missing)'),
        ("term,kk\nAlmaty,Алматы\nAstana,Астана\nAlmaty,Алматы\n", 4,
         "the term 'Almaty' is listed twice (first on line 2)"),
        # A row on two lines (a note with a line break) is named by its first.
        ('term,kk,ru,note\nAlmaty,Алматы,"city,\nold capital"\n', 2,
         "has 3 cells, the header has 4 (term,kk,ru,note)"),
        ('term,kk,note\nAlmaty,Алматы,"city,\nold capital"\nAlmaty,Алматы,\n', 4,
         "the term 'Almaty' is listed twice (first on line 2)"),
    ],
)  # fmt: skip
def test_a_bad_row_is_named_by_the_line_it_starts_on(
    tmp_path: Path, text: str, line: int, message: str
) -> None:
    (tmp_path / "glossary.csv").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_glossary(Settings(root=tmp_path))
    assert (info.value.line, info.value.message) == (line, message)


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85", "\f", "\v", "\x1c", "\x1e"])
def test_only_newlines_and_carriage_returns_end_a_line(tmp_path: Path, separator: str) -> None:
    """Python's str.splitlines also ends a line at a line separator, a form feed or U+0085 (a
    stray byte of a Windows-1252 text): CSV does not, so a note holding one is one cell."""
    note = f"city{separator}(former capital)"
    text = f'term,kk,ru,note\nAlmaty,Алматы,Алматы,{note}\nAtabek,Атабек,Атабек,"{note}"\n'
    (tmp_path / "glossary.csv").write_text(text, encoding="utf-8", newline="")
    glossary = load_glossary(Settings(root=tmp_path))
    assert [(t.term, t.note, t.line) for t in glossary] == [
        ("Almaty", note, 2),
        ("Atabek", note, 3),
    ]
    (tmp_path / "glossary.csv").write_text(text + "Almaty,,,\n", encoding="utf-8", newline="")
    with pytest.raises(ConfigError) as info:
        load_glossary(Settings(root=tmp_path))
    assert (info.value.line, info.value.message) == (
        4,
        "the term 'Almaty' is listed twice (first on line 2)",
    )


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_a_line_ends_at_a_newline_a_carriage_return_or_both(newline: str) -> None:
    text = newline.join(["term,kk,note", "Almaty,Алматы,city", 'Atabek,Атабек,"a', 'poet"', ""])
    glossary = parse_glossary(text)
    assert [(t.term, t.note, t.line) for t in glossary] == [
        ("Almaty", "city", 2),
        ("Atabek", f"a{newline}poet", 3),
    ]


@pytest.mark.parametrize("column", ["kk-KZ", "KK", "kk_KZ", "Kk-Cyrl-KZ"])
def test_a_language_column_with_a_region_or_in_capitals_is_that_language(column: str) -> None:
    glossary = parse_glossary(f"term,{column},ru\nAlmaty,Алматы,Алматы\nFacebook,,\n")
    assert glossary.rendering("Almaty", "kk") == "Алматы"
    assert glossary.rendering("Facebook", "kk") is None
    assert glossary.rendered_in("Almaty", "kk", "Алматыдағы ауруханада")
    assert not glossary.rendered_in("Almaty", "kk", "Almaty")


def test_a_language_column_serves_its_regional_variants() -> None:
    glossary = parse_glossary("term,kk,ru-RU\nAlmaty,Алматы,Алма-Ата\n")
    assert glossary.rendering("Almaty", "kk-KZ") == "Алматы"
    assert glossary.rendering("Almaty", "ru") == "Алма-Ата"
    assert glossary.covers("Almaty", "kk-KZ") and glossary.covers("Almaty", "ru")
    assert not glossary.covers("Almaty", "de")  # no column: no glossary for German
    both = parse_glossary("term,kk-KZ,kk\nAlmaty,Алматы,Almaty-kk\n")
    assert both.rendering("Almaty", "kk") == "Almaty-kk"  # the column named exactly wins
