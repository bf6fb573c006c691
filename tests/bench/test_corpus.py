"""Smoke test of the benchmark's corpus generator: deterministic, varied, and valid Markdown."""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path

import polib
import pytest
import yaml
from markdown_it import MarkdownIt

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.append(str(BENCH))

import corpus  # noqa: E402 -- bench/ is a folder of scripts, not a package
import corpus_po  # noqa: E402

N = 30


def tree(root: Path) -> dict[str, bytes]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def articles(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in tree(root).items() if k.endswith(".md")}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(out, N, seed=7)
    return out


def test_same_seed_same_bytes(project: Path, tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "again", N, seed=7)
    assert tree(tmp_path / "again") == tree(project)


def test_smaller_corpus_is_a_prefix_and_other_seed_differs(project: Path, tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "small", 5, seed=7)
    small = articles(tmp_path / "small")
    assert len(small) == 10
    assert small.items() <= articles(project).items()
    corpus.write_corpus(tmp_path / "other", 5, seed=8)
    assert set(articles(tmp_path / "other").values()).isdisjoint(small.values())


def test_project_layout(project: Path) -> None:
    assert 'target_languages = ["kk", "ru"]' in (project / "transflow.toml").read_text()
    articles = sorted((project / "articles").glob("*.md"))
    revised = sorted((project / "revision" / "articles").glob("*.md"))
    assert len(articles) == N
    assert [p.name for p in revised] == [p.name for p in articles]
    totals = json.loads((project / "corpus.json").read_text())
    assert totals["articles"] == N
    assert 10 * N < totals["units"] < 80 * N


def test_front_matter(project: Path) -> None:
    for path in (project / "articles").glob("*.md"):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.safe_load(front)
        assert {"title", "subtitle", "author", "date", "source_url", "summary"} <= meta.keys()
        assert all(isinstance(meta[k], str) and meta[k] for k in ("title", "summary"))
        assert body.strip()


def test_required_constructs_appear(project: Path) -> None:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (project / "articles").glob("*.md"))
    patterns = {
        "heading": r"(?m)^## \w",
        "block quote": r"(?m)^> \S",
        "bullet list": r"(?m)^- \S",
        "numbered list": r"(?m)^1\. \S",
        "link": r"\[[^\]]+\]\(https://[^)]+\)",
        "image": r"!\[[^\]]+\]\(https://\S+ \"",
        "emphasis": r"(?<![*\w])\*[A-Z][^*]+\*(?!\*)|(?<!\w)_[A-Za-z][^_]+_(?!\w)",
        "strong": r"\*\*[A-Z]+\*\*",
        "typographic quotes": r"“[^”]+”",
        "straight quotes": r'"[A-Z][^"]+,"',
        "apostrophe": r"\w’s\b",
        "month abbreviation": r"\b(Jan|Feb|Aug|Sept|Oct|Nov|Dec)\. \d{1,2}\b",
        "U.S.": r"\bU\.S\.",
        "thousands": r"\b\d{1,3},\d{3}\b",
        "decimal percent": r"\b\d+\.\d%",
        "title abbreviation": r"\b(Dr|Mr|Ms|Prof|Gen)\. [A-Z]",
        "autolink": r"(?m)^<https://\S+>$",
    }
    missing = [name for name, pattern in patterns.items() if not re.search(pattern, text)]
    assert not missing


def test_paragraph_counts_and_hard_wrapping(project: Path) -> None:
    wrapped = 0
    for index in range(N):
        article = corpus.make_article(7, index)
        paragraphs = [b for b in article.blocks if b.kind == "paragraph"]
        assert 10 <= len(paragraphs) <= 45
        wrapped += any(b.wrap for b in article.blocks)
    assert 0 < wrapped < N
    text = "\n".join(p.read_text(encoding="utf-8") for p in (project / "articles").glob("*.md"))
    lines = text.splitlines()
    assert max(map(len, lines)) > 200  # unwrapped paragraphs
    runs = sum(1 for a, b in itertools.pairwise(lines) if 60 < len(a) <= 78 and b)
    assert runs > 50  # hard-wrapped ones


def test_wrapping_keeps_the_markdown_structure() -> None:
    md = MarkdownIt("commonmark")
    for index in range(N):
        article = corpus.make_article(7, index)
        body = corpus.render(article).split("---\n", 2)[2]
        kinds = [t.type for t in md.parse(body) if t.type.endswith("_open") and t.level == 0]
        expected = {
            "heading": "heading_open",
            "quote": "blockquote_open",
            "bullets": "bullet_list_open",
            "numbered": "ordered_list_open",
        }
        for kind, token in expected.items():
            assert kinds.count(token) == sum(b.kind == kind for b in article.blocks), (index, kind)


def test_revision_changes_some_paragraphs_slightly(project: Path) -> None:
    totals = json.loads((project / "corpus.json").read_text())
    assert totals["changed"] > totals["deleted"] > 0
    assert totals["added"] > 0
    changed = 0
    for path in (project / "articles").glob("*.md"):
        old = path.read_text(encoding="utf-8").split("\n\n")
        new = (project / "revision" / "articles" / path.name).read_text(encoding="utf-8")
        kept = sum(block in new for block in old)
        assert kept >= 0.6 * len(old)
        changed += kept < len(old)
    assert changed > N // 2


def test_fake_translation_keeps_markup_targets() -> None:
    msgid = "See [the report](https://example.org/a-b) and {1}, <https://x.kz/y>, 2,500 and 8.7%."
    ru = corpus_po.fake_translation(msgid, "ru")
    for kept in ("(https://example.org/a-b)", "{1}", "<https://x.kz/y>", "2,500", "8.7%", "["):
        assert kept in ru
    assert re.search("[а-я]", ru)
    assert corpus_po.fake_translation(msgid, "kk") != ru


@pytest.mark.parametrize("language", ["kk", "ru"])
@pytest.mark.parametrize(
    "msgid",
    [
        "He died on Nov. 24 in a hospital.",
        "She has been in custody since [March](https://example.org/2016/05/09/law) 12.",
        "On [July](https://orda.kz/a) 9 and on Sept. 5 they met.",
    ],
)
def test_fake_translation_writes_a_dated_month_as_the_language_does(
    msgid: str, language: str
) -> None:
    """As a translator would: a transliterated month would be a wrong one to the numbers
    check, and the build would keep the source for it."""
    from transflow.qa.numbers import missing_numbers

    translation = corpus_po.fake_translation(msgid, language)
    assert list(missing_numbers(msgid, translation, "en", language)) == []


def test_fill_file_fills_about_seventy_percent(tmp_path: Path) -> None:
    pot = polib.POFile()
    for i in range(400):
        pot.append(polib.POEntry(msgid=f"Sentence number {i} about the budget.", msgstr=""))
    pot.save(str(tmp_path / "a.pot"))
    entries, filled, fuzzy = corpus_po.fill_file(tmp_path / "a.pot", tmp_path / "kk" / "a.po", "kk")
    assert entries == 400
    assert 0.62 < filled / entries < 0.78
    assert 0.05 < fuzzy / entries < 0.15
    again = corpus_po.fill_file(tmp_path / "a.pot", tmp_path / "kk" / "b.po", "kk")
    assert again == (entries, filled, fuzzy)
    po = polib.pofile(str(tmp_path / "kk" / "a.po"))
    assert po.metadata["Language"] == "kk"
    assert len(po.fuzzy_entries()) == fuzzy
