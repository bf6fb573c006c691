"""Titles and summaries render the same through markdown-it-pyrs as through markdown-it-py.

A page's header renders its front-matter fields as inline Markdown; the fast path (Rust) is taken
only where it reads the text as markdown-it-py would, and then must give the very same HTML.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import commonmark_examples
from transflow.build import html


def _same(text: str, allow_html: bool) -> None:
    parser = html._inline_parser(allow_html)
    assert html._inline(parser, text) == parser.renderInline(text), text


@pytest.mark.parametrize("allow_html", [False, True])
def test_the_commonmark_examples_render_alike(allow_html: bool) -> None:
    taken = 0
    for example in commonmark_examples():
        for text in [*example["markdown"].splitlines(), " ".join(example["markdown"].split())]:
            _same(text, allow_html)
            taken += html._fast_inline(text, allow_html) is not None
    assert taken > 300  # the fast path was really taken


@pytest.mark.parametrize("allow_html", [False, True])
@pytest.mark.parametrize(
    "text",
    [
        "Kazakhstan’s *longest-serving* political prisoner dies",
        'A [link](https://example.org/a_(b)) and ![an image](i.png "title")',
        "<em>raw</em> HTML & an &amp; entity, `code <b>`",
        "# not a heading in a title",
        "- not a list item either",
        "1. nor a numbered one",
        "> nor a quote",
        "[label]: /not-a-definition",
        "***",
        "Trailing backslash \\",
        "<div>a block tag</div>",
        "<p>a paragraph tag</p>",
        "",
        "  leading spaces",
        "*£*bravo",
    ],
)
def test_titles_that_look_like_blocks_render_alike(text: str, allow_html: bool) -> None:
    _same(text, allow_html)


_PIECES = st.sampled_from(
    ["*", "**", "_", "`", "[", "]", "(", ")", "!", "<", ">", "&", ";", "#", "-", "1.", "\\",
     " ", "a", "b", "é", "Қ", "https://x.org", "<b>", "</b>", "&amp;", "&#", "\t", "\u00a0"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join), st.booleans())
def test_generated_inline_text_renders_alike(text: str, allow_html: bool) -> None:
    _same(text, allow_html)
