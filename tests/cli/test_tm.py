"""``transflow tm export`` and ``transflow tm import`` through the CLI."""

from __future__ import annotations

import textwrap
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from tests.conftest import SAMPLE_SLUG
from transflow.catalog.store import read_catalog, write_catalog
from transflow.mt.tmx import Unit, format_tmx, parse_tmx


def reviewed(root: Path, lang: str) -> int:
    paths = (root / "locales" / lang / "LC_MESSAGES").glob("*.po")
    return len({(e.msgctxt, e.msgid, e.msgstr) for p in paths for e in read_catalog(p).entries
                if e.translated})  # fmt: skip


def test_export_reviewed_pairs(run, sample: Path, tmp_path: Path) -> None:
    target = tmp_path / "newsroom.tmx"
    result = run(sample, "tm", "export", str(target))
    assert result.exit_code == 0, result.output
    kk, ru = reviewed(sample, "kk"), reviewed(sample, "ru")
    assert kk and ru
    assert result.output == f"exported {kk + ru} segment pairs (kk: {kk}, ru: {ru}) to {target}\n"
    units = parse_tmx(target.read_bytes(), target, "en").units
    assert len(units) == kk + ru and {u.language for u in units} == {"kk", "ru"}
    again = run(sample, "tm", "export", str(target))
    assert again.output.endswith("(unchanged)\n")
    only_kk = run(sample, "tm", "export", str(tmp_path / "kk.tmx"), "-l", "kk")
    assert f"exported {kk} segment pairs (kk: {kk})" in only_kk.output


def test_import_keeps_a_copy_for_the_memory_engine(run, sample: Path, tmp_path: Path) -> None:
    exported = tmp_path / "agency.tmx"
    run(sample, "tm", "export", str(exported), "-l", "ru")
    result = run(sample, "tm", "import", str(exported))
    assert result.exit_code == 0, result.output
    stored = sample / "locales" / "tm" / "agency.tmx"
    ru = reviewed(sample, "ru")
    assert result.output == f"imported {ru} segment pairs (ru: {ru}) to {stored}\n"
    assert stored.read_bytes() == exported.read_bytes()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bad.tmx", b"<tmx><body>", "bad.tmx:1: is not valid TMX"),
        ("notes.txt", b"<tmx/>", "must end in .tmx"),
        ("other.tmx", b'<tmx version="1.4"><header srclang="de"/><body><tu>'
         b'<tuv xml:lang="de"><seg>Hallo</seg></tuv><tuv xml:lang="fr"><seg>Salut</seg></tuv>'
         b"</tu></body></tmx>", "holds no segment pair from en into kk, ru"),
    ],
)  # fmt: skip
def test_import_refuses_bad_files(
    run, sample: Path, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run(sample, "tm", "import", str(path))
    assert result.exit_code == 1 and message in result.output
    assert not (sample / "locales" / "tm").exists()


def test_export_leaves_out_pairs_that_xml_cannot_hold(run, sample: Path, tmp_path: Path) -> None:
    path = sample / "locales" / "kk" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog.entries if e.translated)
    entry.msgstr += "\x0b"  # a vertical tab from a copy and paste
    write_catalog(path, catalog)
    target = tmp_path / "newsroom.tmx"
    result = run(sample, "tm", "export", str(target))
    assert result.exit_code == 0
    assert "left out 1 segment pairs holding control characters" in result.stderr
    kk = reviewed(sample, "kk") - 1
    assert f"(kk: {kk}, " in result.stdout
    units = parse_tmx(target.read_bytes(), target, "en").units  # a file every reader can read
    assert entry.msgid not in {u.source for u in units if u.language == "kk"}


def _untranslate(root: Path, lang: str) -> tuple[str, str]:
    """Clear the first reviewed plain-text entry of ``lang``: its source and old translation."""
    path = root / "locales" / lang / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog.entries if e.translated and "[" not in e.msgid)
    pair = (entry.msgid, entry.msgstr)
    entry.msgstr = ""
    write_catalog(path, catalog)
    return pair


def test_a_file_named_in_capitals_serves_the_memory_engine(
    run, sample: Path, tmp_path: Path
) -> None:
    source, translation = _untranslate(sample, "kk")
    agency = tmp_path / "AGENCY.TMX"  # as a Windows tool names it
    agency.write_bytes(format_tmx([Unit(source, translation, "kk-KZ")], "en-US"))
    assert run(sample, "tm", "import", str(agency)).exit_code == 0
    assert (sample / "locales" / "tm" / "AGENCY.TMX").is_file()
    result = run(sample, "translate", "-l", "kk", "--engine", "memory")
    assert result.exit_code == 0, result.output
    path = sample / "locales" / "kk" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    entry = next(e for e in read_catalog(path).entries if e.msgid == source)
    assert (entry.msgstr, entry.fuzzy) == (translation, True)


def test_export_keeps_the_catalogs_of_a_renamed_article(run, sample: Path, tmp_path: Path) -> None:
    kk, ru = reviewed(sample, "kk"), reviewed(sample, "ru")
    article = sample / "articles" / f"{SAMPLE_SLUG}.md"
    article.rename(article.with_name("renamed-story.md"))  # its catalogs not renamed yet
    target = tmp_path / "newsroom.tmx"
    result = run(sample, "tm", "export", str(target))
    assert result.exit_code == 0, result.output
    assert f"exported {kk + ru} segment pairs (kk: {kk}, ru: {ru})" in result.output
    assert len(parse_tmx(target.read_bytes(), target, "en").units) == kk + ru
    only = run(sample, "tm", "export", str(tmp_path / "one.tmx"), "--article", "renamed-story")
    assert "exported 0 segment pairs (none)" in only.output


def test_import_of_units_with_inline_codes_only_says_why(run, sample: Path, tmp_path: Path) -> None:
    path = tmp_path / "trados.tmx"
    path.write_bytes(
        b'<tmx version="1.4"><header srclang="en-US"/><body><tu>'
        b'<tuv xml:lang="en-US"><seg>Read <ph x="1">&lt;b&gt;</ph>this.</seg></tuv>'
        b'<tuv xml:lang="ru-RU"><seg>Read <ph x="1">&lt;b&gt;</ph>this.</seg></tuv>'
        b"</tu></body></tmx>"
    )
    result = run(sample, "tm", "import", str(path))
    assert result.exit_code == 1
    assert result.output == (
        f"Error: {path}: holds no segment pair from en into kk, ru (skipped 1 units with "
        "inline codes or a missing side)\n"
    )


def _pretty_unit(source: str, target: str, lang: str) -> str:
    """A ``<tu>`` as an XML editor's "format and indent" lays it out: each text on lines of its
    own, indented, and wrapped at 40 columns."""

    def seg(text: str) -> str:
        lines = textwrap.wrap(escape(text), 40)
        return (
            "        <seg>\n" + "".join(f"          {line}\n" for line in lines) + "        </seg>"
        )

    return (
        f'    <tu>\n      <tuv xml:lang="en-US">\n{seg(source)}\n      </tuv>\n'
        f'      <tuv xml:lang="{lang}">\n{seg(target)}\n      </tuv>\n    </tu>\n'
    )


def _pretty_file(path: Path, units: str) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n  <header creationtool="x"'
        ' creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US"'
        f' datatype="plaintext"/>\n  <body>\n{units}  </body>\n</tmx>\n',
        encoding="utf-8",
    )
    return path


def test_a_pretty_printed_file_gives_exact_matches(run, sample: Path, tmp_path: Path) -> None:
    """A ``<seg>`` whose text stands on lines of its own, indented and wrapped, is the text: a
    100% match, drafted as the translation reads without the layout."""
    source, translation = _untranslate(sample, "kk")
    assert "\n" not in source + translation and len(source) > 40  # wrapped over lines
    agency = _pretty_file(tmp_path / "agency.tmx", _pretty_unit(source, translation, "kk-KZ"))
    assert run(sample, "tm", "import", str(agency)).exit_code == 0
    result = run(sample, "translate", "-l", "kk", "--engine", "memory")
    assert result.exit_code == 0, result.output
    path = sample / "locales" / "kk" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    entry = next(e for e in read_catalog(path).entries if e.msgid == source)
    assert "machine draft: memory 100%" in entry.translator_comments
    assert (entry.msgstr, entry.fuzzy) == (translation, True)


def test_a_pretty_printed_empty_segment_is_no_pair(run, sample: Path, tmp_path: Path) -> None:
    units = _pretty_unit("Rain.", "Жаңбыр.", "kk") + _pretty_unit("Nothing to say.", "", "kk")
    agency = _pretty_file(tmp_path / "agency.tmx", units)  # the second: <seg>, </seg> below it
    result = run(sample, "tm", "import", str(agency))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("imported 1 segment pairs (kk: 1) ")
    assert "skipped 1 units with inline codes or a missing side" in result.output


def test_a_file_in_an_unknown_encoding_is_refused_in_one_line(
    run, sample: Path, tmp_path: Path
) -> None:
    path = tmp_path / "agency.tmx"
    path.write_bytes(
        b'<?xml version="1.0" encoding="bogus"?>\n<tmx version="1.4"><header srclang="en"/>'
        b'<body><tu><tuv xml:lang="en"><seg>Rain.</seg></tuv><tuv xml:lang="ru"><seg>Dozhd.'
        b"</seg></tuv></tu></body></tmx>\n"
    )
    result = run(sample, "tm", "import", str(path))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: {path}: its encoding bogus is not supported (save it as UTF-8)\n",
    )
    assert not (sample / "locales" / "tm").exists()
    # One that reached locales/tm/ otherwise (a colleague's commit) stops translate the same way.
    (sample / "locales" / "tm").mkdir()
    (sample / "locales" / "tm" / "agency.tmx").write_bytes(path.read_bytes())
    _untranslate(sample, "ru")
    result = run(sample, "translate", "-l", "ru", "--engine", "memory")
    assert result.exit_code == 1
    assert result.output.endswith(
        "agency.tmx: its encoding bogus is not supported (save it as UTF-8)\n"
    )
    assert "Traceback" not in result.output


def test_a_shift_jis_file_is_imported_and_serves_the_memory_engine(
    run, sample: Path, tmp_path: Path
) -> None:
    source, translation = _untranslate(sample, "ru")
    path = tmp_path / "agency.tmx"
    data = format_tmx([Unit(source, translation, "ru")], "en").replace(b"UTF-8", b"Shift_JIS")
    path.write_bytes(data.decode().encode("shift_jis"))
    result = run(sample, "tm", "import", str(path))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("imported 1 segment pairs (ru: 1) ")
    assert run(sample, "translate", "-l", "ru", "--engine", "memory").exit_code == 0
    catalog = sample / "locales" / "ru" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    entry = next(e for e in read_catalog(catalog).entries if e.msgid == source)
    assert (entry.msgstr, entry.fuzzy) == (translation, True)


def test_import_keeps_the_memory_imported_before_under_that_name(
    run, sample: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "a" / "memory.tmx", tmp_path / "b" / "memory.tmx"
    second.parent.mkdir()
    run(sample, "tm", "export", str(first))
    second.write_bytes(format_tmx([Unit("Hello.", "Привет.", "ru")], "en"))
    assert run(sample, "tm", "import", str(first)).exit_code == 0
    stored = sample / "locales" / "tm" / "memory.tmx"
    refusal = (
        f"another memory was imported under that name, {stored}, and is kept: rename this file "
        "to keep both, or import it with --replace to replace that one\n"
    )
    result = run(sample, "tm", "import", str(second))
    assert (result.exit_code, result.output) == (1, f"Error: {second}: {refusal}")
    assert stored.read_bytes() == first.read_bytes()
    # The same memory again is no other one: up to date.
    again = run(sample, "tm", "import", str(first))
    assert again.exit_code == 0 and again.output.endswith(f"to {stored} (unchanged)\n")
    # In another case, a name that macOS and Windows take for the same.
    upper = tmp_path / "MEMORY.TMX"
    upper.write_bytes(second.read_bytes())
    result = run(sample, "tm", "import", str(upper))
    assert (result.exit_code, result.output) == (1, f"Error: {upper}: {refusal}")
    assert [p.name for p in stored.parent.iterdir()] == ["memory.tmx"]
    result = run(sample, "tm", "import", "--replace", str(second))
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"imported 1 segment pairs (ru: 1) to {stored} (replacing the memory imported before "
        "under that name)\n"
    )
    assert stored.read_bytes() == second.read_bytes()


def test_a_translation_with_a_windows_line_end_comes_back_as_it_was(
    run, sample: Path, tmp_path: Path
) -> None:
    (sample / "articles" / "poem.md").write_text(
        "---\ntitle: Poem\n---\n\nFirst line\\\nsecond line.\n"
    )
    assert run(sample, "update").exit_code == 0
    path = sample / "locales" / "ru" / "LC_MESSAGES" / "poem.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog.entries if e.msgid == "First line\\\nsecond line.")
    translation = entry.msgstr = "Первая строка\\\r\nвторая строка."  # pasted from Windows
    write_catalog(path, catalog)
    exported = tmp_path / "newsroom.tmx"
    assert run(sample, "tm", "export", str(exported), "-l", "ru").exit_code == 0
    assert run(sample, "tm", "import", str(exported)).exit_code == 0
    entry.msgstr = ""  # the memory's pair is now the TMX's alone
    write_catalog(path, catalog)
    result = run(sample, "translate", "-l", "ru", "--engine", "memory", "--article", "poem")
    assert result.exit_code == 0, result.output
    drafted = next(e for e in read_catalog(path).entries if e.msgid == entry.msgid)
    assert (drafted.msgstr, drafted.fuzzy) == (translation, True)
    assert "machine draft: memory 100%" in drafted.translator_comments


def test_a_regional_language_is_exported_as_bcp_47_and_imported_into_it(
    run, sample: Path, tmp_path: Path
) -> None:
    config = sample / "transflow.toml"
    text = config.read_text()
    config.write_text(text.replace('["kk", "ru"]', '["kk", "pt_BR", "pt_PT"]'))
    assert run(sample, "update").exit_code == 0
    path = sample / "locales" / "pt_BR" / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
    catalog = read_catalog(path)
    entry = next(e for e in catalog.entries if "[" not in e.msgid)
    entry.msgstr = "Tradução."
    write_catalog(path, catalog)
    exported = tmp_path / "br.tmx"
    assert run(sample, "tm", "export", str(exported), "-l", "pt_BR").exit_code == 0
    assert b'xml:lang="pt-BR"' in exported.read_bytes()
    assert b"pt_BR" not in exported.read_bytes()
    entry.msgstr = ""
    write_catalog(path, catalog)
    # A memory of both varieties: each of its units goes into its own.
    both = tmp_path / "agency.tmx"
    both.write_bytes(
        format_tmx(
            [Unit(entry.msgid, "Tradução.", "pt-BR"), Unit(entry.msgid, "Traducção.", "pt_PT")],
            "en",
        )
    )
    result = run(sample, "tm", "import", str(both))
    assert result.output.startswith("imported 2 segment pairs (pt_BR: 1, pt_PT: 1) ")
    result = run(sample, "translate", "-l", "pt_BR,pt_PT", "--engine", "memory")
    assert result.exit_code == 0, result.output
    for lang, translation in (("pt_BR", "Tradução."), ("pt_PT", "Traducção.")):
        catalog_path = sample / "locales" / lang / "LC_MESSAGES" / f"{SAMPLE_SLUG}.po"
        drafted = next(e for e in read_catalog(catalog_path).entries if e.msgid == entry.msgid)
        assert (lang, drafted.msgstr) == (lang, translation)
