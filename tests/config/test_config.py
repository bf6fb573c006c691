from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from transflow.config import load_settings
from transflow.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "transflow.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_defaults(tmp_path: Path) -> None:
    settings = load_settings(write(tmp_path, ""))
    assert settings.source_language == "en"
    assert settings.target_languages == ("kk", "ru")
    assert settings.segmentation == "sentence"
    assert settings.min_coverage == 80
    assert settings.translate_fields == ("title", "subtitle", "summary", "caption")
    assert settings.catalog_path("kk", "a") == tmp_path / "locales/kk/LC_MESSAGES/a.po"
    assert settings.template_path("a") == tmp_path / "locales/templates/a.pot"


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('sorce_language = "en"', "unknown key `sorce_language`", 3),
        ('segmentation = "word"', "`segmentation` must be one of sentence, paragraph", 3),
        ("min_coverage = 120", "`min_coverage` must be between 0 and 100", 3),
        ('min_coverage = "80"', '`min_coverage` has a bad value "80"', 3),
        ("min_coverage = true", "`min_coverage` has a bad value true$", 3),
        ('locales = "articles/po"', "`locales` must be a folder apart from `articles`", 3),
        ('articles = "."', "`articles` must be a folder apart from `locales`", 3),
        ('articles = "build/src"', "`build` must be a folder apart from `articles`", 2),
        ('locales = ".transflow-cache/l"', "`locales` must be outside .transflow-cache", 3),
        (
            'target_languages = ["kk", "xx-notalanguage"]',
            "`target_languages` names an unknown language",
            3,
        ),
        (
            'target_languages = ["KK", "pt_br"]',
            r"`target_languages` names an unknown language 'KK' \(did you mean 'kk'\?\)$",
            3,
        ),
        ('target_languages = ["en"]', "`target_languages` lists the source language", 3),
        ('articles = "../elsewhere"', "`articles` must be a folder inside the project", 3),
        ("mt = 3", "`mt` must be a table", 3),
        ('[qa]\ncheks = ["links"]', "unknown key `qa`", 3),
        ('[report]\nformat = "pdf"', "unknown key `report`", 3),
        ('[mt]\nengines = ["nope"]', "unknown engine 'nope'", 4),
        ("[mt]\nengine = []", "unknown key `mt.engine`", 4),
    ],
)
def test_bad_values_name_the_key_and_its_line(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    with pytest.raises(ConfigError, match=message.replace("[", r"\[")) as info:
        load_settings(write(tmp_path, f'# the newsroom\'s settings\nbuild = "build"\n{text}\n'))
    assert info.value.line == line
    assert f"transflow.toml:{line}: " in str(info.value)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_settings(write(tmp_path, 'source_language = "en"\ntarget_languages = [kk]\n'))
    assert info.value.line == 2
    assert "transflow.toml:2" in str(info.value)


def test_missing_config_says_how_to_start(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="transflow init"):
        load_settings(tmp_path)


@pytest.mark.parametrize("command", ["extract", "update", "build", "status", "check"])
def test_a_typo_in_the_mt_table_stops_every_command(tmp_path: Path, run, command: str) -> None:  # type: ignore[no-untyped-def]
    root = write(tmp_path, '[mt]\nengines = ["gogle"]\n')
    (root / "articles").mkdir()
    result = run(root, command)
    assert result.exit_code == 1
    assert "transflow.toml:2: unknown engine 'gogle'" in result.output
    assert not (root / "locales").exists() and not (root / "build").exists()  # nothing written


def test_a_byte_order_mark_is_read_as_none(tmp_path: Path) -> None:
    # Notepad's "UTF-8 with BOM"; an error still names its line.
    (tmp_path / "transflow.toml").write_bytes(b"\xef\xbb\xbfmin_coverage = 50\n")
    assert load_settings(tmp_path).min_coverage == 50
    (tmp_path / "transflow.toml").write_bytes(b"\xef\xbb\xbfmin_coverage = 500\n")
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert info.value.line == 1


def test_a_byte_that_is_not_utf8_is_named_by_line_and_column(tmp_path: Path) -> None:
    (tmp_path / "transflow.toml").write_bytes(b'min_coverage = 50\nproject_name = "caf\xe9"\n')
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert str(info.value).endswith("transflow.toml:2: is not valid UTF-8 (byte 0xE9 at column 20)")


@pytest.mark.parametrize("spelled", ["./articles", "articles/", "./articles//"])
def test_a_folder_is_one_name_however_it_is_spelled(tmp_path: Path, run, spelled: str) -> None:  # type: ignore[no-untyped-def]
    """`./articles` and `articles/` are `articles`: the catalogs' references are the same, and a
    run without a cache (a fresh clone) rewrites no file."""
    assert load_settings(write(tmp_path, f'articles = "{spelled}"\n')).articles == "articles"
    (tmp_path / "articles").mkdir()
    story = "---\ntitle: Hi\n---\n\nSome text.\n"
    (tmp_path / "articles" / "story.md").write_text(story, encoding="utf-8")
    assert run(tmp_path, "update").exit_code == 0
    catalog = (tmp_path / "locales/kk/LC_MESSAGES/story.po").read_text("utf-8")
    assert "#: articles/story.md:2\n" in catalog
    write(tmp_path, 'articles = "articles"\n')
    shutil.rmtree(tmp_path / ".transflow-cache")
    result = run(tmp_path, "update")
    assert result.output.strip() == "All catalogs are up to date."


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('build = "b\\u0000"', "`build` must be a folder name without control characters", 2),
        ('locales = "l\\nx"', "`locales` must be a folder name without control characters", 2),
        ('target_languages = ["pt-BR", "pt_BR"]', "twice ('pt-BR' and 'pt_BR')", 2),
        ('source_language = "pt-BR"\ntarget_languages = ["pt_BR"]', "the source language", 3),
        ('project_name = "new\\nline"', "`project_name` must be one line of text", 2),
        ('project_name = "a"\nproject_name = "b"', "`project_name` is set twice", 3),
        ("[mt]\n[mt]", "table \\[mt\\] is made twice", 3),
        ('target_languages = ["kk",\n"ru"', "Unclosed array: the file ends before it is closed", 2),
        ('project_name = """news\nroom', "the file ends before it is closed", 2),
        # A line inside a multi-line string or array is text, not the key it looks like.
        (
            'translate_fields = [\n  "title",\n  "min_coverage = 5",\n]\nmin_coverage = 120',
            "between 0 and 100",
            6,
        ),
        ('target_languages = [\n  "kk", # [\n  "ru",\n]\nmin_coverage = -1', "between 0", 6),
        ('[mt]\n"скорость" = 3', "unknown key `mt.скорость`", 3),
    ],
)
def test_more_bad_settings_name_their_line(
    tmp_path: Path, text: str, message: str, line: int
) -> None:
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        load_settings(write(tmp_path, f"# settings\n{text}\n"))
    assert info.value.line == line


def test_a_folder_named_transflow_toml_is_not_taken_for_no_project(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "transflow.toml").mkdir()
    result = run(tmp_path, "status")
    assert result.exit_code == 1
    assert "transflow.toml: is a folder, where the project's settings file is needed" in (
        result.output
    )


def test_a_bad_byte_s_column_counts_characters_as_an_editor_does(tmp_path: Path) -> None:
    (tmp_path / "transflow.toml").write_bytes(
        b'\xef\xbb\xbfmin_coverage = 50\nproject_name = "\xc3\xb1\xc3\xb1\xe9"\n'
    )
    with pytest.raises(ConfigError) as info:
        load_settings(tmp_path)
    assert str(info.value).endswith("transflow.toml:2: is not valid UTF-8 (byte 0xE9 at column 19)")
