"""Blocks → segments: the units that become PO entries.

With ``segmentation = "sentence"`` a block's text is split into sentences by sentencex (English
rules that keep "Nov. 24", "U.S." and decimals whole); a split inside a code span, a link target or
an open link text is undone. Each segment keeps the exact offsets of its text in the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sentencex

from transflow.article.blocks import Block
from transflow.article.inline import PROTECTED, Span, protected_spans
from transflow.models import Reduced, by_constructor

_HARD_BREAK = re.compile(r"(?: {2,}|\\)\n[ \t]*")
_SOFT_BREAK_UNESCAPED = re.compile(r"(?<!\\)[ \t]*\n[ \t]*")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Segment:
    msgid: str  # the text translators see: soft line breaks joined with a space
    role: str  # "heading", "paragraph", "front matter: title", ...
    line: int  # 1-based line in the article file where the segment starts
    start: int  # offset of the segment's first character in the file
    end: int  # offset just past its last character
    block: int  # index of the block it belongs to, in document order
    sentence: int = 1  # its place among the block's segments, from 1
    sentences: int = 1  # how many segments the block has

    @property
    def context(self) -> str:
        """The extracted comment translators see: the role, and the place in a split block."""
        if self.sentences > 1:
            return f"{self.role}, sentence {self.sentence} of {self.sentences}"
        return self.role

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


def normalize(text: str) -> str:
    """Join soft line breaks; a hard break becomes a backslash break, which any editor shows."""
    if "\n" not in text:  # most segments: both patterns need a line break
        return text
    text = _HARD_BREAK.sub("\\\\\n", text)
    return _SOFT_BREAK_UNESCAPED.sub(" ", text)


_MARKUP_HINT = re.compile(r"[`<&@]|\]\(|\]\[|://|www\.")


def has_words(text: str) -> bool:
    """True when ``text`` has letters outside code spans, URLs and link targets."""
    if not _MARKUP_HINT.search(text):
        return bool(_LETTER.search(text))
    return bool(_LETTER.search(PROTECTED.sub(" ", text)))  # each protected part made a space


def block_segments(block: Block, index: int, sentences: bool, language: str) -> list[Segment]:
    content = block.content
    ranges = sentence_ranges(content, language) if sentences else [(0, len(content))]
    offsets = _offset_map(block)
    kept = [(start, end) for start, end in ranges if has_words(content[start:end])]
    segments = []
    for number, (start, end) in enumerate(kept, 1):
        line = block.line + content.count("\n", 0, start)
        msgid = normalize(content[start:end])
        first, last = offsets[start], offsets[end - 1] + 1
        segments.append(Segment(msgid, block.role, line, first, last, index, number, len(kept)))
    return segments


def sentence_ranges(text: str, language: str = "en") -> list[tuple[int, int]]:
    """Sentence (start, end) offsets in ``text``, whitespace trimmed, never splitting markup."""
    flat = text.replace("\n", " ")
    cuts = []
    position = 0
    for sentence in sentencex.segment(language, flat):
        found = flat.find(sentence, position)
        if found < 0:  # the segmenter changed the text: fall back to the whole block
            return _trimmed([(0, len(text))], text)
        position = found + len(sentence)
        cuts.append(position)
    if cuts:
        cuts[-1] = len(text)
    return _trimmed(_join_protected(text, cuts), text)


def _join_protected(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Sentence ranges from cut offsets, dropping cuts inside markup or before wordless tails."""
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
    return ranges


# Titles written before a name, after which sentencex's English rules may end a sentence
# ("Ms. Jones", "Dr. Ospanov", "Gov. Gray"). "Jr." and "Sr." are left out: they come after a
# name, and often end a sentence.
_TITLE = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Mx|Messrs|Mmes|Dr|Prof|Sen|Rep|Gov|Lt|Gen|Col|Maj|Capt|Cmdr|Adm|Sgt"
    r"|Rev|Hon|Amb|Pres|Supt|Insp)\.\s*\Z"
)
_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_EMPHASIS = re.compile(r"(?<!\\)(\*+|_+)")


def _may_cut(text: str, cut: int, spans: list[Span]) -> bool:
    """A sentence may end at ``cut`` unless that is inside markup: a code span, a link target,
    a URL, an open link text or an open emphasis, or between an image's "!" and its "[".
    ``spans`` are the text's protected spans."""
    head = text[:cut]
    if any(span.start < cut < span.end for span in spans):
        return False
    if head.endswith("!") and text.startswith("[", cut):
        return False  # "![": an image, whose "!" sentencex may take for an exclamation
    if "[" in head:  # an open link text needs one
        depth = 0
        for bracket in _BRACKET.finditer(head):
            depth = depth + 1 if bracket.group() == "[" else max(0, depth - 1)
        if depth:
            return False
    return not _emphasis_open(head)


def _emphasis_open(head: str) -> bool:
    """Whether an emphasis run (``*`` or ``_``) opened in ``head`` is still open at its end."""
    if "*" not in head and "_" not in head:
        return False
    counts = {"*": 0, "_": 0}
    for run in _EMPHASIS.finditer(head):
        before = head[run.start() - 1] if run.start() else " "
        after = head[run.end()] if run.end() < len(head) else " "
        char = run.group()[0]
        if char == "_" and before.isalnum() and after.isalnum():
            continue  # snake_case, not emphasis
        if before.isspace() and after.isspace():
            continue  # "5 * 3"
        counts[char] += 1
    return bool(counts["*"] % 2 or counts["_"] % 2)


def _trimmed(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    out = []
    for start, end in ranges:
        while start < end and text[start] in " \t\n":
            start += 1
        while end > start and text[end - 1] in " \t\n":
            end -= 1
        if start < end:
            out.append((start, end))
    return out


def _offset_map(block: Block) -> list[int]:
    """For each offset in ``block.content``, the offset of that character in the file."""
    offsets: list[int] = []
    for number, piece in enumerate(block.pieces):
        if number:
            offsets.append(offsets[-1] + 1)  # the "\n" joining pieces: never a segment edge
        offsets.extend(range(piece.start, piece.start + len(piece.text)))
    return offsets
