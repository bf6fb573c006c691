"""The worker pool under Ctrl-C and kills: it ends promptly, reports once, and never hangs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

# A real pool of two workers over 64 items, in a process of its own (its own process group, as a
# command in a terminal). ``ON_FORK`` runs in each worker the moment it is forked, before the
# worker is ready: where Ctrl-C, sent to the whole group, lands when it comes while the pool
# starts up.
_POOL = """
import os, signal, sys, time
from transflow.errors import TransflowError
from transflow.parallel import map_items

def square(n):
    if n == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGKILL)  # out of memory, or a kill by hand
    if n >= int(sys.argv[3]):  # Ctrl-C, again and again, while the parent stops the pool
        os.kill(os.getppid(), signal.SIGINT)
        time.sleep(0.01)
    if n >= int(sys.argv[4]):  # the command killed outright, its workers busy
        print(os.getpid(), flush=True)
        os.kill(os.getppid(), signal.SIGKILL)
        time.sleep(0.5)
    return n * n

ON_FORK = {
    "none": None,
    "worker": lambda: os.kill(os.getpid(), signal.SIGINT),
    "group": lambda: (os.kill(os.getpid(), signal.SIGINT), os.kill(os.getppid(), signal.SIGINT)),
}[sys.argv[1]]
if ON_FORK is not None:
    os.register_at_fork(after_in_child=ON_FORK)
try:
    print(sum(map_items(square, range(64), jobs=2)))
except KeyboardInterrupt:
    print("interrupted")
except TransflowError as exc:
    print(exc)
"""


def _pool(
    on_fork: str, killed: int = -1, interrupted: int = 64, parent_killed: int = 64
) -> tuple[str, str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", _POOL, on_fork, str(killed), str(interrupted), str(parent_killed)],
        capture_output=True, text=True, env=env, timeout=60, start_new_session=True,
    )  # fmt: skip
    assert done.returncode == (-signal.SIGKILL if parent_killed < 64 else 0), done.stderr
    return done.stdout.strip(), done.stderr


def test_the_pool_gives_every_result_in_order() -> None:
    assert _pool("none") == (str(sum(n * n for n in range(64))), "")


def test_ctrl_c_reaching_a_worker_as_it_starts_is_left_to_the_parent() -> None:
    """The worker neither dies with a traceback nor breaks the pool: the parent had no Ctrl-C,
    so the work goes on to the end."""
    assert _pool("worker") == (str(sum(n * n for n in range(64))), "")


def test_ctrl_c_while_the_pool_starts_stops_it_once() -> None:
    """Ctrl-C reaches the parent and each new worker: the parent stops the pool and reports;
    no worker prints a traceback, and nothing waits for ever."""
    assert _pool("group") == ("interrupted", "")


@pytest.mark.parametrize("killed", [0, 40])  # the first chunk, or one well into the run
def test_a_worker_killed_from_outside_is_a_clear_error(killed: int) -> None:
    """The other worker is stopped too, and the run ends with one sentence (it used to wait for
    ever on a worker that ignored the pool's stop)."""
    stdout, stderr = _pool("none", killed)
    assert stdout.startswith("a worker process was stopped from outside (out of memory, or killed)")
    assert stderr == ""


@pytest.mark.parametrize("interrupted", [0, 30])
def test_ctrl_c_again_while_the_pool_stops_does_not_leave_it_half_stopped(interrupted: int) -> None:
    """An impatient editor presses Ctrl-C again and again (and ``timeout`` sends it twice): the
    pool still stops whole, and the command ends (it used to wait for ever on its workers)."""
    assert _pool("none", interrupted=interrupted) == ("interrupted", "")


def test_workers_end_with_a_command_killed_outright() -> None:
    """``kill -9`` of the command leaves no worker behind, waiting for ever for work."""
    stdout, _ = _pool("none", parent_killed=20)
    workers = {int(pid) for pid in stdout.split()}
    assert workers
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers):
        assert time.monotonic() < deadline, f"workers left running: {workers}"
        time.sleep(0.05)


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a dead process not yet reaped, a zombie, does not)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return status.rpartition(")")[2].split()[0] != "Z"
