"""Every built HTML page has a title, even for an article whose front matter gives none."""

from __future__ import annotations

from pathlib import Path

import polib
import yaml


def test_an_article_without_a_title_gets_its_slug_as_the_page_title(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = new_project
    (root / "articles" / "no-title-here.md").write_text(
        "---\nauthor: A. Writer\n---\n\nA story without a title.\n", encoding="utf-8"
    )
    (root / "articles" / "titled.md").write_text(
        "---\ntitle: Tom & Jerry <3 title\n---\n\nA story.\n", encoding="utf-8"
    )
    assert run(root, "build").exit_code == 0

    untitled = (root / "build" / "en" / "no-title-here.html").read_text(encoding="utf-8")
    assert "<title>no-title-here</title>" in untitled
    titled = (root / "build" / "en" / "titled.html").read_text(encoding="utf-8")
    assert "<title>Tom &amp; Jerry &lt;3 title</title>" in titled


def test_a_title_that_is_an_alias_of_a_translated_field_is_translated_on_the_page(
    new_project: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    root = new_project
    (root / "articles" / "road.md").write_text(
        "---\nsummary: &s Floods close the mountain road\ntitle: *s\n---\n\nThe road is shut.\n",
        encoding="utf-8",
    )
    assert run(root, "update").exit_code == 0
    catalog_path = root / "locales" / "ru" / "LC_MESSAGES" / "road.po"
    catalog = polib.pofile(str(catalog_path))
    russian = {
        "Floods close the mountain road": "Паводок закрыл горную дорогу",
        "The road is shut.": "Дорога закрыта.",
    }
    for entry in catalog:
        entry.msgstr = russian[entry.msgid]
    catalog.save()
    assert run(root, "build").exit_code == 0

    markdown = (root / "build" / "ru" / "road.md").read_text(encoding="utf-8")
    front = yaml.safe_load(markdown.split("---\n")[1])
    assert front == {
        "summary": "Паводок закрыл горную дорогу",
        "title": "Паводок закрыл горную дорогу",
    }
    page = (root / "build" / "ru" / "road.html").read_text(encoding="utf-8")
    assert "<title>Паводок закрыл горную дорогу</title>" in page
    assert "<h1>Паводок закрыл горную дорогу</h1>" in page


def test_a_byte_order_mark_stays_at_the_start_of_the_built_markdown(new_project: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = new_project
    config = root / "transflow.toml"
    config.write_text(config.read_text("utf-8").replace("min_coverage = 80", "min_coverage = 0"))
    source = "\ufeff---\ntitle: A title\n---\n\nA story.\n".encode()
    (root / "articles" / "marked.md").write_bytes(source)
    assert run(root, "update").exit_code == 0
    assert run(root, "build").exit_code == 0
    assert (root / "build" / "en" / "marked.md").read_bytes() == source  # byte for byte
    assert (root / "build" / "kk" / "marked.md").read_bytes().startswith(b"\xef\xbb\xbf---\n")
    page = (root / "build" / "en" / "marked.html").read_bytes()
    assert page.startswith(b"<!DOCTYPE html>") and "<h1>A title</h1>" in page.decode()
