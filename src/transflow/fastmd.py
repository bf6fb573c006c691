"""markdown-it-pyrs where it is safe to use.

The Rust parser reads Markdown 15-20x faster than markdown-it-py and agrees with it on the
CommonMark spec, but markdown-it 0.6 panics on some texts that hold both a "[" and a backtick
(upstream issues markdown-it-rust/markdown-it#40 and #48; fuzzing finds no panic without both).
Such texts go to markdown-it-py, and a panic that still happens falls back to it as well.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar
from unicodedata import category

T = TypeVar("T")


def rust_may_read(text: str) -> bool:
    """Whether ``text`` is one the Rust parser reads without panicking, as far as is known."""
    return not ("[" in text and "`" in text)


def inline_readings_agree(text: str) -> bool:
    """Whether the Rust parser reads ``text``, one line of inline Markdown, as markdown-it-py
    does (tests/qa/test_markup_parsers.py, tests/build/test_inline_render.py): not where one
    of them differs at the edges (HTML comments, processing instructions, a leading space, more
    than one line, code spans: a run of backticks left unclosed before others, as in
    "A```c``c`word``word`c`", or spans of spaces alone) or follows another CommonMark version
    (see ``_has_unicode_symbol``). Code spans are rare in news; markdown-it-py reads them."""
    return (
        text[:1] not in ("", " ", "\t")
        and "`" not in text
        and "\n" not in text
        and "\r" not in text
        and "<!" not in text
        and "<?" not in text
        and not (("*" in text or "_" in text) and _has_unicode_symbol(text))
    )


def _has_unicode_symbol(text: str) -> bool:
    """Whether ``text`` holds a non-ASCII symbol ("£", "€", "→"): CommonMark 0.31, which
    markdown-it-py follows, counts them as punctuation next to "*" and "_"; the Rust parser's
    older CommonMark does not, so "*£*bravo" is emphasis to one and text to the other."""
    return any(char > "\x7f" and category(char)[0] == "S" for char in set(text))


def call_rust(function: Callable[[str], T], text: str) -> T | None:
    """``function(text)``, or None when the Rust code under it panics."""
    try:
        return function(text)
    except BaseException as exc:  # pyo3's PanicException derives from BaseException
        if type(exc).__name__ != "PanicException":
            raise
        return None


@lru_cache(maxsize=1)
def rust_parser() -> Any:
    """markdown-it-pyrs' CommonMark parser, or None where the package is not installed."""
    try:
        import markdown_it_pyrs
    except ImportError:
        return None
    return markdown_it_pyrs.MarkdownIt("commonmark")


def rust_tree(text: str) -> Any:
    """The Rust parser's syntax tree of ``text``; None when it cannot be had (see above)."""
    parser = rust_parser()
    if parser is None or not rust_may_read(text):
        return None
    return call_rust(parser.tree, text)
