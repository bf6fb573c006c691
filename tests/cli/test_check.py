"""transflow check: findings with file and line, text and JSON, exit codes."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.cli.test_incremental import make_project
from tests.conftest import SAMPLE_SLUG
from transflow.catalog.store import read_catalog, write_catalog
from transflow.project import Project
from transflow.qa import formats as check_formats
from transflow.qa.run import check_project

RU = f"locales/ru/LC_MESSAGES/{SAMPLE_SLUG}.po"


def _set(root: Path, prefix: str, msgstr: str) -> int:
    path = root / RU
    catalog = read_catalog(path)
    next(e for e in catalog.entries if e.msgid.startswith(prefix)).msgstr = msgstr
    write_catalog(path, catalog)
    return next(e.lineno for e in read_catalog(path).entries if e.msgid.startswith(prefix))


def test_sample_has_no_findings(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    """The reviewed translations shipped as the example pass every check, the Kazakh sentence
    that moves an English closing quotation before its verb too."""
    result = run(sample, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "0 error(s), 0 warning(s) in 56 translated or fuzzy entries of 2 catalog(s)"
    ]


def test_error_exits_1_with_file_line_and_check(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    line = _set(sample, "Some 2,500 people", "Около 25 000 человек подписали [петицию](#).")
    result = run(sample, "check", "-l", "ru")
    assert result.exit_code == 1
    assert f"{RU}:{line}: error: number 2,500 is missing" in result.output
    assert result.output.rstrip().endswith("in 28 translated or fuzzy entries of 1 catalog(s)")


def test_warnings_alone_exit_0(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    source = "Officials reject claims of mistreatment and deny any political motivation in this "
    line = _set(sample, source, source + "and other cases.")
    result = run(sample, "check", "-l", "ru")
    assert result.exit_code == 0
    assert f"{RU}:{line}: warning: the translation is a copy of the source [same-as-source]" in (
        result.output
    )


def test_json(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    line = _set(sample, "Officials reject", "Officials <b>отрицают</b> обвинения.")
    result = run(sample, "check", "--format", "json", "--article", SAMPLE_SLUG)
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["schema"] == "transflow-check/1"
    errors = [f for f in data["findings"] if f["severity"] == "error"]
    assert errors == [
        {"article": SAMPLE_SLUG, "language": "ru", "path": RU, "line": line, "check": "html",
         "severity": "error", "message": "raw HTML <b> is not in the source"},
        {"article": SAMPLE_SLUG, "language": "ru", "path": RU, "line": line, "check": "html",
         "severity": "error", "message": "raw HTML </b> is not in the source"},
    ]  # fmt: skip
    assert data["summary"]["errors"] == 2 and data["summary"]["catalogs"] == 2


def test_language_selection(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    _set(sample, "Officials reject", "Officials <b>отрицают</b> обвинения.")
    assert run(sample, "check", "-l", "kk").exit_code == 0


def test_glossary_finding(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    line = _set(sample, "Activists in Kazakhstan", "Активисты в Казакстане выразили отвращение.")
    result = run(sample, "check", "-l", "ru")
    assert f"{RU}:{line}: warning: 'Kazakhstan' should be 'Казахстан' (glossary) [glossary]" in (
        result.output
    )


def test_bad_glossary_is_an_error_naming_the_line(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    (sample / "glossary.csv").write_text("term,kk,ru\nAlmaty,Алматы\n", encoding="utf-8")
    result = run(sample, "check")
    assert result.exit_code == 1
    assert "glossary.csv:2: has 2 cells" in result.output


def test_list_and_help(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    listing = run(sample, "check", "--list").output.splitlines()
    assert len(listing) == 14
    # Each check with its title, in columns (compiled, the code keeps no docstrings to read).
    assert listing[0].split(maxsplit=2) == [
        "links",
        "error",
        "Link targets, image sources, URLs and e-mail addresses kept as in the source",
    ]
    assert listing[11].split(maxsplit=2)[:2] == ["control-characters", "error"]
    assert listing[13].split(maxsplit=2)[:2] == ["plural-forms", "error"]  # of the header
    assert len({line.index(line.split()[1]) for line in listing}) == 1
    help_text = run(sample, "check", "--help").output
    assert "Example:" in help_text and "--format [text|json]" in help_text


def test_list_as_json(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    listing = json.loads(run(sample, "check", "--list", "--format", "json").output)
    text = run(sample, "check", "--list").output.splitlines()
    assert [list(item) for item in listing] == [["name", "severity", "title"]] * len(text)
    assert listing[0] == {
        "name": "links",
        "severity": "error",
        "title": "Link targets, image sources, URLs and e-mail addresses kept as in the source",
    }
    assert [item["name"] for item in listing] == [line.split()[0] for line in text]
    assert listing[-1]["name"] == "plural-forms"


def test_list_piped_into_a_reader_that_leaves_ends_quietly(sample: Path) -> None:
    """``check --list | head -1``: the reader has gone before the listing is written."""
    command = [sys.executable, "-m", "transflow", "-C", str(sample), "check", "--list"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before the command has written anything
        errors = process.stderr.read()
    assert (process.returncode, errors) == (0, b"")  # no "Error: Broken pipe"


def _check_json(root: Path, *args: str) -> str:
    """check in a process of its own, as a user runs it (caches as they are on disk)."""
    command = [sys.executable, "-m", "transflow", "-C", str(root), "check", "--format", "json"]
    return subprocess.run([*command, *args], capture_output=True, text=True, check=False).stdout


def test_the_same_report_for_any_number_of_workers(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "news", run, articles=40)
    assert run(root, "update").exit_code == 0
    assert run(root, "translate", "--engine", "pseudo").exit_code == 0  # drafts to check
    serial = check_formats.format_json(check_project(Project.open(root)))
    one = _check_json(root, "-j", "1")
    shutil.rmtree(root / ".transflow-cache")
    assert one == _check_json(root, "-j", "2") == serial
    assert json.loads(serial)["summary"]["catalogs"] == 80


def test_a_rerun_checks_only_what_changed(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    first = _check_json(sample)
    cache = sample / ".transflow-cache"
    (cache / "parsed.sqlite").unlink()
    assert _check_json(sample) == first
    assert not (cache / "parsed.sqlite").exists()  # no catalog was read again
    line = _set(sample, "Officials reject", "Officials <b>отрицают</b> обвинения.")
    assert f'"line": {line},\n      "check": "html"' in _check_json(sample)
    # The glossary is an input too: a rendering it no longer asks for is no longer a finding.
    glossary = sample / "glossary.csv"
    assert "'Kazakhstan' should be" not in _check_json(sample)
    _set(sample, "Activists in Kazakhstan", "Активисты в Казакстане выразили отвращение.")
    assert "'Kazakhstan' should be 'Казахстан'" in _check_json(sample)
    glossary.write_text(glossary.read_text("utf-8").replace("Kazakhstan,", "Qazaqstan,"), "utf-8")
    assert "'Kazakhstan' should be" not in _check_json(sample)


def test_a_broken_catalog_stops_check_with_no_half_report(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "news", run, articles=40)
    assert run(root, "update").exit_code == 0
    broken = root / "locales/ru/LC_MESSAGES/story-039.po"  # the last, after 79 good catalogs
    broken.write_text('msgid "x"\nmsgstr "y"\nmsgid "x"\n', "utf-8")
    command = [sys.executable, "-m", "transflow", "-C", str(root), "check", "--format", "json"]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "locales/ru/LC_MESSAGES/story-039.po:3: missing msgstr after this line" in done.stderr


def test_a_glossary_column_named_kk_kz_is_kazakh(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    glossary = sample / "glossary.csv"
    first, rest = glossary.read_text("utf-8").split("\n", 1)
    assert first.startswith("term,kk,ru,")
    glossary.write_text(first.replace(",kk,ru,", ",kk-KZ,ru-RU,") + "\n" + rest, "utf-8")
    result = run(sample, "check")
    assert result.exit_code == 0, result.output
    assert "[glossary]" not in result.output  # not "'Almaty' should stay 'Almaty'"
    assert result.output.splitlines()[-1].startswith("0 error(s), 0 warning(s)")


def test_an_unclosed_quote_in_the_glossary_names_its_line(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    glossary = sample / "glossary.csv"
    lines = glossary.read_text("utf-8").splitlines(keepends=True)
    lines[2] = lines[2].replace(",", ',"', 1)  # line 3 opens a quote that nothing closes
    glossary.write_text("".join(lines), "utf-8")
    result = run(sample, "check")
    assert result.exit_code == 1
    assert result.output.endswith(
        'glossary.csv:3: has a quoted cell that is never closed (a " is missing)\n'
    )
