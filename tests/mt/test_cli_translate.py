"""``transflow translate`` through the CLI: output, exit codes, and the offline pipeline."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.mt.helpers import configure, entries, remote
from transflow.catalog.model import draft_source
from transflow.catalog.store import read_catalog, write_catalog
from transflow.mt.pseudo import CLOSE, OPEN
from transflow.mt.testing import FakeServices

SLUG = "kazakhstans-longest-serving-political-prisoner-dies"


def blank_every_other_entry(root: Path, lang: str) -> list[str]:
    path = root / "locales" / lang / "LC_MESSAGES" / f"{SLUG}.po"
    catalog = read_catalog(path)
    blanked = []
    for i, entry in enumerate(catalog.entries):
        if i % 2 == 0:
            entry.msgstr = ""
            blanked.append(entry.msgid)
    write_catalog(path, catalog)
    return blanked


def test_help_has_an_example(run, tmp_path: Path) -> None:
    for command in (["translate"], ["tm"], ["tm", "export"], ["tm", "import"]):
        result = run(tmp_path, *command, "--help")
        assert result.exit_code == 0 and "Example" in result.output


def test_pseudo_drafts_then_build_works_offline(run, sample: Path) -> None:
    blanked = blank_every_other_entry(sample, "kk")
    result = run(sample, "translate", "-l", "kk", "--engine", "pseudo")
    assert result.exit_code == 0, result.output
    assert f"pseudo: drafted {len(blanked)}" in result.output
    assert f"wrote {len(blanked)} drafts to locales/kk/LC_MESSAGES/{SLUG}.po" in result.output
    drafts = entries(sample, "kk", SLUG)
    for msgid in blanked:
        entry = drafts[msgid]
        assert entry.fuzzy and draft_source(entry) == "pseudo"
        assert entry.msgstr.startswith(OPEN) and entry.msgstr.endswith(CLOSE)
    if shutil.which("msgfmt"):
        path = sample / "locales" / "kk" / "LC_MESSAGES" / f"{SLUG}.po"
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=True)
    built = run(sample, "build", "-l", "kk", "--format", "md")
    assert built.exit_code == 0, built.output
    status = run(sample, "status", "-l", "kk")
    assert status.exit_code == 0


def test_summary_and_rerun(run, project: Path, services: FakeServices) -> None:
    configure(project, ["google"], google=remote(services, "google"))
    first = run(project, "translate")
    assert first.exit_code == 0, first.output
    assert "google: 12 texts: 12 sent (12 requests), 0 from cache, drafted 16" in first.output
    assert "wrote 4 drafts to locales/kk/LC_MESSAGES/first.po" in first.output
    again = run(project, "translate", "--overwrite-fuzzy")
    assert "google: 12 texts: 0 sent (0 requests), 12 from cache, drafted 16" in again.output
    assert services.count() == 12
    assert "Nothing to draft" in run(project, "translate").output


def test_dry_run_lists_what_would_be_sent(run, project: Path, services: FakeServices) -> None:
    configure(project, ["memory", "google"], google=remote(services, "google"))
    result = run(project, "translate", "--dry-run", "-l", "kk", "--article", "second")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Dry run: nothing is sent or written.\n")
    assert "google would send 4 texts:\n" in result.output
    assert "  [kk] Heavy rain flooded [several streets{0} in {1} on Monday.\n" in result.output
    assert "  [kk] The mayor promised repairs.\n" in result.output
    assert services.count() == 0


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["--engine", "deepl"], {}, "deepl needs an API key in the environment variable "
         "DEEPL_API_KEY"),
        (["--engine", "deepl"], {"DEEPL_API_KEY": "k"}, "deepl does not translate into "
         "Kazakh (kk)"),
        (["-l", "de"], {}, "'de' is not a target language"),
    ],
)  # fmt: skip
def test_errors_before_any_request(
    run, project: Path, services: FakeServices, args: list[str], env: dict[str, str], message: str
) -> None:
    configure(project, ["google"], google=remote(services, "google"),
              deepl=remote(services, "deepl"))  # fmt: skip
    result = run(project, "translate", *args, env=env)
    assert result.exit_code == 1
    assert message in result.output
    assert services.count() == 0


def test_a_mistyped_engine_is_a_usage_error(run, project: Path, services: FakeServices) -> None:
    configure(project, ["google"], google=remote(services, "google"))
    result = run(project, "translate", "--engine", "memory,gogle")
    assert result.exit_code == 2  # as click's own choices: a slip on the command line
    assert result.output.startswith("Usage: ") and "translate [OPTIONS]" in result.output
    assert "'gogle' is not one of memory, pseudo, google, mymemory, libre, deepl, microsoft; " \
        "did you mean google?" in result.output  # fmt: skip
    assert services.count() == 0


def test_failed_requests_exit_non_zero_and_keys_stay_secret(
    run, project: Path, services: FakeServices
) -> None:
    configure(project, ["deepl"], deepl=remote(services, "deepl"))
    result = run(project, "translate", "-l", "ru", env={"DEEPL_API_KEY": "super-secret-key"})
    assert result.exit_code == 1
    assert "stopped: the server refused the API key (HTTP 403)" in result.output
    assert "8 entries got no draft (8 because requests failed); rerun to retry them" in (
        result.output
    )
    assert "super-secret-key" not in result.output
    for path in project.rglob("*"):
        if path.is_file():
            assert b"super-secret-key" not in path.read_bytes(), path


def test_deepl_with_the_right_key(run, project: Path, services: FakeServices) -> None:
    configure(project, ["deepl"], deepl=remote(services, "deepl", api_key_env="NEWSROOM_DEEPL"))
    result = run(project, "translate", "-l", "ru", env={"NEWSROOM_DEEPL": "test-key:fx"})
    assert result.exit_code == 0, result.output
    assert draft_source(entries(project, "ru", "second")["The mayor promised repairs."]) == "deepl"


def test_a_segment_of_glossary_terms_only_is_credited_to_the_glossary(
    run,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    services: FakeServices,
) -> None:
    from tests.mt.helpers import make_project

    root = make_project(tmp_path / "newsroom", {"city": "# Almaty\n\nThe city grows.\n"})
    configure(root, ["google"], google=remote(services, "google"))
    assert run(root, "translate", "-l", "kk", "--article", "city").exit_code == 0
    drafts = entries(root, "kk", "city")
    assert drafts["Almaty"].msgstr == "Алматы" and drafts["Almaty"].fuzzy
    assert draft_source(drafts["Almaty"]) == "glossary"  # nothing was sent for it
    assert draft_source(drafts["The city grows."]) == "google"
    assert [seen.text for seen in services.seen] == ["The city grows."]


def test_refresh_asks_again_for_an_answer_that_lost_its_markup(
    run,  # type: ignore[no-untyped-def]
    project: Path,
    services: FakeServices,
) -> None:
    heavy = "Heavy rain flooded [several streets{0} in {1} on Monday."
    services.plan(heavy, "drop")  # its answer loses the link target: discarded, and cached
    configure(project, ["google"], google=remote(services, "google"))
    args = ("translate", "-l", "kk", "--article", "second")
    first = run(project, *args)
    assert "1 discarded (markup lost, a control character added, or not a translation)" in (
        first.output
    )
    again = run(project, *args)  # the same answer, from the cache: nothing sent
    assert "google: 1 texts: 0 sent (0 requests), 1 from cache, drafted 0, 1 discarded" in (
        again.output
    )
    assert "  1 discarded answer came from the cache: --refresh asks google again" in again.output
    assert services.texts()[heavy] == 1

    refreshed = run(project, *args, "--refresh")  # the service answers well this time
    assert refreshed.exit_code == 0, refreshed.output
    assert "google: 1 texts: 1 sent (1 requests), 0 from cache, drafted 1" in refreshed.output
    assert "--refresh" not in refreshed.output
    assert services.texts()[heavy] == 2
    heavy_entry = next(e for e in entries(project, "kk", "second").values() if "flooded" in e.msgid)
    assert draft_source(heavy_entry) == "google" and "](" in heavy_entry.msgstr
    assert "Nothing to draft" in run(project, *args).output
