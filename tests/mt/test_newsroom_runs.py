"""``transflow translate`` as a newsroom runs it: engines failing in turns, reruns with
``--overwrite-fuzzy``, a refused key, a translator saving meanwhile, an interrupted run that is
behind with its drafts. What is checked is what a user sees: the summary, the exit code, the
catalogs, and what is sent again."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.mt.helpers import configure, entries, make_project, remote
from transflow.catalog.model import draft_source
from transflow.catalog.store import read_catalog, write_catalog
from transflow.mt.testing import FakeServices

MAYOR = "The mayor promised repairs."
OFFICIALS = "Officials said the {0} system *failed* again."  # as sent: the code span protected


def catalog_path(root: Path, lang: str, slug: str) -> Path:
    return root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"


def test_an_entry_failing_at_two_engines_is_counted_once(
    run,  # type: ignore[no-untyped-def]
    project: Path,
    services: FakeServices,
) -> None:
    # Three attempts per engine (retries = 2): the mayor fails at google and at mymemory, the
    # officials at google only, and mymemory drafts them.
    services.plan(MAYOR, *["500"] * 6)
    services.plan(OFFICIALS, *["500"] * 3)
    configure(project, ["google", "mymemory"], google=remote(services, "google"),
              mymemory=remote(services, "mymemory"))  # fmt: skip
    result = run(project, "translate", "-l", "kk")
    assert result.exit_code == 1
    assert "1 of 8 entries still without a draft" in result.output
    assert "1 entry got no draft (1 because requests failed); rerun to retry them" in (
        result.output
    )
    assert draft_source(
        entries(project, "kk", "first")[OFFICIALS.replace("{0}", "`drainage`")]
    ) == ("mymemory")


def test_overwrite_fuzzy_counts_the_drafts_that_change_an_entry(
    run,  # type: ignore[no-untyped-def]
    project: Path,
    services: FakeServices,
) -> None:
    configure(project, ["google"], google=remote(services, "google"))
    assert run(project, "translate", "-l", "kk").exit_code == 0
    path = catalog_path(project, "kk", "second")
    catalog = read_catalog(path)
    mayor = next(e for e in catalog.entries if e.msgid == MAYOR)
    mayor.msgstr = "typed by a translator, still fuzzy"
    write_catalog(path, catalog)

    dry = run(project, "translate", "-l", "kk", "--overwrite-fuzzy", "--dry-run")
    assert "would add 1 drafts to locales/kk/LC_MESSAGES/second.po" in dry.output
    assert "first.po" not in dry.output
    assert "7 of these drafts are in their entries already" in dry.output
    again = run(project, "translate", "-l", "kk", "--overwrite-fuzzy")
    assert again.exit_code == 0, again.output
    assert "wrote 1 drafts to locales/kk/LC_MESSAGES/second.po" in again.output
    assert "1 catalog(s) already held these drafts" in again.output  # first.po
    assert "7 of these drafts were in their entries already" in again.output
    assert entries(project, "kk", "second")[MAYOR].msgstr == f"KK {MAYOR}"
    assert services.count() == 6  # the first run's texts; the rerun took them from the cache


def test_a_refused_key_leaves_the_earlier_drafts_and_says_so(
    run,  # type: ignore[no-untyped-def]
    project: Path,
    services: FakeServices,
) -> None:
    configure(project, ["deepl"], deepl=remote(services, "deepl"))
    assert (
        run(project, "translate", "-l", "ru", env={"DEEPL_API_KEY": "test-key:fx"}).exit_code == 0
    )
    before = {p: p.read_bytes() for p in (project / "locales" / "ru").rglob("*.po")}
    args = ("translate", "-l", "ru", "--overwrite-fuzzy", "--refresh")
    result = run(project, *args, env={"DEEPL_API_KEY": "wrong"})
    assert result.exit_code == 1
    assert "8 of 8 entries got no new draft (8 keep the fuzzy text they had)" in result.output
    assert "8 entries got no new draft (8 because requests failed)" in result.output
    assert {p: p.read_bytes() for p in before} == before


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")
def test_entries_a_translator_fills_during_a_run_are_kept_and_counted(
    tmp_path: Path,
) -> None:
    root = make_project(tmp_path / "newsroom")
    with FakeServices(delay=0.3) as services:
        configure(root, ["google"], google=remote(services, "google", concurrency=1))
        process = start(root, "-l", "kk")
        wait_for(lambda: services.count() >= 1, process)
        path = catalog_path(root, "kk", "second")
        catalog = read_catalog(path)
        for entry in catalog.entries:
            if entry.msgid == MAYOR:  # sent last of the six texts
                entry.msgstr = "Әкім жөндеуге уәде берді."
        write_catalog(path, catalog)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert b"1 entry filled or changed by someone while translate ran: left as they are" in out
    mayor = entries(root, "kk", "second")[MAYOR]
    assert mayor.msgstr == "Әкім жөндеуге уәде берді." and not mayor.fuzzy
    subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)


# Enough texts that the drafting loop (restoring markup, writing catalogs) falls behind the
# workers: the answers waiting for it must be in the cache when the run is interrupted.
BUSY = {
    f"desk{n}": "\n\n".join(
        f"Desk {n} item {i} quotes [the report](https://example.org/{n}/{i}) on `floods`."
        for i in range(40)
    )
    + "\n"
    for n in range(30)
}


def test_an_interrupted_run_keeps_every_answer_it_received(tmp_path: Path) -> None:
    root = make_project(tmp_path / "newsroom", BUSY)
    with FakeServices() as services:
        configure(root, ["google"], google=remote(services, "google", concurrency=8))
        process = start(root, "-l", "kk")
        wait_for(lambda: services.count() >= 500, process)
        process.send_signal(signal.SIGINT)
        assert process.wait(20) == 130
        process.communicate()
        sent = {s.text for s in services.seen}
        received = cached_texts(root)
        # At most the requests in flight when Ctrl-C came were sent and not answered.
        assert len(sent - received) <= 8
        services.reset()
        process = start(root, "-l", "kk")
        assert process.wait(60) == 0, process.communicate()
        assert not {s.text for s in services.seen} & received  # none is asked for again


def start(root: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    command = [sys.executable, "-m", "transflow", "-C", str(root), "translate", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_for(done: Callable[[], bool], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while not done():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.01)


def cached_texts(root: Path) -> set[str]:
    with sqlite3.connect(root / ".transflow-cache" / "mt.sqlite3") as db:
        return {row[0] for row in db.execute("SELECT text FROM answers")}
