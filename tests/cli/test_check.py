"""transflow check: findings with file and line, text and JSON, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE_SLUG
from transflow.catalog.store import read_catalog, write_catalog

RU = f"locales/ru/LC_MESSAGES/{SAMPLE_SLUG}.po"


def _set(root: Path, prefix: str, msgstr: str) -> int:
    path = root / RU
    catalog = read_catalog(path)
    next(e for e in catalog.entries if e.msgid.startswith(prefix)).msgstr = msgstr
    write_catalog(path, catalog)
    return next(e.lineno for e in read_catalog(path).entries if e.msgid.startswith(prefix))


def test_sample_has_no_errors(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    result = run(sample, "check")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("0 error(s)")


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
    assert len(listing) == 11
    # Each check with its title, in columns (compiled, the code keeps no docstrings to read).
    assert listing[0].split(maxsplit=2) == [
        "links",
        "error",
        "Link targets, image sources, URLs and e-mail addresses kept as in the source",
    ]
    assert listing[9].split(maxsplit=2)[:2] == ["control-characters", "error"]
    assert len({line.index(line.split()[1]) for line in listing}) == 1
    help_text = run(sample, "check", "--help").output
    assert "Example:" in help_text and "--format [text|json]" in help_text
