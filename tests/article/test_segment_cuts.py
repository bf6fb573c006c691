"""Where a long paragraph may be cut into sentences: the one-pass way transflow finds the cuts
gives exactly what asking each cut about the whole text before and after it gives."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from transflow.article.inline import Span, protected_spans
from transflow.article.segment import _MARKUP_HINT, _TITLE, _join_protected, has_words

_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_EMPHASIS = re.compile(r"(?<!\\)(\*+|_+)")


def _emphasis_open(head: str) -> bool:
    counts = {"*": 0, "_": 0}
    for run in _EMPHASIS.finditer(head):
        before = head[run.start() - 1] if run.start() else " "
        after = head[run.end()] if run.end() < len(head) else " "
        char = run.group()[0]
        if char == "_" and before.isalnum() and after.isalnum():
            continue
        if before.isspace() and after.isspace():
            continue
        counts[char] += 1
    return bool(counts["*"] % 2 or counts["_"] % 2)


def _may_cut(text: str, cut: int, spans: list[Span]) -> bool:
    head = text[:cut]
    if any(span.start < cut < span.end for span in spans):
        return False
    if head.endswith("!") and text.startswith("[", cut):
        return False
    depth = 0
    for bracket in _BRACKET.finditer(head):
        depth = depth + 1 if bracket.group() == "[" else max(0, depth - 1)
    return not depth and not _emphasis_open(head)


def reference(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Each cut asked about the whole text before it and after it (quadratic in the cuts)."""
    if len(cuts) > 1:
        spans = protected_spans(text) if _MARKUP_HINT.search(text) else []
        cuts = [
            cut
            for cut in cuts[:-1]
            if _may_cut(text, cut, spans) and not _TITLE.search(text, max(0, cut - 12), cut)
        ] + cuts[-1:]
    ranges = []
    start = 0
    for cut in cuts:
        if cut < len(text) and not (has_words(text[cut:]) and has_words(text[start:cut])):
            continue
        ranges.append((start, cut))
        start = cut
    if start < len(text):
        ranges.append((start, len(text)))
    return [(a, b) for a, b in ranges if a < b]


PIECES = st.sampled_from(
    ["Word", " ", "x", "Dr.", "1.", "!", "[", "]", "(", ")", "](#)", '](u "T T")', "*", "**",
     "_", "snake_case", "`", "`c`", "\\", "\\*", "https://x.org/a.", "a@b.kz", "&amp;", "<b>",
     "</b>", ".", "?", "\n", "5 * 3", "2,500"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=30), st.data())
def test_the_cuts_are_those_of_asking_each_cut_alone(
    pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    positions = sorted(set(data.draw(st.lists(st.integers(1, len(text)), max_size=12))))
    cuts = [p for p in positions if p < len(text)] + [len(text)]
    got = [(a, b) for a, b in _join_protected(text, cuts) if a < b]
    assert got == reference(text, cuts)


def test_a_cut_inside_a_code_span_after_a_url_is_no_cut() -> None:
    """Found by the test above: the URL ran on over the backtick that opens the code span, so
    the cut before the final "`c`" was taken for one outside markup."""
    text = 'WordWordWordWordWord    ](u "T T")https://x.org/a.`  snake_case`c`'
    cuts = [63, len(text)]
    assert _join_protected(text, cuts) == reference(text, cuts) == [(0, len(text))]
