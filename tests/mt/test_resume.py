"""A real ``transflow translate`` process, killed or interrupted mid-run, then run again."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.mt.helpers import configure, make_project, remote
from transflow.catalog.model import draft_source
from transflow.catalog.store import read_catalog
from transflow.mt.protect import protect, terms_for
from transflow.mt.testing import FakeServices
from transflow.mt.tm import import_tm
from transflow.mt.tmx import Unit, format_tmx
from transflow.project import Project
from transflow.qa.glossary import load_glossary

pytestmark = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs GNU gettext")

STORIES = {
    f"story{n}": "\n\n".join(f"Story {n} reports event number {i} today." for i in range(10)) + "\n"
    for n in range(4)
}
TEXTS = 2 * (6 + 40)  # per language: 6 distinct texts of the two base articles, 40 of the stories


def start(root: Path, services: FakeServices) -> subprocess.Popen[bytes]:
    configure(root, ["google"], google=remote(services, "google", concurrency=2))
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    return subprocess.Popen(
        [sys.executable, "-m", "transflow", "-C", str(root), "translate", "--engine", "google"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_requests(services: FakeServices, count: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while services.count() < count:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline
        time.sleep(0.02)


def cached_texts(root: Path) -> set[str]:
    with sqlite3.connect(root / ".transflow-cache" / "mt.sqlite3") as db:
        return {f"{row[0]}|{row[1]}" for row in db.execute("SELECT target, text FROM answers")}


def drafted(root: Path) -> int:
    count = 0
    for path in sorted((root / "locales").glob("*/LC_MESSAGES/*.po")):
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)
        count += sum(1 for e in read_catalog(path).entries if draft_source(e) == "google")
    return count


@pytest.fixture
def slow_services() -> FakeServices:
    with FakeServices(delay=0.1) as server:
        yield server  # type: ignore[misc]


def test_a_killed_run_loses_nothing_it_received(
    tmp_path: Path, slow_services: FakeServices
) -> None:
    root = make_project(tmp_path / "newsroom", STORIES)
    process = start(root, slow_services)
    wait_for_requests(slow_services, 30, process)
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    received = cached_texts(root)
    assert 20 <= len(received) < TEXTS
    drafted(root)  # every catalog still passes msgfmt -c

    slow_services.reset()
    slow_services.delay = 0
    process = start(root, slow_services)
    assert process.wait(30) == 0, process.communicate()
    again = {f"{s.target}|{s.text}" for s in slow_services.seen}
    assert not again & received  # nothing received before the kill is asked for again
    assert len(again) == TEXTS - len(received) == slow_services.count()
    assert drafted(root) == 2 * (8 + 40)  # every entry of every catalog


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_run_writes_what_it_received(
    tmp_path: Path, slow_services: FakeServices, sig: signal.Signals
) -> None:
    root = make_project(tmp_path / "newsroom", STORIES)
    process = start(root, slow_services)
    wait_for_requests(slow_services, 20, process)
    process.send_signal(sig)
    assert process.wait(10) == 130
    assert b"Interrupted" in process.communicate()[1]
    received = cached_texts(root)
    assert len(received) < TEXTS
    # The answers received are in the catalogs: the drafts were written on the way out. (The
    # signal may fall between caching one answer and queueing its draft: that one, at most two
    # entries, comes from the cache on the next run.)
    answered = answered_entries(root, received)
    assert answered - 2 <= drafted(root) <= answered
    assert answered > 0


def answered_entries(root: Path, received: set[str]) -> int:
    """How many catalog entries the texts in ``received`` are the answer for."""
    glossary = load_glossary(Project.open(root).settings)
    count = 0
    for path in (root / "locales").glob("*/LC_MESSAGES/*.po"):
        lang = path.parent.parent.name
        for entry in read_catalog(path).entries:
            sent = protect(entry.msgid, terms_for(glossary, entry.msgid, lang)).text
            count += f"{lang}|{sent}" in received
    return count


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(p) for p in (task / "children").read_text().split()}
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def memory_project(root: Path, tmp_path: Path) -> Path:
    """A memory of 5,000 sources (searched whole, the slowest way) and 3,000 texts to draft."""
    places = ("Almaly", "Medeu", "Auezov", "Turksib", "Zhetysu")
    stories = {
        f"district{a}": "\n\n".join(
            f"The council of {places[a % 5]} approved {a * 75 + i} new measures on transport "
            f"and housing for the coming season, officials said."
            for i in range(75)
        )
        + "\n"
        for a in range(40)
    }
    root = make_project(root, stories)
    units = [
        Unit(
            f"The council of {places[i % 5]} approved {i} new measures on transport and housing "
            f"for the next season, officials said.",
            f"Совет района {places[i % 5]} одобрил {i} новых мер по транспорту и жилью.",
            "ru",
        )
        for i in range(5000)
    ]
    (tmp_path / "memory.tmx").write_bytes(format_tmx(units, "en"))
    import_tm(Project.open(root), tmp_path / "memory.tmx")
    return root


# A terminal's Ctrl-C and a supervisor's stop both reach every process of the group.
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_while_the_memory_s_workers_search(tmp_path: Path, sig: signal.Signals) -> None:
    root = memory_project(tmp_path / "newsroom", tmp_path)
    whole = tmp_path / "whole"
    shutil.copytree(root, whole)

    def command(project: Path) -> list[str]:
        return [sys.executable, "-m", "transflow", "-C", str(project), "translate", "-l", "ru",
                "--engine", "memory"]  # fmt: skip

    process = subprocess.Popen(command(root), stderr=subprocess.PIPE, start_new_session=True)
    # Interrupt once the workers are searching: a fixed delay could land after the end.
    deadline = time.monotonic() + 60
    while len(workers := children(process.pid)) < 2:
        assert process.poll() is None, "translate ended before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    time.sleep(0.3)
    os.killpg(process.pid, sig)
    assert process.wait(30) == 130, process.communicate()
    assert b"Interrupted" in process.communicate()[1]
    assert not [pid for pid in workers if alive(pid)], "a worker outlived the run"
    paths = sorted((root / "locales" / "ru" / "LC_MESSAGES").glob("*.po"))
    for path in paths:
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, str(path)], check=True)
    assert not list(root.rglob("*.tmp"))

    if sig == signal.SIGTERM:
        return
    # The rerun drafts the rest: the catalogs end as those of one uninterrupted run.
    assert subprocess.run(command(root), capture_output=True).returncode == 0
    assert subprocess.run(command(whole), capture_output=True).returncode == 0
    for path in paths:
        assert path.read_bytes() == (whole / path.relative_to(root)).read_bytes(), path
    sources = [draft_source(e) or "" for p in paths for e in read_catalog(p).entries]
    assert sum(s.startswith("memory 9") for s in sources) > 2500
