"""transflow check on dates that name their month and on Roman centuries, as a CI script reads
its JSON: a correct Russian or Kazakh date passes, in words or in figures, and a wrong day,
month or year is an error; a century in Roman numerals draws no script warning."""

from __future__ import annotations

import json
from pathlib import Path

import polib

ARTICLE = """\
---
title: Verdict
---

The court ruled on Nov. 24, 2025.

It was the worst crisis of the 21st century.
"""


def _findings(tmp_path: Path, run, language: str, translations: dict[str, str]):  # type: ignore[no-untyped-def]
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    (root / "articles" / "story.md").write_text(ARTICLE, encoding="utf-8")
    assert run(root, "update").exit_code == 0
    path = root / "locales" / language / "LC_MESSAGES" / "story.po"
    catalog = polib.pofile(str(path))
    for entry in catalog:
        entry.msgstr = translations[entry.msgid]
    catalog.save()
    result = run(root, "check", "-l", language, "--format", "json")
    return result.exit_code, [
        (f["check"], f["severity"], f["message"]) for f in json.loads(result.output)["findings"]
    ]


def _kazakh(ruling: str) -> dict[str, str]:
    return {
        "Verdict": "Үкім",
        "The court ruled on Nov. 24, 2025.": ruling,
        "It was the worst crisis of the 21st century.": "Бұл XXI ғасырдың ең ауыр дағдарысы еді.",
    }


def _russian(ruling: str) -> dict[str, str]:
    return {
        "Verdict": "Приговор",
        "The court ruled on Nov. 24, 2025.": ruling,
        "It was the worst crisis of the 21st century.": "Это был худший кризис XXI века.",
    }


def test_a_kazakh_date_in_words_and_a_roman_century_pass(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    kazakh = _kazakh("Сот 2025 жылғы 24 қарашада шешім шығарды.")
    assert _findings(tmp_path, run, "kk", kazakh) == (0, [])


def test_a_russian_date_in_figures_and_a_roman_century_pass(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    russian = _russian("Суд вынес решение 24.11.2025.")
    assert _findings(tmp_path, run, "ru", russian) == (0, [])


def test_a_date_with_another_month_is_an_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    kazakh = _kazakh("Сот 2025 жылғы 24 қазанда шешім шығарды.")  # October
    message = "the month of Nov. 24 is missing (write it as 24 қараша or 24.11)"
    assert _findings(tmp_path, run, "kk", kazakh) == (1, [("numbers", "error", message)])


def test_a_date_with_another_day_or_year_is_an_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    day = _findings(tmp_path / "day", run, "ru", _russian("Суд вынес решение 25 ноября 2025 г."))
    assert day == (1, [("numbers", "error", "number 24 is missing (write it as 24)")])
    year = _findings(tmp_path / "year", run, "ru", _russian("Суд вынес решение 24.11.2024."))
    message = "number 2025 is missing (write it as 2 025 or 2025)"
    assert year == (1, [("numbers", "error", message)])
