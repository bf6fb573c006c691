"""Benchmark transflow against GNU gettext, po4a, translate-toolkit, mdpo and Babel.

    bash bench/install_peers.sh                      # once: the peers
    python bench/run.py --peers --write-results      # N=100 and N=1,000, 3 repeats

For each size it generates the corpus (bench/corpus.py), runs every transflow stage and each
peer's equivalent stage in fresh processes (bench/measure.py), and prints one Markdown table per
size, the whole-pipeline comparison, the targets, and how ``transflow update`` and
``msgmerge --previous`` differ on the same catalogs. Scratch goes to bench/.work/run/.

Scratch folders are never deleted between measured steps, only set aside and deleted once every
step is measured: on ext4 without a journal (this machine's), each new file costs more for every
inode freed in the minutes before, so deleting a round's 20,000 files just before the next round
would charge the next tool for the benchmark's own cleanup.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import compare
import results
import sequences as seq
from corpus import write_corpus

BENCH = Path(__file__).resolve().parent
PEER_PYTHON = BENCH / ".work" / "peers-venv" / "bin" / "python"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add = parser.add_argument
    add("--sizes", default="100,1000", help="corpus sizes in articles (100,1000)")
    add("--peer-sizes", help="sizes at which peers run (default: the sizes up to 1,000)")
    add(
        "--repeat",
        type=int,
        default=3,
        help="runs per transflow step up to N=1,000 (once above); the median counts (3)",
    )
    add(
        "--peer-repeat",
        type=int,
        help="runs per peer step (default: --repeat up to N=100, then 1: the slow peers take "
        "minutes per run at N=1,000)",
    )
    add("--step-timeout", type=float, default=900, help="seconds before a step is killed (900)")
    add("--peers", action="store_true", help="also run the peers (bench/install_peers.sh)")
    add("--only", help="comma-separated peers to run: " + ",".join(seq.PEERS))
    add(
        "--large-peers",
        help="the peers to run at sizes above 100 (default: all; mdpo and Babel start a process "
        "per article and take many minutes at N=1,000)",
    )
    add("--no-transflow", action="store_true", help="run only the peers")
    add("--seed", type=int, default=1)
    add("--work", type=Path, default=BENCH / ".work" / "run", help="scratch folder")
    add("--write-results", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.peer_sizes = (
        [int(s) for s in args.peer_sizes.split(",")]
        if args.peer_sizes
        else [s for s in args.sizes if s <= 1000]
    )
    args.work = args.work.resolve()
    return args


def find_transflow() -> tuple[str, ...] | None:
    """The argv that runs the transflow CLI, or None while it cannot run yet."""
    exe = shutil.which("transflow")
    for argv in ((exe,) if exe else (), (sys.executable, "-m", "transflow")):
        if not argv:
            continue
        done = subprocess.run([*argv, "--help"], capture_output=True, text=True, check=False)
        if done.returncode == 0 and "extract" in done.stdout:
            return tuple(argv)
    return None


# What makes the transflow that is measured: commits elsewhere (bench/, tests/) do not change it.
_SOURCE = ("src", "pyproject.toml", "setup.py")


def source_revision() -> str:
    """The last commit that changed transflow's source (see _SOURCE), with a digest of the
    uncommitted changes to it."""
    repo = BENCH.parent
    head = subprocess.run(
        ["git", "-C", str(repo), "log", "-1", "--format=%h", "HEAD", "--", *_SOURCE],
        capture_output=True,
        text=True,
    ).stdout.strip()
    diff = subprocess.run(
        ["git", "-C", str(repo), "diff", "HEAD", "--", *_SOURCE], capture_output=True
    ).stdout
    return f"{head or 'unknown'}{'+' + hashlib.sha1(diff).hexdigest()[:8] if diff else ''}"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Runner:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.transflow = None if args.no_transflow else find_transflow()
        self.records: list[tuple[int, str, str, seq.Measurement]] = []
        self.facts: dict[int, dict[str, object]] = {}
        self.notes: list[str] = []
        self.units: dict[int, int] = {}
        self.corpus_totals: dict[int, dict[str, int]] = {}
        self.peer_python = PEER_PYTHON
        self.comparisons: dict[int, dict[str, compare.Comparison]] = {}
        self.trash = args.work / ".trash"  # scratch set aside, deleted when the run ends

    def set_aside(self, path: Path) -> None:
        """Move ``path`` out of the way now and delete it when the run ends (see the top)."""
        if path.exists():
            self.trash.mkdir(parents=True, exist_ok=True)
            path.rename(self.trash / f"{len(list(self.trash.iterdir()))}-{path.name}")

    def measure(self, size: int, step: seq.Step, scratch: Path) -> seq.Measurement:
        spec, out = scratch / "spec.json", scratch / "result.json"
        commands = [
            {
                "argv": list(c.argv),
                "cwd": str(c.cwd),
                "stdout": str(c.stdout) if c.stdout else None,
                "ok": list(c.ok),
            }
            for c in step.commands
        ]
        spec_data = {"commands": commands, "sample": step.sample, "timeout": self.args.step_timeout}
        spec.write_text(json.dumps(spec_data), "utf-8")
        subprocess.run([sys.executable, str(BENCH / "measure.py"), spec, out], check=True)
        result = seq.Measurement(**json.loads(out.read_text("utf-8")))
        failed = f", {result.failures} of {result.runs} failed" if result.failures else ""
        log(f"  N={size} {step.stage:<22} {step.tool:<45} {result.wall:8.3f} s{failed}")
        if result.failures:
            log("    " + result.error.replace("\n", "\n    ")[:800])
        self.records.append((size, step.stage, step.tool, result))
        return result

    def play(self, size: int, name: str, sequence: seq.Sequence, ctx: seq.Context) -> None:
        try:
            for _ in seq.drive(sequence, lambda step: self.measure(size, step, ctx.work)):
                pass
        except (RuntimeError, OSError, subprocess.CalledProcessError) as exc:
            note = f"N={size}: {name} stopped: {str(exc).splitlines()[0][:300]}"
            log("  " + note)
            self.notes.append(note)

    def run_size(self, size: int) -> None:
        base = self.args.work / f"n{size}"
        corpus = base / "corpus"
        started = time.perf_counter()
        totals = write_corpus(corpus, size, self.args.seed)
        took = time.perf_counter() - started
        log(f"N={size}: corpus of {totals['units']:,} segments in {took:.1f} s")
        self.units[size] = int(totals["units"])
        self.corpus_totals[size] = totals
        inputs = base / "inputs"
        self.set_aside(inputs)
        inputs.mkdir(parents=True)
        peers = self.args.peers and size in self.args.peer_sizes
        peer_repeat = self.peer_repeat(size)
        repeat = self.transflow_repeat(size)
        rounds = max(repeat, peer_repeat if peers else 0)
        for rep in range(rounds):
            work = base / f"r{rep}"
            self.set_aside(work)
            work.mkdir(parents=True)
            ctx = seq.Context(
                corpus, inputs, work, ("kk", "ru"), self.transflow, PEER_PYTHON, rep == 0
            )
            if self.transflow and rep < repeat:
                self.play(size, "transflow", seq.transflow(ctx), ctx)
                if rep == 0:
                    self.facts[size] = ctx.facts
            if peers and rep == 0 and not self.inputs_ready(inputs):
                self.notes.append(
                    f"N={size}: merge and status peers read catalogs from translate-toolkit's "
                    "md2po (the transflow CLI did not produce them)"
                )
                self.set_aside(inputs)
                inputs.mkdir()
                seq.inputs_from_translate_toolkit(ctx)
            if peers and rep < peer_repeat:
                for name, make in seq.PEERS.items():
                    if self.wants_peer(name, size):
                        self.play(size, name, make(ctx), ctx)
            if rep == 0:
                self.compare_merges(size, base / "r0", inputs)
            else:
                self.set_aside(work)

    def wants_peer(self, name: str, size: int) -> bool:
        if self.args.only and name not in self.args.only.split(","):
            return False
        if size > 100 and self.args.large_peers and name not in self.args.large_peers.split(","):
            self.notes.append(f"N={size}: {name} not run at this size (--large-peers)")
            return False
        return True

    def transflow_repeat(self, size: int) -> int:
        return self.args.repeat if size <= 1000 else 1

    def peer_repeat(self, size: int) -> int:
        if self.args.peer_repeat:
            return int(self.args.peer_repeat)
        return self.args.repeat if size <= 100 else 1

    @staticmethod
    def inputs_ready(inputs: Path) -> bool:
        return any((inputs / "new").glob("*.pot")) and all(
            any((inputs / "old" / lang).glob("*.po")) for lang in ("kk", "ru")
        )

    def compare_merges(self, size: int, r0: Path, inputs: Path) -> None:
        reference = r0 / "gettext"
        if not any(reference.glob("*/*.po")):
            return
        found = {}
        others = {
            "transflow update": inputs / "transflow",
            "translate-toolkit pot2po": r0 / "ttk" / "merged",
            "Babel Catalog.update": r0 / "babel" / "one-process",
        }
        for name, folder in others.items():
            if any(folder.glob("*/*.po")):
                found[name] = compare.compare(folder, reference)
        self.comparisons[size] = found

    def run(self) -> str:
        self.source_revisions = [source_revision()]
        if self.transflow is None and not self.args.no_transflow:
            self.notes.append("The transflow CLI could not run here (transflow --help failed).")
            log("transflow CLI not available: measuring the peers only")
        if self.args.peers and not PEER_PYTHON.exists():
            sys.exit("peers are not installed: run bash bench/install_peers.sh")
        for size in self.args.sizes:
            self.run_size(size)
        shutil.rmtree(self.trash, ignore_errors=True)
        self.source_revisions.append(source_revision())
        if self.source_revisions[0] != self.source_revisions[1]:
            self.notes.append(
                "transflow's source changed during the run (from "
                f"{self.source_revisions[0]} to {self.source_revisions[1]}): earlier sizes "
                "measured older code"
            )
        raw = self.args.work / "records.json"
        raw.write_text(json.dumps([[s, st, t, m.__dict__] for s, st, t, m in self.records]))
        return results.render(self)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    runner = Runner(args)
    text = runner.run()
    print(text)
    if args.write_results:
        target = BENCH / "RESULTS.md"
        old = target.read_text(encoding="utf-8") if target.exists() else ""
        target.write_text(results.with_hand_written(text, old), encoding="utf-8")
        log(f"wrote {BENCH / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
