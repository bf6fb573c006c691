"""The quality checks: one small function each, registered with its id and severity.

A check takes a ``Pair`` (source text, translation, language, glossary) and yields one message per
problem. Its title, given when it is registered, is what users see (``transflow check --list``).

Severity: an error would publish something wrong, broken or unsafe — ``transflow check`` fails and
``transflow build`` falls back to the source for that entry. A warning is for a human to judge.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache

from transflow.article.segment import ONE_LINE_ROLES, has_words, role_of
from transflow.languages import script_of
from transflow.qa.findings import ERROR, WARNING, Check, CheckFunction, Pair, Severity
from transflow.qa.glossary import Glossary
from transflow.qa.markup import (
    MARKUP_CHARS,
    TARGET_HINT,
    VOID_ELEMENTS,
    html_added,
    html_of,
    is_dangerous_html,
    lost_shortcut,
    markup_of,
    prose_of,
    script_urls,
    shortcuts_of,
    shown_target,
    targets_of,
    unlinked_labels,
)
from transflow.qa.numbers import missing_numbers

CHECKS: list[Check] = []


def check(
    severity: Severity, title: str, hint: re.Pattern[str] | None = None
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check; its id is the function's name with "-" for "_", ``title`` what
    ``transflow check --list`` shows (not the docstring: compiled code keeps none). ``hint``:
    see Check."""

    def register(function: CheckFunction) -> CheckFunction:
        name = function.__name__.replace("_", "-")
        CHECKS.append(Check(name, severity, title, function, hint))
        return function

    return register


# What the checks read from a source text is cached: each source is checked once per language.
@lru_cache(maxsize=8192)
def _source_targets(source: str, references: frozenset[str]) -> Counter[str]:
    return targets_of(source, references)  # shared: never changed by the checks


@check(
    ERROR,
    "Link targets, image sources, URLs and e-mail addresses kept as in the source",
    hint=TARGET_HINT,
)
def links(pair: Pair) -> Iterator[str]:
    references = pair.references
    source = _source_targets(pair.source, references)
    translation = targets_of(pair.translation, references)
    if source == translation:
        return
    missing = source - translation
    ours = shortcuts_of(pair.source, references)
    lost = [target for target in missing.elements() if target in ours]
    unlinked = unlinked_labels(pair.source, pair.translation, references) if lost else []
    # As many brackets without a definition as links lost: each is one of them, translated.
    written = iter(unlinked) if len(unlinked) == len(lost) else None
    for target in missing.elements():
        if target in ours:
            yield lost_shortcut(ours[target], None if written is None else next(written))
        else:
            yield f"{shown_target(target)} from the source is missing or changed"
    theirs = shortcuts_of(pair.translation, references)
    for target in (translation - source).elements():
        if target in theirs:
            label = theirs[target]
            yield f"link [{label}] is not in the source (the article defines [{label}] as a link)"
        else:
            yield f"{shown_target(target)} is not in the source"


@check(
    ERROR,
    "Inline Markdown balanced and matching the source: emphasis, strong, code spans",
    hint=MARKUP_CHARS,
)
def markup(pair: Pair) -> Iterator[str]:
    source, translation = markup_of(pair.source), markup_of(pair.translation)
    if source == translation:
        return
    for char, count in sorted((translation.stray - source.stray).items()):
        yield f"unbalanced {char!r}: {count} more unpaired than in the source"
    for kind in ("emphasis", "strong", "code span"):
        have, want = translation.elements.count(kind), source.elements.count(kind)
        if have != want:
            yield f"{have} {kind}(s) where the source has {want}"
    if sorted(translation.code) != sorted(source.code):
        yield "code spans differ from the source; code is never translated"


@check(WARNING, "Inline Markdown elements in the source's order", hint=MARKUP_CHARS)
def markup_order(pair: Pair) -> Iterator[str]:
    source, translation = markup_of(pair.source).elements, markup_of(pair.translation).elements
    if sorted(source) == sorted(translation) and source != translation:
        yield f"order {', '.join(translation)}; the source has {', '.join(source)}"


_DIGIT = re.compile(r"\d")


@check(ERROR, "Numbers kept, written as in the source or in the language's format", hint=_DIGIT)
def numbers(pair: Pair) -> Iterator[str]:
    return missing_numbers(pair.source, pair.translation, pair.source_language, pair.language)


@check(WARNING, "Leading and trailing whitespace as in the source")
def whitespace(pair: Pair) -> Iterator[str]:
    for side, pattern in (("leading", r"^\s*"), ("trailing", r"\s*$")):
        want = re.search(pattern, pair.source)
        have = re.search(pattern, pair.translation)
        if want and have and want.group() != have.group():
            yield f"{side} whitespace {have.group()!r} differs from the source's {want.group()!r}"


@check(
    ERROR,
    "A line break at the start and end where the source has one (msgfmt -c refuses others)",
    hint=re.compile("\n"),  # a literal is found at once; "\A\n|\n\Z" is tried at every place
)
def line_breaks(pair: Pair) -> Iterator[str]:
    for side, source, translation in (
        ("starts", pair.source[:1], pair.translation[:1]),
        ("ends", pair.source[-1:], pair.translation[-1:]),
    ):
        if (source == "\n") != (translation == "\n"):
            has, lacks = ("source", "translation") if source == "\n" else ("translation", "source")
            yield f"the {has} {side} with a line break, the {lacks} does not (msgfmt -c refuses it)"


# A hard line break inside a text: a line end (\n, \r\n or \r, all of which the build renders as
# one) after an odd run of backslashes (the form the templates write) or after two or more spaces
# (CommonMark's other form). One at the very end breaks nothing.
_HARD_BREAK = re.compile(r"(?:(?<!\\)(?:\\\\)*\\| {2,})(?:\r\n?|\n)(?=[^\r\n])")


@check(
    WARNING,
    "Hard line breaks (a \\ or two spaces at a line's end) as many as in the source, except in "
    "headings and table cells, which the page shows on one line",
    hint=re.compile(r"[\r\n]."),
)
def hard_breaks(pair: Pair) -> Iterator[str]:
    if pair.contexts and all(role_of(c) in ONE_LINE_ROLES for c in pair.contexts):
        return  # the page shows no line break of this text, the source's nor the translation's
    want = len(_HARD_BREAK.findall(pair.source))
    have = len(_HARD_BREAK.findall(pair.translation))
    if want != have:
        effect = "breaks a line the source does not" if have > want else "joins lines it breaks"
        breaks = "hard line break" if have == 1 else "hard line breaks"
        yield f"{have} {breaks} where the source has {want}: the page {effect}"


# Final punctuation, by kind; a translation may use its language's marks of the same kind.
_FINAL = {
    ".": "period", "…": "period", "。": "period", "।": "period",
    "?": "question mark", "？": "question mark", "\u037e": "question mark",
    "!": "exclamation mark", "！": "exclamation mark",
    ":": "colon", "：": "colon",
    '"': "quote", "“": "quote", "”": "quote", "«": "quote", "»": "quote", "„": "quote",
    "’": "quote", "'": "quote", "‘": "quote", "›": "quote", "‹": "quote",
}  # fmt: skip


def _final_marks(text: str) -> set[str]:
    text = text.rstrip().rstrip("*_").rstrip()
    kinds = set()
    for char in reversed(text):
        if char not in _FINAL:
            break
        kinds.add(_FINAL[char])
    return kinds


# A quotation mark; not an apostrophe, which stands between two letters ("poet’s").
_QUOTATION_MARK = re.compile(r"(?<!\w)[\"“”«»„’'‘›‹]|[\"“”«»„’'‘›‹](?!\w)")


def _as_many_quotation_marks(pair: Pair) -> bool:
    return len(_QUOTATION_MARK.findall(pair.source)) == len(
        _QUOTATION_MARK.findall(pair.translation)
    )


@check(
    WARNING,
    "Final punctuation (. ? ! : and quotes) as in the source; a quotation may move inside the "
    "sentence if its marks are all there",
)
def punctuation(pair: Pair) -> Iterator[str]:
    want, have = _final_marks(pair.source), _final_marks(pair.translation)
    if "quote" in want ^ have and _as_many_quotation_marks(pair):
        # Quoted words at the end that the translation puts before its verb (Kazakh: «…»
        # деп сұрады), or the other way round: moved, not lost.
        want.discard("quote")
        have.discard("quote")
    for kind in sorted(want - have):
        yield f"the source ends with a {kind}, the translation does not"
    for kind in sorted(have - want):
        yield f"the translation ends with a {kind}, the source does not"


# A site name such as "Eurasianet.org" is a name, not words to translate.
_DOMAIN = re.compile(r"(?<![\w.])[\w-]+(?:\.[A-Za-z]{2,})+(?![\w.])")


@check(WARNING, "Translation differs from a source that has words to translate")
def same_as_source(pair: Pair) -> Iterator[str]:
    if pair.translation != pair.source:
        return
    text = _DOMAIN.sub(" ", pair.source)
    for match in reversed(pair.glossary.terms_in(text)):
        # A name the glossary keeps in this language (a language without a column has none).
        if (
            pair.glossary.covers(match.term, pair.language)
            and pair.glossary.expected(match.term, pair.language) == match.term
        ):
            text = text[: match.start] + " " + text[match.end :]
    if has_words(text):
        yield "the translation is a copy of the source"


_LETTERS = re.compile(r"[^\W\d_]+")


def _words(text: str) -> set[str]:
    return {word.casefold() for word in _LETTERS.findall(text)}


@lru_cache(maxsize=4)
def _glossary_words(glossary: Glossary) -> frozenset[str]:
    """The words of every glossary term, once per glossary (not once per entry checked)."""
    return frozenset(word for entry in glossary for word in _words(entry.term))


def _is_latin(word: str) -> bool:
    return any(unicodedata.name(char, "").startswith("LATIN ") for char in word)


# A Roman numeral (XXI ғасыр, XXI век, Пётр I, глава IV), which Russian and Kazakh write in
# Latin capitals; not a lone C, D or M: a lone C or M is more often a Cyrillic С or М typed in
# Latin ("C 2006 года"), and a D a 3D.
_ROMAN_NUMERAL = re.compile(
    r"(?=[IVXLCDM]{2}|[IVXL]\Z)M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
)


@check(WARNING, "No Latin words the source lacks, in a language written in another script")
def script(pair: Pair) -> Iterator[str]:
    """Words copied from the source (names, brands: "Covid", "Eurasianet") and the words of
    glossary terms pass, in any case; so do Roman numerals, code, URLs, link targets and raw
    HTML."""
    if (script_of(pair.language) or "Latn") == "Latn":
        return
    text = prose_of(pair.translation)
    foreign = [
        w
        for w in dict.fromkeys(_LETTERS.findall(text))
        if _is_latin(w) and not _ROMAN_NUMERAL.fullmatch(w)
    ]
    if not foreign:  # the usual case: no glossary to look at
        return
    allowed = _words(pair.source)
    kept = _glossary_words(pair.glossary)
    foreign = [w for w in foreign if w.casefold() not in allowed and w.casefold() not in kept]
    if foreign:
        yield f"Latin word(s) not in the source: {', '.join(foreign)}"


# Raw HTML holds a "<"; a script URL a ":" or, spelled with entities, a "&".
_HTML_HINT = re.compile("[<:&]")


@check(
    ERROR,
    "No raw HTML, script, event attribute or javascript: URL that the source lacks",
    hint=_HTML_HINT,
)
def html(pair: Pair) -> Iterator[str]:
    ours, theirs = html_of(pair.translation), html_of(pair.source)
    added = Counter(html_added(pair.translation, pair.source))
    for tag in added:  # in the order they appear
        kind = "unsafe raw HTML" if is_dangerous_html(tag) else "raw HTML"
        yield f"{kind} {tag} is not in the source"
    # An element left open runs on over the rest of the page (all of it bold, or one link). One
    # the source lacks is said above.
    balance, expected = _open_elements(ours), _open_elements(theirs)
    for name in sorted((balance.keys() | expected.keys()) - _open_elements(added).keys()):
        if balance[name] > expected[name]:
            yield f"raw HTML <{name}> is not closed as in the source"
        elif balance[name] < expected[name]:
            yield f"raw HTML </{name}> closes no <{name}> of the source"
    if script_urls(pair.translation) > script_urls(pair.source):
        yield "a javascript: URL is not in the source"


_TAG_NAME = re.compile(r"<(/?)([a-z][a-z0-9-]*)")


def _open_elements(tags: Counter[str]) -> Counter[str]:
    """How many more times each element is opened than closed among ``tags`` (html_of's)."""
    balance: Counter[str] = Counter()
    for tag, count in tags.items():
        name = _TAG_NAME.match(tag)
        if name is None or tag.endswith("/>") or name.group(2) in VOID_ELEMENTS:
            continue
        balance[name.group(2)] += -count if name.group(1) else count
    return balance


# C0 and C1 control characters (tab, newline and carriage return aside) and the noncharacters
# U+FDD0-U+FDEF, U+FFFE and U+FFFF: invisible or garbled on a page, never typed on purpose. A
# stray byte of Windows-1252 read as Latin-1 (U+0092 for a curly apostrophe) is the usual one.
# Also the bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069): they
# reorder what a reader sees ("100" shown as "001"), and the check shows them only as escapes.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufdd0-\ufdef\ufffe\uffff]"
)
_KINDS = {"Cc": "a control character", "Cf": "a bidirectional control"}


@check(
    ERROR,
    "No control characters or bidirectional overrides that the source lacks (stray bytes of a "
    "copy and paste, or text shown in another order)",
    hint=CONTROL_CHARACTERS,
)
def control_characters(pair: Pair) -> Iterator[str]:
    control = CONTROL_CHARACTERS
    added = Counter(control.findall(pair.translation)) - Counter(control.findall(pair.source))
    for char in sorted(added):
        kind = _KINDS.get(unicodedata.category(char), "a noncharacter")
        yield f"U+{ord(char):04X}, {kind}, is not in the source: remove it"


@check(WARNING, "Glossary terms rendered as the glossary says")
def glossary(pair: Pair) -> Iterator[str]:
    """Terms of the prose only, rendered in the prose: a name in a URL, a link target or code
    stays as it is, and is no rendering. A language without a column has no glossary."""
    seen = set()
    translation = None
    for match in pair.glossary.terms_in(prose_of(pair.source)):
        if match.term in seen:
            continue
        seen.add(match.term)
        if not pair.glossary.covers(match.term, pair.language):
            continue
        if translation is None:
            translation = prose_of(pair.translation)
        if not pair.glossary.rendered_in(match.term, pair.language, translation):
            expected = pair.glossary.expected(match.term, pair.language)
            verb = "should stay" if expected == match.term else "should be"
            yield f"{match.term!r} {verb} {expected!r} (glossary)"


def check_pair(pair: Pair, checks: list[Check] | None = None) -> list[tuple[Check, str]]:
    """Every problem the checks find in one pair, in check order."""
    return [(c, message) for c in (CHECKS if checks is None else checks) for message in c(pair)]


def checks_by_id() -> dict[str, Check]:
    return {c.id: c for c in CHECKS}
