"""The core commands from the command line, on a scratch copy of the shipped sample."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE_SLUG

ARTICLE = Path("articles") / f"{SAMPLE_SLUG}.md"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".transflow-cache" not in p.parts
    }


def test_build_writes_every_language_in_markdown_and_html(sample: Path, run) -> None:
    result = run(sample, "build")
    assert result.exit_code == 0, result.output
    for lang in ("en", "kk", "ru"):
        assert (sample / "build" / lang / f"{SAMPLE_SLUG}.md").is_file()
        assert (sample / "build" / lang / f"{SAMPLE_SLUG}.html").is_file()
    kk = (sample / "build/kk" / f"{SAMPLE_SLUG}.md").read_text(encoding="utf-8")
    ru_html = (sample / "build/ru" / f"{SAMPLE_SLUG}.html").read_text(encoding="utf-8")
    assert "Арон Атабек" in kk
    assert "Aron Atabek died" not in kk
    assert '<html lang="ru"' in ru_html
    assert "25 ноября 2021" in ru_html
    assert 'href="../kk/' in ru_html and 'href="../en/' in ru_html


def test_source_language_build_is_the_source(sample: Path, run) -> None:
    run(sample, "build", "--format", "md")
    built = sample / "build/en" / f"{SAMPLE_SLUG}.md"
    assert built.read_bytes() == (sample / ARTICLE).read_bytes()


def test_lang_option_restricts_the_build(sample: Path, run) -> None:
    result = run(sample, "build", "-l", "kk", "--format", "md")
    assert result.exit_code == 0, result.output
    assert (sample / "build/kk" / f"{SAMPLE_SLUG}.md").exists()
    assert not (sample / "build/ru").exists()
    assert not (sample / "build/kk" / f"{SAMPLE_SLUG}.html").exists()


def test_unknown_language_is_a_usage_error(sample: Path, run) -> None:
    result = run(sample, "build", "-l", "de")
    assert result.exit_code == 1
    assert "'de' is not a target language of this project (kk, ru)" in result.output


def test_extract_twice_changes_nothing(sample: Path, run) -> None:
    run(sample, "extract")
    before = snapshot(sample)
    mtimes = {p: p.stat().st_mtime_ns for p in (sample / "locales").rglob("*.po*")}
    (sample / ".transflow-cache").exists() and __import__("shutil").rmtree(
        sample / ".transflow-cache"
    )
    result = run(sample, "extract")
    assert result.exit_code == 0
    assert snapshot(sample) == before
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes


def test_update_keeps_reviewed_translations(sample: Path, run) -> None:
    po = sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    before = po.read_bytes()
    result = run(sample, "update")
    assert result.exit_code == 0, result.output
    assert po.read_bytes() == before


def test_edited_sentence_becomes_fuzzy_with_previous_msgid(sample: Path, run) -> None:
    path = sample / ARTICLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("died on Nov. 24", "died on Nov. 23"), encoding="utf-8")
    assert run(sample, "update", "-l", "ru").exit_code == 0
    po = (sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").read_text(encoding="utf-8")
    assert (
        '#| msgid ""\n#| "Aron Atabek died on Nov. 24' in po
        or '#| msgid "Aron Atabek died on Nov. 24' in po
    )
    assert "#, fuzzy\n#| msgid" in po
    kk = (sample / "locales/kk/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").read_text(encoding="utf-8")
    assert "Nov. 23" not in kk  # -l ru left Kazakh alone


def test_init_then_update_then_build(tmp_path: Path, run) -> None:
    project = tmp_path / "newsroom"
    result = run(tmp_path, "init", str(project), "-l", "kk")
    assert result.exit_code == 0, result.output
    (project / "articles" / "hello.md").write_text(
        "---\ntitle: Hello\ndate: 2024-03-08\n---\n\nA first story. It has two sentences.\n",
        encoding="utf-8",
    )
    assert run(project, "update").exit_code == 0
    po = project / "locales/kk/LC_MESSAGES/hello.po"
    assert 'msgid "A first story."' in po.read_text(encoding="utf-8")
    # The catalog says what it is, for the translator who opens it: not "Template for".
    pot = project / "locales/templates/hello.pot"
    assert pot.read_text("utf-8").startswith("# Template for the article “Hello” (hello).\n")
    assert po.read_text("utf-8").startswith(
        "# Kazakh translation of the article “Hello” (hello).\n# Made with transflow.\n"
    )
    result = run(project, "build")
    assert "skipped hello [kk]: 0.0% translated, below min_coverage 80%" in result.output
    assert (project / "build/en/hello.html").exists()
    assert run(tmp_path, "init", str(project)).exit_code == 1  # never overwrites a project


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_keeps_only_the_project_s_own_files(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The .gitignore init writes keeps built pages, the cache and what a kill -9 leaves out."""
    (new_project / "articles" / "hello.md").write_text("# Hello\n\nA story.\n", "utf-8")
    assert run(new_project, "update").exit_code == 0
    assert run(new_project, "build").exit_code == 0
    assert (new_project / "build" / "en" / "hello.html").is_file()
    left = new_project / "locales" / "kk" / "LC_MESSAGES" / ".hello.po.0123456789ab.tmp"
    left.write_text("half", encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(new_project)], check=True)
    listed = subprocess.run(
        ["git", "-C", str(new_project), "status", "--porcelain", "-uall"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    assert sorted(line for line in listed if line) == [
        "?? .gitignore",
        "?? articles/hello.md",
        "?? locales/kk/LC_MESSAGES/hello.po",
        "?? locales/ru/LC_MESSAGES/hello.po",
        "?? locales/templates/hello.pot",
        "?? transflow.toml",
    ]


def test_init_creates_the_project_in_the_dash_c_folder(tmp_path: Path, run) -> None:
    assert run(tmp_path / "desk", "init", "-l", "ru").exit_code == 0
    assert run(tmp_path, "-C", str(tmp_path / "newsroom"), "init").exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk", "newsroom"]
    assert 'target_languages = ["ru"]' in (tmp_path / "desk/transflow.toml").read_text("utf-8")
    assert (tmp_path / "newsroom/articles").is_dir()


def test_python_m_transflow_runs(sample: Path) -> None:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-m", "transflow", "-C", str(sample), "status"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert SAMPLE_SLUG in done.stdout


@pytest.mark.parametrize("command", ["init", "extract", "update", "build", "status"])
def test_every_command_has_help_with_an_example(run, tmp_path: Path, command: str) -> None:
    result = run(tmp_path, command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_pages_link_only_to_languages_that_are_built(sample: Path, run) -> None:
    from transflow.catalog.store import read_catalog, write_catalog

    po = sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    catalog = read_catalog(po)
    for entry in catalog.entries:  # ru falls below min_coverage and is not built
        entry.msgstr = ""
    write_catalog(po, catalog)
    assert run(sample, "build").exit_code == 0  # the English page is there to link to
    result = run(sample, "build", "-l", "kk")
    assert result.exit_code == 0, result.output
    kk = (sample / "build/kk" / f"{SAMPLE_SLUG}.html").read_text(encoding="utf-8")
    assert 'href="../en/' in kk
    assert 'href="../ru/' not in kk
    assert "skipped" not in result.output  # ru was not asked for


def test_a_build_whose_every_page_is_skipped_does_not_say_up_to_date(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    from transflow.catalog.store import read_catalog, write_catalog

    po = sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    catalog = read_catalog(po)
    for entry in catalog.entries:  # ru falls below min_coverage
        entry.msgstr = ""
    write_catalog(po, catalog)
    result = run(sample, "build", "-l", "ru")
    assert result.exit_code == 0
    assert "All pages are up to date." not in result.output
    assert "No page to build: every one asked for is skipped (see why below)." in result.output
    assert f"skipped {SAMPLE_SLUG} [ru]: 0.0% translated, below min_coverage 80%" in result.stderr
    assert not (sample / "build" / "ru").exists()
    again = run(sample, "build", "-l", "ru")  # the same, from the stamps
    assert "No page to build: every one asked for is skipped (see why below)." in again.output
    # A whole build: en and kk are built, then up to date, while ru is still skipped.
    assert "wrote build/kk/" in run(sample, "build").output
    rerun = run(sample, "build")
    assert "All pages are up to date." in rerun.output
    assert f"skipped {SAMPLE_SLUG} [ru]: 0.0% translated" in rerun.stderr


def test_an_unknown_build_format_is_a_usage_error(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run(sample, "build", "--format", "md,xml")
    assert result.exit_code == 2
    assert "Invalid value for '--format': 'xml' is not one of md, html" in result.output
    assert "Usage: " in result.output
    assert not (sample / "build").exists()


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="counts /proc/self/fd")
def test_commands_run_in_one_process_leave_no_file_open(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    def open_files() -> int:
        return len(list(Path("/proc/self/fd").iterdir()))

    commands = [["update"], ["build"], ["status"], ["check"], ["translate", "--engine", "memory"]]

    def each_command_on_a_copy(name: str) -> None:  # a program working on many projects
        copy = sample.parent / name
        shutil.copytree(sample, copy)
        for args in commands:
            run(copy, *args)

    each_command_on_a_copy("first")  # imports what the commands use
    before = open_files()
    for number in range(3):
        each_command_on_a_copy(f"copy-{number}")
    assert open_files() == before


@pytest.mark.parametrize("catalog_text", ["", 'msgid ""\nmsgstr "Language: kk\\n"\n'])
def test_an_empty_catalog_publishes_no_page(tmp_path: Path, run, catalog_text: str) -> None:  # type: ignore[no-untyped-def]
    """min_coverage measures the page: an empty catalog (0 of 0 entries) leaves it all English."""
    project = tmp_path / "newsroom"
    assert run(tmp_path, "init", str(project), "-l", "kk").exit_code == 0
    (project / "articles" / "s.md").write_text(
        "---\ntitle: Story\n---\n\nFirst paragraph.\n\nSecond paragraph.\n", "utf-8"
    )
    assert run(project, "extract").exit_code == 0
    catalog = project / "locales/kk/LC_MESSAGES/s.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(catalog_text, "utf-8")
    result = run(project, "build")
    assert result.exit_code == 0, result.output
    assert "skipped s [kk]: 0.0% translated, below min_coverage 80%" in result.output
    assert not (project / "build/kk").exists()


def test_a_rewritten_article_is_measured_before_update(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The editor rewrote the article and built before `update`: the catalog still holds the
    old sentences, all translated, but the page would be English but for its title."""
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    text = article.read_text("utf-8")
    body = text.index("\n---\n", 4) + 5
    new_body = "".join(f"\nA new paragraph number {n}, written today.\n" for n in range(8))
    article.write_text(text[:body] + new_body, "utf-8")
    result = run(sample, "build", "-l", "kk")
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "below min_coverage 80%" in result.output
    assert not (sample / "build/kk" / f"{SAMPLE_SLUG}.html").exists()


def test_a_build_of_an_archive_below_min_coverage_names_the_first_pages_and_counts_the_rest(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    project = tmp_path / "archive"
    assert run(tmp_path, "init", str(project), "-l", "kk,ru").exit_code == 0
    for number in range(15):  # 30 pages below min_coverage (80%): none translated yet
        story = f"---\ntitle: Story {number}\n---\n\nStory {number} happened today.\n"
        (project / "articles" / f"story-{number:02}.md").write_text(story, encoding="utf-8")
    assert run(project, "update").exit_code == 0
    for build in (run(project, "build"), run(project, "build")):  # every build, not just one
        lines = build.stderr.splitlines()
        skipped = [line for line in lines if line.startswith("skipped ")]
        assert len(skipped) == 20
        assert skipped[0] == "skipped story-00 [kk]: 0.0% translated, below min_coverage 80%"
        assert "… and 10 more pages skipped (`transflow build -v` lists them all)" in lines
    everything = run(project, "build", "--verbose")
    skipped = [line for line in everything.stderr.splitlines() if line.startswith("skipped ")]
    assert len(skipped) == 30
    assert skipped[-1] == "skipped story-14 [ru]: 0.0% translated, below min_coverage 80%"
    assert "more pages skipped" not in everything.stderr


def test_markdown_in_subfolders_of_articles_is_named_as_not_read(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    (sample / "articles" / "2024" / "nov").mkdir(parents=True)
    (sample / "articles" / "2024" / "old-story.md").write_text("# Old\n\nText.\n", "utf-8")
    (sample / "articles" / "2024" / "nov" / "other.md").write_text("# Other\n", "utf-8")
    (sample / "articles" / ".drafts").mkdir()  # hidden: an editor's or a tool's own
    (sample / "articles" / ".drafts" / "wip.md").write_text("# WIP\n", "utf-8")
    line = (
        "articles/2024/nov/other.md and 1 more Markdown file not read: "
        "an article is articles/<slug>.md, not in a subfolder"
    )
    for command in ("extract", "update", "build", "status"):
        result = run(sample, command)
        assert result.exit_code == 0, result.output
        assert line in result.stderr.splitlines(), command
    assert not (sample / "locales/templates/old-story.pot").exists()
    assert not (sample / "locales/templates/other.pot").exists()
    # Working on one article, nothing is said of the others.
    assert "not read" not in run(sample, "status", "--article", SAMPLE_SLUG).stderr
    (sample / "articles" / "2024" / "nov" / "other.md").unlink()
    only = run(sample, "status").stderr
    assert "articles/2024/old-story.md not read: an article is articles/<slug>.md" in only


def test_a_rerun_says_up_to_date_once(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(sample, "build").exit_code == 0
    po = sample / "locales/kk/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    po.write_text("# a translator's note\n" + po.read_text("utf-8"), "utf-8")  # pages the same
    for command, said in (("extract", "templates"), ("build", "pages")):
        assert run(sample, command).output == f"All {said} are up to date.\n", command
