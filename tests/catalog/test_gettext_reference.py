"""Every catalog transflow writes is a fixed point of GNU msgcat and passes msgfmt -c."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE_SLUG, commonmark_examples

pytestmark = pytest.mark.gettext


def assert_gettext_clean(path: Path) -> None:
    cat = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
    assert cat.stdout == path.read_bytes(), f"msgcat rewrites {path}"
    check = subprocess.run(
        ["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stderr
    if path.suffix == ".po":  # a template keeps xgettext's placeholder header, as it should
        assert "warning" not in check.stderr, check.stderr


def catalogs(root: Path) -> list[Path]:
    found = sorted((root / "locales").rglob("*.po")) + sorted((root / "locales").rglob("*.pot"))
    assert found
    return found


def test_gettext_tools_are_installed() -> None:
    assert shutil.which("msgcat") and shutil.which("msgfmt") and shutil.which("msgmerge")


def test_shipped_catalogs(tmp_path: Path) -> None:
    for path in catalogs(REPO):
        assert_gettext_clean(path)


def test_catalogs_after_edits_with_fuzzy_obsolete_and_previous(sample: Path, run) -> None:
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    text = article.read_text(encoding="utf-8")
    text = text.replace("died on Nov. 24", "died on Nov. 23")  # fuzzy with #| msgid
    text = text.replace("Officials reject claims of mistreatment", "Officials rejected claims")
    text = text.replace("Activists in Kazakhstan expressed their disgust over his death.\n", "")
    text += "\nA new closing paragraph, with a “quote” and 8.7% growth, is added here.\n"
    article.write_text(text, encoding="utf-8")
    assert run(sample, "update").exit_code == 0
    po = (sample / "locales/kk/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").read_text(encoding="utf-8")
    assert "#~ msgid" in po and "#| msgid" in po and "#, fuzzy" in po
    assert "python-format" not in po and "c-format" not in po
    for path in catalogs(sample):
        assert_gettext_clean(path)


def test_templates_of_every_commonmark_example(tmp_path: Path, run) -> None:
    root = tmp_path / "spec"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    for example in commonmark_examples():
        (root / "articles" / f"ex{example['example']:03d}.md").write_text(
            example["markdown"], encoding="utf-8"
        )
    result = run(root, "update", "-l", "ru")
    assert result.exit_code == 0, result.output
    paths = catalogs(root)
    # Examples with nothing to translate (code, HTML, rules) get no catalog at all.
    assert 2 * 450 < len(paths) < 2 * 652
    for path in paths:
        cat = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
        assert cat.stdout == path.read_bytes(), path
