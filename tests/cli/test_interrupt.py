"""Ctrl-C or a kill in the middle of a long run: exit 130, one message, every file whole."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_incremental import make_project

pytestmark = pytest.mark.gettext

# Ctrl-C in a terminal; `timeout` or a supervisor stopping the command; a cancelled CI job or a
# terminal closed, which signal the whole process group (the workers too).
WAYS = [
    pytest.param(signal.SIGINT, False, id="ctrl-c"),
    pytest.param(signal.SIGTERM, False, id="kill"),
    pytest.param(signal.SIGTERM, True, id="kill-group"),
]


INTERRUPTED = "Interrupted. Files already written are complete; rerun to go on."


def _interrupt(root: Path, command: str, written: str, sig: signal.Signals, group: bool) -> str:
    """Run ``command`` with two workers, signal it once it stages files under ``written``
    (the work is well under way and hundreds of files are still to come: a fixed delay lands
    after the end on a fast day), and return its stderr."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "transflow", "-C", str(root), command, "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=group,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not list(root.glob(written)):
        assert process.poll() is None, f"{command} ended before it could be interrupted"
        assert time.monotonic() < deadline, f"{command} never started writing"
        time.sleep(0.002)
    if group:
        os.killpg(process.pid, sig)
    else:
        process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, (stdout, stderr)
    return stderr


@pytest.mark.parametrize(("sig", "group"), WAYS)
def test_update_interrupted_leaves_every_file_whole(
    tmp_path: Path, run, sig: signal.Signals, group: bool
) -> None:
    root = make_project(tmp_path / "news", run, articles=400)
    stderr = _interrupt(root, "update", "locales/*/LC_MESSAGES/.*.tmp", sig, group)

    assert stderr.strip() == INTERRUPTED, stderr
    for path in (root / "locales").rglob("*.po*"):
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=False)
        assert check.returncode == 0, path
    assert not list(root.rglob("*.tmp")), "a temporary file was left behind"
    # The rerun finishes the work.
    assert run(root, "update").exit_code == 0
    assert len(list((root / "locales" / "kk" / "LC_MESSAGES").glob("*.po"))) == 400


@pytest.mark.parametrize(("sig", "group"), WAYS)
def test_build_interrupted_leaves_no_temporary_file(
    tmp_path: Path, run, sig: signal.Signals, group: bool
) -> None:
    root = make_project(tmp_path / "news", run, articles=400)
    assert run(root, "update").exit_code == 0
    stderr = _interrupt(root, "build", "build/*/.*.tmp", sig, group)

    assert stderr.strip() == INTERRUPTED, stderr
    assert not list(root.rglob("*.tmp")), "a temporary file was left behind"
    # The rerun builds every page, each whole.
    assert run(root, "build").exit_code == 0
    pages = sorted((root / "build" / "en").glob("*.html"))
    assert len(pages) == 400
    assert all(page.read_text(encoding="utf-8").rstrip().endswith("</html>") for page in pages)


def test_a_kill_just_after_the_command_is_done_exits_130_too(sample: Path) -> None:
    """A supervisor's SIGTERM that lands as a command finishes (its files written, its output
    printed) exits as one during the command does, not with the signal's own 143."""
    script = (
        "import os, signal, sys\n"
        f"sys.argv = ['transflow', '-C', {str(sample)!r}, 'status']\n"
        "from transflow.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "os.kill(os.getpid(), signal.SIGTERM)\n"
        "signal.pause()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 130, done.stderr
    assert "(all articles)" in done.stdout  # the report was printed whole
