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
    config = root / "transflow.toml"  # published however much is kept in the source
    config.write_text(config.read_text("utf-8").replace("min_coverage = 80", "min_coverage = 0"))
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


def test_a_hard_break_in_a_heading_or_table_cell_is_no_finding(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The build joins the lines of a heading and of a table cell into one: a translator's "\\"
    at a line's end there changes nothing on the page, and check does not say it does. In a
    paragraph it breaks the line, and check says so."""
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root), "-l", "ru").exit_code == 0
    (root / "articles/story.md").write_text(
        "---\ntitle: Story\n---\n\n## Results of the vote\n\n| City | Turnout |\n| --- | --- |\n"
        "| Almaty | High |\n\nSentence one is short.\n",
        "utf-8",
    )
    assert run(root, "update").exit_code == 0
    path = root / "locales/ru/LC_MESSAGES/story.po"
    catalog = polib.pofile(str(path))
    russian = {
        "Story": "История",
        "Results of the vote": "Итоги\\\nголосования",
        "City": "Город",
        "Turnout": "Явка\\\nизбирателей",
        "Almaty": "Алматы",
        "High": "Высокая",
        "Sentence one is short.": "Предложение\\\nкороткое.",
    }
    for entry in catalog:
        entry.msgstr = russian[entry.msgid]
    catalog.save()
    result = run(root, "check")
    assert result.exit_code == 0
    line = polib.pofile(str(path)).find("Sentence one is short.").linenum
    assert result.output == (
        f"locales/ru/LC_MESSAGES/story.po:{line}: warning: 1 hard line break where the source "
        "has 0: the page breaks a line the source does not [hard-breaks]\n"
        "0 error(s), 1 warning(s) in 7 translated or fuzzy entries of 1 catalog(s)\n"
    )
    assert run(root, "build", "-l", "ru", "--format", "html").exit_code == 0
    page = (root / "build" / "ru" / "story.html").read_text(encoding="utf-8")
    assert "<h2>Итоги голосования</h2>" in page and "<th>Явка избирателей</th>" in page
    assert "Предложение<br />\nкороткое." in page


@pytest.mark.gettext
def test_check_counts_the_entries_status_and_msgfmt_count_as_translated_or_fuzzy(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """A plural entry whose msgstr[0] is empty is untranslated for msgfmt and status, whatever
    its other forms hold (msgfmt leaves it out of the .mo): check neither counts nor checks it.
    One with msgstr[0] filled and another form empty is translated for all three."""
    root = _project(tmp_path / "news", run, 2)
    path = _translate(root, "{0}")  # a warning each, for a human to judge
    catalog = polib.pofile(str(path))
    catalog.metadata["Plural-Forms"] = (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    )
    dogs = {0: "", 1: "<b>собаки</b>", 2: "собак"}  # a form check would find raw HTML in
    catalog.append(polib.POEntry(msgid="one dog", msgid_plural="%d dogs", msgstr_plural=dogs))
    files = {0: "файл", 1: "", 2: "файлов"}
    catalog.append(polib.POEntry(msgid="one file", msgid_plural="%d files", msgstr_plural=files))
    catalog.save()
    statistics = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    assert statistics.startswith("4 translated messages, 1 untranslated message.")
    record = json.loads(run(root, "status", "--format", "json").output)["catalogs"][0]
    assert (record["translated"], record["machine"], record["fuzzy"]) == (4, 0, 0)
    assert record["untranslated"] == 1
    result = run(root, "check")
    assert result.output.endswith(" in 4 translated or fuzzy entries of 1 catalog(s)\n")
    assert result.exit_code == 0, result.output  # the <b> of a form msgfmt leaves out
    summary = json.loads(run(root, "check", "--format", "json").output)["summary"]
    assert summary["entries"] == 4
