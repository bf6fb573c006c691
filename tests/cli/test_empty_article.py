"""An article with nothing to translate (a placeholder, or one whose text was all cut) has no
template; its catalogs keep only what a translator did, as obsolete entries."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import polib


def _project(root: Path) -> Path:
    (root / "articles" / "placeholder.md").write_text("", encoding="utf-8")
    (root / "articles" / "story.md").write_text(
        "Floods closed the road.\n\nThe school stays open.\n", encoding="utf-8"
    )
    return root


def test_update_after_extract_with_an_empty_article(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = _project(new_project)
    assert run(root, "extract").exit_code == 0
    result = run(root, "update")
    assert result.exit_code == 0, result.output
    catalogs = root / "locales" / "kk" / "LC_MESSAGES"
    assert sorted(p.name for p in catalogs.iterdir()) == ["story.po"]
    assert not (root / "locales" / "templates" / "placeholder.pot").exists()
    assert run(root, "update").output.strip() == "All catalogs are up to date."


def test_an_article_whose_text_is_all_cut_keeps_only_the_translators_work(
    new_project: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    root = _project(new_project)
    assert run(root, "update").exit_code == 0
    kk = root / "locales" / "kk" / "LC_MESSAGES" / "story.po"
    catalog = polib.pofile(str(kk))
    catalog.find("Floods closed the road.").msgstr = "Су тасқыны жолды жауып тастады."
    catalog.save()

    (root / "articles" / "story.md").write_text("", encoding="utf-8")
    assert run(root, "update").exit_code == 0

    assert not (root / "locales" / "templates" / "story.pot").exists()
    kept = polib.pofile(str(kk))
    assert [(e.msgid, e.msgstr, e.obsolete) for e in kept] == [
        ("Floods closed the road.", "Су тасқыны жолды жауып тастады.", True)
    ]
    ru = root / "locales" / "ru" / "LC_MESSAGES" / "story.po"
    assert list(polib.pofile(str(ru))) == []  # nothing translated: nothing to keep
    for catalog_path in (kk, ru):
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(catalog_path)], check=True)
    status = json.loads(run(root, "status", "--format", "json").output)
    rows = {(c["article"], c["language"]): c for c in status["catalogs"]}
    assert rows["story", "kk"]["untranslated"] == 0
    assert rows["story", "kk"]["obsolete"] == 1
    assert rows["story", "ru"]["untranslated"] == 0
