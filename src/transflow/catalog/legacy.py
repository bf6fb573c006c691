"""Catalogs made by earlier versions of transflow, as the merge should see them now.

A change to how articles become msgids would turn every entry it touches into a fuzzy suggestion
at the next ``update``: the translator's reviewed work unpublished until reviewed again. Where the
old msgid is known to have become the new one, the entry is taken under its new msgid instead.
"""

from __future__ import annotations

from dataclasses import replace

from transflow.article.parse import FRONT_MATTER_ROLE
from transflow.catalog.model import Catalog


def upgraded(template: Catalog, old: Catalog | None) -> Catalog | None:
    """``old`` with its entries under the msgids that ``template``'s extraction gives them now.

    Templates made before 2026-12-07 gave a front-matter block scalar (``summary: >``) the msgid
    of its text and a final space, its final line break ("… the night. "); it is "… the night."
    now. Such an entry keeps its translation, less the trailing blank space it had to copy, and
    its state: a reviewed one stays reviewed."""
    if old is None or not any(e.msgid[-1:].isspace() for e in old.entries):
        return old  # every catalog made since, and most made before
    fields = {
        e.msgid
        for e in template.entries
        if e.msgctxt is None and any(c.startswith(FRONT_MATTER_ROLE) for c in e.extracted_comments)
    }
    taken = {e.msgid for e in old.entries if e.msgctxt is None}
    entries, renamed = [], False
    for entry in old.entries:
        msgid = entry.msgid.rstrip()
        if msgid in fields and msgid not in taken and entry.msgctxt is None:
            entry = replace(entry, msgid=msgid, msgstr=entry.msgstr.rstrip())
            taken.add(msgid)
            renamed = True
        entries.append(entry)
    return replace(old, entries=entries) if renamed else old
