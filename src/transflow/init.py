"""``transflow init``: a new, working project folder."""

from __future__ import annotations

from pathlib import Path

from transflow.config import CONFIG_NAME, check_language
from transflow.errors import ConfigError
from transflow.fsutil import write_text_atomic

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


def init_project(directory: Path, languages: tuple[str, ...]) -> list[Path]:
    """Create transflow.toml, articles/, locales/ and .gitignore; never overwrite a file."""
    for language in languages:
        check_language(language, None, "--lang")
        if language == _SOURCE:  # every command would refuse the project
            raise ConfigError(f"`--lang` lists the source language {language!r}")
    config = directory / CONFIG_NAME
    if config.exists():
        raise ConfigError("a project already exists here", config)
    created = []
    targets = ", ".join(f'"{lang}"' for lang in languages)
    for folder in (directory / "articles", directory / "locales" / "templates"):
        if not folder.exists():
            folder.mkdir(parents=True)
            created.append(folder)
    # The name goes into every catalog's header: written down, it stays when the folder is
    # moved or cloned under another name, which would otherwise rewrite every catalog.
    name = _toml_string(directory.resolve().name)
    write_text_atomic(config, _CONFIG.format(name=name, targets=targets))
    created.append(config)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        write_text_atomic(ignore, _GITIGNORE)
        created.append(ignore)
    return created


def _toml_string(text: str) -> str:
    """``text`` as a TOML basic string (a byte of a name that is not UTF-8 becomes U+FFFD)."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    escaped = "".join(
        f"\\u{ord(ch):04x}" if ch in '"\\' or ord(ch) < 0x20 or ord(ch) == 0x7F else ch
        for ch in text
    )
    return f'"{escaped}"'
