"""``transflow init``: a new, working project folder."""

from __future__ import annotations

from pathlib import Path

from transflow.config import CONFIG_NAME, check_language
from transflow.errors import ConfigError
from transflow.fsutil import write_text_atomic

_CONFIG = """# transflow project settings. See the README for every key.
source_language = "en"
target_languages = [{targets}]
articles = "articles"
locales = "locales"
build = "build"
segmentation = "sentence"   # or "paragraph"
min_coverage = 80           # percent of segments translated before an article is built
translate_fields = ["title", "subtitle", "summary", "caption"]
"""

_GITIGNORE = "/build/\n/.transflow-cache/\n*.mo\n"


def init_project(directory: Path, languages: tuple[str, ...]) -> list[Path]:
    """Create transflow.toml, articles/, locales/ and .gitignore; never overwrite a file."""
    for language in languages:
        check_language(language, None, "--lang")
    config = directory / CONFIG_NAME
    if config.exists():
        raise ConfigError("a project already exists here", config)
    created = []
    targets = ", ".join(f'"{lang}"' for lang in languages)
    for folder in (directory / "articles", directory / "locales" / "templates"):
        if not folder.exists():
            folder.mkdir(parents=True)
            created.append(folder)
    write_text_atomic(config, _CONFIG.format(targets=targets))
    created.append(config)
    ignore = directory / ".gitignore"
    if not ignore.exists():
        write_text_atomic(ignore, _GITIGNORE)
        created.append(ignore)
    return created
