"""Ctrl-C in the middle of a long run: exit 130, one message, every file whole."""

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


def test_ctrl_c_during_update_leaves_every_file_whole(tmp_path: Path, run) -> None:
    root = make_project(tmp_path / "news", run, articles=400)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "transflow", "-C", str(root), "update", "-j", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    # Interrupt once the first merged catalogs are being staged: the work is well under way and
    # hundreds of catalogs are still to come (a fixed delay lands after the end on a fast day).
    deadline = time.monotonic() + 60
    while not list((root / "locales").glob("*/LC_MESSAGES/.*.tmp")):
        assert process.poll() is None, "update ended before it could be interrupted"
        assert time.monotonic() < deadline, "update never started writing"
        time.sleep(0.002)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, (stdout, stderr)
    assert stderr.strip() == "Interrupted. Files already written are complete; rerun to go on."
    for path in (root / "locales").rglob("*.po*"):
        check = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], check=False)
        assert check.returncode == 0, path
    assert not list(root.rglob("*.tmp")), "a temporary file was left behind"
    # The rerun finishes the work.
    assert run(root, "update").exit_code == 0
    assert len(list((root / "locales" / "kk" / "LC_MESSAGES").glob("*.po"))) == 400
