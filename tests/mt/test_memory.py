"""The memory engine: exact and fuzzy matches from reviewed entries and imported TMX."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from tests.mt.helpers import configure, entries
from transflow.catalog.store import read_catalog, write_catalog
from transflow.mt.draft import translate
from transflow.mt.memory import FULL_SCAN, MemoryEngine, MemoryIndex
from transflow.mt.tm import import_tm
from transflow.mt.tmx import Unit, format_tmx
from transflow.project import Project
from transflow.qa.glossary import load_glossary

HEAVY = "Heavy rain flooded [several streets](https://example.org/almaty) in Almaty on Monday."
HEAVY_KK = (
    "Дүйсенбі күні Алматыда қатты жаңбыр [бірнеше көшені](https://example.org/almaty) су басты."
)


def review(root: Path, lang: str, slug: str, translations: dict[str, str]) -> None:
    path = root / "locales" / lang / "LC_MESSAGES" / f"{slug}.po"
    catalog = read_catalog(path)
    for entry in catalog.entries:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
    write_catalog(path, catalog)


def engine(root: Path, threshold: float = 75) -> MemoryEngine:
    project = Project.open(root)
    return MemoryEngine(project, threshold, load_glossary(project.settings))


def test_exact_and_fuzzy_scores() -> None:
    index = MemoryIndex([("The mayor promised repairs.", "Әкім жөндеу уәде етті.")])
    assert index.best("The mayor promised repairs.", 75).score == 100  # type: ignore[union-attr]
    fuzzy = index.best("The mayor promised new repairs.", 75)
    assert fuzzy is not None and 75 <= fuzzy.score < 100
    assert index.best("Completely different words here.", 75) is None


def test_exact_match_from_another_article(project: Path) -> None:
    review(project, "kk", "first", {HEAVY: HEAVY_KK})
    outcome = engine(project).draft(HEAVY, "kk")
    assert outcome.draft is not None
    assert (outcome.draft.text, outcome.draft.provenance) == (HEAVY_KK, "memory 100%")


def test_fuzzy_match_gets_the_segments_own_link_target(project: Path) -> None:
    review(project, "kk", "first", {HEAVY: HEAVY_KK})
    other = HEAVY.replace("almaty)", "other)").replace("Monday", "Tuesday")
    outcome = engine(project).draft(other, "kk")
    assert outcome.draft is not None
    assert outcome.draft.text == HEAVY_KK.replace("almaty)", "other)")
    score = int(outcome.draft.provenance.removeprefix("memory ").removesuffix("%"))
    assert 75 <= score < 100


def test_below_the_threshold_there_is_no_draft(project: Path) -> None:
    review(project, "kk", "second", {"The mayor promised repairs.": "Әкім жөндеу уәде етті."})
    assert engine(project).draft("The mayor promised a new bridge.", "kk").draft is None
    assert engine(project, threshold=40).draft("The mayor promised a new bridge.", "kk").draft


def test_a_match_whose_markup_differs_is_dropped(project: Path) -> None:
    review(project, "kk", "second", {"The mayor promised repairs.": "Әкім `жөндеу` уәде етті."})
    outcome = engine(project).draft("The mayor promised repairs!", "kk")
    assert outcome.draft is None and outcome.discarded


def test_fuzzy_drafts_in_a_run_with_the_threshold_setting(project: Path) -> None:
    review(project, "kk", "first", {HEAVY: HEAVY_KK})
    configure(project, ["memory"], memory={"threshold": 99})
    report = translate(Project.open(project), languages=("kk",))
    assert report.engines[0].drafted == 0  # the twin sentence scores below 99
    configure(project, ["memory"], memory={"threshold": 80})
    report = translate(Project.open(project), languages=("kk",))
    assert report.engines[0].drafted == 1
    twin = entries(project, "kk", "second")[HEAVY.replace("almaty)", "other)")]
    assert twin.fuzzy and twin.translator_comments[0].startswith("machine draft: memory 9")


def test_imported_tmx_feeds_the_memory(project: Path, tmp_path: Path) -> None:
    tmx = tmp_path / "agency.tmx"
    units = [Unit("The mayor promised repairs.", "Мэр пообещал ремонт.", "ru-RU")]
    tmx.write_bytes(format_tmx(units, "en-US"))
    report = import_tm(Project.open(project), tmx)
    assert report.path == project / "locales" / "tm" / "agency.tmx"
    assert report.units == {"ru": 1}
    outcome = engine(project).draft("The mayor promised repairs.", "ru")
    assert outcome.draft is not None and outcome.draft.text == "Мэр пообещал ремонт."
    assert engine(project).draft("The mayor promised repairs.", "kk").draft is None


DISTRICTS = ("Almaly", "Bostandyk", "Medeu", "Auezov", "Turksib", "Zhetysu", "Nauryzbai")


def large_memory() -> MemoryIndex:
    """More sources than FULL_SCAN, so that lookups go through the word index."""
    pairs = [
        (
            f"The council approved budget line {i * 7} for the {DISTRICTS[i % 7]} district.",
            f"Кеңес {DISTRICTS[i % 7]} ауданына {i * 7} бюджет жолын бекітті.",
        )
        for i in range(FULL_SCAN + 1000)
    ]
    return MemoryIndex(pairs)


def full_scan(index: MemoryIndex, text: str) -> tuple[str, float] | None:
    found = process.extractOne(text, index._sources, scorer=fuzz.ratio, score_cutoff=75)
    return None if found is None else (found[0], found[1])


def test_a_large_memory_finds_the_closest_source_through_its_word_index() -> None:
    index = large_memory()
    assert len(index) > FULL_SCAN
    for i in (3, 1234, 5999):
        text = f"The city council approved budget line {i * 7} for the district."
        match = index.best(text, 75)
        expected = full_scan(index, text)
        assert match is not None and expected is not None
        assert match.source == expected[0] == index._sources[i]
        assert match.score == min(99, int(expected[1]))


def test_a_large_memory_breaks_ties_by_the_source_read_first() -> None:
    index = large_memory()
    # Shares only words every source has (too common to count), so every source is compared:
    # the closest of equal score is the first one read.
    text = "The council approved budget line for the district."
    match = index.best(text, 75)
    expected = full_scan(index, text)
    assert match is not None and expected is not None
    assert match.source == expected[0]


def test_a_large_memory_has_no_match_for_unrelated_text() -> None:
    assert large_memory().best("Heavy rain flooded several streets in Almaty.", 75) is None


def test_drafts_from_a_large_memory_are_the_same_with_one_worker_or_two(
    project: Path, tmp_path: Path, run: Any
) -> None:
    body = "\n\n".join(
        f"The council approved budget line {i * 7} for the {DISTRICTS[i % 7]} district today."
        for i in range(60)
    )
    (project / "articles" / "budget.md").write_text(f"---\ntitle: Budget\n---\n\n{body}\n")
    assert run(project, "update").exit_code == 0
    units = [
        Unit(
            f"The council approved budget line {i * 7} for the {DISTRICTS[i % 7]} district.",
            f"Совет утвердил бюджетную строку {i * 7} для района {DISTRICTS[i % 7]}.",
            "ru",
        )
        for i in range(FULL_SCAN + 500)
    ]
    tmx = tmp_path / "budget.tmx"
    tmx.write_bytes(format_tmx(units, "en"))
    import_tm(Project.open(project), tmx)

    copies = {}
    assert threading.active_count() == 1  # with other threads the lookups stay in one process
    for jobs in ("1", "2"):
        copy = tmp_path / f"jobs-{jobs}"
        shutil.copytree(project, copy)
        result = run(copy, "translate", "-l", "ru", "--engine", "memory", "-j", jobs)
        assert result.exit_code == 0, result.output
        copies[jobs] = (copy / "locales" / "ru" / "LC_MESSAGES" / "budget.po").read_bytes()
    assert copies["1"] == copies["2"]
    drafted = [e for e in read_catalog(tmp_path / "jobs-2" / "locales/ru/LC_MESSAGES/budget.po")
               .entries if e.msgstr]  # fmt: skip
    assert len(drafted) == 60
    line_70 = next(e for e in drafted if "line 70 " in e.msgid)
    assert line_70.msgstr == "Совет утвердил бюджетную строку 70 для района Auezov."
    assert line_70.fuzzy and "machine draft: memory 9" in "\n".join(line_70.translator_comments)
