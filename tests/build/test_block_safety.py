"""A translation stays inside its block: whatever its lines start with, the page keeps the
source's structure (no new list, heading, quote, code block or paragraph), and its text shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from transflow.article.parse import parse_article
from transflow.build.render import render_markdown

SOURCE = (
    "He smiled.\n\n"
    "- First point.\n- Second point.\n\n"
    "> A quote. And more.\n\n"
    "1. One step.\n\n"
    "The end. Really.\n"
)
_PARSER = MarkdownIt("commonmark").enable("table")


def structure(text: str) -> list[tuple[str, int]]:
    """The page's blocks: each token that opens or is a block, with its nesting level."""
    return [
        (token.type, token.level)
        for token in _PARSER.parse(text)
        if token.block and token.type not in ("inline",) and not token.type.endswith("_close")
    ]


def rendered(translations: dict[str, str]) -> str:
    article = parse_article(SOURCE, Path("a.md"), "a", (), True)
    return render_markdown(article, translations).text


TRIGGERS = [
    "- Ну что ж, - улыбнулся он.",
    "# Заголовок",
    "> Цитата",
    "1. Пункт",
    "2) Пункт",
    "+ Пункт",
    "* Пункт",
    "    Отступ как код",
    "```\nкод",
    "~~~",
    "Строка\n---",
    "Строка\n===",
    "***",
    "Первый пункт.\n\nС пояснением.",
    "Абзац\n\n\n- и список",
    "| a | b |\n|---|---|",
    "[x]: https://example.org",
    "Строка\n# Заголовок\n> цитата\n- пункт",
    "<div>Блок</div>",
    "Строка\n<div>блок</div> дальше",
    "Строка\n<!-- заметка --> и текст",
    "<!-- заметка -->",
    # A carriage return ends a line in CommonMark too: pasted from Windows, or typed as \r.
    "Первый абзац.\r# Заголовок",
    "Пункт.\r---",
    "Цитата.\r1. Список",
    "Строка\r\n- пункт\r\n\r\nабзац",
]


@pytest.mark.parametrize("translation", TRIGGERS)
@pytest.mark.parametrize(
    "msgid", ["He smiled.", "First point.", "A quote.", "And more.", "One step.", "Really."]
)
def test_a_translation_never_changes_the_page_s_blocks(msgid: str, translation: str) -> None:
    page = rendered({msgid: translation})
    assert structure(page) == structure(SOURCE), page
    words = [w for w in translation.split() if any(c.isalpha() for c in w)]
    text = "".join(t.content for t in _PARSER.parse(page) if t.type == "inline")
    assert all(word.strip("|[]:") in text for word in words), page


def test_ordinary_markup_at_a_line_start_still_works() -> None:
    page = rendered({"He smiled.": "*Он* улыбнулся, [ссылка](#) и `код`."})
    html = _PARSER.render(page)
    assert "<em>Он</em>" in html and '<a href="#">ссылка</a>' in html and "<code>код</code>" in html


def test_a_dash_inside_a_line_and_a_later_sentence_are_left_as_written() -> None:
    page = rendered({"Really.": "- правда."})  # the second sentence of its paragraph: mid-line
    assert "The end. - правда." in page
    assert structure(page) == structure(SOURCE)


LINES = st.lists(
    st.sampled_from([*"-+*#>=`~|[]:1.) \tаб\n\r", "<div>", "<!--", "-->", "<p>"]),
    min_size=1,
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["He smiled.", "First point.", "A quote.", "One step."]), LINES)
@example("He smiled.", "-")
@example("First point.", "\n\n")
@example("A quote.", "а\r#")
def test_any_text_keeps_the_structure(msgid: str, translation: str) -> None:
    assert structure(rendered({msgid: translation})) == structure(SOURCE)
