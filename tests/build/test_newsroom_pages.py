"""Built pages of newsroom articles as readers get them: Russian and Kazakh translations that
put a dialogue dash, a "#" or a "|" where the source's line starts, or that a translator left
blank, keep the source's blocks on the Markdown page and on the HTML page."""

from __future__ import annotations

import re
from pathlib import Path

import polib
from markdown_it import MarkdownIt

ARTICLE = """\
---
title: Floods in Almaty
subtitle: Rescuers work through the night
---

Breaking news
=============

Second setext
-------------

He stopped.
She asked a question.

He said nothing.<two spaces>
Then he left.

- First point.
  Second sentence here.

> Quote one.
> Quote two.

District | Homes
:------- | ----:
Medeu | 120
""".replace("<two spaces>", "  ")  # a hard break


def _build(tmp_path: Path, run, russian: dict[str, str]) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root), "-l", "ru").exit_code == 0
    toml = root / "transflow.toml"
    toml.write_text(
        re.sub(r"(?m)^min_coverage = .*$", "min_coverage = 0", toml.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    (root / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    assert run(root, "update").exit_code == 0
    path = root / "locales" / "ru" / "LC_MESSAGES" / "story.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = russian.get(entry.msgid, entry.msgid)
    catalog.save()
    assert run(root, "build").exit_code == 0
    return root


def _blocks(markdown: str) -> list[tuple[str, str, int]]:
    body = markdown.split("\n---\n", 1)[1]
    parser = MarkdownIt("commonmark").enable("table")
    return [(t.type, t.tag, t.level) for t in parser.parse(body) if t.type != "inline"]


def _html_blocks(page: str) -> list[str]:
    body = page.split("</header>", 1)[1]
    return re.findall(r"<(h[1-6]|p|ul|ol|li|blockquote|table|tr|th|td|hr|pre)\b", body)


def _same_blocks(root: Path) -> None:
    source = (root / "articles" / "story.md").read_text(encoding="utf-8")
    built = (root / "build" / "ru" / "story.md").read_text(encoding="utf-8")
    assert _blocks(built) == _blocks(source)
    english = (root / "build" / "en" / "story.html").read_text(encoding="utf-8")
    russian = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert _html_blocks(russian) == _html_blocks(english)


def test_a_dialogue_dash_at_a_line_start_stays_text(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    # Sentences that the source starts on a line of their own (after a soft or a hard break),
    # a setext heading and a table row's first cell: where "- " or "# " starts a block.
    root = _build(
        tmp_path,
        run,
        {
            "Breaking news": "- Срочно",
            "Second setext": "1. Второй",
            "She asked a question.": "- Ты куда? — спросила она.",
            "Then he left.": "# Потом ушёл.",
            "Second sentence here.": "> Второе предложение.",
            "Quote two.": "- Вторая.",
            "Medeu": "- Медеу",
        },
    )
    _same_blocks(root)
    page = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert "<h1>- Срочно</h1>" in page
    assert "<h2>1. Второй</h2>" in page
    assert "- Ты куда? — спросила она.</p>" in page
    assert '<td style="text-align:left">- Медеу</td>' in page


def test_a_setext_heading_ending_in_a_pipe_is_not_a_table(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _build(tmp_path, run, {"Second setext": "Итоги |", "Breaking news": "| Срочно"})
    _same_blocks(root)
    page = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert "<h2>Итоги |</h2>" in page
    assert "<h1>| Срочно</h1>" in page


def test_a_one_column_delimiter_row_in_a_translation_stays_text(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _build(tmp_path, run, {"He stopped.": "Он остановился.\n|---|", "Quote one.": ":---"})
    _same_blocks(root)
    page = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert page.count("<table>") == 1  # the source's own
    assert "Он остановился.\n|---|\nShe asked a question.</p>" in page


def test_a_blank_translation_shows_the_source(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    # A translator's stray spaces: an empty heading or cell, a setext heading's underline read
    # as a rule, if they were published.
    # A front-matter field left blank would publish a page without its title.
    blank = {
        "Second setext": "  ",
        "Breaking news": " ",
        "District": " ",
        "Floods in Almaty": " ",
        "Rescuers work through the night": "\t",
    }
    root = _build(tmp_path, run, blank)
    _same_blocks(root)
    page = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert "<title>Floods in Almaty</title>" in page
    assert "Rescuers work through the night" in page
    built = (root / "build" / "ru" / "story.md").read_text(encoding="utf-8")
    assert built.startswith("---\ntitle: Floods in Almaty\nsubtitle: Rescuers work through")
    assert '<h1 lang="en">Breaking news</h1>' in page  # shown in English, and said to be
    assert '<h2 lang="en">Second setext</h2>' in page
    assert "<hr" not in page
    assert "District</th>" in page
