"""RESULTS.md: a new run replaces the generated part and keeps the hand-written analysis."""

from __future__ import annotations

import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.append(str(BENCH))

import results  # noqa: E402 -- bench/ is a folder of scripts, not a package


def test_a_new_run_keeps_the_hand_written_part() -> None:
    hand = f"{results.HAND_WRITTEN}\n\n## Where the time goes\n\nProse.\n"
    old = f"# results\n\n| old |\n\n{hand}"
    new = results.with_hand_written("# results\n\n| new table |\n", old)
    assert new == f"# results\n\n| new table |\n\n{hand}"


def test_without_a_hand_written_part_the_run_is_all() -> None:
    assert results.with_hand_written("# results\n", "# older results\n") == "# results\n"
    assert results.with_hand_written("# results\n", "") == "# results\n"


def test_the_shipped_results_have_a_hand_written_part() -> None:
    text = (BENCH / "RESULTS.md").read_text(encoding="utf-8")
    assert text.count(results.HAND_WRITTEN) == 1
    assert text.index(results.HAND_WRITTEN) > text.index("## Targets")
