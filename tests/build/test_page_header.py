"""The page's head and header as a reader sees them: the window title, the byline, the date,
the languages' tags."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from tests.conftest import SAMPLE_SLUG


def _project(tmp_path: Path, run, front: str, languages: str = "") -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    if languages:
        toml = root / "transflow.toml"
        text = toml.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^source_language = .*\n^target_languages = .*\n", languages, text)
        toml.write_text(text, encoding="utf-8")
    (root / "articles" / "story.md").write_text(
        f"---\n{front}---\n\nThe road is shut.\n", encoding="utf-8"
    )
    return root


def test_the_window_title_is_the_heading_as_text_not_markdown(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path, run, "title: Floods *close* the `M-32` road &amp; more\n")
    assert run(root, "build").exit_code == 0

    page = (root / "build" / "en" / "story.html").read_text(encoding="utf-8")
    assert "<title>Floods close the M-32 road &amp; more</title>" in page
    assert "<h1>Floods <em>close</em> the <code>M-32</code> road &amp; more</h1>" in page


def test_a_list_of_authors_is_shown_as_names(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path, run, "title: Floods\nauthor: [Jane Doe, John <Roe>]\n")
    assert run(root, "build").exit_code == 0

    page = (root / "build" / "en" / "story.html").read_text(encoding="utf-8")
    assert '<span class="author">Jane Doe, John &lt;Roe&gt;</span>' in page


def test_a_list_of_authors_to_translate_is_translated_name_by_name(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """With author in translate_fields (as in the sample), each name of the list is an entry;
    the page shows the translated names, and its Markdown keeps the list."""
    root = _project(tmp_path, run, "title: Floods\nauthor: [Jane Doe, 'John Roe']\n")
    toml = root / "transflow.toml"
    toml.write_text(
        toml.read_text("utf-8").replace('"caption"]', '"caption", "author"]'), encoding="utf-8"
    )
    assert run(root, "update").exit_code == 0
    path = root / "locales" / "kk" / "LC_MESSAGES" / "story.po"
    catalog = polib.pofile(str(path))
    names = {"Floods": "Су тасқыны", "Jane Doe": "Джейн Доу", "John Roe": "Джон Роу",
             "The road is shut.": "Жол жабық."}  # fmt: skip
    assert sorted(e.msgid for e in catalog) == sorted(names)
    assert catalog.find("Jane Doe").comment == "front matter: author"
    for entry in catalog:
        entry.msgstr = names[entry.msgid]
    catalog.save(str(path))
    result = run(root, "build", "-l", "kk")
    assert result.exit_code == 0, result.output

    page = (root / "build" / "kk" / "story.html").read_text(encoding="utf-8")
    assert '<span class="author">Джейн Доу, Джон Роу</span>' in page
    markdown = (root / "build" / "kk" / "story.md").read_text(encoding="utf-8")
    assert 'author: ["Джейн Доу", "Джон Роу"]\n' in markdown


def test_the_machine_readable_date_is_an_html_date(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    # ISO 8601's basic form, as some CMS exports write it: read as the day it names, and
    # given to <time> in the form HTML reads as a date (not as the year 20211125).
    root = _project(tmp_path, run, 'title: Floods\ndate: "20211125"\n')
    assert run(root, "update").exit_code == 0
    catalog_path = root / "locales" / "ru" / "LC_MESSAGES" / "story.po"
    catalog = polib.pofile(str(catalog_path))
    russian = {"Floods": "Паводки", "The road is shut.": "Дорога закрыта."}
    for entry in catalog:
        entry.msgstr = russian[entry.msgid]
    catalog.save()
    assert run(root, "build").exit_code == 0

    english = (root / "build" / "en" / "story.html").read_text(encoding="utf-8")
    assert '<time datetime="2021-11-25">November 25, 2021</time>' in english
    page = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert (
        '<time datetime="2021-11-25">25 ноября 2021\u202fг.</time>' in page
    )  # CLDR: a narrow space


def test_language_attributes_are_bcp47_tags(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    # gettext names the catalogs' folders pt_BR; HTML's lang and hreflang take pt-BR.
    languages = 'source_language = "pt_BR"\ntarget_languages = ["en"]\n'
    root = _project(tmp_path, run, "title: Floods\n", languages)
    assert run(root, "build").exit_code == 0

    page = (root / "build" / "pt_BR" / "story.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR" dir="ltr">' in page
    assert '<strong lang="pt-BR">' in page
    assert "pt_BR" not in page.replace("../pt_BR/", "")


def test_pages_link_only_to_pages_that_are_there(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    def links(lang: str) -> set[str]:
        page = (sample / "build" / lang / f"{SAMPLE_SLUG}.html").read_text(encoding="utf-8")
        return set(re.findall(r'<a href="\.\./(\w+)/[^"]*" hreflang=', page))

    assert run(sample, "build", "-l", "kk").exit_code == 0
    assert links("kk") == set()  # the English and Russian pages are not built
    assert run(sample, "build", "-l", "ru").exit_code == 0
    assert links("ru") == {"kk"}
    assert run(sample, "build").exit_code == 0
    assert links("en") == {"kk", "ru"} and links("kk") == {"en", "ru"}
    for lang in ("en", "kk", "ru"):
        for href in links(lang):
            assert (sample / "build" / href / f"{SAMPLE_SLUG}.html").is_file()


@pytest.mark.parametrize("args", [("-l", "ru"), ("--format", "md")])
def test_a_page_removed_leaves_no_link_to_it(sample: Path, run, args: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    """ru falls below min_coverage; a build of ru alone (or of the Markdown alone) removes its
    pages, and the pages left in the other languages stop linking to it at once."""

    def links(lang: str) -> set[str]:
        page = (sample / "build" / lang / f"{SAMPLE_SLUG}.html").read_text(encoding="utf-8")
        return set(re.findall(r'<a href="\.\./(\w+)/[^"]*" hreflang=', page))

    assert run(sample, "build").exit_code == 0
    assert links("en") == {"kk", "ru"}
    po = sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    catalog = polib.pofile(str(po))
    for entry in catalog:
        entry.msgstr = ""
    catalog.save(str(po))
    result = run(sample, "build", *args)
    assert result.exit_code == 0, result.output
    assert not (sample / "build/ru" / f"{SAMPLE_SLUG}.html").exists()
    assert links("en") == {"kk"} and links("kk") == {"en"}
    assert f"wrote build/kk/{SAMPLE_SLUG}.html" in result.output
    # The next full build has nothing left to fix.
    assert "wrote" not in run(sample, "build").output


def test_raw_html_in_a_shown_field_is_kept_as_in_the_body(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = new_project
    (root / "articles" / "bold.md").write_text(
        "---\ntitle: Plain\nsubtitle: A <b>bold</b> one\n---\n\nNo HTML here.\n", encoding="utf-8"
    )
    (root / "articles" / "plain.md").write_text(
        "---\ntitle: Plain\nsubtitle: A *bold* one\n---\n\nA <b>tag</b> only here.\n", "utf-8"
    )
    assert run(root, "build", "--format", "html").exit_code == 0
    page = (root / "build" / "en" / "bold.html").read_text(encoding="utf-8")
    assert '<p class="subtitle">A <b>bold</b> one</p>' in page
    other = (root / "build" / "en" / "plain.html").read_text(encoding="utf-8")
    assert '<p class="subtitle">A <em>bold</em> one</p>' in other and "<b>tag</b>" in other


def test_an_article_without_front_matter_has_no_empty_header(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    (root / "articles" / "story.md").write_text("The road is shut.\n", encoding="utf-8")
    assert run(root, "build").exit_code == 0
    page = (root / "build" / "en" / "story.html").read_text(encoding="utf-8")
    assert "<header>" not in page
    assert "<article>\n<p>The road is shut.</p>\n</article>" in page
