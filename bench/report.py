"""Turn measurements into the Markdown tables that ``run.py`` prints and writes to RESULTS.md."""

from __future__ import annotations

import platform
import re
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sequences import Measurement

STAGES = (
    "extract", "re-extract (revision)", "update", "translate", "build", "status",
    "check", "check (nothing changed)", "no-op rerun", "one article edited",
)  # fmt: skip
PER_LANGUAGE = frozenset({"update", "translate", "build", "status", "check"})
PIPELINE = ("extract", "update", "translate", "build", "status")
# The issue's "whole pipeline": what the peers' chain also does (no machine translation).
WHOLE = ("extract", "update", "build", "status")
PEER_CHAIN = ("extract", "update", "build", "status")


@dataclass(frozen=True)
class Row:
    size: int
    stage: str
    tool: str
    wall: float  # median over repeats
    peak_kb: int  # largest over repeats
    cpu: float  # median
    runs: int
    failures: int  # largest over repeats
    repeats: int
    error: str
    cpu_kernel: float = 0.0  # median; the part of ``cpu`` spent in the kernel

    @property
    def is_transflow(self) -> bool:
        return self.tool == "transflow"


def aggregate(records: list[tuple[int, str, str, Measurement]]) -> list[Row]:
    grouped: dict[tuple[int, str, str], list[Measurement]] = {}
    for size, stage, tool, m in records:
        grouped.setdefault((size, stage, tool), []).append(m)
    rows = []
    for (size, stage, tool), ms in grouped.items():
        errors = [m.error for m in ms if m.error]
        wall, cpu = statistics.median(m.wall for m in ms), statistics.median(m.cpu for m in ms)
        peak, failures = max(m.peak_kb for m in ms), max(m.failures for m in ms)
        error = errors[0] if errors else ""
        kernel = statistics.median(m.cpu_kernel for m in ms)
        rows.append(
            Row(size, stage, tool, wall, peak, cpu, ms[0].runs, failures, len(ms), error, kernel)
        )
    order = {stage: i for i, stage in enumerate(STAGES)}
    return sorted(rows, key=lambda r: (r.size, order.get(r.stage, 99), not r.is_transflow, r.wall))


def _seconds(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.2f}" if value < 100 else f"{value:.0f}"


def stage_table(rows: list[Row], size: int, units: int, langs: int) -> list[str]:
    lines = [
        "| stage | tool | wall s (median) | peak MB | CPU s / wall s | segments/s | failed runs "
        "| transflow faster by |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    ours = {r.stage: r for r in rows if r.size == size and r.is_transflow}
    for r in (r for r in rows if r.size == size):
        segments = units * (langs if r.stage in PER_LANGUAGE else 1)
        measured = r.stage in PIPELINE and r.wall > 0 and not r.failures
        rate = f"{segments / r.wall:,.0f}" if measured else "—"
        failed = f"{r.failures} of {r.runs}" if r.failures else "0"
        mine = ours.get(r.stage)
        if r.is_transflow:
            ratio = "—"
        elif mine is None or mine.failures:
            ratio = "n/a"
        elif r.failures:
            timed_out = r.error.startswith("timed out")
            ratio = f"> {r.wall / mine.wall:.1f}× (timed out)" if timed_out else "failed"
        else:
            ratio = f"{r.wall / mine.wall:.1f}×"
        tool = f"**{r.tool}**" if r.is_transflow else r.tool
        lines.append(
            f"| {r.stage} | {tool} | {_seconds(r.wall)} | {r.peak_kb / 1024:.0f} "
            f"| {r.cpu / r.wall if r.wall else 0:.2f} | {rate} | {failed} | {ratio} |"
        )
    return lines


def _chain_candidates(rows: list[Row], size: int, stage: str) -> list[Row]:
    return [
        r for r in rows
        if r.size == size and r.stage == stage and not r.is_transflow
        and "re-extract" not in r.tool and r.failures == 0
    ]  # fmt: skip


def pipeline(rows: list[Row], size: int) -> tuple[float | None, float | None, str]:
    """(transflow's total, the fastest peer chain's total, how the chain is made up)."""
    ours = {r.stage: r.wall for r in rows if r.size == size and r.is_transflow and not r.failures}
    total = sum(ours[s] for s in WHOLE) if all(s in ours for s in WHOLE) else None
    parts = []
    for stage in PEER_CHAIN:
        candidates = _chain_candidates(rows, size, stage)
        if not candidates:
            return total, None, ""
        parts.append(min(candidates, key=lambda r: r.wall))
    chain = sum(r.wall for r in parts)
    return total, chain, " + ".join(f"{r.tool} {_seconds(r.wall)}" for r in parts)


def machine() -> list[str]:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = Path("/proc/meminfo").read_text().split("\n", 1)[0].split()[1]
    os_name = "Linux"
    release = Path("/etc/os-release")
    if release.exists():
        found = re.search(r'^PRETTY_NAME="?([^"\n]*)', release.read_text(), re.M)
        os_name = found.group(1) if found else os_name
    return [
        f"- CPU: {cpu}, {_run(['nproc'])} cores",
        f"- Memory: {int(mem) / 1024**2:.1f} GiB",
        f"- OS: {os_name}, kernel {platform.release()}",
        f"- Python: {platform.python_version()}",
    ]


def tool_versions(peer_python: Path, transflow: tuple[str, ...] | None) -> list[str]:
    code = (
        "import importlib.metadata as m\n"
        "for n in ('translate-toolkit', 'mdpo', 'babel', 'rapidfuzz'):\n"
        "    try: print(n, m.version(n))\n"
        "    except m.PackageNotFoundError: print(n, 'missing')\n"
    )
    lines = [
        f"- transflow: {_run([*transflow, '--version']) if transflow else 'CLI not available'}"
    ]
    lines.append(f"- GNU gettext: {_run(['msgmerge', '--version']).splitlines()[0]}")
    lines.append(f"- po4a: {_run(['po4a', '--version']).splitlines()[0]}")
    venv = _run([str(peer_python), "-c", code]) if peer_python.exists() else ""
    lines += [f"- {line}" for line in venv.splitlines()]
    return lines


def _run(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, check=False)
    except OSError:
        return "missing"
    return (done.stdout or done.stderr).strip() or "?"
