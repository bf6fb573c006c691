"""transflow.toml → a frozen Settings.

Every key is checked: an unknown key or a bad value is an error that names the key, so a typo never
silently falls back to a default.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from transflow.errors import ConfigError
from transflow.fsutil import read_text_utf8

CONFIG_NAME = "transflow.toml"
# C0 and C1 control characters: no part of a folder's name or of a header's one line.
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
SEGMENTATIONS = ("sentence", "paragraph")
DEFAULT_TRANSLATE_FIELDS = ("title", "subtitle", "summary", "caption")


@dataclass(frozen=True)
class Settings:
    root: Path
    source_language: str = "en"
    target_languages: tuple[str, ...] = ("kk", "ru")
    articles: str = "articles"
    locales: str = "locales"
    build: str = "build"
    segmentation: str = "sentence"
    min_coverage: float = 80.0
    translate_fields: tuple[str, ...] = DEFAULT_TRANSLATE_FIELDS
    project_name: str = ""
    # Tables that later stages read and check themselves (e.g. [mt]); kept raw here.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def articles_dir(self) -> Path:
        return self.root / self.articles

    @property
    def locales_dir(self) -> Path:
        return self.root / self.locales

    @property
    def build_dir(self) -> Path:
        return self.root / self.build

    @property
    def cache_dir(self) -> Path:
        return self.root / ".transflow-cache"

    @property
    def name(self) -> str:
        return self.project_name or self.root.resolve().name

    def template_path(self, slug: str) -> Path:
        return self.locales_dir / "templates" / f"{slug}.pot"

    def catalog_path(self, lang: str, slug: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{slug}.po"

    def article_path(self, slug: str) -> Path:
        return self.articles_dir / f"{slug}.md"

    def relative(self, path: Path) -> str:
        """``path`` as written in references and messages: relative to the project, with /."""
        if path.is_relative_to(self.root) and ".." not in path.parts:
            return path.relative_to(self.root).as_posix()  # the usual case, without a look at disk
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


# Keys that the core checks, with their expected type. Tables of later stages are listed in
# TABLE_KEYS, passed through in Settings.extra and checked by their stage's own code, which
# every command runs (so a typo in [mt] stops `build` too, not only `translate`).
_SCALAR_KEYS: dict[str, type | tuple[type, ...]] = {
    "source_language": str,
    "target_languages": list,
    "articles": str,
    "locales": str,
    "build": str,
    "segmentation": str,
    "min_coverage": (int, float),
    "translate_fields": list,
    "project_name": str,
}
TABLE_KEYS = ("mt",)


def load_settings(root: Path) -> Settings:
    path = root / CONFIG_NAME
    if path.is_dir():
        raise ConfigError("is a folder, where the project's settings file is needed", path)
    if not path.is_file():
        raise ConfigError(f"no {CONFIG_NAME} here; run `transflow init` to create a project", root)
    text = read_text_utf8(path, ConfigError)  # a byte order mark, as editors may save, goes
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, line = _toml_problem(exc, text)
        raise ConfigError(f"is not valid TOML: {message}", path, line) from None
    return settings_from_dict(root, data, path)


def settings_from_dict(root: Path, data: dict[str, Any], path: Path) -> Settings:
    values: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in data.items():
        if key in TABLE_KEYS:
            if not isinstance(value, dict):
                raise _error(f"`{key}` must be a table ([{key}])", path, key)
            extra[key] = value
            continue
        expected = _SCALAR_KEYS.get(key)
        if expected is None:
            known = ", ".join(sorted([*_SCALAR_KEYS, *TABLE_KEYS]))
            raise _error(f"unknown key `{key}` (known keys: {known})", path, key)
        if isinstance(value, bool) or not isinstance(value, expected):
            raise _error(f"`{key}` has a bad value {toml_value(value)}", path, key)
        values[key] = value
    try:
        for key in _FOLDER_KEYS:  # `./articles`, `articles/` are `articles`, in every reference
            if key in values:
                values[key] = _folder(values[key], key, path)
        _check_values(values, path)
    except ConfigError as exc:
        # Each check names its key first: `min_coverage` must be ...
        named = re.search(r"`(\w+)`", exc.message)
        if exc.line is not None or named is None:
            raise
        raise _error(exc.message, path, named.group(1)) from None
    for key in ("target_languages", "translate_fields"):
        if key in values:
            values[key] = tuple(values[key])
    settings = Settings(root=root, extra=extra, **values)
    from transflow.mt.settings import load_mt_settings  # imports this module

    load_mt_settings(settings)
    return settings


def toml_value(value: object) -> str:
    """``value`` as the TOML file spells it: ``true``, ``"kk"``, ``["kk", "ru"]``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return f"[{', '.join(toml_value(item) for item in value)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + "}"
    return str(value)


def _error(message: str, path: Path, key: str) -> ConfigError:
    """A ConfigError at the line of ``path`` that sets ``key``, where the file has one."""
    return ConfigError(message, path, config_line(path, (key,)))


def _check_values(values: dict[str, Any], path: Path) -> None:
    source = values.get("source_language", "en")
    check_language(source, path, "source_language")
    targets = values.get("target_languages", ["kk", "ru"])
    if not targets or not all(isinstance(t, str) for t in targets):
        raise ConfigError("`target_languages` must be a non-empty list of language codes", path)
    seen: dict[str, str] = {}
    for lang in targets:
        check_language(lang, path, "target_languages")
        if _same_language(lang) == _same_language(source):
            raise ConfigError(f"`target_languages` lists the source language {lang!r}", path)
        if _same_language(lang) in seen:
            twice = seen[_same_language(lang)]
            also = "" if twice == lang else f" ({twice!r} and {lang!r})"
            raise ConfigError(f"`target_languages` lists a language twice{also}", path)
        seen[_same_language(lang)] = lang
    name = values.get("project_name", "")
    if CONTROL.search(name):
        # It goes into every catalog's header, one line of it: a line break would end the field.
        raise ConfigError(
            f"`project_name` must be one line of text, without control characters: {name!r}", path
        )
    if values.get("segmentation", "sentence") not in SEGMENTATIONS:
        raise ConfigError(
            f"`segmentation` must be one of {', '.join(SEGMENTATIONS)}, "
            f"not {values['segmentation']!r}",
            path,
        )
    coverage = values.get("min_coverage", 80)
    if not 0 <= coverage <= 100:
        raise ConfigError(f"`min_coverage` must be between 0 and 100, not {coverage!r}", path)
    for key in _FOLDER_KEYS:
        _check_folder(values.get(key), key, path)
    _check_apart(values, path)
    fields = values.get("translate_fields", [])
    if not all(isinstance(f, str) and f for f in fields):
        raise ConfigError("`translate_fields` must be a list of front-matter field names", path)


def language_tag(code: str) -> str:
    """``code`` as BCP 47 spells it, for HTML's ``lang`` and ``hreflang`` and TMX's ``xml:lang``:
    gettext's ``pt_BR`` is ``pt-BR``."""
    return code.replace("_", "-")


def _same_language(code: str) -> str:
    """``pt-BR`` and ``pt_BR`` are one language (``check_language`` takes either)."""
    return code.replace("-", "_")


def check_language(code: str, path: Path | None, key: str) -> None:
    """The code must name a locale that Babel has CLDR data for (dates, plural forms)."""
    name = code.replace("-", "_") if isinstance(code, str) else ""
    if (
        not re.fullmatch(r"[A-Za-z]{2,3}(?:_[A-Za-z0-9]{2,8})*", name)
        or not (_locale_data() / f"{name}.dat").is_file()
    ):
        known = _locale_names().get(name.casefold())
        hint = f" (did you mean {known!r}?)" if known else ""
        raise ConfigError(f"`{key}` names an unknown language {code!r}{hint}", path)


@functools.cache
def _locale_names() -> dict[str, str]:
    """Babel's locale codes by their casefolded spelling: "KK" and "pt_br" are "kk" and "pt_BR"
    spelled another way."""
    return {p.stem.casefold(): p.stem for p in _locale_data().glob("*.dat") if p.stem != "root"}


@functools.cache
def _locale_data() -> Path:
    """Babel's CLDR folder, found without importing Babel (every command reads the settings)."""
    spec = importlib.util.find_spec("babel")
    assert spec is not None and spec.submodule_search_locations
    return Path(next(iter(spec.submodule_search_locations))) / "locale-data"


def _folder(value: str, key: str, path: Path) -> str:
    """The folder as one name for it: ``./articles``, ``articles/`` and ``articles//`` are
    ``articles`` (the references in every catalog are written with it)."""
    if CONTROL.search(value):
        raise ConfigError(f"`{key}` must be a folder name without control characters", path)
    return str(PurePosixPath(value)) if value else value


def _check_folder(value: str | None, key: str, path: Path) -> None:
    if value is None:
        return
    folder = Path(value)
    if not value or folder.is_absolute() or ".." in folder.parts:
        raise ConfigError(f"`{key}` must be a folder inside the project, not {value!r}", path)


_FOLDER_KEYS = ("articles", "locales", "build")


def _check_apart(values: dict[str, Any], path: Path) -> None:
    """The project's folders are apart: pages built into ``articles`` would be read as articles,
    and a build into ``locales`` would mix pages with translators' catalogs."""
    folders = {key: Path(values.get(key, key)).parts for key in _FOLDER_KEYS}
    for number, first in enumerate(_FOLDER_KEYS):
        if folders[first][:1] == (".transflow-cache",):
            raise ConfigError(f"`{first}` must be outside .transflow-cache, a cache", path)
        for second in _FOLDER_KEYS[number + 1 :]:
            a, b = folders[first], folders[second]
            if a[: len(b)] != b and b[: len(a)] != a:
                continue
            # The message (and the line it points at) names a key the file sets.
            key, other = (second, first) if second in values else (first, second)
            mine, theirs = toml_value(values.get(key, key)), toml_value(values.get(other, other))
            raise ConfigError(
                f"`{key}` must be a folder apart from `{other}` ({key} = {mine}, {other} = "
                f"{theirs})",
                path,
            )


def _toml_problem(exc: tomllib.TOMLDecodeError, text: str) -> tuple[str, int | None]:
    """tomllib puts the position in its message: "Invalid value (at line 2, column 21)", or
    "(at end of document)" for a bracket or quote never closed (the last line, then)."""
    message = str(exc)
    found = re.search(r"\s*\(at line (\d+), column \d+\)", message)
    if found:
        line = int(found.group(1))
        message = message[: found.start()] + message[found.end() :]
        if message.startswith("Cannot overwrite a value") or message.startswith("Cannot declare"):
            # A key set twice (or a table made twice): say which.
            lines = text.splitlines()
            where = lines[line - 1] if 0 < line <= len(lines) else ""
            if table := _HEADER.match(where):
                return f"table [{table.group(1).strip()}] is made twice", line
            if key := _ASSIGNMENT.match(where):
                return f"`{key.group(1).strip()}` is set twice", line
        return message, line
    end = re.search(r"\s*\(at end of document\)", message)
    if end:
        # A bracket or quote never closed: the last line that starts a value is where it opens.
        lines = text.splitlines()
        starts = [n for n, line in enumerate(lines, 1) if _ASSIGNMENT.match(line)]
        line = starts[-1] if starts else len(lines) or 1
        what = message[: end.start()] + message[end.end() :]
        return f"{what}: the file ends before it is closed", line
    return message, None


_HEADER = re.compile(
    r"""\s*\[(?!\[)\s*((?:[^\[\]"']|"(?:[^"\\]|\\.)*"|'[^']*')+?)\s*\]\s*(?:#.*)?$"""
)
_ASSIGNMENT = re.compile(r"""\s*((?:[A-Za-z0-9_\-. \t]|"(?:[^"\\]|\\.)*"|'[^']*')+?)\s*=""")


def _dotted(key: str) -> tuple[str, ...]:
    """The parts of a dotted TOML key, quoted ones as one part each (``"a.b".c``: a.b, c)."""
    return tuple(part.strip()[1:-1] if part.strip()[:1] in "\"'" else part.strip()
                 for part in _KEY_PART.findall(key))  # fmt: skip


# A part of a dotted key: bare, or quoted (a basic string may hold escaped quotes).
_KEY_PART = re.compile(r"\s*(?:\"(?:[^\"\\]|\\.)*\"|'[^']*'|[^.\s]+)\s*")
# What changes whether the next line starts a statement: a multi-line string's quotes, a
# one-line string (read past: it may hold brackets), a comment, and an array's brackets.
_LEXEME = re.compile(r'"""|\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]')


def _statement_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """The numbered lines that start a statement (a table header or a key), skipping those
    inside a multi-line string or a multi-line array, where ``key = 1`` is only text."""
    closing: str | None = None  # the quotes that end the multi-line string we are in
    depth = 0  # of brackets of arrays and inline tables left open
    for number, line in enumerate(lines, 1):
        if closing is None and depth == 0:
            yield number, line
        position = 0
        while position <= len(line):
            if closing is not None:
                end = line.find(closing, position)
                if end < 0:
                    break
                closing, position = None, end + 3
                continue
            found = _LEXEME.search(line, position)
            if found is None:
                break
            token = found.group()
            position = found.end()
            if token in ('"""', "'''"):
                closing = token
            elif token in "[{":
                depth += 1
            elif token in "]}":
                depth = max(0, depth - 1)


def config_line(path: Path, keys: Sequence[str], *, exact: bool = False) -> int | None:
    """The line of a TOML file that sets the dotted key ``keys``, or else the deepest table or
    key that holds it (``google = {timeout = 0}`` for mt.google.timeout); None if none does.

    Errors are found only after tomllib has read the file, so the file is valid TOML and a
    line-by-line look suffices; it is read again only when there is an error to place."""
    try:
        lines = path.read_text(encoding="utf-8").removeprefix("\ufeff").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    wanted = tuple(keys)
    table: tuple[str, ...] = ()
    best: tuple[int, int] | None = None  # (depth, line) of the deepest holder seen
    for number, line in _statement_lines(lines):
        header = _HEADER.match(line)
        if header:
            table = _dotted(header.group(1))
            found = table
        elif line.lstrip().startswith("[["):
            table = ("[[",)  # an array of tables: nothing of [mt] is in it
            continue
        elif assignment := _ASSIGNMENT.match(line):
            found = table + _dotted(assignment.group(1))
        else:
            continue
        if found == wanted:
            return number
        if wanted[: len(found)] == found and (best is None or len(found) > best[0]):
            best = (len(found), number)
    return best[1] if best and not exact else None
