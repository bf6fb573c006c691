"""The ``memory`` engine on an archive: how long it takes, and how its matches compare.

    python bench/tm_bench.py [--articles 1000] [--sample 400]

Makes the benchmark corpus (bench/corpus.py) in bench/.work/tm-<N>: extracts it, fills the kk/ru
catalogs as the main benchmark does (about 70% reviewed, some fuzzy), takes the edited revision
and runs ``transflow update``, so that the reviewed entries are the memory and the entries the
revision added or changed are the segments to draft. Then it measures:

1. ``transflow translate --engine memory`` as a subprocess (wall time, drafts written);
2. on ``--sample`` distinct texts per language that have no exact match, the score of the match
   the engine picks against the best score over every source in the memory (rapidfuzz's
   ``process.extractOne`` over all of them, which is what a memory of up to
   ``transflow.mt.memory.FULL_SCAN`` sources does), and how long each way takes per text.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz, process

import corpus
import corpus_po
from transflow.mt.memory import MemoryEngine
from transflow.mt.work import collect_segments
from transflow.project import Project
from transflow.qa.glossary import load_glossary

WORK = Path(__file__).resolve().parent / ".work"
THRESHOLD = 75


def transflow(root: Path, *args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "transflow", "-C", str(root), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        sys.exit(f"transflow {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds


def make_project(root: Path, articles: int) -> None:
    if root.exists():
        shutil.rmtree(root)
    corpus.write_corpus(root, articles, seed=1)
    transflow(root, "extract")
    transflow(root, "update")
    corpus_po.fill_catalogs(root)
    for revised in (root / "revision" / "articles").glob("*.md"):
        shutil.copy2(revised, root / "articles" / revised.name)
    transflow(root, "extract")
    transflow(root, "update")


def compare(root: Path, language: str, sample: int) -> None:
    project = Project.open(root)
    engine = MemoryEngine(project, THRESHOLD, load_glossary(project.settings))
    index = engine.index(language)
    segments, _ = collect_segments(project, (), [language], False)
    texts = sorted({s.msgid for s in segments} - set(index._exact))
    picked = random.Random(1).sample(texts, min(sample, len(texts)))
    sources = index._sources
    index.best(picked[0], THRESHOLD)  # builds the word index: not part of a lookup's time

    started = time.perf_counter()
    ours = [index.best(text, THRESHOLD) for text in picked]
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    full = [
        process.extractOne(text, sources, scorer=fuzz.ratio, score_cutoff=THRESHOLD)
        for text in picked
    ]
    full_s = time.perf_counter() - started

    same = lower = missed = 0
    for mine, best in zip(ours, full, strict=True):
        best_score = None if best is None else min(99, int(best[1]))
        my_score = None if mine is None else mine.score
        if my_score == best_score:
            same += 1
        elif my_score is None:
            missed += 1
        else:
            lower += 1
    n = len(picked)
    print(
        f"{language}: memory of {len(sources):,} sources, {len(texts):,} texts to draft without "
        f"an exact match; on {n}: the same score as the best of all sources {same} "
        f"({100 * same / n:.1f}%), a lower one {lower}, none where one existed {missed}; "
        f"{1000 * ours_s / n:.2f} ms per text against {1000 * full_s / n:.2f} ms "
        f"({full_s / ours_s:.1f}x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=400)
    args = parser.parse_args()
    root = WORK / f"tm-{args.articles}"
    make_project(root, args.articles)
    for language in ("kk", "ru"):
        compare(root, language, args.sample)
    seconds = transflow(root, "translate", "--engine", "memory")
    print(f"transflow translate --engine memory: {seconds:.1f} s at {args.articles:,} articles")


if __name__ == "__main__":
    main()
