"""What the checks compare in a segment's inline Markdown: its structure, targets and raw HTML."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt

from transflow.article.inline import (
    LINK_TARGET,
    URL,
    Span,
    bracketed_labels,
    code_spans,
    definition_key,
    reference_label,
    reference_target,
    shortcut_references,
)
from transflow.fastmd import inline_readings_agree, rust_tree
from transflow.models import Reduced, by_constructor

_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# Raw HTML as CommonMark sees it: tags, comments, processing instructions, declarations, CDATA.
# A tag's attributes may follow its name after a "/" too: CommonMark calls "<img/onerror=x>"
# text, but browsers (and laxer Markdown renderers) take it as a tag.
_HTML = re.compile(
    r"</?[A-Za-z][A-Za-z0-9-]*(?:[\s/][^<>]*)?/?>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<![A-Za-z][^>]*>"
    r"|<!\[CDATA\[[\s\S]*?\]\]>"
)
_EVENT_ATTRIBUTE = re.compile(r"[\s\"'/]on[a-z]+\s*=", re.IGNORECASE)
# Browsers ignore tabs and newlines inside a scheme, so "java\tscript:" still runs.
_SCRIPT_URL = re.compile(r"(?:j\s*a\s*v\s*a|v\s*b)\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)
_ENTITY_IN_SCHEME = re.compile(r"&#|&[a-z]+;", re.IGNORECASE)
# Delimiters that stay as text when CommonMark cannot pair them.
_DELIMITERS = "*_`[]"
_PAIRED = {
    "em_open": "emphasis",
    "strong_open": "strong",
    "code_inline": "code span",
    "link_open": "link",
    "image": "image",
    "html_inline": "raw HTML",
}


@dataclass(frozen=True)
class Markup:
    """The inline structure of a text as CommonMark parses it."""

    elements: tuple[str, ...]  # "emphasis", "strong", "code span", "link", "image", in order
    code: tuple[str, ...]  # the code spans' contents
    stray: Counter[str]  # delimiter characters left unpaired, e.g. {"*": 1}

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # text_join would merge backslash escapes into text, hiding which "*" were escaped.
    return MarkdownIt("commonmark", {"html": True}).disable("text_join")


MARKUP_CHARS = re.compile(r"[*_`\[\]<>!\\&~]")
# Every code span, link target, autolink, URL, e-mail address and HTML tag holds one of these.
TARGET_HINT = re.compile(r"[`\]<@]|://|www\.")


_PLAIN = Markup((), (), Counter())


@lru_cache(maxsize=8192)
def markup_of(text: str) -> Markup:
    """Inline markup of ``text``; the source side repeats across languages, hence the cache."""
    if not MARKUP_CHARS.search(text):
        return _PLAIN  # nothing for the parser to find
    tree = rust_tree(text) if inline_readings_agree(text) else None
    found = None if tree is None else _markup_from_tree(tree)
    if found is not None:
        return found
    return _markup_from_tokens(text)


def _markup_from_tokens(text: str) -> Markup:
    """The reference reading, through markdown-it-py's inline parser."""
    elements: list[str] = []
    code: list[str] = []
    texts: list[str] = []
    in_autolink = False
    for token in _parser().parseInline(text)[0].children or []:
        kind = _PAIRED.get(token.type)
        if token.markup == "autolink":
            kind = None  # an autolink is a URL: the links check compares it
            in_autolink = token.type == "link_open"
        if kind is not None and kind != "raw HTML":
            elements.append(kind)
        if token.type == "code_inline":
            code.append(token.content)
        elif token.type == "text" and not in_autolink:  # a "*" in a URL is no delimiter
            texts.append(token.content)
    return Markup(tuple(elements), tuple(code), _stray(texts))


def _stray(texts: list[str]) -> Counter[str]:
    """The delimiters left as text in ``texts`` (a text's text parts, in order) that mark an
    error: every "*", "_" and "`", and the "[" and "]" that no other closes or opens. Brackets
    that pair as text ("[editor's note]", "[1]") are prose, as CommonMark shows them."""
    joined = "".join(texts)
    stray = Counter(char for char in joined if char in _DELIMITERS)
    if "[" in stray or "]" in stray:
        opened = unopened = 0
        for char in joined:
            if char == "[":
                opened += 1
            elif char == "]":
                if opened:
                    opened -= 1
                else:
                    unopened += 1
        stray["["], stray["]"] = opened, unopened
        stray += Counter()  # drops the zero counts: Markups compare their Counters
    return stray


# markdown-it-pyrs (Rust) reads inline Markdown ~20x faster and gives the same tree, but it only
# parses whole documents. One line that the Rust parser reads as one paragraph has the inline
# content markdown-it-py reads (a list item, heading, quote, code block or link definition is not
# one paragraph: _markup_from_tree refuses it); texts where the two parsers differ go to
# markdown-it-py (fastmd.inline_readings_agree). tests/qa/test_markup_parsers.py compares them.
_FAST_NODES = {"em": "emphasis", "strong": "strong", "link": "link", "image": "image"}


def _markup_from_tree(root: Any) -> Markup | None:
    """The reading of markdown-it-pyrs' tree; None unless the text was one paragraph."""
    blocks = root.children
    if len(blocks) != 1 or blocks[0].name != "paragraph":
        return None
    elements: list[str] = []
    code: list[str] = []
    texts: list[str] = []

    def visit(nodes: list[Any]) -> None:
        for node in nodes:
            name = node.name
            if name == "text":
                texts.append(node.meta["content"])
            elif name == "code_inline":
                elements.append("code span")
                code.append("".join(child.meta.get("content", "") for child in node.children))
            elif name in _FAST_NODES:
                elements.append(_FAST_NODES[name])
                if name != "image":  # markdown-it-py keeps an image's alt text to itself
                    visit(node.children)

    visit(blocks[0].children)
    return Markup(tuple(elements), tuple(code), _stray(texts))


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def blank_code(text: str) -> str:
    """``text`` with its code spans blanked out (spaces, so that places stay where they are)."""
    if "`" not in text:
        return text
    pieces: list[str] = []
    place = 0
    for start, end in code_spans(text):
        pieces += (text[place:start], " " * (end - start))
        place = end
    pieces.append(text[place:])
    return "".join(pieces)


# Each pattern below matches only where the text holds one of its strings; looking for those
# first spares most texts most of the passes (a sentence with a link has no code or URL).
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    LINK_TARGET: ("](", "]["),
    _AUTOLINK: ("<",),
    URL: ("://", "www.", "@"),
    _HTML: ("<",),
}


def _may_match(text: str, pattern: re.Pattern[str]) -> bool:
    return any(needle in text for needle in _NEEDS[pattern])


# A link's or image's title (](url "Official report")): text a reader sees as a tooltip, which
# the translation may translate; only the destination before it must stay.
_TITLE = re.compile(r"\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\))\s*\)\Z")


def link_target(text: str, match: re.Match[str]) -> str:
    """A link target that ``LINK_TARGET`` found in ``text``, as the checks compare it: a
    reference by the label it names, however written; an inline target without its title."""
    target = match.group()
    if target.startswith("]["):
        label = reference_label(text, Span(match.start(), match.end(), target))
        return target if label is None else f"][{label}]"
    return _TITLE.sub(")", target)


def targets_of(text: str, references: frozenset[str] = frozenset()) -> Counter[str]:
    """Link targets, image sources, autolinks, bare URLs and e-mail addresses, with counts; a
    link's title is not part of its target. A shortcut reference ("[label]" whose label is one
    of ``references``, the article's definitions) counts as the full reference to its label.

    Code spans are left out: they are compared whole by the markup check.
    """
    if not TARGET_HINT.search(text):
        return Counter()
    found: Counter[str] = Counter()
    if references:
        found.update(reference_target(s.text[1:-1]) for s in shortcut_references(text, references))
    text = blank_code(text)
    if _may_match(text, LINK_TARGET):
        found.update(link_target(text, m) for m in LINK_TARGET.finditer(text))
        text = _blank(text, LINK_TARGET)
    if _may_match(text, _AUTOLINK):
        found.update(m.group() for m in _AUTOLINK.finditer(text))
        text = _blank(text, _AUTOLINK)
    if _may_match(text, URL):
        found.update(m.group() for m in URL.finditer(text))
    return found


def shortcuts_of(text: str, references: frozenset[str]) -> dict[str, str]:
    """The shortcut reference links of ``text`` (see ``targets_of``) by target, each with its
    label as the text writes it (the first, where several write one target)."""
    if not references:
        return {}
    found: dict[str, str] = {}
    for span in shortcut_references(text, references):
        found.setdefault(reference_target(span.text[1:-1]), span.text[1:-1])
    return found


def shown_target(target: str) -> str:
    """A target as users know it: "(#)" rather than "](#)"."""
    return target[1:] if target.startswith("](") else target


def prose_of(text: str) -> str:
    """``text`` with code spans, link targets, autolinks, URLs and raw HTML blanked out."""
    if not TARGET_HINT.search(text):
        return text
    text = blank_code(text)
    for pattern in (LINK_TARGET, _AUTOLINK, URL, _HTML):
        if _may_match(text, pattern):
            text = _blank(text, pattern)
    return text


def html_of(text: str) -> Counter[str]:
    """Raw HTML outside code spans, normalized (lowercase, collapsed spaces), with counts."""
    if "<" not in text:
        return Counter()
    text = blank_code(text)
    return Counter(" ".join(m.group().lower().split()) for m in _HTML.finditer(text))


def html_added(translation: str, source: str) -> list[str]:
    """The raw HTML of ``translation`` (as ``html_of`` gives it) that ``source`` lacks, where
    the same HTML spelled another way (``canonical_tag``) is not lacking."""
    ours = html_of(translation)
    if not ours:
        return []
    theirs = Counter(canonical_tag(tag) for tag, n in html_of(source).items() for _ in range(n))
    added = []
    for tag, count in ours.items():
        key = canonical_tag(tag)
        kept = min(count, theirs[key])
        theirs[key] -= kept
        if count > kept:
            added.append(tag)
    return added


_START_TAG = re.compile(r"<([a-z][a-z0-9-]*)([\s/][\s\S]*?)?/?>\Z")
_ATTRIBUTE = re.compile(r"""\s*([^\s"'=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
# Attributes whose values are words for readers, which a translation translates.
_WORDS_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "placeholder"})


def canonical_tag(tag: str) -> str:
    """``tag`` as one spelling of what it is, so that a translation may write the source's HTML
    in another: lowercase, collapsed spaces; for a start tag, its attributes in name order, each
    value in double quotes, a void element without its "/" (``<br />`` is ``<br>``), and the
    words of a ``title`` or ``alt`` (which a translation translates) as "…". Anything it cannot
    read as attributes stays in it as it is, so no difference is hidden."""
    tag = " ".join(tag.lower().split())
    start = _START_TAG.match(tag)
    if start is None or tag.startswith("</"):
        return tag
    name, rest = start.group(1), (start.group(2) or "").rstrip("/ ")
    attributes: list[str] = []
    position = 0
    while position < len(rest) and rest[position] in " /":  # <img/src=x>: "/" parts them too
        position += 1
    while position < len(rest):
        found = _ATTRIBUTE.match(rest, position)
        if found is None or found.end() == position:
            attributes.append(rest[position:].strip())  # what cannot be read, kept as it is
            break
        key = found.group(1)
        value = next((v for v in found.group(2, 3, 4) if v is not None), None)
        if value is not None and key in _WORDS_ATTRIBUTES:
            value = "…" if value.strip() else ""
        attributes.append(key if value is None else f'{key}="{value}"')
        position = found.end()
        while position < len(rest) and rest[position] in " /":
            position += 1
    body = "".join(f" {a}" for a in sorted(attributes))
    closing = "" if name in VOID_ELEMENTS or not tag.endswith("/>") else " /"
    return f"<{name}{body}{closing}>"


# Elements without an end tag (HTML's void elements).
VOID_ELEMENTS = frozenset(
    ("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
     "wbr")
)  # fmt: skip


def is_dangerous_html(html: str) -> bool:
    """A script, style or frame element, an event attribute, or a script URL inside a tag."""
    name = re.match(r"</?([a-z][a-z0-9-]*)", html)
    if name and name.group(1) in ("script", "style", "iframe", "object", "embed", "frame", "svg"):
        return True
    return bool(_EVENT_ATTRIBUTE.search(html) or _SCRIPT_URL.search(html))


def script_urls(text: str) -> int:
    """How many javascript:/vbscript: URLs (or schemes spelled with entities) ``text`` holds."""
    if ":" not in text and "&" not in text:
        return 0
    return len(_SCRIPT_URL.findall(text)) + sum(
        1 for m in LINK_TARGET.finditer(text) if _ENTITY_IN_SCHEME.search(m.group().split(":")[0])
    )


def lost_shortcut(label: str, written: str | None) -> str:
    """What to say of a shortcut reference link ("[label]", with "[label]: url" in the article)
    that the translation lost; ``written``: the brackets it seems to have become."""
    lost = f"link [{label}] from the source is missing or changed: a shortcut link's text"
    lost += " is its label"
    if written is None:
        return (
            f"{lost}; keep [{label}], or write the translated text with the label after it,"
            f" [...][{label}]"
        )
    return (
        f"{lost}, and [{written}] is the label of no definition; write [{written}][{label}] to"
        " translate its text and keep the link"
    )


def unlinked_labels(source: str, translation: str, defined: frozenset[str]) -> list[str]:
    """The translation's brackets that name no definition (of ``defined``) and that the source
    does not have as brackets too ("[sic]"), in order: a shortcut link's label translated, most
    likely."""
    kept = Counter(
        s.text for s in bracketed_labels(source) if definition_key(s.text[1:-1]) not in defined
    )
    found = []
    for span in bracketed_labels(translation):
        if definition_key(span.text[1:-1]) in defined:
            continue
        if kept[span.text]:
            kept[span.text] -= 1
        else:
            found.append(span.text[1:-1])
    return found
