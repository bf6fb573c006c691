"""Splicing translations into the source keeps every other byte and every block intact.

Run over all 652 examples of the CommonMark spec (from markdown-it-py's sdist) and over
hypothesis-generated documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import commonmark_examples
from transflow.article.inline import protected_spans
from transflow.article.parse import Article, parse_article
from transflow.build.render import render_markdown

EXAMPLES = commonmark_examples()


def test_the_whole_spec_is_there() -> None:
    assert len(EXAMPLES) == 652


def parse(text: str, sentences: bool) -> Article:
    return parse_article(text, Path("spec.md"), "spec", ("title",), sentences)


def swap_letters(text: str) -> str:
    """A stand-in translation: every Latin letter outside markup becomes a Cyrillic one."""
    out, position = [], 0
    for span in protected_spans(text):
        out.append(re.sub(r"[a-z]", "ж", re.sub(r"[A-Z]", "Ж", text[position : span.start])))
        out.append(span.text)
        position = span.end
    out.append(re.sub(r"[a-z]", "ж", re.sub(r"[A-Z]", "Ж", text[position:])))
    return "".join(out)


@pytest.mark.parametrize("sentences", [True, False], ids=["sentence", "paragraph"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"ex{e['example']}")
def test_identity_translation_rebuilds_the_source_byte_for_byte(
    example: dict[str, str], sentences: bool
) -> None:
    article = parse(example["markdown"], sentences)
    identity = {s.msgid: s.msgid for s in article.segments}
    assert render_markdown(article, identity).text == example["markdown"]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"ex{e['example']}")
def test_translated_segments_come_back_as_the_same_blocks(example: dict[str, str]) -> None:
    article = parse(example["markdown"], sentences=False)
    translations = {s.msgid: swap_letters(s.msgid) for s in article.segments}
    rebuilt = parse(render_markdown(article, translations).text, sentences=False)
    assert [(s.role, s.msgid) for s in rebuilt.segments] == [
        (s.role, translations[s.msgid]) for s in article.segments
    ]


words = st.text(alphabet="abcdefghij klmnop.,;:!?ABC’“”-", min_size=1, max_size=40)
inline = st.one_of(
    words,
    words.map(lambda w: f"*{w.strip() or 'x'}*"),
    words.map(lambda w: f"[{w.strip() or 'x'}](https://example.org/{len(w)})"),
    st.just("`code. span`"),
    st.just("Nov. 24"),
    st.just("U.S."),
)
paragraph = st.lists(inline, min_size=1, max_size=8).map(" ".join)
block = st.one_of(
    paragraph,
    paragraph.map(lambda p: "# " + p.replace("\n", " ")),
    paragraph.map(lambda p: "> " + p),
    st.lists(paragraph, min_size=1, max_size=3).map(
        lambda items: "\n".join(f"- {i}" for i in items)
    ),
    paragraph.map(lambda p: "```\n" + p + "\n```"),
)
document = st.lists(block, min_size=1, max_size=6).map(lambda blocks: "\n\n".join(blocks) + "\n")


@settings(max_examples=150, deadline=None)
@given(document, st.booleans())
def test_identity_round_trip_on_generated_documents(text: str, sentences: bool) -> None:
    article = parse(text, sentences)
    assert render_markdown(article, {s.msgid: s.msgid for s in article.segments}).text == text


@settings(max_examples=150, deadline=None)
@given(document)
def test_link_targets_survive_translation(text: str) -> None:
    article = parse(text, sentences=True)
    translations = {s.msgid: swap_letters(s.msgid) for s in article.segments}
    rebuilt = render_markdown(article, translations).text
    targets = re.compile(r"\]\((https://example\.org/\d+)\)")
    assert targets.findall(rebuilt) == targets.findall(text)
