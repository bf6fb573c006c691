"""transflow check as an editor and a CI script run it: what reaches their terminal, and pipes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import polib
import pytest


def _project(root: Path, run, entries: int) -> Path:  # type: ignore[no-untyped-def]
    """A project with one article of ``entries`` sentences, its Russian catalog filled in."""
    assert run(root.parent, "init", str(root), "-l", "ru").exit_code == 0
    body = "\n\n".join(f"Sentence {i} is short." for i in range(entries))
    (root / "articles/story.md").write_text(f"---\ntitle: Story\n---\n\n{body}\n", "utf-8")
    assert run(root, "update").exit_code == 0
    return root


def _translate(root: Path, translation: str) -> Path:
    path = root / "locales/ru/LC_MESSAGES/story.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = translation.format(entry.msgid)
    catalog.save()
    return path


def test_a_quoted_escape_sequence_is_shown_not_sent_to_the_terminal(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path / "news", run, 1)
    # A tag whose attribute holds an escape sequence that sets a terminal's title (OSC 0).
    _translate(root, "Текст <a href='\x1b]0;pwned\x07'>{0}</a>")
    result = run(root, "check")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "raw HTML <a href='\\x1b]0;pwned\\x07'> is not in the source [html]" in result.output
    assert "U+001B, a control character, is not in the source" in result.output
    messages = [
        f["message"] for f in json.loads(run(root, "check", "--format", "json").output)["findings"]
    ]
    assert not any("\x1b" in message for message in messages)
    assert "raw HTML <a href='\\x1b]0;pwned\\x07'> is not in the source" in messages


def test_a_right_to_left_override_cannot_reverse_a_finding_s_line(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path / "news", run, 1)
    _translate(root, "Текст <b title='\u202e'>{0}</b>")
    result = run(root, "check")
    assert "\u202e" not in result.output
    assert "<b title='\\u202e'>" in result.output


def test_check_piped_into_head_exits_as_the_report_says(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path / "news", run, 1500)  # a report far larger than a pipe holds
    _translate(root, "<b>{0}</b>")
    command = [sys.executable, "-m", "transflow", "-C", str(root), "check"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # what `| head -1` does once it has its line
        errors = process.stderr.read()
    assert first.startswith(b"locales/ru/LC_MESSAGES/story.po:")
    assert b"error: raw HTML <b> is not in the source" in first
    assert (process.returncode, errors) == (1, b"")  # no "Error: Broken pipe", no traceback


def test_warnings_only_piped_into_head_exit_0(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(tmp_path / "news", run, 1500)
    _translate(root, "{0}")  # same as the source: a warning each
    command = [sys.executable, "-m", "transflow", "-C", str(root), "check"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        assert b"warning" in process.stdout.readline()
        process.stdout.close()
        errors = process.stderr.read()
    assert (process.returncode, errors) == (0, b"")


@pytest.mark.gettext
def test_a_translation_ending_in_a_line_break_is_an_error_as_for_msgfmt(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """msgfmt -c refuses a msgstr that ends (or starts) with a line break its msgid lacks: so
    does check, and build publishes the source instead."""
    root = _project(tmp_path / "news", run, 2)
    path = _translate(root, "Қысқа сөйлем.")
    catalog = polib.pofile(str(path))
    catalog.find("Sentence 1 is short.").msgstr = "Қысқа сөйлем.\n"
    catalog.save()
    refused = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    assert refused.returncode != 0
    result = run(root, "check")
    assert result.exit_code == 1
    assert (
        "error: the translation ends with a line break, the source does not "
        "(msgfmt -c refuses it) [line-breaks]" in result.output
    )
    assert run(root, "build", "-l", "ru", "--format", "md").exit_code == 0
    page = (root / "build" / "ru" / "story.md").read_text(encoding="utf-8")
    assert "Sentence 1 is short." in page and "Қысқа сөйлем." in page  # the other one


def test_a_hard_break_the_source_lacks_is_a_warning_and_published(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A translator's "\\" at a line's end breaks the line on the page: check says so, and the
    build, for which it is only a warning, publishes it as typed."""
    root = _project(tmp_path / "news", run, 2)
    path = root / "locales/ru/LC_MESSAGES/story.po"
    catalog = polib.pofile(str(path))
    russian = {"Story": "История", "Sentence 0 is short.": "Предложение 0 короткое."}
    russian["Sentence 1 is short."] = "Предложение 1\\\nкороткое."
    for entry in catalog:
        entry.msgstr = russian[entry.msgid]
    catalog.save()
    result = run(root, "check")
    assert result.exit_code == 0
    assert "0 error(s), 1 warning(s)" in result.output
    line = polib.pofile(str(path)).find("Sentence 1 is short.").linenum
    assert (
        f"locales/ru/LC_MESSAGES/story.po:{line}: warning: 1 hard line break where the source "
        "has 0: the page breaks a line the source does not [hard-breaks]" in result.output
    )
    assert run(root, "build", "-l", "ru", "--format", "html").exit_code == 0
    page = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert "Предложение 1<br />\nкороткое." in page
