"""``transflow tm export`` and ``transflow tm import``: the project's translation memory as TMX.

Export writes one ``<tu>`` per reviewed segment pair (translated, not fuzzy) of the chosen
catalogs. Import checks a TMX file and keeps a copy in ``locales/tm/`` — with the catalogs, under
version control, not in the cache — where the ``memory`` engine reads it on every run, each text
as ``segment_text`` makes it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from transflow.article.segment import normalize
from transflow.catalog.store import read_catalog
from transflow.config import Settings
from transflow.errors import CatalogError
from transflow.fsutil import check_no_file_in_the_way, write_bytes_atomic, write_chunks_atomic
from transflow.mt.tmx import TmxContent, Unit, languages_of, parse_tmx, tmx_chunks
from transflow.project import Project

TM_FOLDER = "tm"
# What XML 1.0 cannot hold: C0 controls but tab, line feed and return; U+FFFE, U+FFFF; surrogates.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class TmReport:
    path: Path
    written: bool
    units: dict[str, int]  # by target language
    skipped: int = 0  # import: units with inline codes or a missing side
    left_out: int = 0  # export: pairs holding characters XML cannot carry
    replaced: bool = False  # import: another memory of that name was there (--replace)


def tm_folder(settings: Settings) -> Path:
    return settings.locales_dir / TM_FOLDER


def reviewed_units(
    project: Project, slugs: tuple[str, ...], languages: tuple[str, ...]
) -> list[Unit]:
    units: dict[tuple[str, str | None, str, str], Unit] = {}
    for lang in project.languages(languages):
        for path in _catalogs(project, slugs, lang):
            for entry in read_catalog(path, project.settings.cache_dir).entries:
                if entry.translated and entry.msgid_plural is None:
                    unit = Unit(entry.msgid, entry.msgstr, lang, entry.msgctxt)
                    units.setdefault((lang, entry.msgctxt, entry.msgid, entry.msgstr), unit)
    return [units[key] for key in sorted(units, key=lambda k: (k[0], k[2], k[1] or "", k[3]))]


def _catalogs(project: Project, slugs: tuple[str, ...], lang: str) -> list[Path]:
    """The catalogs of ``slugs``, or all of the language's: those of an article taken down or
    renamed hold reviewed work too, which the ``memory`` engine drafts from."""
    settings = project.settings
    paths = [project.inside(settings.catalog_path(lang, slug)) for slug in project.slugs(slugs)]
    if not slugs:
        folder = settings.locales_dir / lang / "LC_MESSAGES"
        found = sorted(folder.glob("*.po")) if folder.is_dir() else []
        paths = list(dict.fromkeys([*paths, *(project.inside(path) for path in found)]))
    for path in paths:
        if not path.is_file():  # not made yet; but a file in the way is an error, as elsewhere
            check_no_file_in_the_way(path, project.root)
    return [path for path in paths if path.is_file()]


def export_tm(
    project: Project, path: Path, slugs: tuple[str, ...] = (), languages: tuple[str, ...] = ()
) -> TmReport:
    if path.suffix.lower() != ".tmx":
        raise CatalogError("a translation memory file must end in .tmx", path)
    units: list[Unit] = []
    left_out = 0
    for unit in reviewed_units(project, slugs, languages):
        if any(_NOT_XML.search(t) for t in (unit.source, unit.target, unit.context or "")):
            left_out += 1  # XML cannot carry it at all, even as a character reference
        else:
            units.append(unit)
    written = write_chunks_atomic(path, tmx_chunks(units, project.settings.source_language))
    return TmReport(path, written, dict(Counter(u.language for u in units)), left_out=left_out)


# The white space of XML that layout is made of: a carriage return is the text's own, as a reader
# turns a line end of the file into a line feed, and only "&#13;" gives one.
_LAYOUT = " \t\n"


def segment_text(text: str) -> str:
    """A ``<seg>``'s text as a segment of an article is, without the layout that an XML
    pretty-printer or editor gives it and that XML does not tell from the text: white space with
    a line break before or after the text (the text on lines of its own) goes, and a line break
    inside it (a long text wrapped), with the indentation around it, is read as the extractor
    reads a line end of Markdown: a space, or a hard break written ``\\`` and a line end. Space
    at an end without a line break (``<seg> x</seg>``) is the text's own, and so is a ``\\r\\n``
    (written ``&#13;`` and a line end); the msgids transflow exports read as themselves."""
    if "\n" not in text:  # most segments: on one line, as the tools write them
        return text
    head = text[: len(text) - len(text.lstrip(_LAYOUT))]
    body = text.rstrip(_LAYOUT)
    if body.endswith("\r") and text.startswith("\n", len(body)):
        body += "\n"  # the line feed of a "\r\n"
    tail = text[len(body) :]
    if "\n" in head:
        text = text[len(head) :]
    if "\n" in tail:
        text = text[: len(text) - len(tail)]
    return "\r\n".join(normalize(line) for line in text.split("\r\n"))


def text_units(content: TmxContent) -> list[Unit]:
    """The units of ``content`` with their texts as ``segment_text`` makes them, but those it
    leaves without a source or a target (``<seg>`` and a line break, ``</seg>`` on the next).
    A file transflow wrote has no layout in its segments: its units are read as they are, so
    that an exported pair reads back as itself (a msgid ending in a line break too)."""
    if content.verbatim:
        return list(content.units)
    units = []
    for unit in content.units:
        source, target = segment_text(unit.source), segment_text(unit.target)
        if source == unit.source and target == unit.target:
            units.append(unit)
        elif source and target:
            units.append(Unit(source, target, unit.language, unit.context))
    return units


def import_tm(project: Project, path: Path, replace: bool = False) -> TmReport:
    """Check ``path`` and store a copy in locales/tm/ under its own name; another memory kept
    under that name is replaced only when ``replace`` says so."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"cannot read: {exc.strerror}", path) from None
    if path.suffix.lower() != ".tmx":
        raise CatalogError("a translation memory file must end in .tmx", path)
    content = parse_tmx(data, path, project.settings.source_language)
    targets = project.settings.target_languages
    units = text_units(content)
    # A segment that was nothing but layout is a missing side too.
    skipped = content.skipped + len(content.units) - len(units)
    usable = [u for u in units if languages_of(u.language, targets)]
    if not usable:
        # A memory of another tool may hold nothing but units with inline codes: say so.
        why = f" (skipped {skipped} units with inline codes or a missing side)"
        raise CatalogError(
            f"holds no segment pair from {project.settings.source_language} into "
            f"{', '.join(targets)}{why if skipped else ''}",
            path,
        )
    folder = tm_folder(project.settings)
    earlier = _same_name(folder, path.name)
    stored = project.inside(earlier or folder / path.name)
    replaced = earlier is not None and earlier.read_bytes() != data
    if replaced and not replace:
        raise CatalogError(
            f"another memory was imported under that name, {earlier}, and is kept: rename this "
            "file to keep both, or import it with --replace to replace that one",
            path,
        )
    written = write_bytes_atomic(stored, data)
    counts = Counter(t for u in usable for t in languages_of(u.language, targets))
    return TmReport(stored, written, dict(counts), skipped, replaced=replaced)


def _same_name(folder: Path, name: str) -> Path | None:
    """The file of ``folder`` named ``name`` in any case: on macOS and Windows ``AGENCY.TMX``
    and ``agency.tmx`` are one file, and a clone of the project there would hold only one."""
    if not folder.is_dir():
        return None
    return next((p for p in sorted(folder.iterdir()) if p.name.lower() == name.lower()), None)


def stored_units(settings: Settings) -> list[Unit]:
    """Every imported pair, into any language, file by file in name order (``text_units``)."""
    folder = tm_folder(settings)
    units: list[Unit] = []
    # Any case of the suffix, as import takes it: "AGENCY.TMX" (a Windows tool's name) is kept
    # under that name.
    found = sorted(folder.iterdir()) if folder.is_dir() else []
    for path in [p for p in found if p.suffix.lower() == ".tmx" and p.is_file()]:
        content: TmxContent = parse_tmx(path.read_bytes(), path, settings.source_language)
        units.extend(text_units(content))
    return units
