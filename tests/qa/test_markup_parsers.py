"""The fast inline reading (markdown-it-pyrs) agrees with the reference one (markdown-it-py).

The markup check reads most texts through markdown-it-pyrs and falls back to markdown-it-py where
their readings could differ; wherever the fast path is taken, both must give the same markup.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.conftest import commonmark_examples
from transflow.catalog.store import read_catalog
from transflow.fastmd import inline_readings_agree, rust_parser, rust_tree
from transflow.qa import markup
from transflow.qa.markup import Markup

ROOT = Path(__file__).resolve().parents[2]


def _both(text: str) -> tuple[Markup | None, Markup]:
    assert rust_parser() is not None, "markdown-it-pyrs is a dependency"
    tree = rust_tree(text)  # None where the Rust parser is known to panic
    fast = None if tree is None else markup._markup_from_tree(tree)
    return fast, markup._markup_from_tokens(text)


def _agree(text: str) -> None:
    if not inline_readings_agree(text):
        return
    fast, reference = _both(text)
    assert fast is None or fast == reference, text  # None: not one paragraph, so not used


def test_agree_on_the_commonmark_examples() -> None:
    taken = 0
    for spec_example in commonmark_examples():
        markdown = spec_example["markdown"]
        for text in [*markdown.splitlines(), " ".join(markdown.split())]:
            _agree(text)
            taken += inline_readings_agree(text)
    assert taken > 300  # the fast path was really exercised


def test_agree_on_the_sample_catalogs() -> None:
    texts = [
        text
        for path in sorted((ROOT / "locales").glob("*/LC_MESSAGES/*.po"))
        for entry in read_catalog(path).entries
        for text in (entry.msgid, entry.msgstr)
    ]
    assert len(texts) > 40
    for text in texts:
        _agree(text)


@pytest.mark.parametrize(
    "text",
    [
        "A *b* and **c** with `code` and [a link](#x) and ![alt *em*](i.png).",
        "Unpaired * and _ and ` and [ stay text",
        "Escaped \\* and \\_ are not delimiters; &amp; is an entity",
        "«Quoted *emphasis*» and <span>html</span> and <https://example.org>",
        "2006. A year",  # a list item: markdown-it-py reads it
        "<!-- a comment with * -->",
        "A [2006 *`\\* thing",  # markdown-it-rust 0.6 panics on this one
        "*Emphasis* first, then [a link](#x)",
        "[a]: /url",  # a link reference definition, not a paragraph
        "- a list item with *emphasis*",
        "# A heading with `code`",
        "[a link](#x) first",
        "*£*bravo and a *€*sign",  # symbols next to delimiters: CommonMark 0.31's rule
    ],
)
def test_markup_of_matches_the_reference(text: str) -> None:
    assert markup.markup_of(text) == markup._markup_from_tokens(text)


_PIECES = st.sampled_from(
    ["word", "Слово", " ", "*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "![", "](",
     "<b>", "</b>", "<", ">", "&amp;", "&#42;", "\\", "\\*", "~~", "2006", "1.", "«", "”", "'",
     '"', "£", "€", "→", "https://example.org/a", "a@b.kz", "<https://x.kz>", "`c`", "#", "-", ":"]
)  # fmt: skip


# Any start: list markers, headings, quotes, link definitions and the rest must be caught too.
_STARTS = st.one_of(st.sampled_from(["A", "Ж", "«", "(", "7 ", "1. ", "* ", "> ", "    "]), _PIECES)


@settings(max_examples=3000, deadline=None)
@given(_STARTS, st.lists(_PIECES, max_size=16).map("".join))
@example("A", "```c``c`word``word`c`")  # an unclosed run of backticks before closed ones
@example("A", "a\\\\``   ``")  # a code span of spaces alone
def test_agree_on_generated_text(start: str, rest: str) -> None:
    _agree(start + rest)
