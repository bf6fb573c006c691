"""Pseudo-localisation: accented letters, about 30% more length, markup untouched.

"The [report](#) said" becomes "⟦Ţĥé [ŕéƥöŕţ](#) šåíď ·····⟧": every Latin letter outside
protected markup is swapped for an accented look-alike, and padding inside ⟦ ⟧ makes the text
about 30% longer, so that layouts are tested for longer languages and untranslated strings stand
out. Glossary terms are replaced by their rendering, as the other engines do. No network.
"""

from __future__ import annotations

import math

from transflow.mt.engine import Draft, Outcome
from transflow.mt.protect import PLACEHOLDER, Protected, markup_intact, protect, terms_for
from transflow.qa.glossary import Glossary

EXPANSION = 0.3
_PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ACCENTED = "åƀçďéƒĝĥíĵķĺɱñöƥɋŕšţüṽŵẋýžÅƁÇĎÉƑĜĤÍĴĶĹṀÑÖƤɊŔŠŢÜṼŴẊÝŽ"
_TABLE = str.maketrans(_PLAIN, _ACCENTED)
OPEN, CLOSE, PAD = "⟦", "⟧", "·"


def pseudo_text(protected: Protected) -> str:
    """The pseudo-localised segment; placeholders come back as their protected parts."""
    out: list[str] = []
    pos = 0
    for match in PLACEHOLDER.finditer(protected.text):
        out.append(protected.text[pos : match.start()].translate(_TABLE))
        out.append(protected.parts[int(match.group(1))])
        pos = match.end()
    out.append(protected.text[pos:].translate(_TABLE))
    body = "".join(out)
    target = math.ceil(len(protected.source.strip()) * (1 + EXPANSION))
    padding = max(1, target - len(body) - 3)
    return f"{protected.lead}{OPEN}{body} {PAD * padding}{CLOSE}{protected.trail}"


class PseudoEngine:
    name = "pseudo"

    def __init__(self, glossary: Glossary) -> None:
        self.glossary = glossary

    def draft(self, source: str, language: str) -> Outcome:
        return self.draft_in_article(source, language, frozenset())

    def draft_in_article(self, source: str, language: str, references: frozenset[str]) -> Outcome:
        """``draft``, with a shortcut link to one of ``references`` kept as ``[ţéẋţ][label]``."""
        terms = terms_for(self.glossary, source, language)
        text = pseudo_text(protect(source, terms, references))
        if not markup_intact(source, text, references):
            return Outcome(discarded=True)
        return Outcome(Draft(text, "pseudo"))
