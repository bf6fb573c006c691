"""An article taken down (or renamed): its pages and template go, its catalogs stay."""

from __future__ import annotations

import shutil
from pathlib import Path

import apsw
import pytest

from tests.cli.test_incremental import make_project, mtimes

LANGUAGES = ("en", "kk", "ru")
HEADING = "Бюджет жаңалықтары 5"  # "Budget news 5" in Kazakh


@pytest.fixture
def project(tmp_path: Path, run) -> Path:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "news", run, articles=20)
    config = root / "transflow.toml"
    # Every language is built (from the source where untranslated), so each has pages to lose.
    config.write_text(
        config.read_text("utf-8").replace("min_coverage = 80", "min_coverage = 0"), "utf-8"
    )
    assert run(root, "update").exit_code == 0
    assert run(root, "build").exit_code == 0
    return root


def _translate_heading_and_rename(project: Path) -> str:
    """Translate story-005's heading in kk, then rename the article to budget.md; the entry as
    the catalog now holds it."""
    kk = project / "locales" / "kk" / "LC_MESSAGES"
    untranslated, translated = (f'msgid "Budget news 5"\nmsgstr "{t}"' for t in ("", HEADING))
    text = (kk / "story-005.po").read_text("utf-8")
    (kk / "story-005.po").write_text(text.replace(untranslated, translated), "utf-8")
    (project / "articles" / "story-005.md").rename(project / "articles" / "budget.md")
    return translated


def pages(root: Path, slug: str) -> list[Path]:
    return [root / "build" / lang / f"{slug}.{fmt}" for lang in LANGUAGES for fmt in ("md", "html")]


def test_a_taken_down_article_leaves_the_site_with_the_next_build(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert all(page.is_file() for page in pages(project, "story-005"))
    (project / "articles" / "story-005.md").unlink()
    others = {p: t for p, t in mtimes(project / "build").items() if "story-005" not in p.name}
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert not any(page.exists() for page in pages(project, "story-005"))
    assert "removed build/kk/story-005.html (its article is gone)" in result.output
    assert result.output.count("removed ") == 6
    assert mtimes(project / "build") == others  # every other page as it was
    again = run(project, "build")
    assert "removed" not in again.output and "All pages are up to date." in again.output


def test_a_page_changed_since_it_was_built_is_left_and_named(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    edited = project / "build" / "ru" / "story-005.html"
    edited.write_text(edited.read_text("utf-8") + "<!-- kept by the web desk -->\n", "utf-8")
    (project / "articles" / "story-005.md").unlink()
    result = run(project, "build")
    assert result.exit_code == 0
    assert edited.is_file()
    assert "build/ru/story-005.html: a page of an article that is gone, changed" in result.stderr
    assert [p for p in pages(project, "story-005") if p.exists()] == [edited]


def test_a_build_of_some_articles_leaves_the_other_pages(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    (project / "articles" / "story-005.md").unlink()
    assert run(project, "build", "--article", "story-001").exit_code == 0
    assert all(page.is_file() for page in pages(project, "story-005"))
    assert run(project, "build", "-l", "kk").exit_code == 0  # every article: the pages go
    assert not any(page.exists() for page in pages(project, "story-005"))


def test_update_removes_the_template_and_keeps_the_catalogs(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    catalogs = [
        project / "locales" / lang / "LC_MESSAGES" / "story-005.po" for lang in ("kk", "ru")
    ]
    before = {path: path.read_bytes() for path in catalogs}
    (project / "articles" / "story-005.md").unlink()
    result = run(project, "update")
    assert result.exit_code == 0
    assert not (project / "locales" / "templates" / "story-005.pot").exists()
    assert "removed locales/templates/story-005.pot (its article is gone)" in result.output
    assert {path: path.read_bytes() for path in catalogs} == before  # translators' work stays
    for path in ("locales/kk/LC_MESSAGES/story-005.po", "locales/ru/LC_MESSAGES/story-005.po"):
        assert f"{path}: its article is gone; kept" in result.stderr
    assert "story-005.po: its article is gone" in run(project, "update").stderr  # until seen to


@pytest.mark.parametrize("command", ["extract", "update"])
def test_a_template_transflow_did_not_record_goes_with_its_article_too(
    project: Path,
    run,  # type: ignore[no-untyped-def]
    command: str,
) -> None:
    """A fresh clone has the templates from git and no stamps: a template of a gone article is
    still removed, where transflow made it; another tool's .pot is left alone."""
    shutil.rmtree(project / ".transflow-cache")
    templates = project / "locales" / "templates"
    theirs = templates / "site-menu.pot"
    theirs.write_text('msgid ""\nmsgstr ""\n"X-Generator: Poedit 3.4\\n"\n', "utf-8")
    (project / "articles" / "story-005.md").unlink()
    result = run(project, command)
    assert result.exit_code == 0, result.output
    assert "removed locales/templates/story-005.pot (its article is gone)" in result.output
    assert not (templates / "story-005.pot").exists()
    assert theirs.is_file() and "site-menu" not in result.output
    assert (project / "locales" / "kk" / "LC_MESSAGES" / "story-005.po").is_file()
    assert "removed" not in run(project, command).output


def test_a_renamed_article_keeps_its_translations_with_its_catalogs(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    kk = project / "locales" / "kk" / "LC_MESSAGES"
    translated = _translate_heading_and_rename(project)
    (kk / "story-005.po").rename(kk / "budget.po")  # as update's note says
    result = run(project, "update", "-l", "kk")
    assert result.exit_code == 0
    assert translated in (kk / "budget.po").read_text("utf-8")
    assert "story-005.po" not in result.stderr
    assert run(project, "build").exit_code == 0
    assert f"# {HEADING}\n" in (project / "build" / "kk" / "budget.md").read_text("utf-8")
    assert not (project / "build" / "kk" / "story-005.md").exists()


def test_a_language_no_longer_built_loses_its_outdated_pages(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    config = project / "transflow.toml"
    # Every kk and ru entry still untranslated: 0% is below 50%, so neither is built any more.
    config.write_text(
        config.read_text("utf-8").replace("min_coverage = 0", "min_coverage = 50"), "utf-8"
    )
    assert "../kk/story-005.html" in (project / "build/en/story-005.html").read_text("utf-8")
    kept = {p: t for p, t in mtimes(project / "build").items() if p.suffix == ".md"}
    result = run(project, "build")
    assert result.exit_code == 0
    assert "skipped story-005 [kk]: 0.0% translated, below min_coverage 50%" in result.stderr
    assert "removed build/kk/story-005.html (not built now: see skipped)" in result.output
    # Their folders go with them, as a fresh build would not make them.
    assert sorted(p.name for p in (project / "build").iterdir()) == ["en"]
    assert {p: t for p, t in mtimes(project / "build").items() if p.suffix == ".md"} == {
        p: t for p, t in kept.items() if p.parent.name == "en"
    }  # the English Markdown as it was; its HTML no longer links to the pages that went
    assert "../kk/" not in (project / "build/en/story-005.html").read_text("utf-8")


def test_an_emptied_articles_folder_removes_nothing(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    for article in (project / "articles").glob("*.md"):
        article.unlink()
    before = mtimes(project)
    for command in ("update", "build"):
        result = run(project, command)
        assert result.exit_code == 0, result.output
        assert "removed" not in result.output
    assert mtimes(project) == before


def test_the_caches_forget_an_article_that_is_gone(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(project, "status").exit_code == 0
    assert run(project, "check").exit_code == 0
    cache = project / ".transflow-cache"

    def names(database: str) -> set[str]:
        connection = apsw.Connection(str(cache / database))
        try:
            return {row[0] for row in connection.execute("SELECT name FROM cache")}
        finally:
            connection.close()

    mentions = {"segments.sqlite": "story-005", "parsed.sqlite": "story-005.p"}
    mentions["counted.sqlite"] = mentions["checked.sqlite"] = "story-005.po"
    for database, mention in mentions.items():
        assert any(mention in name for name in names(database)), database
    (project / "articles" / "story-005.md").unlink()
    assert run(project, "update").exit_code == 0
    for database, mention in mentions.items():
        assert not any(mention in name for name in names(database)), database
    assert any("story-006" in name for name in names("parsed.sqlite"))  # the others stay


def test_update_names_a_few_kept_catalogs_and_counts_the_rest(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    for n in range(10, 14):
        (project / "articles" / f"story-{n:03d}.md").unlink()
    result = run(project, "update")
    assert result.exit_code == 0
    assert result.stderr.count(": its article is gone; kept") == 5
    assert "... and 3 more catalog(s) whose article is gone, kept" in result.stderr


def test_a_renamed_article_gets_its_drafts_from_the_memory(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    kk = project / "locales" / "kk" / "LC_MESSAGES"
    translated = _translate_heading_and_rename(project)
    assert run(project, "update", "-l", "kk").exit_code == 0  # the old catalog is kept
    assert run(project, "translate", "-l", "kk", "--engine", "memory").exit_code == 0
    draft = "# machine draft: memory 100%\n#. heading\n#: articles/budget.md:6\n#, fuzzy\n"
    assert draft + translated in (kk / "budget.po").read_text("utf-8")


def test_a_markdown_build_removes_a_skipped_language_s_html_too(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    config = project / "transflow.toml"
    config.write_text(
        config.read_text("utf-8").replace("min_coverage = 0", "min_coverage = 50"), "utf-8"
    )
    result = run(project, "build", "--format", "md", "-l", "kk")
    assert result.exit_code == 0
    assert "removed build/kk/story-005.html (not built now: see skipped)" in result.output
    # No outdated page in either format, nor the folder they leave empty (as a fresh build).
    assert not (project / "build" / "kk").exists()


def test_a_language_taken_out_of_the_targets_is_named_as_the_reason(project: Path, run) -> None:  # type: ignore[no-untyped-def]
    config = project / "transflow.toml"
    text = config.read_text("utf-8")
    config.write_text(
        text.replace('target_languages = ["kk", "ru"]', 'target_languages = ["kk"]'), "utf-8"
    )
    result = run(project, "build")
    assert result.exit_code == 0
    reason = "(its language is no longer one of the project's)"
    assert f"removed build/ru/story-005.md {reason}" in result.output
    assert "see skipped" not in result.output and not result.stderr
    assert not (project / "build" / "ru").exists()  # its folder too, as a fresh build has it
