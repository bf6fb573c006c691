"""Bad input: one clear line naming the file and line, exit code 1, and no file changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_pipeline import snapshot
from tests.conftest import SAMPLE_SLUG


def add_article(root: Path, name: str, data: bytes) -> Path:
    path = root / "articles" / name
    path.write_bytes(data)
    return path


def assert_fails_cleanly(run, root: Path, args: list[str], expected: str) -> None:
    before = snapshot(root)
    result = run(root, *args)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"Error: {expected}"]
    assert snapshot(root) == before


@pytest.mark.parametrize("command", ["extract", "update", "build"])
def test_invalid_front_matter(sample: Path, run, command: str) -> None:
    # "a-" sorts before the sample: the other article must not be written either.
    add_article(sample, "a-broken.md", b"---\ntitle: Fine\nsubtitle: [unclosed\n---\n\nText.\n")
    # The good article's outputs are missing, so a half-done run would write them.
    (sample / "locales/templates" / f"{SAMPLE_SLUG}.pot").unlink()
    (sample / "locales/ru/LC_MESSAGES" / f"{SAMPLE_SLUG}.po").unlink()
    before = snapshot(sample)
    result = run(sample, command)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {sample / 'articles' / 'a-broken.md'}:")
    assert "invalid front matter" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert snapshot(sample) == before


def test_front_matter_error_points_at_the_line(sample: Path, run) -> None:
    add_article(
        sample, "a-broken.md", b"---\ntitle: Fine\ndate: 2021-11-25\n  bad indent: x\n---\n"
    )
    result = run(sample, "extract")
    assert result.exit_code == 1
    assert f"{sample / 'articles' / 'a-broken.md'}:4: invalid front matter" in result.output


@pytest.mark.parametrize(
    ("front", "line", "why"),
    [
        ("title: A\nsubtitle no colon\nauthor: B\n", 3, "could not find expected ':'"),
        ("title: A\nsubtitle: [a, b\n", 3, "did not find expected ',' or ']'"),
        ("title: [a, b\nauthor: X\n", 2, "did not find expected ',' or ']'"),  # where [ opens
        ("title: A\nauthor: {name: X\nsummary: Y\n", 3, "did not find expected ',' or '}'"),
        ("title: 'A\nsubtitle: B\n", 2, "found unexpected end of stream"),
        ("title: A\n- item\n", 3, "did not find expected key"),
    ],
)
def test_front_matter_errors_name_the_line_to_fix(
    sample: Path, run, front: str, line: int, why: str
) -> None:
    # Not the line after a key without its ":", nor the closing "---" after an unclosed "[" or "'".
    add_article(sample, "a-broken.md", f"---\n{front}---\n\nText.\n".encode())
    path = sample / "articles" / "a-broken.md"
    assert_fails_cleanly(run, sample, ["extract"], f"{path}:{line}: invalid front matter: {why}")


@pytest.mark.parametrize(
    ("front", "line", "why"),
    [
        (
            "title: Old title\ndate: 2021-11-25\ntitle: New title\n",
            4,
            "`title` is given twice (first at line 2)",
        ),
        (
            "title: A\nimage: {src: a.jpg, src: b.jpg}\n",
            3,
            "`src` is given twice (first at line 3)",
        ),
    ],
)
def test_a_front_matter_field_given_twice(
    sample: Path, run, front: str, line: int, why: str
) -> None:  # type: ignore[no-untyped-def]
    """YAML would keep the last value without a word; the editor most often changed the first."""
    add_article(sample, "a-twice.md", f"---\n{front}---\n\nText.\n".encode())
    path = sample / "articles" / "a-twice.md"
    assert_fails_cleanly(run, sample, ["update"], f"{path}:{line}: front-matter field {why}")


@pytest.mark.parametrize("command", ["extract", "update", "build", "status"])
@pytest.mark.parametrize(
    ("date", "why"),
    [("2023-02-30", "day is out of range for month"), ("2023-13-01", "month must be in 1..12")],
)
def test_a_date_that_does_not_exist(sample: Path, run, command: str, date: str, why: str) -> None:  # type: ignore[no-untyped-def]
    (sample / "locales/templates" / f"{SAMPLE_SLUG}.pot").unlink()  # a half-done run writes it
    add_article(sample, "a-dated.md", f"---\ntitle: T\ndate: {date}\n---\n\nText.\n".encode())
    path = sample / "articles" / "a-dated.md"
    assert_fails_cleanly(
        run, sample, [command], f"{path}:3: invalid front matter: {date} is not a date ({why})"
    )


@pytest.mark.parametrize(
    ("date", "shown"),
    [
        ("25.11.2021", "'25.11.2021'"),
        ("November 25, 2021", "'November 25, 2021'"),
        ("2021", "2021"),
    ],
)
def test_a_date_the_page_cannot_show(sample: Path, run, date: str, shown: str) -> None:  # type: ignore[no-untyped-def]
    """A date in no ISO form would be left off every page, in silence: it is refused instead."""
    (sample / "locales/templates" / f"{SAMPLE_SLUG}.pot").unlink()
    add_article(sample, "a-dated.md", f"---\ntitle: T\ndate: {date}\n---\n\nText.\n".encode())
    path = sample / "articles" / "a-dated.md"
    message = (
        f"{path}:3: front-matter field `date` must be a date in ISO 8601 (2021-11-25, or with its "
        f"time 2021-11-25T09:30), not {shown}"
    )
    assert_fails_cleanly(run, sample, ["build"], message)


def test_a_quoted_date_that_does_not_exist_says_so(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    (sample / "locales/templates" / f"{SAMPLE_SLUG}.pot").unlink()
    add_article(sample, "a-dated.md", b'---\ntitle: T\ndate: "2023-02-30"\n---\n\nText.\n')
    path = sample / "articles" / "a-dated.md"
    message = (
        f"{path}:3: front-matter field `date`: '2023-02-30' is not a date "
        "(day is out of range for month)"
    )
    assert_fails_cleanly(run, sample, ["build"], message)


@pytest.mark.parametrize(
    "date", ['"2021-11-25"', "2021-11-25 09:30:00", "2021-11-25T09:30:00+05:00"]
)
def test_iso_dates_in_any_form_are_shown(sample: Path, run, date: str) -> None:  # type: ignore[no-untyped-def]
    add_article(sample, "a-dated.md", f"---\ntitle: T\ndate: {date}\n---\n\nText.\n".encode())
    assert run(sample, "build").exit_code == 0
    page = (sample / "build" / "en" / "a-dated.html").read_text(encoding="utf-8")
    assert '<time datetime="2021-11-25">November 25, 2021</time>' in page


def test_unclosed_front_matter(sample: Path, run) -> None:
    add_article(sample, "a-open.md", b"---\ntitle: Never closed\n\nText.\n")
    assert_fails_cleanly(
        run,
        sample,
        ["extract"],
        f"{sample / 'articles' / 'a-open.md'}:1: front matter opened with --- is never closed",
    )


def test_article_that_is_not_utf8(sample: Path, run) -> None:
    add_article(
        sample, "a-latin1.md", "---\ntitle: ok\n---\n\nCaf\u00e9 au lait.\n".encode("latin-1")
    )
    assert_fails_cleanly(
        run,
        sample,
        ["update"],
        f"{sample / 'articles' / 'a-latin1.md'}:5: is not valid UTF-8 (byte 0xE9 at column 4)",
    )


def test_po_file_with_a_syntax_error(sample: Path, run) -> None:
    po = sample / "locales/kk/LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    broken_line = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 20)
    lines[broken_line] = 'msgstr "unterminated\n'
    po.write_text("".join(lines), encoding="utf-8")
    for command in (["update"], ["build"], ["status"]):
        result = run(sample, *command)
        assert result.exit_code == 1, command
        assert result.output.startswith(f"Error: {po}:{broken_line + 1}: "), result.output
    assert_fails_cleanly(run, sample, ["update"], run(sample, "update").output.strip()[7:])


@pytest.mark.parametrize("slug", ["../transflow", "../../etc/passwd", ".hidden", "a/b"])
def test_slug_that_would_leave_the_articles_folder(sample: Path, run, slug: str) -> None:
    result = run(sample, "build", "--article", slug)
    assert result.exit_code == 1
    assert "is not a valid article slug" in result.output


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("my story.md", "my story"),
        (".draft.md", ".draft"),
        ("қала.md", "қала"),
        ("a..b.md", "a..b"),
    ],
)
def test_an_article_file_whose_name_is_no_slug(sample: Path, run, name: str, slug: str) -> None:
    path = add_article(sample, name, b"# A story\n\nText.\n")
    (sample / "articles" / "notes.md").mkdir()  # a folder, not an article: left alone
    assert_fails_cleanly(
        run,
        sample,
        ["extract"],
        f"{path}: {slug!r} is not a valid article slug (ASCII letters, digits, '.', '_', '-', "
        "starting with a letter or digit; no path separators, no '..')",
    )


def test_article_symlink_out_of_the_project(sample: Path, run, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("Secret text.\n", encoding="utf-8")
    (sample / "articles" / "a-link.md").symlink_to(outside)
    assert_fails_cleanly(
        run,
        sample,
        ["extract"],
        f"{sample / 'articles' / 'a-link.md'}: leads outside the project folder",
    )


def test_catalog_folder_symlink_out_of_the_project(sample: Path, run, tmp_path: Path) -> None:
    folder = sample / "locales" / "ru" / "LC_MESSAGES"
    outside = tmp_path / "elsewhere"
    folder.rename(outside)
    folder.symlink_to(outside, target_is_directory=True)
    catalog = next(folder.glob("*.po"))
    assert_fails_cleanly(run, sample, ["build"], f"{catalog}: leads outside the project folder")


def test_unknown_config_key(sample: Path, run) -> None:
    config = sample / "transflow.toml"
    config.write_text(config.read_text(encoding="utf-8") + "colour = 'red'\n", encoding="utf-8")
    result = run(sample, "build")
    assert result.exit_code == 1
    assert "unknown key `colour`" in result.output
