"""Machine drafts against a slow local server: transflow translate vs a sequential loop.

    python bench/mt_bench.py [--segments 2000] [--latency 0.2] [--baseline-sample 100]

A local server (transflow.mt.testing.FakeServices) speaks Google's wire format and answers every
request after ``--latency`` seconds. The benchmark writes a project with ``--segments`` distinct
segments (Kazakh only) into bench/.work/mt, then measures:

1. ``transflow translate -l kk --engine google`` with default settings, as a subprocess;
2. deep-translator's own way, a sequential one-request-per-segment loop (``translate_batch``) over
   the same GoogleTranslator class and server. Every request waits ``--latency``, so its time is
   linear in the count: it is measured on ``--baseline-sample`` segments and scaled to all of
   them (``--baseline-sample 0`` measures all, which takes about segments × latency);
3. the second run: the catalogs put back as they were before step 1, then the same command again;
   it must send zero requests.

It prints the figures and exits 1 when the speed-up is under 10× or the second run sent anything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from deep_translator import GoogleTranslator

from transflow.catalog.store import read_catalog
from transflow.catalog.sync import update
from transflow.mt.testing import FakeServices
from transflow.project import Project

WORK = Path(__file__).resolve().parent / ".work" / "mt"
PER_ARTICLE = 20


def make_project(root: Path, segments: int, url: str) -> list[str]:
    """A project whose kk catalogs hold ``segments`` distinct untranslated texts."""
    if root.exists():
        shutil.rmtree(root)
    (root / "articles").mkdir(parents=True)
    (root / "transflow.toml").write_text(
        f'target_languages = ["kk"]\n\n[mt]\nengines = ["google"]\n\n[mt.google]\nurl = "{url}"\n',
        encoding="utf-8",
    )
    texts: list[str] = []
    for a in range(-(-segments // PER_ARTICLE)):
        count = min(PER_ARTICLE, segments - a * PER_ARTICLE)
        title = f"Council report number {a}"
        body = [
            f"Report {a}-{i}: the council discussed item {i} of plan {a}." for i in range(1, count)
        ]
        texts += [title, *body]
        page = f"---\ntitle: {title}\n---\n\n" + "\n\n".join(body) + "\n"
        (root / "articles" / f"report-{a:04d}.md").write_text(page, encoding="utf-8")
    update(Project.open(root))
    return texts


def run_translate(root: Path) -> float:
    env = {**os.environ, "NO_PROXY": "127.0.0.1", "no_proxy": "127.0.0.1"}
    command = [sys.executable, "-m", "transflow", "-C", str(root), "translate", "-l", "kk"]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"transflow translate failed:\n{done.stdout}{done.stderr}")
    return seconds


def sequential(url: str, texts: list[str]) -> float:
    """deep-translator's translate_batch: one request after another, on one provider object."""
    translator = GoogleTranslator(source="en", target="kk")
    translator._base_url = url
    started = time.perf_counter()
    translator.translate_batch(texts)
    return time.perf_counter() - started


def drafted(root: Path) -> int:
    paths = sorted((root / "locales" / "kk" / "LC_MESSAGES").glob("*.po"))
    return sum(1 for p in paths for e in read_catalog(p).entries if e.fuzzy and e.msgstr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--baseline-sample", type=int, default=100)
    args = parser.parse_args()
    os.environ.setdefault("NO_PROXY", "127.0.0.1")
    with FakeServices(delay=args.latency) as server:
        root = WORK / "project"
        texts = make_project(root, args.segments, server.url("google"))
        before = WORK / "catalogs-before"
        shutil.rmtree(before, ignore_errors=True)
        shutil.copytree(root / "locales", before)

        ours = run_translate(root)
        first_requests = server.count()
        first_drafts = drafted(root)

        server.reset()
        sample = texts[: args.baseline_sample] if args.baseline_sample else texts
        measured = sequential(server.url("google"), sample)
        baseline = measured * len(texts) / len(sample)

        server.reset()
        shutil.rmtree(root / "locales")
        shutil.copytree(before, root / "locales")
        again = run_translate(root)
        second_requests = server.count()
        second_drafts = drafted(root)

    speedup = baseline / ours
    how = "measured" if len(sample) == len(texts) else f"{len(sample)} measured in {measured:.1f} s"
    print(f"{len(texts)} distinct segments, server answers after {args.latency * 1000:.0f} ms")
    print(
        f"transflow translate (defaults):  {ours:7.1f} s  {first_requests} requests, "
        f"{first_drafts} drafts, {len(texts) / ours:.0f} segments/s"
    )
    print(f"sequential translate_batch:      {baseline:7.1f} s  ({how})")
    print(f"speed-up:                        {speedup:7.1f}x")
    print(
        f"second run (catalogs reset):     {again:7.1f} s  {second_requests} requests, "
        f"{second_drafts} drafts"
    )
    if speedup < 10 or second_requests or first_drafts != len(texts) != second_drafts:
        sys.exit(1)


if __name__ == "__main__":
    main()
