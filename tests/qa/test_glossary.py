"""The glossary: CSV loading, term matching in the source, inflection-tolerant matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.config import Settings
from transflow.errors import ConfigError
from transflow.qa.glossary import TermMatch, load_glossary, parse_glossary

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
    assert glossary.rendering("Almaty", "de") is None  # no column: keep the term
    both = parse_glossary("term,kk-KZ,kk\nAlmaty,Алматы,Almaty-kk\n")
    assert both.rendering("Almaty", "kk") == "Almaty-kk"  # the column named exactly wins
