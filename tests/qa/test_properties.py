"""Properties of the checks over generated text (hypothesis)."""

from __future__ import annotations

import re
from decimal import Decimal

from babel.numbers import format_decimal
from hypothesis import example, given, settings
from hypothesis import strategies as st

from transflow.qa.checks import CHECKS, checks_by_id
from transflow.qa.findings import ERROR, Pair
from transflow.qa.glossary import Glossary
from transflow.qa.numbers import count_in

_PIECES = st.sampled_from(
    ["word", "Слово", " ", "  ", "*", "**", "_", "`", "[", "]", "(", ")", "<b>", "</b>", "<",
     ">", "&amp;", "\\*", "2,500", "8.7%", "2006", "1.2.3", ".", ",", "!", "?", "”", "«",
     "https://example.org/a", "a@b.kz", "[link](#)", "![img](x.png)", "`code`", "javascript:"]
)  # fmt: skip
TEXTS = st.lists(_PIECES, max_size=14).map("".join)
ERROR_CHECKS = [c for c in CHECKS if c.severity == ERROR]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_a_copy_of_the_source_passes_every_error_check(text: str) -> None:
    pair = Pair(text, text, "ru", Glossary())
    assert [(c.id, c(pair)) for c in ERROR_CHECKS if c(pair)] == []


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False),
    st.sampled_from(["kk", "ru", "de", "fr", "en"]),
)
def test_numbers_in_the_target_locale_format_pass(value: Decimal, language: str) -> None:
    source = f"About {format_decimal(value, locale='en', decimal_quantization=False)} people."
    translated = format_decimal(value, locale=language, decimal_quantization=False)
    pair = Pair(source, f"Около {translated} человек.", language, Glossary())
    assert checks_by_id()["numbers"](pair) == []


@settings(max_examples=150, deadline=None)
@given(st.one_of(TEXTS, st.text(max_size=60)), st.one_of(TEXTS, st.text(max_size=60)))
def test_checks_never_fail_and_give_one_line_messages(source: str, translation: str) -> None:
    for check in CHECKS:
        for message in check(Pair(source, translation, "kk", Glossary())):
            assert message and "\n" not in message, (check.id, message)


# A number grouped by spaces: 1-3 digits, then groups of a space and exactly 3 digits.
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?(?![.,]?\d)")


def _readings(text: str, start: int, end: int) -> set[tuple[int, int]]:
    """What a space-grouped number may be read as: itself, or the numbers before and after its
    first space unless the second would start with 0."""
    head = next(place for place in range(start, end) if text[place] in " \u00a0\u202f")
    if text[head + 1] == "0":
        return {(start, end)}
    return {(start, end), (start, head), (head + 1, end)}


def _count_by_regex(text: str, forms: frozenset[str]) -> int:
    """The definition count_in implements: scanning left to right, at each place the longest form
    standing as a whole number (no digit touching it, no "," or "." joining it to more digits, not
    a piece of a space-grouped number other than one of its readings) counts, and the scan goes on
    after it."""
    whole = [re.compile(rf"(?<![\d])(?<!\d[.,]){re.escape(f)}(?![\d])(?![.,]\d)") for f in forms]
    grouped = [m.span() for m in _GROUPED.finditer(text)]
    count = place = 0
    while place < len(text):
        ends = [m.end() for m in (p.match(text, place) for p in whole) if m is not None]
        ends = [
            end
            for end in ends
            if all(
                (place, end) in _readings(text, first, last)
                for first, last in grouped
                if first < end and place < last
            )
        ]
        if ends:
            count, place = count + 1, max(ends)
        else:
            place += 1
    return count


_NUMBER_PIECES = st.sampled_from(
    ["2", "25", "2,500", "2 500", "2\u00a0500", "500", ",", ".", " ", "a", "8,7", "8.7", "٣", "5",
     "000", "\u202f", "1 000", "-"]
)  # fmt: skip
_FORMS = ["2,500", "2500", "2 500", "2\u00a0500", "500", "8,7", "8.7", "2", "25", "5", "1 000",
          "000", "2 500 000"]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.lists(_NUMBER_PIECES, max_size=12).map("".join),
    st.sets(st.sampled_from(_FORMS), min_size=1, max_size=4).map(frozenset),
)
def test_count_in_finds_whole_numbers_as_defined(text: str, forms: frozenset[str]) -> None:
    assert count_in(text, forms) == _count_by_regex(text, forms)


@settings(max_examples=400, deadline=None)
@given(
    st.one_of(TEXTS, st.text(max_size=60)),
    st.one_of(TEXTS, st.text(max_size=60)),
    st.sampled_from(["kk", "ru", "de"]),
)
def test_a_check_s_hint_never_hides_a_finding(source: str, translation: str, lang: str) -> None:
    """Where a check's hint matches neither text, the check's own code finds nothing either."""
    pair = Pair(source, translation, lang, Glossary())
    for check in CHECKS:
        if check.hint is None:
            continue
        if not check.hint.search(source) and not check.hint.search(translation):
            assert list(check.function(pair)) == [], check.id


def test_hints_skip_plain_sentences() -> None:
    """The point of the hints: a sentence without markup, numbers or colons skips those checks."""
    source, translation = "The minister resigned on Monday.", "Министр ушёл в отставку."
    skipped = {
        c.id
        for c in ERROR_CHECKS
        if c.hint is not None and not c.hint.search(source) and not c.hint.search(translation)
    }
    assert skipped == {"links", "markup", "numbers", "line-breaks", "html", "control-characters"}


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.one_of(TEXTS, st.text(max_size=40)), st.one_of(TEXTS, st.text(max_size=40))),
        max_size=6,
    ),
    st.sampled_from(["kk", "ru"]),
)
def test_the_build_screens_out_exactly_what_the_error_checks_find(
    pairs: list[tuple[str, str]], lang: str
) -> None:
    """The build skips the checks where no error check's hint matches; it blocks the same."""
    from transflow.catalog.model import Catalog, Entry
    from transflow.qa.run import Where, check_entry, publishable

    entries = [Entry(source, text, msgctxt=str(n)) for n, (source, text) in enumerate(pairs)]
    forms = [text for _, text in pairs[:2]] or ["x", "y"]
    entries.append(Entry("one", "", msgid_plural=pairs[-1][0] if pairs else "many",
                         msgstr_plural=forms))  # fmt: skip
    where = Where("story", lang, "locales/story.po")
    found = {
        id(entry): check_entry(entry, where, Glossary(), ERROR_CHECKS)
        for entry in entries
        if entry.translated
    }

    kept, blocked = publishable(Catalog(entries=entries), where)

    assert blocked == [finding for findings in found.values() for finding in findings]
    assert kept.entries == [entry for entry in entries if not found.get(id(entry))]


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


@settings(max_examples=500, deadline=None)
@given(st.one_of(TEXTS, st.text(max_size=60)))
@example("][Слово]")  # a reference label is compared case-folded
@example('[a](#x "Title") and [b][Two  Words]')
def test_markup_readings_match_every_pattern_applied_in_turn(text: str) -> None:
    """The readings the checks compare, which skip a pattern when the text lacks what it needs,
    are what applying every pattern in turn gives."""
    from collections import Counter

    from transflow.article.inline import LINK_TARGET, URL
    from transflow.qa import markup

    autolink, html = markup._AUTOLINK, markup._HTML
    prose = text
    if markup.TARGET_HINT.search(text):
        prose = markup.blank_code(prose)
        for pattern in (LINK_TARGET, autolink, URL, html):
            prose = _blank(prose, pattern)
    assert markup.prose_of(text) == prose

    targets: Counter[str] = Counter()
    if markup.TARGET_HINT.search(text):
        rest = markup.blank_code(text)
        # (Each target as the checks compare it: a reference by its label, case-folded.)
        targets.update(markup.link_target(rest, m) for m in LINK_TARGET.finditer(rest))
        rest = _blank(rest, LINK_TARGET)
        targets.update(m.group() for m in autolink.finditer(rest))
        targets.update(m.group() for m in URL.finditer(_blank(rest, autolink)))
    assert markup.targets_of(text) == targets

    tags = Counter(
        " ".join(m.group().lower().split()) for m in html.finditer(markup.blank_code(text))
    )
    assert markup.html_of(text) == (tags if "<" in text else Counter())


def _commonmark_code(text: str) -> list[str]:
    """The code spans' contents as markdown-it-py, the reference reading, gives them."""
    from transflow.qa import markup

    tokens = markup._parser().parseInline(text)[0].children or []
    return [token.content for token in tokens if token.type == "code_inline"]


@settings(max_examples=1000, deadline=None)
@given(st.text(st.sampled_from("``a "), max_size=30))
@example("``a`")  # a run that nothing closes is text, and so is the "`" after it
@example("`a``b`")  # a run of another length inside a span does not close it
@example("a` `b`` c``")
def test_code_spans_are_those_commonmark_finds(text: str) -> None:
    from transflow.qa import markup

    contents = []
    for start, end in markup.code_spans(text):
        fence = len(text[start:end]) - len(text[start:end].lstrip("`"))
        assert text[start:end] == text[start:end].strip("`").join(["`" * fence] * 2)
        content = text[start + fence : end - fence]
        if content.startswith(" ") and content.endswith(" ") and content.strip(" "):
            content = content[1:-1]  # CommonMark strips one space each side
        contents.append(content)
    assert contents == _commonmark_code(text)


# The number, date and time patterns as first written: each with its lookbehind first, which
# the search tries at every place (theirs look behind only once the first digit is found).
_PLAIN = {
    "_SOURCE_NUMBER": r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:\.\d+)?(?![.,]\d)"
    r"|(?<![\d])\d+(?:[.,]\d+)*|(?<![\w.,])\.\d+(?![.,]?\d)",
    "_TRANSLATED_GROUPS": r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+"
    r"(?:[.,]\d+)?(?![.,]?\d)",
    "_SLASHED_DATE": r"(?<![\d/.,])\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\d/]|[.,]\d)",
    "_COLON_TIME": r"(?<![\d:.,])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]|[.,]\d)",
    "_DOTTED": r"(?<![\d.,])\d{1,4}(?:\.\d{1,4}){1,2}(?![.,]?\d)",
    "_ISO_DATE": r"(?<![\d-])\d{4}-[01]\d-[0-3]\d(?![\d-])",
    "_CENTURY": r"(?i)(?<!\d)(\d{1,2})(?:st|nd|rd|th)(?=(?:(?:\s*[,–—-]\s*|\s+(?:and|or|to)\s+)"
    r"\d{1,2}(?:st|nd|rd|th))*[\s\u00a0-]+centur(?:y|ies)\b)",
    "_ROMAN": r"(?<!\w)[IVXLCХІ]+(?!\w)",
}
_NUMBERISH = st.lists(
    st.sampled_from([*"0123456789., \u00a0\u202fa%-/:IVXХІ", "st ", "th ", " century", " and "]),
    max_size=16,
).map("".join)


@settings(max_examples=500, deadline=None)
@given(_NUMBERISH)
@example("1:30 a1:30 :1:30 111:30 1.5.2020 ,1.5 12/1/2020 x1/1/2020 2025-11-24 21st century XXI")
def test_the_number_patterns_find_what_they_found_with_their_lookbehind_first(text: str) -> None:
    from transflow.qa import numbers

    for name, plain in _PLAIN.items():
        fast = getattr(numbers, name)
        found = [(m.span(), m.groups()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groups()) for m in re.finditer(plain, text)], name


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("``a <>:/[]()&;.hw"), max_size=40))
@example("`a https://x.org` b")  # a URL inside a code span is the code span's
@example("https://x.org/a`b` c")  # a code span that begins inside a URL is the URL's
def test_protected_parts_keep_their_code_spans_whole_and_apart(text: str) -> None:
    """What translation leaves alone: code spans as CommonMark finds them (the segments of an
    article, and the placeholders of a machine draft), and no two parts overlapping."""
    import itertools

    from transflow.article.inline import code_spans, protected_spans

    spans = protected_spans(text)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert all(text[s.start : s.end] == s.text and s.end > s.start for s in spans)
    taken = [(s.start, s.end) for s in spans]
    for start, end in code_spans(text):
        # every code span is a part, unless a part that starts before it takes it in
        assert (start, end) in taken or any(a < start < b for a, b in taken)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"a `]([)<>@&;:/.-", "://", "www.", "https://x.kz", "&amp;", "<b>", "a@b.kz"]
        ),
        max_size=14,
    ).map("".join)
)
def test_protected_parts_are_what_one_search_for_every_kind_finds(text: str) -> None:
    """The search leaves out the kinds of part a text cannot hold (no "@": no e-mail address);
    what it finds is what a search for all of them finds."""
    from transflow.article import inline

    every = re.compile("|".join(f"(?:{part})" for part, _ in inline._NOT_CODE_PARTS))
    found = inline.protected_spans(text)  # (its search is now kept, under what the text holds)
    try:
        inline._NOT_CODE_CACHE.update(dict.fromkeys(inline._NOT_CODE_CACHE, every))
        assert found == inline.protected_spans(text)
    finally:
        inline._NOT_CODE_CACHE.clear()  # made again as needed
