"""What a translated HTML page still shows in the source language — an entry untranslated,
fuzzy, left blank or kept in the source for an error — carries the source's ``lang``, so that a
screen reader reads it as English and not as Russian; the Markdown page is as it was."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from tests.conftest import commonmark_examples
from transflow.article.parse import parse_article
from transflow.build import html
from transflow.build.fallback import SourceText, render_marked
from transflow.build.html import render_body
from transflow.build.render import render_markdown

ARTICLE = """\
---
title: Floods in Almaty
subtitle: Rescuers work through the night
---

# Breaking news

He stopped. She asked a _question_.

He said nothing.\\
Then he left.

The water reached 2,500 homes.

- First point.
- Second point.

| District | Homes |
| --- | --: |
| Medeu | 120 |
"""

RUSSIAN = {
    "Floods in Almaty": "Паводки в Алматы",
    "He stopped.": "Он остановился.",
    "The water reached 2,500 homes.": "Вода дошла до домов.",  # the number lost: an error
    "First point.": "Первый пункт.",
    "Homes": "Дома",
    "Medeu": "Медеу",
}


def _project(tmp_path: Path, run) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root), "-l", "ru").exit_code == 0
    toml = root / "transflow.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(re.sub(r"(?m)^min_coverage = .*$", "min_coverage = 0", text), "utf-8")
    (root / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    assert run(root, "update").exit_code == 0
    return root


def _build(root: Path, run, russian: dict[str, str], fuzzy: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    """The Russian HTML page, once the catalog has ``russian`` and ``fuzzy`` (flagged so)."""
    path = root / "locales" / "ru" / "LC_MESSAGES" / "story.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = russian.get(entry.msgid, fuzzy.get(entry.msgid, ""))
        if entry.msgid in fuzzy:
            entry.flags.append("fuzzy")
    catalog.save()
    assert run(root, "build").exit_code == 0
    return (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")


def test_text_shown_in_the_source_language_is_marked_as_english(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    page = _build(_project(tmp_path, run), run, RUSSIAN, fuzzy={"Breaking news": "Срочно"})

    assert '<html lang="ru"' in page
    assert "<h1>Паводки в Алматы</h1>" in page  # translated: no mark
    assert '<p class="subtitle" lang="en">Rescuers work through the night</p>' in page
    assert '<h1 lang="en">Breaking news</h1>' in page  # fuzzy
    # One sentence of a paragraph in English: a span; both of them: the paragraph.
    assert '<p>Он остановился. <span lang="en">She asked a <em>question</em>.</span></p>' in page
    assert '<p lang="en">He said nothing.<br />\nThen he left.</p>' in page
    assert '<p lang="en">The water reached 2,500 homes.</p>' in page  # kept for its error
    assert '<li>Первый пункт.</li>\n<li lang="en">Second point.</li>' in page
    assert '<th lang="en">District</th>' in page
    assert "<td>Медеу</td>" in page


def test_the_markdown_page_and_the_source_page_are_unmarked(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path, run)
    _build(root, run, RUSSIAN, fuzzy={})

    assert (root / "build" / "ru" / "story.md").read_text(encoding="utf-8") == (
        ARTICLE.replace("title: Floods in Almaty", 'title: "Паводки в Алматы"')
        .replace("He stopped.", "Он остановился.")
        .replace("First point.", "Первый пункт.")
        .replace("Homes |", "Дома |")
        .replace("Medeu", "Медеу")
    )
    english = (root / "build" / "en" / "story.html").read_text(encoding="utf-8")
    assert english.count(' lang="en"') == 2  # the page's, and its own name's in the languages


def test_a_page_translated_throughout_has_no_english_marked(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path, run)
    catalog = polib.pofile(str(root / "locales" / "ru" / "LC_MESSAGES" / "story.po"))
    every = {e.msgid: RUSSIAN.get(e.msgid, f"Перевод {n}.") for n, e in enumerate(catalog)}
    every["The water reached 2,500 homes."] = "Вода дошла до 2 500 домов."
    every["She asked a _question_."] = "Она задала _вопрос_."
    page = _build(root, run, every, fuzzy={})
    assert page.count(' lang="en"') == 1  # the link to the English page, in English


@pytest.mark.parametrize("parser", ["rust", "python"])
@pytest.mark.parametrize("sentences", [True, False], ids=["sentence", "paragraph"])
@pytest.mark.parametrize("allow_html", [True, False], ids=["html", "no-html"])
def test_the_marks_change_nothing_else_on_the_page(
    sentences: bool, allow_html: bool, parser: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every segment of the CommonMark spec's examples in the source: with the marks taken out
    again, the HTML is the page without them, and each span closes where it opens."""
    if parser == "python":
        monkeypatch.setattr(html, "_fast_body_renderer", lambda allow_html: None)
    for example in commonmark_examples():
        article = parse_article(example["markdown"], Path("spec.md"), "spec", (), sentences)
        rendered = render_markdown(article, {})
        body = rendered.text[rendered.body_start :]
        source = SourceText("en", rendered.source_spans, frozenset())
        page = render_marked(
            body, rendered.body_start, source, lambda md: render_body(md, allow_html)
        )
        plain = render_body(body, allow_html)
        opened = page.count('<span lang="en">')
        assert page.count("</span>") == plain.count("</span>") + opened, example["example"]
        unmarked = re.sub(r'<span lang="en">| lang="en"', "", page).replace("</span>", "")
        assert unmarked == plain.replace("</span>", ""), example["example"]
