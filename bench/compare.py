"""Compare two merges of the same catalogs entry by entry: which came out translated, fuzzy,
untranslated or obsolete, and where the two disagree.

    python bench/compare.py DIR_A DIR_B     (each holding <lang>/<slug>.po)
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import polib

STATES = ("translated", "fuzzy", "untranslated", "obsolete", "absent")


def state_of(entry: polib.POEntry) -> str:
    if entry.obsolete:
        return "obsolete"
    if "fuzzy" in entry.flags:
        return "fuzzy"
    if entry.msgstr or any(entry.msgstr_plural.values()):
        return "translated"
    return "untranslated"


@dataclass
class Comparison:
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (state in A, in B)
    fuzzy_text_differs: int = 0  # both fuzzy, but a different old translation was offered
    translated_text_differs: int = 0
    repaired_files: int = 0  # files whose invalid "#|" lines were dropped to read them
    examples: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.pairs.values())

    @property
    def differences(self) -> int:
        return sum(n for (a, b), n in self.pairs.items() if a != b)

    def count(self, side: int, state: str) -> int:
        return sum(n for pair, n in self.pairs.items() if pair[side] == state)


def read_po(path: Path) -> tuple[polib.POFile, bool]:
    """The catalog, and whether its ``#|`` lines had to be dropped to parse it.

    Babel's ``write_po(include_previous=True)`` wraps long previous msgids into lines that are
    no valid PO; the entries' states do not depend on them.
    """
    try:
        return polib.pofile(str(path)), False
    except OSError:
        text = path.read_text(encoding="utf-8")
        kept = "\n".join(line for line in text.split("\n") if not line.startswith("#|"))
        return polib.pofile(kept), True


def entries(path: Path, result: Comparison) -> dict[tuple[str | None, str], polib.POEntry]:
    if not path.exists():
        return {}
    po, repaired = read_po(path)
    result.repaired_files += repaired
    found = {(e.msgctxt, e.msgid): e for e in po if e.msgid}
    found |= {(e.msgctxt, e.msgid): e for e in po.obsolete_entries() if e.msgid}
    return found


def compare(dir_a: Path, dir_b: Path, examples: int = 5) -> Comparison:
    result = Comparison()
    names = {p.relative_to(dir_a) for p in dir_a.glob("*/*.po")}
    names |= {p.relative_to(dir_b) for p in dir_b.glob("*/*.po")}
    for name in sorted(names):
        a, b = entries(dir_a / name, result), entries(dir_b / name, result)
        for key in a.keys() | b.keys():
            ea, eb = a.get(key), b.get(key)
            sa = state_of(ea) if ea else "absent"
            sb = state_of(eb) if eb else "absent"
            result.pairs[(sa, sb)] += 1
            if sa != sb and len(result.examples) < examples:
                result.examples.append(f"{name}: {key[1][:70]!r}: {sa} vs {sb}")
            if ea and eb and sa == sb == "fuzzy" and ea.msgstr != eb.msgstr:
                result.fuzzy_text_differs += 1
            if ea and eb and sa == sb == "translated" and ea.msgstr != eb.msgstr:
                result.translated_text_differs += 1
    return result


def matrix(result: Comparison, name_a: str, name_b: str) -> list[str]:
    """A Markdown table: rows are A's states, columns B's."""
    used = [s for s in STATES if result.count(0, s) or result.count(1, s)]
    lines = [f"| {name_a} ↓ / {name_b} → | " + " | ".join(used) + " |"]
    lines.append("|---|" + "---:|" * len(used))
    for sa in used:
        cells = [f"{result.pairs.get((sa, sb), 0):,}" for sb in used]
        lines.append(f"| {sa} | " + " | ".join(cells) + " |")
    return lines


def main() -> int:
    a, b = Path(sys.argv[1]), Path(sys.argv[2])
    result = compare(a, b)
    print("\n".join(matrix(result, a.name, b.name)))
    print(f"{result.differences:,} of {result.total:,} entries differ in state")
    print(f"{result.fuzzy_text_differs:,} fuzzy in both with a different suggestion")
    print("\n".join(result.examples))
    return 0


if __name__ == "__main__":
    sys.exit(main())
