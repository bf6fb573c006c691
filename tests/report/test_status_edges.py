"""transflow status as an editor and a CI script use it: Markdown that shows what it says,
numbers that follow every edit of a catalog, and a pipe closed early."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
from markdown_it import MarkdownIt


def _project(root: Path, run, slugs: list[str], name: str = "") -> Path:  # type: ignore[no-untyped-def]
    assert run(root.parent, "init", str(root), "-l", "ru").exit_code == 0
    if name:
        config = root / "transflow.toml"
        text = re.sub(r"(?m)^project_name = .*$", f"project_name = {json.dumps(name)}",
                      config.read_text("utf-8"))  # fmt: skip
        config.write_text(text, "utf-8")
    for slug in slugs:
        body = "First sentence here. Second sentence here.\n\nA third one."
        (root / f"articles/{slug}.md").write_text(f"---\ntitle: {slug}\n---\n\n{body}\n", "utf-8")
    assert run(root, "update").exit_code == 0
    return root


def _msgfmt(path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as GNU msgfmt --statistics counts them."""
    done = subprocess.run(
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    counts = [re.search(rf"(\d+) {word}", done.stderr) for word in ("translated", "fuzzy", "untr")]
    translated, fuzzy, untranslated = (int(m[1]) if m else 0 for m in counts)
    return translated, fuzzy, untranslated


def _status(root: Path) -> dict[str, tuple[int, int, int]]:
    """status --format json in a process of its own, with the caches as they are on disk."""
    command = [sys.executable, "-m", "transflow", "-C", str(root), "status", "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return {
        c["path"]: (c["translated"], c["machine"] + c["fuzzy"], c["untranslated"])
        for c in json.loads(done.stdout)["catalogs"]
    }


def test_markdown_shows_the_project_name_and_slugs_as_they_are(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path / "news", run, ["a._b_.c"], name="Fish & <Chips> $5 *daily*")
    result = run(root, "status", "--format", "markdown")
    assert result.exit_code == 0
    html = MarkdownIt("commonmark").enable("table").render(result.output)
    # Rendered, nothing is taken for a tag, emphasis or math: the page says what the names say.
    assert "<h2>Translation coverage: Fish &amp; &lt;Chips&gt; $5 *daily*</h2>" in html
    assert "<td>a._b_.c</td>" in html
    assert "<em>" not in html


def test_counts_follow_edits_that_keep_size_and_mtime_deletes_and_replacements(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    root = _project(tmp_path / "news", run, ["one", "two"])
    one, two = (root / f"locales/ru/LC_MESSAGES/{slug}.po" for slug in ("one", "two"))
    catalog = polib.pofile(str(one))
    for entry in catalog:
        entry.msgstr, entry.flags = "Перевод.", ["fuzzy"]
    catalog.save()
    assert _status(root)[f"locales/ru/LC_MESSAGES/{one.name}"] == _msgfmt(one) == (0, 4, 0)
    # A translator reviews every entry: "fuzzy" becomes a flag of the same length, and the file
    # gets its old mtime back (an editor restoring it, `touch -r`): same size, same mtime.
    before = one.stat()
    one.write_text(one.read_text("utf-8").replace("#, fuzzy\n", "#, wrapx\n"), "utf-8")
    os.utime(one, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert one.stat().st_size == before.st_size
    assert _status(root)[f"locales/ru/LC_MESSAGES/{one.name}"] == _msgfmt(one) == (4, 0, 0)
    shutil.copy2(one, two)  # replaced by another catalog, its mtime with it
    assert _status(root)[f"locales/ru/LC_MESSAGES/{two.name}"] == _msgfmt(two) == (4, 0, 0)
    one.unlink()  # deleted: counted from its template, all untranslated
    assert _status(root)[f"locales/ru/LC_MESSAGES/{one.name}"] == (0, 0, 4)


def test_status_piped_into_head_still_says_what_is_under_the_threshold(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    root = tmp_path / "archive"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    for i in range(600):  # a table far larger than a pipe holds; not extracted yet: untranslated
        article = root / f"articles/a-story-with-a-rather-long-name-{i:04}.md"
        article.write_text(f"Story number {i}.\n", "utf-8")
    command = [sys.executable, "-m", "transflow", "-C", str(root), "status", "--fail-under", "50"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().split()[:2] == [b"article", b"lang"]
        process.stdout.close()  # what `| head -1` does once it has its line
        errors = process.stderr.read().decode()
    assert process.returncode == 1
    assert errors == "kk: 0.0% translated, under 50%\nru: 0.0% translated, under 50%\n"
