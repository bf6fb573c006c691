"""Fill catalogs with fake translations, so that build and status have something to work on.

    python bench/corpus.py fill-catalogs DIR [--lang kk] [--translated 0.7] [--fuzzy 0.1]

DIR is a transflow project (its ``locales/<lang>/LC_MESSAGES/*.po`` are filled) or any folder
(every ``*.po`` below it is filled; the language comes from the path, the header or ``--lang``).
Whether an entry is filled, and whether it is fuzzy, depends only on its language and msgid, so
every tool's catalogs for the same text get the same choices. This is benchmark setup, not a
measured step, so it uses polib.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from functools import lru_cache
from pathlib import Path

import polib

from corpus import PROTECTED

_LOWER = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = {
    "ru": "абцдефгхийклмнопкрстувшжыз",
    "kk": "әбцдефғһіжқлмңөпқрстұвүхуз",
}
assert all(len(letters) == len(_LOWER) for letters in _CYRILLIC.values())
_TABLES = {
    lang: str.maketrans(_LOWER + _LOWER.upper(), cyr + cyr.upper())
    for lang, cyr in _CYRILLIC.items()
}
KNOWN_LANGUAGES = tuple(_CYRILLIC)


# A date that names its month ("Nov. 24", "March 3"), which a translator writes the language's
# way ("24 ноября", "24 қараша"): transliterated, it would be a wrong month to `check`.
_MONTHS = r"(Jan\.|Feb\.|March|April|May|June|July|Aug\.|Sept\.|Oct\.|Nov\.|Dec\.)"
_DATE = re.compile(rf"\b{_MONTHS} (\d{{1,2}})\b")
# The month as a link's text, its day after the link ("since [March](https://…) 12").
_LINKED_DATE = re.compile(rf"\[{_MONTHS}\](\([^()\s]*\)) (\d{{1,2}})\b")
_MONTH_NUMBER = {
    m: i
    for i, m in enumerate(
        ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
         "Nov.", "Dec."), 1)
}  # fmt: skip


@lru_cache(maxsize=8)
def _month_names(lang: str) -> dict[int, str]:
    from babel.dates import get_month_names

    return dict(get_month_names("wide", context="format", locale=lang))


def _dates_translated(text: str, lang: str) -> str:
    names = _month_names(lang)
    # A placeholder-like marker keeps the month name from being transliterated.
    text = _LINKED_DATE.sub(lambda m: f"[{{{names[_MONTH_NUMBER[m[1]]]}}}]{m[2]} {m[3]}", text)
    return _DATE.sub(lambda m: f"{m[2]} {{{names[_MONTH_NUMBER[m[1]]]}}}", text)


def fake_translation(msgid: str, lang: str) -> str:
    """Transliterate Latin letters to Cyrillic, leaving link targets, URLs and placeholders;
    a date with a month name is written the language's way."""
    table = _TABLES.get(lang, _TABLES["ru"])
    marked = "{" not in msgid and bool(_DATE.search(msgid) or _LINKED_DATE.search(msgid))
    if marked:
        msgid = _dates_translated(msgid, lang)
    pieces = PROTECTED.split(msgid)
    kept = PROTECTED.findall(msgid)
    out = [pieces[0].translate(table)]
    for protected, piece in zip(kept, pieces[1:], strict=True):
        out += [protected, piece.translate(table)]
    done = "".join(out)
    return re.sub(r"\{([^{}\d]+)\}", r"\1", done) if marked else done


def choice(lang: str, msgctxt: str | None, msgid: str) -> float:
    """A number in [0, 1) fixed by the entry and the language (no hash randomization)."""
    key = f"{lang}\x04{msgctxt or ''}\x04{msgid}".encode()
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "big") / 2**64


def fill_entries(po: polib.POFile, lang: str, translated: float, fuzzy: float) -> tuple[int, int]:
    """Fill ``translated`` of the entries, of which ``fuzzy`` (a share of all) are fuzzy."""
    filled = fuzzies = 0
    for entry in po:
        if entry.obsolete or not entry.msgid:
            continue
        x = choice(lang, entry.msgctxt, entry.msgid)
        if x >= translated:
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: fake_translation(entry.msgid, lang)} | {
                i: fake_translation(entry.msgid_plural, lang) for i in (1, 2)
            }
        else:
            entry.msgstr = fake_translation(entry.msgid, lang)
        filled += 1
        if x >= translated - fuzzy:
            if "fuzzy" not in entry.flags:
                entry.flags.insert(0, "fuzzy")
            fuzzies += 1
        elif "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    return filled, fuzzies


def fill_file(
    src: Path, dst: Path, lang: str, translated: float = 0.7, fuzzy: float = 0.1
) -> tuple[int, int, int]:
    """Read ``src`` (a PO or POT file), fill it, write ``dst``: (entries, filled, fuzzy)."""
    po = polib.pofile(str(src), wrapwidth=79)
    po.metadata_is_fuzzy = False
    po.metadata["Language"] = lang
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    po.metadata.setdefault("MIME-Version", "1.0")
    po.metadata.setdefault("Content-Transfer-Encoding", "8bit")
    if lang == "ru":
        po.metadata["Plural-Forms"] = (
            "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
            "(n%100<10 || n%100>=20) ? 1 : 2);"
        )
    else:
        po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    filled, fuzzies = fill_entries(po, lang, translated, fuzzy)
    dst.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(dst))
    return len([e for e in po if not e.obsolete and e.msgid]), filled, fuzzies


def language_of(path: Path, default: str | None) -> str | None:
    parts = path.parts
    if "LC_MESSAGES" in parts:
        return parts[parts.index("LC_MESSAGES") - 1]
    for part in reversed(parts[:-1]):
        if part in KNOWN_LANGUAGES:
            return part
    stem_lang = re.search(r"[._-](\w\w)$", path.stem)
    if stem_lang and stem_lang.group(1) in KNOWN_LANGUAGES:
        return stem_lang.group(1)
    return default


def find_catalogs(root: Path) -> list[Path]:
    if (root / "transflow.toml").exists():
        return sorted((root / "locales").glob("*/LC_MESSAGES/*.po"))
    return sorted(root.rglob("*.po"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="corpus.py fill-catalogs", description=__doc__)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--lang", help="language of catalogs whose path does not name one")
    parser.add_argument("--translated", type=float, default=0.7, help="share to fill (0.7)")
    parser.add_argument("--fuzzy", type=float, default=0.1, help="share left fuzzy (0.1)")
    args = parser.parse_args(argv)
    try:
        entries, filled, fuzzy = fill_catalogs(args.dir, args.lang, args.translated, args.fuzzy)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"entries {entries}, filled {filled}, fuzzy {fuzzy}")
    return 0


def fill_catalogs(
    root: Path, lang: str | None = None, translated: float = 0.7, fuzzy: float = 0.1
) -> tuple[int, int, int]:
    """Fill every catalog of ``root`` in place: (entries, filled, fuzzy) over all of them."""
    totals = [0, 0, 0]
    for path in find_catalogs(root):
        found = language_of(path.relative_to(root), lang)
        if found is None:
            raise ValueError(f"{path}: cannot tell its language; pass --lang")
        for i, n in enumerate(fill_file(path, path, found, translated, fuzzy)):
            totals[i] += n
    return totals[0], totals[1], totals[2]
