"""Blocks → segments: the units that become PO entries.

With ``segmentation = "sentence"`` a block's text is split into sentences by sentencex (English
rules that keep "Nov. 24", "U.S." and decimals whole); a split inside a code span, a link target or
an open link text is undone. Each segment keeps the exact offsets of its text in the file.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import sentencex

from transflow.article.blocks import Block
from transflow.article.inline import Span, protected_spans
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


_PLACE = re.compile(r", sentence \d+ of \d+\Z")
# The roles that are one line of the page: the build joins their line breaks, hard ones too.
ONE_LINE_ROLES = frozenset({"heading", "table cell"})


def role_of(context: str) -> str:
    """The role named in an extracted comment that ``Segment.context`` wrote."""
    place = _PLACE.search(context)
    return context if place is None else context[: place.start()]


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
    pieces: list[str] = []
    position = 0
    for span in protected_spans(text):  # each protected part made a space
        pieces += (text[position : span.start], " ")
        position = span.end
    pieces.append(text[position:])
    return bool(_LETTER.search("".join(pieces)))


def block_segments(block: Block, index: int, sentences: bool, language: str) -> list[Segment]:
    content = block.content
    ranges = sentence_ranges(content, language) if sentences else [(0, len(content))]
    offsets = _offset_map(block)
    kept = [(start, end) for start, end in ranges if has_words(content[start:end])]
    segments = []
    line, counted = block.line, 0  # line breaks counted up to ``counted``, sentence by sentence
    for number, (start, end) in enumerate(kept, 1):
        line += content.count("\n", counted, start)
        counted = start
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
    if language.split("-")[0] == "en" and "May." in flat:
        cuts = _with_may_cuts(flat, cuts)
    if cuts:
        cuts[-1] = len(text)
    return _trimmed(_join_protected(text, cuts), text)


def _with_may_cuts(flat: str, cuts: list[int]) -> list[int]:
    """``cuts`` and a cut after each "May." before a number: sentencex's English rules take
    it for an abbreviated month before its day, as "Nov. 24" is, but May has no abbreviation
    ("Developers have been affected since May. 5G coverage was back on the agenda")."""
    more = [m.end() for m in _MAY_END.finditer(flat)]
    return sorted(set(cuts) | set(more)) if more else cuts


_MAY_END = re.compile(r"(?<![\w.])May\.\s+(?=\d)")


def _join_protected(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    """Sentence ranges from cut offsets, dropping cuts inside markup or before wordless tails.

    One pass over ``text`` for all the cuts (a paragraph of a thousand sentences is one
    transcript pasted whole): what a cut needs to know of the text before it — open brackets
    and emphasis — is carried from one cut to the next, and whether any words follow it is
    known from the last letter outside markup."""
    if len(cuts) <= 1:
        return [(0, len(text))] if text else []
    spans = protected_spans(text) if _MARKUP_HINT.search(text) else []
    cuts = _allowed_cuts(text, cuts[:-1], spans) + cuts[-1:]
    last_word = _last_letter_outside(text, spans)  # -1 when there is none
    ranges = []
    start = 0
    for cut in cuts:
        if cut < len(text) and not (
            _words_after(text, cut, last_word) and has_words(text[start:cut])
        ):
            continue
        ranges.append((start, cut))
        start = cut
    if start < len(text):
        ranges.append((start, len(text)))
    return ranges


def _words_after(text: str, cut: int, last_word: int) -> bool:
    """``has_words(text[cut:])``, for a cut that ``_allowed_cuts`` kept: every span lies wholly
    before or after it, so the text after it has words exactly when a letter outside the
    spans is at ``cut`` or later. Only a cut between two word characters is asked the long way:
    a URL or e-mail address that starts there is one for the text after it alone (its ``\b``),
    and not for the whole text."""
    if cut and _WORD_CHAR.match(text, cut - 1) and _WORD_CHAR.match(text, cut):
        return has_words(text[cut:])
    return last_word >= cut


_WORD_CHAR = re.compile(r"\w")


def _allowed_cuts(text: str, cuts: list[int], spans: list[Span]) -> list[int]:
    """The ``cuts`` (in increasing order) where a sentence may end: not inside markup (a code
    span, a link target, a URL, an open link text or an open emphasis), not between an image's
    "!" and its "[", not after a title before a name ("Dr.") and not after an abbreviation
    before a number ("approx. 5")."""
    starts = [span.start for span in spans]
    # Most blocks have no link text or emphasis to follow: nothing to look for then.
    brackets = [(m.start(), m.group()) for m in _BRACKET.finditer(text)] if "[" in text else []
    runs = list(_EMPHASIS.finditer(text)) if "*" in text or "_" in text else []
    depth = bracket = run = 0
    counts = {"*": 0, "_": 0}  # emphasis runs that end before the cut
    allowed = []
    for cut in cuts:
        inside = bisect_left(starts, cut) - 1  # the last span that starts before the cut
        if inside >= 0 and spans[inside].end > cut:
            continue
        if cut and text[cut - 1] == "!" and text.startswith("[", cut):
            continue  # "![": an image, whose "!" sentencex may take for an exclamation
        while bracket < len(brackets) and brackets[bracket][0] < cut:
            depth = depth + 1 if brackets[bracket][1] == "[" else max(0, depth - 1)
            bracket += 1
        if depth:
            continue  # an open link text
        while run < len(runs) and runs[run].end() < cut:
            start, end = runs[run].span()
            _count_run(text, start, end, text[end], counts)
            run += 1
        if run < len(runs) and runs[run].start() < cut:  # a run the cut ends, or cuts short
            open_runs = dict(counts)
            _count_run(text, runs[run].start(), cut, " ", open_runs)
        else:
            open_runs = counts
        if open_runs["*"] % 2 or open_runs["_"] % 2:
            continue
        if _TITLE.search(text, max(0, cut - 12), cut):
            continue
        if text[cut : cut + 1].isdecimal() and _BEFORE_NUMBER.search(text, max(0, cut - 12), cut):
            continue
        allowed.append(cut)
    return allowed


def _count_run(text: str, start: int, end: int, after: str, counts: dict[str, int]) -> None:
    """Count the emphasis run ``text[start:end]`` (followed by ``after``) if it may open or
    close emphasis: not inside a word's snake_case, not a "5 * 3" between spaces."""
    before = text[start - 1] if start else " "
    char = text[start]
    if char == "_" and before.isalnum() and after.isalnum():
        return
    if before.isspace() and after.isspace():
        return
    counts[char] += 1


def _last_letter_outside(text: str, spans: list[Span]) -> int:
    """The offset of the last letter of ``text`` outside ``spans`` (sorted, not overlapping),
    or -1: what ``has_words`` looks for, found once for every tail of the text."""
    end = len(text)
    for span in [*reversed(spans), None]:
        begin = 0 if span is None else span.end
        for position in range(end - 1, begin - 1, -1):
            if _LETTER.match(text, position):
                return position
        if span is not None:
            end = span.start
    return -1


# Titles written before a name, after which sentencex's English rules may end a sentence
# ("Ms. Jones", "Dr. Ospanov", "Gov. Gray"). "Jr." and "Sr." are left out: they come after a
# name, and often end a sentence.
_TITLE = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Mx|Messrs|Mmes|Dr|Prof|Sen|Rep|Gov|Lt|Gen|Col|Maj|Capt|Cmdr|Adm|Sgt"
    r"|Rev|Hon|Amb|Pres|Supt|Insp)\.\s*\Z"
)
# Abbreviations written before a number, which sentencex's English rules may take as a
# sentence's end there ("approx. 5,000 people", "Vol. 3", "Ch. 12", "Apt. 4", "Tel. 8 727").
_BEFORE_NUMBER = re.compile(
    r"(?<![\w.])(?:[Aa]pprox|[Aa]ppr|[Vv]ol|[Vv]ols|[Cc]h|[Cc]hap|[Pp]ara|[Tt]el|Apt|Rte)\.\s*\Z"
)
_BRACKET = re.compile(r"(?<!\\)[\[\]]")
_EMPHASIS = re.compile(r"(?<!\\)(\*+|_+)")


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
