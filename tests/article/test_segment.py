from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transflow.article.inline import protected_spans
from transflow.article.parse import parse_article
from transflow.article.segment import Segment, has_words, normalize, role_of, sentence_ranges


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_ranges(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Aron Atabek died on Nov. 24 in a hospital. His sister told Radio Azattyk.",
            ["Aron Atabek died on Nov. 24 in a hospital.", "His sister told Radio Azattyk."],
        ),
        (
            "He was hospitalized after his release on Oct. 1. He was already sick.",
            ["He was hospitalized after his release on Oct. 1.", "He was already sick."],
        ),
        (
            "The U.S. embassy and Mr. J. R. Smith said so. Prices rose 8.7% in April.",
            ["The U.S. embassy and Mr. J. R. Smith said so.", "Prices rose 8.7% in April."],
        ),
        (
            "She wondered why he had been “kept in prison until there was nothing left.” Then.",
            [
                "She wondered why he had been “kept in prison until there was nothing left.”",
                "Then.",
            ],
        ),
        (
            "Some 2,500 people signed. It cost $3.5 million.",
            ["Some 2,500 people signed.", "It cost $3.5 million."],
        ),
        # "May." before a number ends a sentence: May has no abbreviation, as Nov. has.
        (
            "Prices have risen since May. 5G coverage was back\non the agenda on Nov. 24.",
            ["Prices have risen since May.", "5G coverage was back\non the agenda on Nov. 24."],
        ),
        (
            "Talks stalled in May. 2025 had begun well. Mayor Ivanov spoke.",
            ["Talks stalled in May.", "2025 had begun well.", "Mayor Ivanov spoke."],
        ),
        # Nor does an abbreviation before a number; before a word it may.
        (
            "Some approx. 5,000 people came. See Vol. 3 and Ch. 12. Call Tel. 8 727 000.",
            ["Some approx. 5,000 people came.", "See Vol. 3 and Ch. 12.", "Call Tel. 8 727 000."],
        ),
        (
            "They live in Apt. 4 on Rte. 9. Not for long, approx. Then they moved.",
            ["They live in Apt. 4 on Rte. 9.", "Not for long, approx.", "Then they moved."],
        ),
        # Titles before a name never end a sentence, hard-wrapped ones neither.
        (
            "He met Ms. Jones on Monday. Dr. Ospanov and Mx. Lee left with Gov.\nGray.",
            ["He met Ms. Jones on Monday.", "Dr. Ospanov and Mx. Lee left with Gov.\nGray."],
        ),
        (
            "Sen. Black voted against. Prof. Abenova, Capt. Ivanov and Messrs. Smith agreed.",
            ["Sen. Black voted against.", "Prof. Abenova, Capt. Ivanov and Messrs. Smith agreed."],
        ),
        # A name's suffix and a place stay as they were: "Jr." may end one.
        (
            "It was Martin Luther King Jr. He spoke. They moved to St. Louis. Then left.",
            [
                "It was Martin Luther King Jr.",
                "He spoke.",
                "They moved to St. Louis.",
                "Then left.",
            ],
        ),
    ],
)
def test_english_sentence_rules(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_no_split_inside_link_text_target_or_code() -> None:
    text = "See [the U.N. report. Part two](https://example.org/a. b) now. Run `a. b` here. End."
    assert sentences(text) == [
        "See [the U.N. report. Part two](https://example.org/a. b) now.",
        "Run `a. b` here.",
        "End.",
    ]


@pytest.mark.parametrize(
    "image",
    ['![A flood](f.jpg "The river in May")', "![A flood](f.jpg)", "![A flood][photo]"],
)
def test_an_image_keeps_its_exclamation_mark(image: str) -> None:
    assert sentences(f"See {image}. It rose! Then fell.") == [
        f"See {image}.",
        "It rose!",
        "Then fell.",
    ]


def test_no_split_inside_emphasis() -> None:
    assert sentences("*One sentence. Two sentences.* Three.") == [
        "*One sentence. Two sentences.* Three."
    ]


def test_trailing_markup_stays_with_its_sentence() -> None:
    text = "*This article was first published on [Eurasianet.org](#).*"
    assert sentences(text) == [text]


def parse(text: str, sentences: bool = True) -> list[tuple[str, str, int]]:
    article = parse_article(text, Path("a.md"), "a", ("title",), sentences)
    return [(s.role, s.msgid, s.line) for s in article.segments]


def test_roles_and_lines() -> None:
    text = (
        "---\ntitle: Big news\nauthor: Me\n---\n\n# Heading\n\n"
        "> Quoted line\n> continues.\n\n- item one\n- item two\n\n"
        "| Name | Note |\n|---|---|\n| Almaty | city |\n\n"
        "```\ncode is not translated\n```\n\n<div>raw html</div>\n\n![Alt text](img.png)\n"
    )
    assert parse(text) == [
        ("front matter: title", "Big news", 2),
        ("heading", "Heading", 6),
        ("block quote", "Quoted line continues.", 8),
        ("list item", "item one", 11),
        ("list item", "item two", 12),
        ("table cell", "Name", 14),
        ("table cell", "Note", 14),
        ("table cell", "Almaty", 16),
        ("table cell", "city", 16),
        ("paragraph", "![Alt text](img.png)", 24),
    ]


def test_paragraph_segmentation_keeps_blocks_whole() -> None:
    assert parse("One. Two.\nThree.\n", sentences=False) == [("paragraph", "One. Two. Three.", 1)]


def test_hard_break_is_kept_as_backslash_break() -> None:
    assert parse("Line one  \nline two\n", sentences=False) == [
        ("paragraph", "Line one\\\nline two", 1)
    ]


def test_urls_and_code_only_blocks_are_not_segments() -> None:
    assert parse("<https://example.org/a>\n\n`code`\n\nhttps://example.org\n") == []


def test_a_bare_url_ends_where_a_code_span_begins() -> None:
    """As GitHub's Markdown reads it: the backtick after the URL opens a code span, and the
    URL's final full stop is punctuation. The URL used to run on over the backtick and hide the
    code span, so a sentence could be cut inside it."""
    text = "See https://x.org/a.`  snake_case`c` now."
    assert [(s.start, s.end) for s in protected_spans(text)] == [(4, 19), (20, 34)]
    assert text[4:19] == "https://x.org/a"
    assert text[20:34] == "`  snake_case`"


# Pieces of news prose and the markup in it, joined at random into block texts.
_PIECES = st.sampled_from(
    [
        "word",
        "Word.",
        " ",
        "  ",
        "Nov. 24",
        "U.S.",
        "e.g.",
        "8.7%",
        "2,500",
        "!",
        "? ",
        "”",
        "Ӛліс.",
        "Россия.",
        "\n",
        "  \n",
        "\\\n",
        "[",
        "]",
        "[link. text](https://x.y/a. b)",
        "`a. b`",
        "`",
        "*",
        "**",
        "*em. ph*",
        "_",
        "_u_",
        "snake_case",
        "5 * 3",
        "<b>",
        "</b>",
        "&amp;",
        "https://example.com/a.",
        "www.example.org",
        "e@mail.kz",
        "<https://x.y>",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=24).map("".join)
_LETTER = re.compile(r"[^\W\d_]")


@given(_TEXTS)
def test_a_text_has_words_when_a_letter_stands_outside_its_protected_markup(text: str) -> None:
    outside = text
    for span in reversed(protected_spans(text)):
        outside = outside[: span.start] + " " + outside[span.end :]
    assert has_words(text) == bool(_LETTER.search(outside))


@given(_TEXTS)
def test_sentences_are_in_order_trimmed_and_never_cut_protected_markup(text: str) -> None:
    ranges = sentence_ranges(text)
    spans = protected_spans(text)
    assert all(a < b <= c for (a, b), (c, _) in pairwise(ranges))
    for start, end in ranges:
        assert text[start] not in " \t\n" and text[end - 1] not in " \t\n"
    for (_, end), (start, _) in pairwise(ranges):
        assert not any(span.start < cut < span.end for span in spans for cut in (end, start))
    if len(ranges) > 1:  # each sentence of a split block has words of its own
        assert all(has_words(text[a:b]) for a, b in ranges)


@given(_TEXTS)
def test_normalized_segments_keep_only_backslash_line_breaks(text: str) -> None:
    joined = normalize(text)
    assert re.search(r"(?<!\\)\n", joined) is None
    # Only spacing changes (and a backslash marks a hard break); a text on one line stays as is.
    assert re.sub(r"[\s\\]", "", joined) == re.sub(r"[\s\\]", "", text)
    if "\n" not in text:
        assert joined == text


@pytest.mark.parametrize(
    "role",
    ["heading", "table cell", "paragraph", "front matter: title", "front matter: a, sentence"],
)
@pytest.mark.parametrize(("sentence", "sentences"), [(1, 1), (2, 3), (12, 12)])
def test_the_role_is_read_back_from_the_extracted_comment(
    role: str, sentence: int, sentences: int
) -> None:
    segment = Segment("Text.", role, 1, 0, 5, 0, sentence, sentences)
    assert role_of(segment.context) == role
