"""A translator saves a catalog while `update` is merging it: their save is kept and merged."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polib
import pytest

from tests.cli.test_incremental import make_project

pytestmark = pytest.mark.gettext


def _wait_for_staging(root: Path, process: subprocess.Popen[str]) -> None:
    """Until update stages its first files: the first article's catalogs have then been read
    (results come back in order), and hundreds of catalogs are still to come."""
    deadline = time.monotonic() + 60
    while not list((root / "locales").glob("*/LC_MESSAGES/.*.tmp")):
        assert process.poll() is None, "update ended before the translator could save"
        assert time.monotonic() < deadline, "update never started writing"
        time.sleep(0.002)


def test_a_catalog_saved_during_update_keeps_the_save_and_is_merged(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "news", run, articles=400)
    assert run(root, "update").exit_code == 0
    for article in (root / "articles").glob("*.md"):  # every template changes
        text = article.read_text(encoding="utf-8")
        article.write_text(text + "\nA spokesperson confirmed the figures.\n", encoding="utf-8")
    catalog = root / "locales" / "kk" / "LC_MESSAGES" / "story-000.po"

    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "transflow", "-C", str(root), "update", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    _wait_for_staging(root, process)
    po = polib.pofile(str(catalog))  # the translator's editor: read, translate, save
    po.find("Budget news 0").msgstr = "Бюджет жаңалықтары 0"
    po.save()
    stdout, stderr = process.communicate(timeout=120)

    assert process.returncode == 0, (stdout, stderr)
    assert "story-000.po: saved by someone while update ran" in stderr
    merged = polib.pofile(str(catalog))
    assert merged.find("Budget news 0").msgstr == "Бюджет жаңалықтары 0"  # their save
    assert merged.find("A spokesperson confirmed the figures.") is not None  # and the merge
    check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalog)], check=False)
    assert check.returncode == 0
    assert not list(root.rglob("*.tmp"))
    # Everything is merged: a rerun has nothing to do.
    assert "All catalogs are up to date." in run(root, "update").output


# A translator's editor, watching the catalog's folder (inotify). With OLD and NEW it saves once,
# the moment transflow opens the catalog: the text with OLD replaced by NEW, through a new file
# renamed over it. Without, it saves each time transflow reads the catalog or is about to replace
# it (a temporary file for it appears), so every attempt of update or translate finds a save
# between its read and its rename (a saver in a busy loop is off the CPU for milliseconds at a
# time on a busy machine); each version is then a hard link to one of three files touched to a
# new mtime, so each save shows and costs no new inode (~15 us).
_EDITOR = """
import ctypes, os, struct, sys, time
path, replace = sys.argv[1], sys.argv[2:]
folder, name = os.path.split(path)
text = open(path, encoding="utf-8").read()
libc = ctypes.CDLL(None, use_errno=True)
events = libc.inotify_init()
IN_OPEN, IN_CREATE = 0x20, 0x100
assert libc.inotify_add_watch(events, folder.encode(), IN_OPEN | IN_CREATE) >= 0

def wanted():
    # Each time the catalog is opened (or, saving again and again, a temporary file appears).
    while True:
        data, offset = os.read(events, 65536), 0
        while offset < len(data):
            _, mask, _, size = struct.unpack_from("iIII", data, offset)
            event = data[offset + 16 : offset + 16 + size].rstrip(b"\\0").decode()
            offset += 16 + size
            if event == name and mask & IN_OPEN:
                yield
            elif not replace and event.startswith(f".{name}.") and event.endswith(".tmp"):
                yield

if replace:
    old, new = replace
    assert old in text
    print("saving", flush=True)
    next(wanted())
    with open(path + ".saving", "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new))
    os.replace(path + ".saving", path)
    print("saved", flush=True)
    sys.exit()
versions = []
for n in range(3):
    with open(f"{path}.v{n}", "w", encoding="utf-8") as handle:
        handle.write(f"# save {n}\\n" + text)
    versions.append(f"{path}.v{n}")
saves = 0

def save():
    global saves
    saves += 1
    version = versions[saves % 3]
    os.utime(version, ns=(time.time_ns(), time.time_ns() + saves))
    os.link(version, path + ".saving")
    os.replace(path + ".saving", path)

save()
print("saving", flush=True)
for _ in wanted():
    save()
"""


def _editor(catalog: Path, *replace: str) -> subprocess.Popen[str]:
    """The editor above, once it is watching ``catalog``."""
    editor = subprocess.Popen(
        [sys.executable, "-c", _EDITOR, str(catalog), *replace], stdout=subprocess.PIPE, text=True
    )
    assert editor.stdout is not None
    assert editor.stdout.readline() == "saving\n"
    return editor


@contextmanager
def _saving_again_and_again(catalog: Path) -> Iterator[None]:
    """An editor saving ``catalog`` over and over for as long as the block runs."""
    saver = _editor(catalog)
    try:
        yield
    finally:
        saver.kill()
        saver.wait()
        for version in catalog.parent.glob(f"{catalog.name}.v*"):
            version.unlink()


def test_a_catalog_saved_again_and_again_is_left_as_saved(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "news", run, articles=3)
    assert run(root, "update").exit_code == 0
    for article in (root / "articles").glob("*.md"):
        text = article.read_text(encoding="utf-8")
        article.write_text(text + "\nA spokesperson confirmed the figures.\n", encoding="utf-8")
    catalog = root / "locales" / "ru" / "LC_MESSAGES" / "story-001.po"
    with _saving_again_and_again(catalog):
        result = run(root, "update", "-j", "1")

    assert result.exit_code == 1
    assert "story-001.po: saved by someone again and again while update ran" in result.output
    assert "1 catalog(s) left unmerged as saved meanwhile" in result.output
    assert catalog.read_text(encoding="utf-8").startswith("# save ")  # theirs, whole
    assert polib.pofile(str(catalog)).find("A spokesperson confirmed the figures.") is None
    # Once nobody is saving it, the next update merges it (it was not marked as done).
    rerun = run(root, "update")
    assert rerun.exit_code == 0
    assert "wrote locales/ru/LC_MESSAGES/story-001.po" in rerun.output
    assert polib.pofile(str(catalog)).find("A spokesperson confirmed the figures.") is not None
    assert catalog.read_text(encoding="utf-8").startswith("# save ")  # their comment kept


def test_translate_leaves_a_catalog_being_saved_as_saved(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "news", run, articles=3)
    assert run(root, "update").exit_code == 0
    catalog = root / "locales" / "kk" / "LC_MESSAGES" / "story-002.po"
    with _saving_again_and_again(catalog):
        result = run(root, "translate", "--engine", "pseudo")

    # As update: not a success, and a pseudo draft waits in no cache, so none is promised.
    assert result.exit_code == 1, result.output
    assert "story-002.po: saved by someone again and again while translate ran" in result.output
    assert "none of its drafts written" in result.output
    assert "1 catalog(s) left as saved meanwhile, without their drafts" in result.output
    saved = polib.pofile(str(catalog))
    assert catalog.read_text(encoding="utf-8").startswith("# save ")  # theirs, whole
    assert not [e for e in saved if e.msgstr]  # no draft went into it
    other = polib.pofile(str(root / "locales" / "kk" / "LC_MESSAGES" / "story-001.po"))
    assert [e for e in other if e.msgstr and "fuzzy" in e.flags]  # the others got theirs
    # Once nobody is saving it, the next run puts the drafts in.
    assert run(root, "translate", "--engine", "pseudo").exit_code == 0
    assert [e for e in polib.pofile(str(catalog)) if e.msgstr and "fuzzy" in e.flags]


def test_a_catalog_saved_while_build_runs_is_built_again_next_time(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "news", run, articles=2)
    assert run(root, "update").exit_code == 0
    catalog = root / "locales" / "kk" / "LC_MESSAGES" / "story-001.po"
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgstr = "Аударма: " + entry.msgid  # all translated: the kk page is built
    po.find("Story 1").msgstr = "1-тақырып"
    po.save()
    saver = _editor(catalog, "1-тақырып", "Жаңа 1-тақырып")  # saves once, when it is opened
    assert run(root, "build", "-j", "1").exit_code == 0  # it opens the catalog: the save lands
    assert saver.stdout is not None
    assert saver.stdout.readline() == "saved\n"
    saver.wait(timeout=30)
    page = root / "build" / "kk" / "story-001.html"

    # The stamp holds the catalog as it was before the build read it, not as saved since: the
    # next build makes the page again (if the first did not already read the save).
    assert run(root, "build").exit_code == 0
    assert "<h1>Жаңа 1-тақырып</h1>" in page.read_text(encoding="utf-8")
    built = page.stat().st_mtime_ns
    assert "wrote" not in run(root, "build").output  # and then it is up to date
    assert page.stat().st_mtime_ns == built


def test_a_save_during_an_update_that_leaves_the_catalog_as_it_was_is_merged_next_time(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    root = make_project(tmp_path / "news", run, articles=200)
    assert run(root, "update").exit_code == 0
    for article in sorted((root / "articles").glob("*.md")):  # 199 articles to merge after it
        text = article.read_text(encoding="utf-8")
        more = "\n" if article.stem == "story-000" else "\nA spokesperson confirmed it.\n"
        article.write_text(text + more, encoding="utf-8")  # story-000: the same template again
    catalog = root / "locales" / "kk" / "LC_MESSAGES" / "story-000.po"
    # The translator's save lands while update reads the catalog: update merges what it read,
    # which gives the same file, so it writes nothing and leaves their save in place.
    editor = _editor(catalog, 'msgid "Budget news 0"', 'msgid "Budget news, zero"')
    assert run(root, "update", "-l", "kk", "-j", "1").exit_code == 0
    assert editor.wait(timeout=30) == 0
    assert 'msgid "Budget news, zero"' in catalog.read_text("utf-8")
    # Their save was never merged: the next update merges it, as a run without the cache would.
    rerun = run(root, "update", "-l", "kk")
    assert "locales/kk/LC_MESSAGES/story-000.po" in rerun.output
    merged = polib.pofile(str(catalog))
    assert merged.find("Budget news 0") is not None
    assert merged.find("Budget news, zero", by="msgid", include_obsolete_entries=True) is None


def test_an_article_saved_while_extract_reads_it_is_extracted_again_next_time(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    root = make_project(tmp_path / "news", run, articles=2)
    assert run(root, "extract").exit_code == 0
    article = root / "articles" / "story-new.md"  # new: nothing opens it before extract reads it
    article.write_text("# Floods\n\nThe river rose.\n", encoding="utf-8")
    author = _editor(article, "The river rose.", "The river rose by two metres.")
    assert run(root, "extract", "-j", "1").exit_code == 0  # it opens the article: the save lands
    assert author.wait(timeout=30) == 0
    template = root / "locales" / "templates" / "story-new.pot"

    # The stamp holds the article as extract read it, not as saved since: the next extract
    # makes the template again (if the first did not already read the save).
    rerun = run(root, "extract")
    assert rerun.exit_code == 0
    assert polib.pofile(str(template)).find("The river rose by two metres.") is not None
    assert polib.pofile(str(template)).find("The river rose.") is None
    assert "All templates are up to date." in run(root, "extract").output
