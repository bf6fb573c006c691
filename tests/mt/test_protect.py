"""Markup and glossary terms out before sending, back after; answers that lost them are refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transflow.mt.protect import Term, markup_intact, protect, restore, terms_for
from transflow.qa.glossary import parse_glossary

LINKED = 'his sister [told](https://x.org/a "1") Radio Azattyk, see `code` & <b>this</b>.'


def test_markup_becomes_numbered_placeholders() -> None:
    protected = protect(LINKED)
    assert protected.text == "his sister [told{0} Radio Azattyk, see {1} & {2}this{3}."
    assert protected.parts == ('](https://x.org/a "1")', "`code`", "<b>", "</b>")


def test_restore_puts_parts_back_in_any_order() -> None:
    protected = protect(LINKED)
    answer = "{2}это{3}, {1}: сестра [сказала{0} Радио Азаттык"
    assert restore(answer, protected) == (
        '<b>это</b>, `code`: сестра [сказала](https://x.org/a "1") Радио Азаттык'
    )


TITLED = "Read [the report](https://x.org/r \"The annual report\") and ![it](a.png 'A street')."


def test_link_and_image_titles_are_sent_to_be_translated() -> None:
    """A title is text for readers (a tooltip): its words go to the engine, its quotes do not."""
    protected = protect(TITLED)
    assert protected.text == "Read [the report{0}The annual report{1} and ![it{2}A street{3}."
    assert protected.parts == ('](https://x.org/r "', '")', "](a.png '", "')")
    answer = "Прочтите [отчёт {0} Годовой отчёт {1} и ![его{2}Улица{3}."
    assert restore(answer, protected) == (
        "Прочтите [отчёт](https://x.org/r \"Годовой отчёт\") и ![его](a.png 'Улица')."
    )


@pytest.mark.parametrize(
    "answer",
    [
        'Прочтите [отчёт{0}Отчёт "года"{1} и ![его{2}Улица{3}.',  # its quotes end the title
        "Прочтите [отчёт{0}{1} и ![его{2}Улица{3}.",  # the title's words lost
        "Прочтите [отчёт{0}Отчёт{3} и ![его{2}Улица{1}.",  # the quotes swapped
    ],
)
def test_a_title_that_breaks_or_empties_is_refused(answer: str) -> None:
    assert restore(answer, protect(TITLED)) is None


def test_engine_spaces_around_a_link_are_tidied() -> None:
    protected = protect("his sister [told](#) Radio.")
    assert restore("его сестра [ сказала {0} Радио.", protected) == "его сестра [сказала](#) Радио."


@pytest.mark.parametrize(
    "answer",
    [
        "his sister [told Radio, see {1} & {2}this{3}.",  # {0} lost
        "[told{0} {0} {1} {2}this{3}",  # {0} twice
        "[told{0} {1} {2}this{3} {4}",  # unknown {4}
        "told{0} {1} {2}this{3}",  # the link's "[" lost
        "[told{0} {1} {3}this{2}",  # </b> before <b> is other markup
    ],
)
def test_answers_that_lost_markup_are_refused(answer: str) -> None:
    assert restore(answer, protect(LINKED)) is None


def test_emphasis_must_survive() -> None:
    protected = protect("It *failed* again.")
    assert restore("Оно *сломалось* снова.", protected) == "Оно *сломалось* снова."
    assert restore("Оно * сломалось * снова.", protected) is None
    assert restore("Оно сломалось снова.", protected) is None


def test_glossary_terms_come_back_as_their_rendering() -> None:
    source = "Rain in Almaty and Shanyrak."
    protected = protect(source, [Term(8, 14, "Алматы"), Term(19, 27, "Shanyrak")])
    assert protected.text == "Rain in {0} and {1}."
    assert restore("Дождь в {0} и {1}.", protected) == "Дождь в Алматы и Shanyrak."


def test_a_literal_placeholder_in_the_source_is_protected_too() -> None:
    protected = protect("Type {0} here, and a\\\nbreak.")
    assert protected.text == "Type {0} here, and a{1}break."
    assert (
        restore("Введите {0} здесь, и{1}перенос.", protected) == "Введите {0} здесь, и\\\nперенос."
    )


def test_a_placeholder_with_spaces_in_the_source_is_protected_too() -> None:
    """A source's own "{ 0 }" looks like a placeholder to the answer's reader: it is one, and
    comes back as written (a glossary term's rendering used to take its place)."""
    terms = terms_for(
        parse_glossary("term,kk,note\nAlmaty,Алматы,city\n"), "In Almaty { 0 }.", "kk"
    )
    protected = protect("In Almaty { 0 }.", terms)
    assert protected.parts == ("Алматы", "{ 0 }")
    assert protected.text == "In {0} {1}."
    assert restore("В {0} {1}.", protected) == "В Алматы { 0 }."


def test_surrounding_whitespace_is_kept() -> None:
    protected = protect("  Hello.  ")
    assert protected.text == "Hello."
    assert restore(" Сәлем. ", protected) == "  Сәлем.  "


def test_whitespace_only() -> None:
    protected = protect(" \t")
    assert (protected.text, protected.needs_engine) == ("", False)
    assert restore("", protected) == " \t"


def test_nothing_to_translate() -> None:
    assert not protect("<https://example.org> `x` 2021.").needs_engine
    assert protect("Read <https://example.org>").needs_engine


def test_markup_intact_compares_link_targets_and_code() -> None:
    assert markup_intact("a [b](#x) `c`", "`c` и [б](#x)")
    assert not markup_intact("a [b](#x)", "а [б](#y)")
    assert not markup_intact("a `c`", "а `с`")
    assert not markup_intact("see https://x.org/a", "см. https://x.org/b")


words = st.text(alphabet="abcdefgh ", min_size=1, max_size=12)
markup = st.sampled_from(["[l](#a)", "`c`", "<i>", "</i>", "https://x.org", "&amp;", "*e*"])


@given(st.lists(st.one_of(words, markup), min_size=1, max_size=8))
def test_an_answer_that_keeps_the_placeholders_restores_the_markup(pieces: list[str]) -> None:
    source = " ".join(pieces)
    protected = protect(source)
    assert restore(protected.text, protected) == source


def test_a_collapsed_reference_keeps_its_label_when_its_text_is_translated() -> None:
    """[city site][] links to the definition its text names: translated, the text changes, so
    the label is written out, or the link would lead nowhere."""
    protected = protect("See the [city site][] for more.")
    assert protected.text == "See the [city site{0} for more."
    answer = "Смотрите [сайт города{0} подробнее."
    assert restore(answer, protected) == "Смотрите [сайт города][city site] подробнее."
    assert markup_intact("See the [city site][].", "Смотрите [сайт][City Site].")
    assert not markup_intact("See the [city site][].", "Смотрите [сайт][].")


def test_a_language_without_a_glossary_column_gets_no_glossary_terms() -> None:
    """A Kyrgyz draft owes nothing to the kk and ru columns: Almaty is translated as any word,
    not sent as a placeholder that comes back in English; a blank cell still keeps the term."""
    glossary = parse_glossary("term,kk,ru,note\nAlmaty,Алматы,,city\n")
    text = "Rain in Almaty today."
    assert [t.rendering for t in terms_for(glossary, text, "kk")] == ["Алматы"]
    assert [t.rendering for t in terms_for(glossary, text, "ru")] == ["Almaty"]  # kept
    assert terms_for(glossary, text, "ky") == []


CITY = frozenset({"CITY SITE"})  # the article defines [City Site]: https://example.org/city


def test_a_shortcut_link_keeps_its_definition_when_its_text_is_translated() -> None:
    """[city site] is a link where the article defines it: translated, its label is written
    after its text; an answer that loses the link is refused. Without a definition, [sic] is
    words to translate."""
    protected = protect("See the [city site] and [sic] today.", references=CITY)
    assert protected.text == "See the [city site{0} and [sic] today."
    assert protected.parts == ("][city site]",)
    answer = "Смотрите [сайт города {0} и [так] сегодня."
    assert restore(answer, protected) == "Смотрите [сайт города][city site] и [так] сегодня."
    for lost in ("Смотрите сайт города{0} сегодня.", "Смотрите [сайт города]{0} сегодня."):
        assert restore(lost, protected) is None, lost
    assert protect("See the [city site] today.").text == "See the [city site] today."
    assert markup_intact("See the [city site].", "Смотрите [City Site].", CITY)
    assert markup_intact("See the [city site].", "Смотрите [сайт][CITY SITE].", CITY)
    assert not markup_intact("See the [city site].", "Смотрите [сайт города].", CITY)
    assert not markup_intact("See the [sic].", "Смотрите [city site].", CITY)
    assert markup_intact("See the [city site].", "Смотрите [сайт города].")  # no definition
