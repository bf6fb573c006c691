"""A file or folder in the way, a folder that is not there, a slip on the command line: one line
naming what to fix, exit code 1, never a traceback (the `run` fixture lets exceptions through)."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from tests.cli.test_bad_input import assert_fails_cleanly
from tests.conftest import SAMPLE_SLUG

IN_THE_WAY = "is a file, where a folder is needed"


@pytest.mark.parametrize("command", ["update", "build", "status", "check"])
def test_locales_folder_that_is_a_file(sample: Path, run, command: str) -> None:
    locales = sample / "locales"
    (sample / "kept").mkdir()
    locales.rename(sample / "kept" / "locales")
    locales.write_text("not a folder\n", encoding="utf-8")
    assert_fails_cleanly(run, sample, [command], f"{locales}: {IN_THE_WAY}")


def test_build_folder_that_is_a_file(sample: Path, run) -> None:
    (sample / "build").write_text("not a folder\n", encoding="utf-8")
    assert_fails_cleanly(run, sample, ["build"], f"{sample / 'build'}: {IN_THE_WAY}")


@pytest.mark.parametrize("command", ["update", "build", "status", "check"])
def test_cache_folder_that_is_a_file(sample: Path, run, command: str) -> None:
    """The cache only saves time: without one, every command does its work all the same, and
    the file in its place is left alone."""
    (sample / ".transflow-cache").write_text("not a folder\n", encoding="utf-8")
    result = run(sample, command)
    assert result.exit_code == 0, result.output
    assert (sample / ".transflow-cache").read_text(encoding="utf-8") == "not a folder\n"


@pytest.mark.parametrize("command", ["build", "status", "check", "translate"])
def test_catalog_that_is_a_folder(sample: Path, run, command: str) -> None:
    catalog = sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    catalog.unlink()
    catalog.mkdir()
    args = [command, "--engine", "pseudo"] if command == "translate" else [command]
    assert_fails_cleanly(run, sample, args, f"{catalog}: is a folder, where a file is needed")


@pytest.mark.parametrize("where", ["locales/ru", "locales/ru/LC_MESSAGES"])
def test_translate_stops_before_it_drafts_when_a_file_is_in_the_way(
    sample: Path,
    run,  # type: ignore[no-untyped-def]
    where: str,
) -> None:
    """Not "no catalog yet" for ru after drafting kk: the error `update` gives, and no draft."""
    kk = polib.pofile(str(sample / "locales/kk/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"))
    kk[0].msgstr = ""  # an entry to draft in kk
    kk.save()
    shutil.rmtree(sample / "locales/ru")
    (sample / where).parent.mkdir(parents=True, exist_ok=True)
    (sample / where).write_text("not a folder\n", encoding="utf-8")
    catalog = sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    expected = f"{sample / where}: {IN_THE_WAY}"
    assert_fails_cleanly(run, sample, ["translate", "--engine", "pseudo"], expected)
    assert not catalog.parent.is_dir() or not catalog.exists()


def test_page_that_is_a_folder_is_named_not_its_temporary_file(sample: Path, run) -> None:
    page = sample / "build/kk" / f"{SAMPLE_SLUG}.html"
    page.mkdir(parents=True)
    result = run(sample, "build", "-l", "kk")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {page}: is a folder, where a file is needed"
    assert not list(sample.rglob("*.tmp"))


def test_tm_export_into_a_folder_that_is_a_file(sample: Path, run, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = run(sample, "tm", "export", str(tmp_path / "afile" / "out.tmx"))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'afile'}: {IN_THE_WAY}"


def test_init_under_a_file(run, tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("", encoding="utf-8")
    result = run(tmp_path, "init", "afile/newsroom")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'afile'}: {IN_THE_WAY}"


def test_dash_c_to_a_folder_that_does_not_exist(run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = run(missing, "status")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {missing}: no such folder"


def test_init_refuses_the_source_language_as_a_target(run, tmp_path: Path) -> None:
    result = run(tmp_path, "init", "newsroom", "-l", "kk,en")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: `--lang` lists the source language 'en'"
    assert not (tmp_path / "newsroom").exists()  # not a project that no command would open


def test_init_suggests_the_code_of_a_language_spelled_in_capitals(run, tmp_path: Path) -> None:
    result = run(tmp_path, "init", "newsroom", "-l", "KK,ru")
    assert result.exit_code == 1
    assert result.output.strip() == (
        "Error: `--lang` names an unknown language 'KK' (did you mean 'kk'?)"
    )
    assert not (tmp_path / "newsroom").exists()


def test_a_project_cloned_under_another_name_rewrites_nothing(run, tmp_path: Path) -> None:
    root = tmp_path / "newsroom"
    assert run(tmp_path, "init", str(root), "-l", "kk").exit_code == 0
    (root / "articles" / "story.md").write_text("# Rain\n\nIt rained.\n", encoding="utf-8")
    assert run(root, "update").exit_code == 0
    template = (root / "locales/templates/story.pot").read_bytes()
    clone = tmp_path / "newsroom-checkout"  # as a CI job checks it out: no cache
    shutil.copytree(root, clone, ignore=shutil.ignore_patterns(".transflow-cache"))
    result = run(clone, "extract")
    assert result.exit_code == 0, result.output
    assert "wrote" not in result.output
    assert "All templates are up to date." in result.output
    assert (clone / "locales/templates/story.pot").read_bytes() == template


def config_line_of(config: Path, key: str) -> int:
    lines = config.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(f"{key} ="))


def test_articles_folder_missing_names_its_setting(sample: Path, run) -> None:
    config = sample / "transflow.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('articles = "articles"', 'articles = "stories"'), "utf-8")
    assert_fails_cleanly(
        run,
        sample,
        ["build"],
        f"{sample / 'stories'}: the articles folder 'stories' does not exist "
        f"(`articles` in {config}:{config_line_of(config, 'articles')})",
    )


def test_articles_folder_that_is_a_file(sample: Path, run) -> None:
    articles = sample / "articles"
    (sample / "kept").mkdir()
    articles.rename(sample / "kept" / "articles")
    articles.write_text("", encoding="utf-8")
    config = sample / "transflow.toml"
    assert_fails_cleanly(
        run,
        sample,
        ["extract"],
        f"{articles}: the articles folder 'articles' is a file, not a folder "
        f"(`articles` in {config}:{config_line_of(config, 'articles')})",
    )


def test_source_language_given_as_a_target(sample: Path, run) -> None:
    assert_fails_cleanly(
        run,
        sample,
        ["build", "-l", "en"],
        "'en' is the source language, not a target language of this project (kk, ru)",
    )


@pytest.mark.parametrize("given", [f"{SAMPLE_SLUG}.md", f"articles/{SAMPLE_SLUG}.md"])
def test_article_given_as_its_file_name(sample: Path, run, given: str) -> None:
    result = run(sample, "build", "--article", given)
    assert result.exit_code == 1
    assert result.output.strip().endswith(f"; did you mean --article {SAMPLE_SLUG}?")


def test_translate_with_no_catalog_yet_does_not_say_all_is_drafted(sample: Path, run) -> None:
    (sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    result = run(sample, "translate", "-l", "ru", "--engine", "pseudo")
    assert result.exit_code == 0, result.output
    assert f"skipped {SAMPLE_SLUG} [ru]: no catalog yet" in result.output
    assert "every entry is translated" not in result.output
    assert "every entry of the catalogs not skipped is translated" in result.output


def test_jobs_option_reads_as_the_readme_writes_it(run, tmp_path: Path) -> None:
    result = run(tmp_path, "build", "--help")
    assert "-j, --jobs N" in result.output


def test_a_page_in_the_way_stops_the_build_before_any_page_is_written(sample: Path, run) -> None:
    # The English and the ru pages come first or last; none may be written while one cannot be.
    page = sample / "build/kk" / f"{SAMPLE_SLUG}.html"
    page.mkdir(parents=True)
    result = run(sample, "build")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {page}: is a folder, where a file is needed"
    assert [p for p in (sample / "build").rglob("*") if not p.is_dir()] == []


ELSEWHERE = "; write the {} somewhere else"
ANOTHER = "; write the {} to another file"


@pytest.mark.parametrize(
    ("target", "why"),
    [
        (
            f"locales/ru/LC_MESSAGES/{SAMPLE_SLUG}.po",
            "is in the catalogs folder (locales)" + ELSEWHERE,
        ),
        ("locales/tm/report.html", "is in the catalogs folder (locales)" + ELSEWHERE),
        (f"articles/{SAMPLE_SLUG}.md", "is in the articles folder (articles)" + ELSEWHERE),
        ("articles/report.html", "is in the articles folder (articles)" + ELSEWHERE),
        (".transflow-cache/report.html", "is in the cache (.transflow-cache)" + ELSEWHERE),
        ("transflow.toml", "is the project's settings" + ANOTHER),
        ("glossary.csv", "is the project's glossary" + ANOTHER),
    ],
)
@pytest.mark.parametrize(("command", "what"), [("status -o", "report"), ("tm export", "export")])
def test_a_report_never_replaces_the_projects_own_files(
    sample: Path,
    run,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    what: str,
    target: str,
    why: str,
) -> None:
    monkeypatch.chdir(sample)  # the file argument is relative to the current folder
    (sample / ".transflow-cache").mkdir(exist_ok=True)
    assert_fails_cleanly(run, sample, [*command.split(), target], f"{target}: {why.format(what)}")


def test_a_report_elsewhere_in_the_project_is_written(sample: Path, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(sample)
    assert run(sample, "status", "--format", "html", "-o", "build/coverage.html").exit_code == 0
    assert (sample / "build/coverage.html").read_text("utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(("where", "said"), [(".", "the current folder"), ("desk", "desk")])
def test_init_says_where_the_project_is(
    run, tmp_path: Path, monkeypatch, where: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    result = run(Path(), "init", where)
    assert result.exit_code == 0
    articles = "articles" if where == "." else f"{where}/articles"
    assert (
        result.output.splitlines()[-1] == f"Project ready in {said}. Put articles in {articles}/."
    )


@pytest.mark.parametrize("command", ["update", "build", "status", "check"])
def test_stamps_that_cannot_be_saved_do_not_fail_the_work(sample: Path, run, command: str) -> None:
    """The cache only saves time: when its stamps cannot be written (here a folder stands where
    each goes; a read-only cache folder or a full disk does the same), the command's work is
    done and it succeeds. It used to fail after the catalogs or pages were already replaced."""
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    article.write_text(article.read_text("utf-8") + "\nA closing line for today.\n", "utf-8")
    cache = sample / ".transflow-cache"
    for name in ("sync", "extract", "build", "status", "check"):
        (cache / f"stamps-{name}.marshal").mkdir(parents=True, exist_ok=True)
    result = run(sample, command)
    assert result.exit_code == 0, result.output
    assert "Error" not in result.output
    assert not list(sample.rglob(".*.tmp"))
    if command == "update":
        catalog = sample / "locales/kk/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
        assert 'msgid "A closing line for today."' in catalog.read_text("utf-8")
        assert run(sample, "update").exit_code == 0  # redone, and nothing left to write


_FILLED = """
import resource, signal, sys
from transflow.cli.app import main
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG instead
resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))
sys.argv = ["transflow", "-C", sys.argv[1], "build"]
main()
"""


def test_a_page_that_cannot_be_written_is_named(sample: Path) -> None:
    """A write that fails on the open file (a full disk; here the size limit of the process)
    names the file, as an error of opening one does."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", _FILLED, str(sample)], capture_output=True,
                          text=True, env=env, timeout=120)  # fmt: skip
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"Error: {sample / 'build'}/"), done.stderr
    assert lines[0].endswith((".html: file too large", ".md: file too large")), done.stderr
    assert not list(sample.rglob(".*.tmp"))
    assert not (sample / "build").exists() or not list((sample / "build").rglob("*.html"))


def test_init_in_a_dash_c_folder_looks_for_the_name_there(run, tmp_path: Path) -> None:
    """`init DIRECTORY` is relative to -C: a file of that name here is not in its way, one
    there is."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "x").write_text("", encoding="utf-8")
    assert run(tmp_path / "sub", "init", "x").exit_code == 0
    assert (tmp_path / "sub/x/transflow.toml").is_file()
    (tmp_path / "sub/y").write_text("", encoding="utf-8")
    result = run(tmp_path / "sub", "init", "y")
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"Error: {tmp_path / 'sub/y'}: is a file, where the project's folder is needed"
    )


@pytest.mark.parametrize(
    ("in_the_way", "message"),
    [
        ("articles", "is a file, where a folder is needed"),
        ("locales", "is a file, where a folder is needed"),
        ("locales/templates", "is a file, where a folder is needed"),
        ("transflow.toml/", "is a folder, where the project's settings file goes"),
    ],
)
def test_init_makes_nothing_when_a_file_is_in_the_way(
    run, tmp_path: Path, in_the_way: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "desk"
    path = root / in_the_way.rstrip("/")
    path.parent.mkdir(parents=True)
    path.mkdir() if in_the_way.endswith("/") else path.write_text("", encoding="utf-8")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = run(tmp_path, "init", str(root))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path}: {message}"
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before  # no folder made


def test_init_adds_its_lines_to_a_gitignore_that_is_there(run, tmp_path: Path) -> None:
    root = tmp_path / "desk"
    root.mkdir()
    (root / ".gitignore").write_bytes(b"node_modules\n/build/")  # no final newline
    result = run(tmp_path, "init", str(root))
    assert result.exit_code == 0
    added = "/.transflow-cache/, *.mo, .*.tmp"
    assert f"added {added} to {root / '.gitignore'}" in result.output
    assert (root / ".gitignore").read_text("utf-8") == (
        "node_modules\n/build/\n# transflow\n/.transflow-cache/\n*.mo\n.*.tmp\n"
    )


def test_init_names_a_project_by_its_folder_in_one_line(run, tmp_path: Path) -> None:
    root = tmp_path / "news\nroom"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    assert 'project_name = "news room"' in (root / "transflow.toml").read_text("utf-8")
    assert run(root, "status").exit_code == 0  # a project every command opens


def test_tm_export_stops_at_a_file_where_a_language_s_folder_goes(
    sample: Path,
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    """Not an export of kk alone that says nothing of ru."""
    shutil.rmtree(sample / "locales/ru")
    (sample / "locales/ru").write_text("not a folder\n", encoding="utf-8")
    result = run(sample, "tm", "export", str(tmp_path / "out.tmx"))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {sample / 'locales/ru'}: {IN_THE_WAY}"
    assert not (tmp_path / "out.tmx").exists()
