"""A built article as one self-contained HTML page in its language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from markdown_it import MarkdownIt

from transflow.article.frontmatter import publication_day, split_front_matter
from transflow.build.fallback import SourceText, render_marked
from transflow.config import language_tag
from transflow.fastmd import call_rust, inline_readings_agree, rust_may_read


@dataclass(frozen=True)
class PageLink:
    language: str
    href: str


@lru_cache(maxsize=1024)  # a newsroom's articles share their days
def _long_date(value: dt.date, language: str) -> str:
    return str(format_date(value, format="long", locale=language.replace("-", "_")))


@lru_cache(maxsize=64)
def language_label(code: str) -> str:
    """A language's own name for itself, e.g. "қазақ тілі" for kk."""
    locale = Locale.parse(code.replace("-", "_"))
    name = locale.get_display_name(locale) or code
    return name[:1].upper() + name[1:]


def render_page(
    markdown_text: str,
    language: str,
    links: list[PageLink],
    allow_html: bool,
    front: tuple[Mapping[str, Any], int] | None = None,
    slug: str = "",
    source: SourceText | None = None,
) -> str:
    """The page for an article whose (translated) Markdown is ``markdown_text``; ``slug`` is
    the page's title when the front matter has none (a page must have one).

    Raw HTML is rendered only when the source article has some (``allow_html``); otherwise any
    tag in the text is escaped and shows as text. ``front``: the text's front-matter data and
    where its body starts, when the caller has them (else the front matter is read).
    ``source``: what a page in another language shows in the source language, which the page
    marks with the source's ``lang``.
    """
    if front is None:
        read = split_front_matter(markdown_text, _NO_PATH, ())
        front = read.data, read.body_start
    meta, body_start = front
    body_md = markdown_text[body_start:]
    parser = _inline_parser(allow_html)
    body = render_marked(body_md, body_start, source, lambda md: render_body(md, allow_html))
    heading = _inline(parser, _field_text(meta.get("title")))
    # The window's title is the heading as a reader sees it: no Markdown, no tags.
    title = _plain_text(heading) or slug or "Article"
    header = _header(meta, language, parser, heading, source or _NO_SOURCE_TEXT)
    nav = _nav(language, links)
    return _PAGE.format(
        lang=escape(language_tag(language)),
        dir=_direction(language),
        title=escape(title),
        nav=nav,
        header=header,
        body=body,
        footer=_footer(meta, language),
    )


@lru_cache(maxsize=64)
def _direction(language: str) -> str:
    return "rtl" if Locale.parse(language.replace("-", "_")).text_direction == "rtl" else "ltr"


# markdown-it-pyrs (Rust) renders a page ~15x faster than markdown-it-py and agrees with it on
# the CommonMark spec but for empty block quotes and a few HTML-comment edge cases; without raw
# HTML enabled it escapes tags just the same. markdown-it-py is the fallback.
_INLINE_RULES = [
    "autolink",
    "backticks",
    "emphasis",
    "entity",
    "escape",
    "image",
    "link",
    "newline",
]
_RULES = [
    "blockquote", "code", "fence", "heading", "hr", "lheading", "list", "paragraph",
    "reference", *_INLINE_RULES, "table",
]  # fmt: skip


@lru_cache(maxsize=2)
def _body_renderer(allow_html: bool) -> Callable[[str], str]:
    return MarkdownIt("commonmark", {"html": allow_html}).enable("table").render


@lru_cache(maxsize=2)
def _fast_body_renderer(allow_html: bool) -> Callable[[str], str] | None:
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    fast = markdown_it_pyrs.MarkdownIt("zero")
    rules: list[Any] = _RULES + (["html_block", "html_inline"] if allow_html else [])
    fast.enable_many(rules)
    return fast.render


def render_body(markdown_body: str, allow_html: bool) -> str:
    """The HTML of a Markdown body; raw HTML is escaped unless ``allow_html``."""
    fast = _fast_body_renderer(allow_html)
    if fast is not None and rust_may_read(markdown_body):
        html = call_rust(fast, markdown_body)
        if html is not None:
            return str(html)
    return str(_body_renderer(allow_html)(markdown_body))


@lru_cache(maxsize=2)
def _inline_parser(allow_html: bool) -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": allow_html}).enable("table")


@lru_cache(maxsize=2)
def _fast_inline_renderer(allow_html: bool) -> Callable[[str], str] | None:
    """markdown-it-pyrs with paragraphs as the only block: one line of text renders as
    ``<p>`` + its inline HTML + ``</p>``."""
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    fast = markdown_it_pyrs.MarkdownIt("zero")
    rules: list[Any] = ["paragraph", *_INLINE_RULES] + (["html_inline"] if allow_html else [])
    fast.enable_many(rules)
    return fast.render


def _inline(parser: MarkdownIt, text: str) -> str:
    """``text`` rendered as inline Markdown (a title, a summary)."""
    fast = _fast_inline(text, bool(parser.options.get("html")))
    return str(parser.renderInline(text)) if fast is None else fast


def _fast_inline(text: str, allow_html: bool) -> str | None:
    """``_inline`` through markdown-it-pyrs, where it reads ``text`` as markdown-it-py does
    (``inline_readings_agree``) and sees one paragraph; else None."""
    fast = _fast_inline_renderer(allow_html)
    if fast is None or text != text.strip() or not inline_readings_agree(text):
        return None
    html = call_rust(fast, text) if rust_may_read(text) else None
    if html is None or not html.startswith("<p>") or not html.endswith("</p>\n"):
        return None
    return str(html[3:-5])


def _field_text(value: Any) -> str:
    """A front-matter value as text: a list (``author: [A, B]``) as its items, comma-separated."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(text for text in map(_field_text, value) if text)
    return str(value).strip()


class _TextOf(HTMLParser):
    """The text of an HTML fragment, an image standing for its alt text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")

    handle_startendtag = handle_starttag


def _plain_text(fragment: str) -> str:
    reader = _TextOf()
    reader.feed(fragment)
    reader.close()
    return " ".join("".join(reader.parts).split())


# The front-matter fields a page shows as Markdown (see _header); raw HTML in them counts as the
# source's own (build.compose).
MARKDOWN_FIELDS = ("title", "subtitle", "summary", "caption")


def _header(
    meta: Mapping[str, Any], language: str, parser: MarkdownIt, heading: str, source: SourceText
) -> str:
    parts = []
    if heading:
        parts.append(f"<h1{source.lang('title')}>{heading}</h1>")
    if subtitle := _field_text(meta.get("subtitle")):
        lang = source.lang("subtitle")
        parts.append(f'<p class="subtitle"{lang}>{_inline(parser, subtitle)}</p>')
    byline = []
    if author := _field_text(meta.get("author")):
        byline.append(f'<span class="author"{source.lang("author")}>{escape(author)}</span>')
    day = publication_day(meta.get("date"))
    if day is not None:
        date = escape(_long_date(day, language))
        byline.append(f'<time datetime="{day.isoformat()}">{date}</time>')
    if byline:
        parts.append(f'<p class="byline">{" · ".join(byline)}</p>')
    if summary := _field_text(meta.get("summary")):
        lang = source.lang("summary")
        parts.append(f'<p class="summary"{lang}>{_inline(parser, summary)}</p>')
    if caption := _field_text(meta.get("caption")):
        lang = source.lang("caption")
        parts.append(f'<p class="caption"{lang}>{_inline(parser, caption)}</p>')
    joined = "\n".join(parts)
    return f"<header>\n{joined}\n</header>\n" if parts else ""  # none for an article without


def _nav(language: str, links: list[PageLink]) -> str:
    items = []
    for link in links:
        label = escape(language_label(link.language))
        tag = escape(language_tag(link.language))
        if link.language == language:
            items.append(f'<li><strong lang="{tag}">{label}</strong></li>')
        else:
            items.append(
                f'<li><a href="{escape(link.href)}" hreflang="{tag}" lang="{tag}">{label}</a></li>'
            )
    return f'<nav aria-label="languages"><ul>{"".join(items)}</ul></nav>' if items else ""


def _footer(meta: Mapping[str, Any], language: str) -> str:
    url = meta.get("source_url")
    if not isinstance(url, str) or not url.startswith(("http://", "https://")):
        return ""
    return f'<footer><a href="{escape(url)}">{escape(url)}</a></footer>'


_NO_PATH = Path("<built article>")
_NO_SOURCE_TEXT = SourceText("", (), frozenset())

_PAGE = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 18px/1.6 Georgia, "PT Serif", serif; max-width: 42rem; margin: 2rem auto;
  padding: 0 1rem; color: #1d1d1f; background: #fff; }}
h1 {{ font-size: 2rem; line-height: 1.2; margin: 1rem 0 .5rem; }}
.subtitle {{ font-size: 1.2rem; color: #444; margin-top: 0; }}
.byline, .caption {{ font: 14px/1.4 system-ui, sans-serif; color: #666; }}
nav ul {{ list-style: none; padding: 0; display: flex; gap: 1rem;
  font: 14px system-ui, sans-serif; }}
blockquote {{ border-left: 3px solid #ccc; margin-left: 0; padding-left: 1rem; color: #333; }}
footer {{ margin-top: 3rem; font: 13px system-ui, sans-serif; color: #888; word-break: break-all; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ddd; padding: .3rem .6rem; }}
</style>
</head>
<body>
{nav}
<article>
{header}{body}</article>
{footer}
</body>
</html>
"""
