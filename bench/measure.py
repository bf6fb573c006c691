"""Run one benchmark step in a fresh process and report its cost as JSON.

    python bench/measure.py SPEC.json RESULT.json

SPEC holds ``{"commands": [{"argv": [...], "cwd": "...", "stdout": "path" | null}, ...],
"sample": bool, "timeout": seconds}``. The commands run one after another (a per-article loop
is one step). RESULT gets: ``wall`` seconds from the first start to the last end, ``peak_kb``
(the largest resident set of any process the step ran, from getrusage, and with ``sample`` also
the largest sum over the process tree at one moment, read from /proc every 20 ms, for tools that
fork workers), ``cpu`` seconds (user + system of all children), ``runs``, ``failures``, the tail
of the first failure's stderr, and ``load``, the 1-minute load average (the larger of start and
end: other work on the machine shows here). A step still running at its timeout is killed and
its unfinished commands count as failures. Its own process keeps getrusage's peak to this step.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any


def _rss_kb(pid: int) -> int:
    try:
        statm = Path(f"/proc/{pid}/statm").read_bytes()
        return int(statm.split()[1]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
    except (OSError, IndexError, ValueError):
        return 0


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        name = entry.name
        if not name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_bytes()
        except OSError:
            continue
        # The command name may hold spaces or parentheses: fields start after the last ')'.
        fields = stat[stat.rfind(b")") + 2 :].split()
        parents[int(name)] = int(fields[1])
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found: list[int] = []
    frontier = [root]
    while frontier:
        below = children.get(frontier.pop(), [])
        found += below
        frontier += below
    return found


class TreeSampler(threading.Thread):
    """Samples the summed resident memory of this process's descendants."""

    def __init__(self, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_kb = 0
        self._done = threading.Event()

    def run(self) -> None:
        me = os.getpid()
        while not self._done.wait(self.interval):
            total = sum(_rss_kb(pid) for pid in _descendants(me))
            self.peak_kb = max(self.peak_kb, total)

    def stop(self) -> None:
        self._done.set()
        self.join()


def load_average() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def run_one(command: dict[str, Any], errors: IO[bytes], timeout: float) -> int | None:
    """Run one command; None when it is still running at the timeout (it is then killed)."""
    stdout_path = command.get("stdout")
    with Path(str(stdout_path) if stdout_path else os.devnull).open("wb") as out:
        process = subprocess.Popen(
            [str(a) for a in command["argv"]],
            cwd=str(command.get("cwd") or "."),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=errors,
            start_new_session=True,  # so a timeout can end the tool's own children too
        )
        try:
            return process.wait(timeout=max(timeout, 0.001))
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return None


def run_commands(commands: list[dict[str, Any]], sample: bool, timeout: float) -> dict[str, Any]:
    sampler = TreeSampler() if sample else None
    failures = 0
    first_error = ""
    load = load_average()
    with tempfile.TemporaryFile() as errors:
        if sampler:
            sampler.start()
        start = time.perf_counter()
        for done, command in enumerate(commands):
            errors.seek(0)
            errors.truncate()
            code = run_one(command, errors, start + timeout - time.perf_counter())
            if code is None:
                failures += len(commands) - done
                first_error = first_error or f"timed out after {timeout:.0f} s"
                break
            if code not in command.get("ok", [0]):
                failures += 1
                if not first_error:
                    errors.seek(0)
                    tail = errors.read().decode("utf-8", "replace").strip()[-600:]
                    first_error = f"exit {code}: {' '.join(map(str, command['argv']))}\n{tail}"
        wall = time.perf_counter() - start
        if sampler:
            sampler.stop()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = max(usage.ru_maxrss, sampler.peak_kb if sampler else 0)
    return {
        "wall": wall,
        "peak_kb": peak,
        "cpu": usage.ru_utime + usage.ru_stime,
        "cpu_kernel": usage.ru_stime,  # of that, in the kernel (creating files, say)
        "runs": len(commands),
        "failures": failures,
        "error": first_error,
        "load": max(load, load_average()),
    }


def main() -> int:
    spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    timeout = float(spec.get("timeout") or 1e9)
    result = run_commands(spec["commands"], bool(spec.get("sample")), timeout)
    Path(sys.argv[2]).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
