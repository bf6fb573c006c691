"""transflow status: formats, -o, --fail-under, language selection."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import SAMPLE_SLUG
from tests.report.sample import make_partial


def test_table_by_default(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    result = run(sample, "status")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["article", "lang", "translated", "machine"]
    assert lines[2].split()[:8] == [SAMPLE_SLUG, "ru", "10", "7", "4", "7", "1", "180/518"]


def test_json_records(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    result = run(sample, "status", "--format", "json", "-l", "ru")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert [c["language"] for c in data["catalogs"]] == ["ru"]
    record = data["catalogs"][0]
    assert record["path"] == f"locales/ru/LC_MESSAGES/{SAMPLE_SLUG}.po"
    assert (record["translated"], record["machine"], record["fuzzy"]) == (10, 7, 4)
    assert (record["untranslated"], record["obsolete"], record["percent"]) == (7, 1, 35.7)
    assert list(data["languages"]) == ["ru"]
    assert data["project"] == "transflow sample newsroom"


def test_markdown_and_html_to_a_file(sample: Path, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    md = run(sample, "status", "--format", "markdown")
    assert md.exit_code == 0 and md.output.startswith("## Translation coverage")
    target = tmp_path / "out" / "coverage.html"
    result = run(sample, "status", "--format", "html", "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_fail_under(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    make_partial(sample)
    assert run(sample, "status", "--fail-under", "30").exit_code == 0
    result = run(sample, "status", "--fail-under", "80")
    assert result.exit_code == 1
    assert "ru: 35.7% translated, under 80%" in result.stderr
    assert "kk:" not in result.stderr
    assert run(sample, "status", "-l", "kk", "--fail-under", "100").exit_code == 0


def test_bad_options(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(sample, "status", "--format", "pdf").exit_code == 2
    assert run(sample, "status", "--fail-under", "120").exit_code == 2
    result = run(sample, "status", "-l", "de")
    assert result.exit_code == 1 and "not a target language" in result.output


def test_missing_catalog_counts_as_untranslated(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    (sample / "locales" / "ru" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    data = json.loads(run(sample, "status", "--format", "json").output)
    assert data["languages"]["ru"]["translated"] == 0
    assert data["languages"]["ru"]["untranslated"] == 28
