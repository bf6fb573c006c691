"""Language codes as CLDR (through Babel) knows them: a code's English name, the script it is
written in, and which of another tool's codes stands for it.

Codes are gettext's (``kk``, ``pt_BR``, ``sr_Latn``); a hyphen is taken for the underscore.
Writing a code as BCP 47 (``pt-BR``) needs no Babel: see ``config.language_tag``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global


@lru_cache(maxsize=64)
def locale_of(code: str) -> Locale | None:
    """Babel's locale for ``code``; None for one CLDR does not know."""
    try:
        return Locale.parse(code.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None


def language_name(code: str) -> str:
    """The language's English name (``Kazakh``, ``Portuguese (Brazil)``), or the code itself
    for one CLDR does not know."""
    locale = locale_of(code)
    name = locale.get_display_name("en") if locale is not None else None
    return str(name) if name else code


@lru_cache(maxsize=256)
def script_of(code: str) -> str | None:
    """The script a language is written in: its code's own subtag (``sr_Latn``), else the one
    CLDR takes as likely for it (``zh_TW``: Hant, ``zh``: Hans, ``kk``: Cyrl); None when
    unknown."""
    locale = locale_of(code)
    if locale is None:
        return None
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        found = likely.get(key)
        if isinstance(found, str):
            parts = found.split("_")
            if len(parts) > 1 and len(parts[1]) == 4:
                return str(parts[1])
    return None


def code_among(codes: Iterable[str], code: str) -> str | None:
    """The one of ``codes`` (a provider's, say) that stands for ``code``: the same code, or the
    first of its primary subtag (mymemory has kk-KZ for kk, en-GB for en) written in the same
    script, its region preferred: zh_Hant is zh-TW, not zh-CN; sr_Latn is none of a list that
    has only Cyrillic sr."""
    wanted = code.replace("_", "-").lower()
    codes = list(codes)
    for candidate in codes:
        if candidate.lower() == wanted:
            return candidate
    primary = wanted.split("-")[0]
    script = script_of(code)
    fits = [
        c for c in codes if c.lower().split("-")[0] == primary and script_of(c) in (script, None)
    ]
    region = _region(code)
    return next((c for c in fits if _region(c) == region), fits[0] if fits else None)


def _region(code: str) -> str | None:
    """The region subtag of a code (pt-BR: BR, zh-Hant-TW: TW), if it has one."""
    found = [part.upper() for part in code.replace("_", "-").split("-")[1:] if len(part) == 2]
    return found[0] if found else None
