"""Incremental and parallel runs: same bytes for any worker count, no-op reruns write nothing."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.test_pipeline import snapshot


def make_project(root: Path, run, articles: int = 40) -> Path:
    assert run(root.parent, "init", str(root)).exit_code == 0
    for n in range(articles):
        (root / "articles" / f"story-{n:03d}.md").write_text(
            f"---\ntitle: Story {n}\ndate: 2024-01-{n % 28 + 1:02d}\n---\n\n"
            f"# Budget news {n}\n\nThe U.S. mission said on Nov. {n % 30 + 1} that "
            f"{n * 250:,} people came. Prices rose {n % 9}.{n % 7}% in April.\n\n"
            "> “We will see,” said Mr. Smith.\n\n"
            f"- first point {n}\n- second point about [the report](https://example.org/{n})\n",
            encoding="utf-8",
        )
    return root


def mtimes(root: Path) -> dict[Path, int]:
    return {
        p: p.stat().st_mtime_ns
        for p in root.rglob("*")
        if p.is_file() and ".transflow-cache" not in p.parts
    }


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_output_is_identical_with_one_and_many_workers(tmp_path: Path, run) -> None:
    # Same folder name: the project name (from the folder) is in every catalog header.
    (tmp_path / "one").mkdir()
    (tmp_path / "many").mkdir()
    one = make_project(tmp_path / "one" / "news", run)
    many = make_project(tmp_path / "many" / "news", run)
    for root, jobs in ((one, "1"), (many, "2")):
        assert run(root, "update", "-j", jobs).exit_code == 0
        assert run(root, "build", "-j", jobs).exit_code == 0
    assert snapshot(one) == snapshot(many)
    assert len(snapshot(one)) > 40 * 5


def test_noop_rerun_writes_no_file(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run)
    config = root / "transflow.toml"  # every page built, from the source where untranslated
    config.write_text(config.read_text("utf-8").replace("min_coverage = 80", "min_coverage = 0"))
    for command in ("extract", "update", "build"):
        assert run(root, command).exit_code == 0
    before = mtimes(root)
    for command, said in (
        ("extract", "All templates are up to date."),
        ("update", "All catalogs are up to date."),
        ("build", "All pages are up to date."),
    ):
        result = run(root, command)
        assert result.exit_code == 0
        assert "wrote" not in result.output
        assert said in result.output.splitlines()  # nothing to do, and the user is told so
    assert mtimes(root) == before


def test_the_stamps_remember_each_written_file_as_it_is_on_disk(tmp_path: Path, run) -> None:
    from transflow.stamps import Stamps, file_digest

    root = make_project(tmp_path / "p", run, articles=12)
    assert run(root, "update").exit_code == 0
    assert run(root, "translate", "--engine", "pseudo").exit_code == 0
    assert run(root, "update", "-l", "kk").exit_code == 0  # nothing to merge: stamps only
    files = Stamps(root / ".transflow-cache", "sync").files  # as the next run finds them
    written = sorted((root / "locales").rglob("*.po*"))
    assert len(written) == 12 * 3
    for path in written:
        info = path.stat()
        name = path.relative_to(root).as_posix()  # named within the project
        state = [info.st_size, info.st_mtime_ns, info.st_ctime_ns]
        assert files[name] == [*state, file_digest(path)]


def test_a_moved_project_keeps_its_caches(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transflow import stamps as stamps_module
    from transflow.catalog import parsed

    root = make_project(tmp_path / "p", run, articles=6)
    assert run(root, "update").exit_code == 0
    assert run(root, "build").exit_code == 0
    moved = root.rename(tmp_path / "renamed")
    catalog = moved / "locales/kk/LC_MESSAGES/story-002.po"
    assert parsed.load(moved / ".transflow-cache", catalog, catalog.read_bytes()) is not None
    # Its stamps are still used, not made again under the new folder's name: no file is hashed.
    hashed: list[str] = []
    digest = stamps_module.file_digest
    monkeypatch.setattr(stamps_module, "file_digest", lambda p: hashed.append(str(p)) or digest(p))
    stamps = moved / ".transflow-cache/stamps-build.marshal"
    size = stamps.stat().st_size
    result = run(moved, "build")
    assert result.exit_code == 0
    assert "wrote" not in result.output
    assert hashed == []
    assert stamps.stat().st_size == size  # no second set of names


def test_the_stamps_of_a_removed_article_are_dropped(tmp_path: Path, run) -> None:
    from transflow.stamps import Stamps

    root = make_project(tmp_path / "p", run, articles=4)
    assert run(root, "update").exit_code == 0
    assert run(root, "build").exit_code == 0
    (root / "articles/story-001.md").unlink()
    for path in root.rglob("story-001.*"):
        path.unlink()  # as a newsroom takes an article down: every file of it
    (root / "articles/story-002.md").write_text("---\ntitle: New\n---\n\nNew text.\n")
    assert run(root, "update").exit_code == 0
    assert run(root, "build").exit_code == 0
    for command in ("sync", "build"):
        names = Stamps(root / ".transflow-cache", command).files
        assert not [name for name in names if "story-001" in name], command
        assert [name for name in names if "story-002" in name], command


def test_deleting_the_cache_loses_nothing_and_rewrites_nothing(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run, articles=10)
    run(root, "update")
    run(root, "build")
    before, contents = mtimes(root), snapshot(root)
    shutil.rmtree(root / ".transflow-cache")
    for command in ("extract", "update", "build"):
        assert run(root, command).exit_code == 0
    assert snapshot(root) == contents
    assert mtimes(root) == before


def test_one_edited_article_touches_only_its_files(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run, articles=12)
    run(root, "update")
    run(root, "build")
    before = mtimes(root)
    article = root / "articles" / "story-005.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    run(root, "update")
    run(root, "build")
    changed = {
        p.relative_to(root).as_posix() for p, t in mtimes(root).items() if before.get(p) != t
    }
    assert changed == {
        "articles/story-005.md",
        "locales/templates/story-005.pot",
        "locales/kk/LC_MESSAGES/story-005.po",
        "locales/ru/LC_MESSAGES/story-005.po",
        # kk and ru are untranslated (below min_coverage), so only the source pages are rebuilt
        "build/en/story-005.md",
        "build/en/story-005.html",
    }


def test_a_translator_edit_is_picked_up(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run, articles=3)
    run(root, "update")
    po = root / "locales/kk/LC_MESSAGES/story-001.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('msgid "Story 1"\nmsgstr ""', 'msgid "Story 1"\nmsgstr "1-хабар"'),
        encoding="utf-8",
    )
    result = run(root, "update")
    assert result.exit_code == 0
    assert 'msgstr "1-хабар"' in po.read_text(encoding="utf-8")


def test_after_translate_a_rerun_is_still_a_noop(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run, articles=6)
    run(root, "update")
    assert run(root, "translate", "--engine", "pseudo").exit_code == 0
    run(root, "build")
    before = mtimes(root)
    assert "All catalogs are up to date." in run(root, "update").output
    assert "wrote" not in run(root, "build").output
    assert mtimes(root) == before


def _kk_catalogs(root: Path) -> list[Path]:
    return sorted((root / "locales/kk/LC_MESSAGES").glob("*.po"))


def test_catalogs_remembered_as_parsed_are_what_parsing_gives(tmp_path: Path, run) -> None:
    from transflow.catalog import parsed
    from transflow.catalog.pofile import parse_po

    root = make_project(tmp_path / "p", run, articles=4)
    run(root, "update")
    assert run(root, "translate", "--engine", "pseudo").exit_code == 0
    for po in _kk_catalogs(root):
        remembered = parsed.load(root / ".transflow-cache", po, po.read_bytes())
        assert remembered is not None, po  # written by translate, stored as read
        read = parse_po(po.read_text(encoding="utf-8"), po)
        assert remembered == read
        assert [e.lineno for e in remembered.entries] == [e.lineno for e in read.entries]


def test_update_remembers_each_article_s_files_as_parsed_with_any_number_of_workers(
    tmp_path: Path, run
) -> None:
    from transflow.catalog import parsed
    from transflow.catalog.pofile import parse_po

    root = make_project(tmp_path / "p", run, articles=20)
    assert run(root, "update", "--jobs", "2").exit_code == 0
    written = sorted(root.glob("locales/*/*.pot")) + sorted(root.glob("locales/*/*/*.po"))
    assert len(written) == 20 * 3
    for path in written:  # each article's three stored in one transaction, by its worker
        remembered = parsed.load(root / ".transflow-cache", path, path.read_bytes())
        assert remembered == parse_po(path.read_text(encoding="utf-8"), path), path


def test_catalogs_stored_together_reach_the_cache_when_the_block_ends(tmp_path: Path) -> None:
    from transflow.catalog import parsed
    from transflow.catalog.model import Catalog, Entry

    cache = tmp_path / ".transflow-cache"
    catalog = Catalog(header=None, entries=[Entry("Hello", "Сәлем")])
    with parsed.together():
        with parsed.together():  # an inner block leaves the writing to the outer one
            parsed.store(cache, tmp_path / "a.po", b"a", catalog)
        parsed.store(cache, tmp_path / "b.po", b"b", catalog)
        assert parsed.load(cache, tmp_path / "a.po", b"a") is None
    assert parsed.load(cache, tmp_path / "a.po", b"a") == catalog
    assert parsed.load(cache, tmp_path / "b.po", b"b") == catalog


def test_a_catalog_edited_outside_transflow_is_read_afresh(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "p", run, articles=3)
    run(root, "update")
    run(root, "status")  # every catalog is now remembered as parsed
    po = _kk_catalogs(root)[1]
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr ""', 'msgstr "аударма"'), encoding="utf-8")
    (root / ".transflow-cache" / "parsed.sqlite").write_bytes(b"\x00" * 4096)  # damaged

    # a new process, as a user's next command is
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    command = [sys.executable, "-m", "transflow", "-C", str(root), "status", "--format", "json"]
    result = subprocess.run([*command, "-l", "kk"], capture_output=True, text=True, env=env)

    assert result.returncode == 0, result.stderr
    rows = {row["article"]: row for row in json.loads(result.stdout)["catalogs"]}
    assert rows[po.stem]["translated"] == rows[po.stem]["total"] > 0
    assert all(row["translated"] == 0 for slug, row in rows.items() if slug != po.stem)
    # the damaged cache was replaced: the next run finds every catalog in it
    from transflow.catalog import parsed

    for po in _kk_catalogs(root):
        assert parsed.load(root / ".transflow-cache", po, po.read_bytes()) is not None


def _translate_all(root: Path) -> None:
    """Every entry translated (as a copy of its source); in every fifth article the link target
    is changed, an error the build reports and leaves out, so findings come back from workers."""
    from transflow.catalog.store import read_catalog, write_catalog

    for path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        catalog = read_catalog(path)
        broken = int(path.stem.rsplit("-", 1)[1]) % 5 == 0
        for entry in catalog.entries:
            entry.msgstr = entry.msgid.replace(
                "example.org", "example.net" if broken else "example.org"
            )
        write_catalog(path, catalog)


def test_translated_builds_and_reports_are_identical_with_one_and_many_workers(
    tmp_path: Path, run
) -> None:
    """What workers send back (pages, findings, coverage rows) is the same as one process makes."""
    outputs = {}
    for jobs in ("1", "2"):
        (tmp_path / jobs).mkdir()
        root = make_project(tmp_path / jobs / "news", run)
        assert run(root, "update", "-j", jobs).exit_code == 0
        _translate_all(root)
        build = run(root, "build", "-j", jobs)
        assert build.exit_code == 0, build.output
        status = run(root, "status", "--format", "json", "-j", jobs)
        assert status.exit_code == 0, status.output
        outputs[jobs] = (snapshot(root), build.output, json.loads(status.output))
    assert outputs["1"] == outputs["2"]
    pages, build_output, report = outputs["2"]
    assert "story-035.po:49 [links]" in build_output  # findings came back from the workers
    assert len([p for p in pages if p.startswith("build/ru/")]) == 2 * 40
    assert report["languages"]["ru"]["translated"] > 0 and len(report["catalogs"]) == 2 * 40


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_article_late_in_the_run_leaves_every_file_as_it_was(
    tmp_path: Path, run, jobs: str
) -> None:
    """Files are written as articles come back from the workers, beside their targets; an error
    in the last article discards them all and no target changes."""
    root = make_project(tmp_path / "p", run)
    assert run(root, "update").exit_code == 0
    for story in (root / "articles").glob("*.md"):
        story.write_text(story.read_text(encoding="utf-8") + "\nA new sentence.\n", "utf-8")
    bad = root / "articles" / "story-039.md"
    bad.write_text("---\ntitle: [unclosed\n---\n\nText.\n", encoding="utf-8")
    before = snapshot(root)
    for command in ("update", "build"):
        result = run(root, command, "-j", jobs)
        assert result.exit_code == 1
        assert "story-039.md:2: invalid front matter" in result.output
    assert snapshot(root) == before
    assert not [p for p in root.rglob("*.tmp")]
