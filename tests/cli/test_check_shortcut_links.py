"""transflow check: a shortcut reference link, "[label]" with "[label]: url" in the article."""

from __future__ import annotations

import json
import re
from pathlib import Path

from transflow.catalog.store import read_catalog, write_catalog

ARTICLE = """\
---
title: City news
---

Details are on the [city site] today.

The mayor said [sic] nothing, to [Applause].

[City  Site]: https://example.org/city
"""
KK = "locales/kk/LC_MESSAGES/story.po"
DETAILS = "Details are on the [city site] today."
MAYOR = "The mayor said [sic] nothing, to [Applause]."


def _project(root: Path, run, article: str = ARTICLE) -> Path:  # type: ignore[no-untyped-def]
    (root / "articles" / "story.md").write_text(article, encoding="utf-8")
    assert run(root, "update", "-l", "kk").exit_code == 0
    return root


def _translate(root: Path, translations: dict[str, str]) -> dict[str, int]:
    """Fill the Kazakh catalog; the line of each entry translated."""
    path = root / KK
    catalog = read_catalog(path)
    for entry in catalog.entries:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    write_catalog(path, catalog)
    return {e.msgid: e.lineno for e in read_catalog(path).entries if e.msgid in translations}


def test_a_translated_shortcut_label_is_a_broken_link(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    """[қала сайты] names no definition: the page shows brackets, no link. The finding says why
    and how to translate the text and keep the link."""
    root = _project(new_project, run)
    lines = _translate(root, {DETAILS: "Толығырақ бүгін [қала сайты] бетінде."})
    result = run(root, "check", "-l", "kk")
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[0] == (
        f"{KK}:{lines[DETAILS]}: error: link [city site] from the source is missing or changed:"
        " a shortcut link's text is its label, and [қала сайты] is the label of no definition;"
        " write [қала сайты][city site] to translate its text and keep the link [links]"
    )


def test_a_shortcut_link_dropped_says_how_to_keep_it(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(new_project, run)
    lines = _translate(root, {DETAILS: "Толығырақ бүгін қала сайтында."})
    found = json.loads(run(root, "check", "-l", "kk", "--format", "json").output)["findings"]
    assert found == [
        {"article": "story", "language": "kk", "path": KK, "line": lines[DETAILS],
         "check": "links", "severity": "error",
         "message": "link [city site] from the source is missing or changed: a shortcut link's"
         " text is its label; keep [city site], or write the translated text with the label"
         " after it, [...][city site]"},
    ]  # fmt: skip


def test_a_shortcut_link_kept_or_labelled_passes_and_literal_brackets_are_prose(
    new_project: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """Labels match as CommonMark matches them (case, spacing); brackets that name no
    definition ([sic], [Applause]) are text, which the translator may translate or drop."""
    root = _project(new_project, run)
    for details in (
        "Толығырақ бүгін [қала сайты][city site] бетінде.",
        "Толығырақ бүгін [қала сайты][City Site] бетінде.",
        "Толығырақ бүгін [City   site] бетінде.",
    ):
        _translate(root, {DETAILS: details, MAYOR: "Әкім [sic] ештеңе айтпады, [қол шапалақ]."})
        result = run(root, "check", "-l", "kk")
        assert result.exit_code == 0, (details, result.output)
        assert "[links]" not in result.output


def test_a_definition_added_to_the_article_is_seen_by_a_rerun(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The article is an input of the remembered findings: once it defines [Applause], the
    translation that dropped it has lost a link, though the catalog did not change."""
    root = _project(new_project, run)
    _translate(root, {MAYOR: "Әкім [sic] ештеңе айтпады, қол шапалақ."})
    assert run(root, "check", "-l", "kk").exit_code == 0
    article = root / "articles" / "story.md"
    article.write_text(ARTICLE + "[applause]: https://example.org/applause\n", "utf-8")
    result = run(root, "check", "-l", "kk")
    assert result.exit_code == 1
    assert "error: link [Applause] from the source is missing or changed" in result.output


def test_a_shortcut_link_the_source_lacks_is_not_in_the_source(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(new_project, run)
    _translate(root, {MAYOR: "Әкім [sic] ештеңе айтпады, [city site]."})
    result = run(root, "check", "-l", "kk")
    assert result.exit_code == 1
    assert "error: link [city site] is not in the source" in result.output


def test_only_a_definition_markdown_reads_as_one_makes_a_link(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    """In a code block or the front matter, "[city site]: …" defines nothing; in a block quote
    or a list item, and over two lines, it does. Labels match whatever their case and spaces."""
    not_defined = [
        "```\n[city site]: https://example.org/city\n```\n",
        "    [city site]: https://example.org/city\n",
    ]
    defined = [
        "> [city site]: https://example.org/city\n",
        "- [CITY\n  site]: <https://example.org/city> 'The city'\n",
    ]
    body = ARTICLE.split("[City  Site]:")[0]
    for tail, is_link in [(t, False) for t in not_defined] + [(t, True) for t in defined]:
        root = _project(new_project, run, body + tail)
        _translate(root, {DETAILS: "Толығырақ бүгін [қала сайты] бетінде."})
        result = run(root, "check", "-l", "kk")
        assert (result.exit_code == 1) is is_link, (tail, result.output)
    front = ARTICLE.replace("title: City news\n", "title: City news\nnote: '[city site]: x'\n")
    root = _project(new_project, run, front.split("[City  Site]:")[0])
    _translate(root, {DETAILS: "Толығырақ бүгін [қала сайты] бетінде."})
    assert run(root, "check", "-l", "kk").exit_code == 0


def test_build_shows_the_source_where_a_translation_lost_a_shortcut_link(
    new_project: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """The build screens translations with the article's definitions too: a page never
    publishes "[қала сайты]" as literal brackets where the English page has a link."""
    root = _project(new_project, run)
    config = root / "transflow.toml"
    settings = re.sub(r"(?m)^min_coverage = .*$", "min_coverage = 0", config.read_text())
    config.write_text(settings, encoding="utf-8")
    _translate(root, {"City news": "Қала жаңалықтары", MAYOR: "Әкім [sic] ештеңе айтпады.",
                      DETAILS: "Толығырақ бүгін [қала сайты] бетінде."})  # fmt: skip
    result = run(root, "build", "-l", "kk", "--format", "md")
    assert result.exit_code == 0, result.output
    assert "kept the source for locales/kk/LC_MESSAGES/story.po:" in result.output
    assert "[links]: link [city site] from the source is missing or changed" in result.output
    page = (root / "build" / "kk" / "story.md").read_text(encoding="utf-8")
    assert DETAILS in page
    assert "[қала сайты]" not in page
    assert "Әкім [sic] ештеңе айтпады." in page  # brackets without a definition: prose
