"""Glossary lookups against a newsroom-sized glossary: ``Glossary.terms_in`` per text.

    python bench/glossary_bench.py [--terms 2000] [--repeat 20]

Adds ``--terms`` made-up two-word terms to the sample's ``glossary.csv`` and looks for terms in
every English text of the sample's template, ``--repeat`` times; then does the same with one
search per term (how terms were looked for before), and checks that both find the same.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from transflow.catalog.pofile import parse_po
from transflow.qa.glossary import Glossary, TermMatch, parse_glossary

ROOT = Path(__file__).resolve().parents[1]


def searches(glossary: Glossary) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (term, re.compile(rf"(?<!\w){re.escape(term)}(?!\w)"))
        for term in sorted(glossary.terms, key=lambda t: (-len(t), t))
    ]


def by_search(patterns: list[tuple[str, re.Pattern[str]]], text: str) -> list[TermMatch]:
    taken: list[TermMatch] = []
    for term, pattern in patterns:
        for found in pattern.finditer(text):
            match = TermMatch(found.start(), found.end(), term)
            if not any(m.start < match.end and match.start < m.end for m in taken):
                taken.append(match)
    return sorted(taken, key=lambda m: m.start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--terms", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    csv = (ROOT / "glossary.csv").read_text(encoding="utf-8")
    csv += "".join(f"Term{i} word,Терм{i},Терм{i},\n" for i in range(args.terms))
    glossary = parse_glossary(csv)
    template = next((ROOT / "locales" / "templates").glob("*.pot"))
    texts = [e.msgid for e in parse_po(template.read_text(encoding="utf-8")).entries if e.msgid]
    texts *= args.repeat
    started = time.perf_counter()
    found = [glossary.terms_in(text) for text in texts]
    indexed = time.perf_counter() - started
    patterns = searches(glossary)
    started = time.perf_counter()
    expected = [by_search(patterns, text) for text in texts]
    searched = time.perf_counter() - started
    assert found == expected, "terms_in and one search per term disagree"
    print(
        f"{len(glossary)} terms, {len(texts)} texts: terms_in {indexed * 1e6 / len(texts):.0f} µs "
        f"a text, one search per term {searched * 1e6 / len(texts):.0f} µs"
    )


if __name__ == "__main__":
    main()
