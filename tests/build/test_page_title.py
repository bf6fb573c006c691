"""Every built HTML page has a title, even for an article whose front matter gives none."""

from __future__ import annotations

from pathlib import Path


def test_an_article_without_a_title_gets_its_slug_as_the_page_title(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "news"
    assert run(tmp_path, "init", str(root)).exit_code == 0
    (root / "articles" / "no-title-here.md").write_text(
        "---\nauthor: A. Writer\n---\n\nA story without a title.\n", encoding="utf-8"
    )
    (root / "articles" / "titled.md").write_text(
        "---\ntitle: The <real> title\n---\n\nA story.\n", encoding="utf-8"
    )
    assert run(root, "build").exit_code == 0

    untitled = (root / "build" / "en" / "no-title-here.html").read_text(encoding="utf-8")
    assert "<title>no-title-here</title>" in untitled
    titled = (root / "build" / "en" / "titled.html").read_text(encoding="utf-8")
    assert "<title>The &lt;real&gt; title</title>" in titled
