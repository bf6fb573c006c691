"""How transflow's sentence segmentation does on the shipped sample, and how fast it is.

    python bench/segmentation.py            # sentencex, as transflow uses it
    python bench/segmentation.py --pysbd    # and pysbd side by side, if it is installed

Prints every sentence split of the sample's paragraphs (so the hard cases — "Nov. 24",
"Oct. 1.", quotations ending in ” — can be read), then the time to segment about 1 MB of the
benchmark corpus's English with transflow's segmentation (sentencex plus its markup guards) and
with each segmenter alone, and the time for one paragraph of 500, 1,000 and 2,000 sentences (a
transcript pasted whole), which should grow with its length, not with its square.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import sentencex

from transflow.article.blocks import body_blocks
from transflow.article.frontmatter import split_front_matter
from transflow.article.segment import sentence_ranges

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "articles" / "kazakhstans-longest-serving-political-prisoner-dies.md"


def sample_blocks() -> list[str]:
    text = SAMPLE.read_text(encoding="utf-8")
    front = split_front_matter(text, SAMPLE, ())
    return [block.content for block in body_blocks(text, front.body_start, front.body_line)]


def corpus_text(target: int = 1_000_000) -> list[str]:
    sys.path.insert(0, str(ROOT / "bench"))
    import corpus  # type: ignore[import-not-found]

    blocks: list[str] = []
    size, index = 0, 0
    while size < target:
        text = corpus.render(corpus.make_article(7, index))
        front = split_front_matter(text, Path("corpus.md"), ())
        for block in body_blocks(text, front.body_start, front.body_line):
            blocks.append(block.content)
            size += len(block.content)
        index += 1
    return blocks


def timed(label: str, func, blocks: list[str]) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    count = sum(len(func(block)) for block in blocks)
    elapsed = time.perf_counter() - started
    size = sum(map(len, blocks)) / 1e6
    print(f"{label:<32} {count:>8} sentences  {elapsed * 1000:>8.1f} ms for {size:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pysbd", action="store_true", help="compare with pysbd")
    args = parser.parse_args()
    print(f"Sentences of {SAMPLE.relative_to(ROOT)}:\n")
    for block in sample_blocks():
        for start, end in sentence_ranges(block):
            print("  •", block[start:end].replace("\n", " "))
        print()
    blocks = corpus_text()
    timed("transflow (sentencex + guards)", sentence_ranges, blocks)
    timed("sentencex alone", lambda b: list(sentencex.segment("en", b)), blocks)
    print()
    for sentences in (500, 1000, 2000):
        paragraph = " ".join(
            f"Sentence {i} was said by [Mr. Smith](https://x.org/{i}) *on* Nov. 24."
            for i in range(sentences)
        )
        timed(f"one paragraph of {sentences:,} sentences", sentence_ranges, [paragraph])
    if args.pysbd:
        import pysbd  # type: ignore[import-not-found]

        segmenter = pysbd.Segmenter(language="en", clean=False)
        timed("pysbd", segmenter.segment, blocks)


if __name__ == "__main__":
    main()
