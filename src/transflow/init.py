"""``transflow init``: a new, working project folder."""

from __future__ import annotations

from pathlib import Path

from transflow.config import CONFIG_NAME, CONTROL, check_language
from transflow.errors import ConfigError
from transflow.fsutil import write_bytes_atomic, write_text_atomic

_CONFIG = """# transflow project settings. See the README for every key.
project_name = {name}
source_language = "en"
target_languages = [{targets}]
articles = "articles"
locales = "locales"
build = "build"
segmentation = "sentence"   # or "paragraph"
min_coverage = 80           # percent of segments translated before an article is built
translate_fields = ["title", "subtitle", "summary", "caption"]
"""

_SOURCE = "en"
# What a project's git repository should not hold: built pages, the cache, compiled catalogs, and
# the temporary file a `kill -9` can leave beside a file being replaced (.NAME.XXXXXXXXXXXX.tmp).
_GITIGNORE = "/build/\n/.transflow-cache/\n*.mo\n.*.tmp\n"


def init_project(directory: Path, languages: tuple[str, ...]) -> tuple[list[Path], list[str]]:
    """Create transflow.toml, articles/, locales/ and .gitignore; never overwrite a file. Returns
    what was created, and the lines added to a .gitignore that was there already.

    Everything is checked before anything is made: a file in the way leaves no folder behind."""
    for language in languages:
        check_language(language, None, "--lang")
        if language == _SOURCE:  # every command would refuse the project
            raise ConfigError(f"`--lang` lists the source language {language!r}")
    if directory.exists() and not directory.is_dir():
        raise ConfigError("is a file, where the project's folder is needed", directory)
    config = directory / CONFIG_NAME
    if config.is_dir():
        raise ConfigError("is a folder, where the project's settings file goes", config)
    if config.exists():
        raise ConfigError("a project already exists here", config)
    folders = (directory / "articles", directory / "locales" / "templates")
    for folder in folders:
        for part in (folder, *folder.parents):
            if part.exists() and not part.is_dir():
                raise ConfigError("is a file, where a folder is needed", part)
            if part == directory:
                break
    ignore = directory / ".gitignore"
    if ignore.is_dir():
        raise ConfigError("is a folder, where git's list of ignored files goes", ignore)
    created = []
    targets = ", ".join(f'"{lang}"' for lang in languages)
    for folder in folders:
        if not folder.exists():
            folder.mkdir(parents=True)
            created.append(folder)
    # The name goes into every catalog's header: written down, it stays when the folder is
    # moved or cloned under another name, which would otherwise rewrite every catalog.
    name = _toml_string(_one_line(directory.resolve().name))
    write_text_atomic(config, _CONFIG.format(name=name, targets=targets))
    created.append(config)
    added: list[str] = []
    if not ignore.exists():
        write_text_atomic(ignore, _GITIGNORE)
        created.append(ignore)
    else:  # the project's own lines added to the repository's, which stay as they are
        data = ignore.read_bytes()
        have = {line.strip() for line in data.decode("utf-8", "replace").splitlines()}
        added = [line for line in _GITIGNORE.splitlines() if line not in have]
        if added:
            start = b"" if not data or data.endswith(b"\n") else b"\n"
            lines = "".join(f"{line}\n" for line in added)
            write_bytes_atomic(ignore, data + start + f"# transflow\n{lines}".encode())
    return created, added


def _one_line(name: str) -> str:
    """A folder's name as a project name: its control characters (a line break in a folder's
    name) as spaces, since the name is one line of every catalog's header."""
    return " ".join(CONTROL.sub(" ", name).split())


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string (a byte of a name that is not UTF-8 becomes U+FFFD)."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    escaped = "".join(
        f"\\u{ord(ch):04x}" if ch in '"\\' or ord(ch) < 0x20 or ord(ch) == 0x7F else ch
        for ch in text
    )
    return f'"{escaped}"'
