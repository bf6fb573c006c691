"""TMX 1.4 files: a pure writer (units → bytes) and a safe reader (bytes → units).

What we write is what OmegaT and translate-toolkit read: UTF-8, the TMX 1.4 DOCTYPE, a header
with every attribute 1.4 requires, and one ``<tu>`` per segment pair with a ``<tuv xml:lang>``
for each side. Segments are plain text (Markdown stays as written, escaped as XML text). The
reader refuses entity expansion and external references (defusedxml), accepts ``lang`` as well
as ``xml:lang`` (TMX 1.1), and skips a unit whose segment holds inline codes (``<bpt>``,
``<ph>``, ...) rather than guess what text they stand for. A file is read in any encoding it
declares that Python's codecs know, where expat alone reads UTF-8, UTF-16 and single-byte ones.
"""

from __future__ import annotations

import codecs
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden

from transflow import __version__
from transflow.config import language_tag
from transflow.errors import CatalogError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONTEXT_PROP = "x-context"
CREATION_TOOL = "transflow"


@dataclass(frozen=True)
class Unit:
    """One segment pair: ``source`` in the project's source language, ``target`` in ``language``."""

    source: str
    target: str
    language: str
    context: str | None = None


@dataclass(frozen=True)
class TmxContent:
    units: tuple[Unit, ...]
    skipped: int  # units with inline codes, or without a source or target segment
    # Written by transflow (the header's creationtool): its segments are the texts, no layout.
    verbatim: bool = False


def same_language(code: str, lang: str) -> bool:
    """``en-GB`` is ``en``; ``kk_KZ`` is ``kk`` (compared by primary subtag, any case)."""
    return _primary(code) == _primary(lang)


def _primary(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


def languages_of(tag: str, languages: Iterable[str]) -> list[str]:
    """The languages among ``languages`` that a file's ``xml:lang`` stands for: the one it names,
    in either spelling and any case (``pt-BR`` is ``pt_BR``), else those of its primary subtag
    (``kk-KZ`` is ``kk``), so that ``pt-BR`` is not taken for ``pt_PT`` as well."""
    named = [code for code in languages if language_tag(code).lower() == language_tag(tag).lower()]
    return named or [code for code in languages if same_language(tag, code)]


def format_tmx(units: Iterable[Unit], source_lang: str) -> bytes:
    """The TMX file of ``units``: what ElementTree writes for that tree, indented (the tests
    hold it to that), but for a carriage return, which it writes as ``&#13;`` so that it reads
    back as itself. Made piece by piece, without a tree: the 254,000 units of a 5,000-article
    archive took 740 MB and 10 s as a tree."""
    return b"".join(tmx_chunks(units, source_lang))


def tmx_chunks(units: Iterable[Unit], source_lang: str) -> Iterator[bytes]:
    """``format_tmx`` in pieces of about 64 KiB, for writing a large file as it is made."""
    pending: list[str] = []
    size = 0
    for piece in _tmx_pieces(units, source_lang):
        pending.append(piece)
        size += len(piece)
        if size >= 65536:
            yield "".join(pending).encode("utf-8")
            pending, size = [], 0
    yield "".join(pending).encode("utf-8")


def _tmx_pieces(units: Iterable[Unit], source_lang: str) -> Iterator[str]:
    header = {
        "creationtool": CREATION_TOOL, "creationtoolversion": __version__,
        "datatype": "plaintext", "segtype": "sentence", "adminlang": "en",
        "srclang": language_tag(source_lang), "o-tmf": "transflow",
    }  # fmt: skip
    attributes = "".join(f' {name}="{_attribute(value)}"' for name, value in header.items())
    yield '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'
    yield f'<tmx version="1.4">\n  <header{attributes} />\n'
    body = "  <body />\n"
    source_tuv = f'      <tuv xml:lang="{_attribute(language_tag(source_lang))}">\n'
    for unit in units:
        if body:
            yield "  <body>\n"
            body = ""
        prop = ""
        if unit.context is not None:
            prop = _element("      ", '<prop type="' + CONTEXT_PROP + '"', "prop", unit.context)
        yield (
            f"    <tu>\n{prop}{source_tuv}{_element('        ', '<seg', 'seg', unit.source)}"
            f'      </tuv>\n      <tuv xml:lang="{_attribute(language_tag(unit.language))}">\n'
            f"{_element('        ', '<seg', 'seg', unit.target)}      </tuv>\n    </tu>\n"
        )
    yield body or "  </body>\n"
    yield "</tmx>\n"


def _element(indent: str, start: str, tag: str, text: str) -> str:
    if not text:
        return f"{indent}{start} />\n"
    return f"{indent}{start}>{_text(text)}</{tag}>\n"


def _text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        # A reader turns a bare carriage return into a line feed (XML 1.0, 2.11); ElementTree
        # writes it bare, so "\r\n" came back as "\n\n".
        text = text.replace("\r", "&#13;")
    return text


def _attribute(value: str) -> str:
    value = _text(value).replace('"', "&quot;")
    return value.replace("\n", "&#10;").replace("\t", "&#09;")


def parse_tmx(data: bytes, path: Path, source_lang: str) -> TmxContent:
    """Units whose source side is in ``source_lang``, one per other-language variant.

    Read as a stream: each ``<tu>`` is let go once its units are taken, so a large memory
    costs its units, not an XML tree (a 96 MB export: 650 MB as a tree)."""
    units: list[Unit] = []
    skipped = 0
    open_tags: list[str] = []
    body: ET.Element | None = None
    verbatim = False
    try:
        for event, element in SafeET.iterparse(
            io.BytesIO(_in_utf8(data, path)), events=("start", "end"), forbid_dtd=False
        ):
            if event == "start":
                if not open_tags and element.tag != "tmx":
                    raise CatalogError("is not a TMX file (no <tmx> with a <body>)", path)
                if open_tags == ["tmx"] and element.tag == "body":
                    body = element
                elif open_tags == ["tmx"] and element.tag == "header":
                    verbatim = element.get("creationtool") == CREATION_TOOL
                open_tags.append(element.tag)
                continue
            open_tags.pop()
            if element.tag == "tu" and open_tags == ["tmx", "body"] and body is not None:
                found = _unit_variants(element, source_lang)
                if found is None:
                    skipped += 1
                else:
                    units.extend(found)
                body.remove(element)
    except ET.ParseError as exc:
        raise CatalogError(f"is not valid TMX: {exc}", path, exc.position[0]) from None
    except DefusedXmlException as exc:
        raise CatalogError(f"is refused: {_refusal(exc)}", path) from None
    if body is None:
        raise CatalogError("is not a TMX file (no <tmx> with a <body>)", path)
    return TmxContent(tuple(units), skipped, verbatim)


# What a file begins with that tells its encoding before any declaration does (XML 1.0,
# appendix F): a byte order mark, or "<?" in UTF-32 or UTF-16 without one.
_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF8, "UTF-8"),
    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"),
    (b"\x00\x00\x00<", "UTF-32-BE"), (b"<\x00\x00\x00", "UTF-32-LE"),
    (b"\x00<\x00?", "UTF-16-BE"), (b"<\x00?\x00", "UTF-16-LE"),
)  # fmt: skip
_DECLARED = re.compile(rb"<\?xml[^>]*?\sencoding\s*=\s*[\"']([!#-&(-~]*)[\"']")
_DECLARATION = re.compile(r"\A(<\?xml[^>]*?\sencoding\s*=\s*)([\"'])[^\"']*\2")
# Python's codecs that are no character set an XML file could be written in.
_NOT_CHARSETS = frozenset({"unicode-escape", "raw-unicode-escape", "idna", "punycode"})


def _in_utf8(data: bytes, path: Path) -> bytes:
    """``data`` as the parser reads it: UTF-8 as it is, any other encoding Python knows (expat
    itself reads few: not Shift_JIS, GB18030 or UTF-32) decoded and written again in UTF-8,
    its declaration saying so. Line numbers stay those of the file."""
    name = next((name for mark, name in _MARKS if data.startswith(mark)), None)
    declared = _DECLARED.match(data) if name is None else None
    if declared is not None:
        name = declared.group(1).decode("ascii")
    if name is None:
        return data  # UTF-8, as XML has it when nothing says otherwise
    try:
        codec = codecs.lookup(name).name
        if codec in ("utf-8", "utf-8-sig"):
            return data
        if codec in _NOT_CHARSETS:
            raise LookupError(name)
        text = data.decode(name).removeprefix("\ufeff")
    except LookupError:
        why = f"its encoding {name} is not supported (save it as UTF-8)"
        raise CatalogError(why, path) from None
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(name, "replace").count("\n") + 1
        raise CatalogError(_not_in(name), path, line) from None
    if declared is not None and not text.startswith("<?xml"):
        raise CatalogError(_not_in(name), path, 1)
    return _DECLARATION.sub(r"\1\2UTF-8\2", text, count=1).encode("utf-8")


def _not_in(encoding: str) -> str:
    return f"is not valid TMX: it is not written in {encoding}, the encoding it declares"


def _refusal(exc: DefusedXmlException) -> str:
    """Why a file is refused, in words (defusedxml's own message is the exception's repr)."""
    if isinstance(exc, EntitiesForbidden):
        where = f" from {exc.sysid}" if exc.sysid else ""
        return (
            f"it declares the XML entity {exc.name!r}{where}, and a TMX file needs none "
            "(entities are never expanded, nor external files read)"
        )
    if isinstance(exc, ExternalReferenceForbidden):
        return f"it refers to the external file {exc.sysid!r}, which is never read"
    return "it uses an XML feature refused for safety (entities, external references)"


def _unit_variants(tu: ET.Element, source_lang: str) -> list[Unit] | None:
    context = next(
        (p.text or "" for p in tu.iterfind("prop") if p.get("type") == CONTEXT_PROP), None
    )
    source: str | None = None
    targets: list[tuple[str, str]] = []
    for tuv in tu.iterfind("tuv"):
        lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
        seg = tuv.find("seg")
        if seg is None or len(seg) or not lang:
            return None
        if same_language(lang, source_lang) and source is None:
            source = seg.text or ""
        else:
            targets.append((lang, seg.text or ""))
    if not source or not any(text for _, text in targets):
        return None
    return [Unit(source, text, lang, context) for lang, text in targets if text]
