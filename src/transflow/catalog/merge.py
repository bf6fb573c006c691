"""Template + old catalog → new catalog, with the semantics of GNU ``msgmerge --previous``.

- A segment that did not change keeps its translation, comments and flags.
- A changed segment gets the closest old translation as a fuzzy suggestion, with the old msgid
  kept as ``#| msgid`` so the translator sees what changed. A suggestion that was already
  fuzzy keeps its ``#| msgid``: the source its translation was made from, however many times
  the segment changed since.
- A segment that disappeared becomes obsolete (``#~``) if it was translated; an obsolete
  translation comes back when its segment does.

Fuzzy matching uses rapidfuzz's Indel ratio over UTF-8 bytes, as msgmerge's fstrcmp does, and
only compares strings whose lengths allow the threshold to be reached, so a long catalog with
many changes stays fast.
"""

from __future__ import annotations

import bisect

from rapidfuzz import fuzz, process

from transflow.catalog.model import Catalog, Entry
from transflow.models import MergeStats

FUZZY_THRESHOLD = 60.0


def merge(template: Catalog, old: Catalog | None, header: Entry) -> tuple[Catalog, MergeStats]:
    old_entries = old.entries if old is not None else []
    live = {e.key: e for e in old_entries if not e.obsolete}
    dead = {e.key: e for e in old_entries if e.obsolete}
    # Like msgmerge, any old translation may be suggested: also one whose own segment is still
    # there, a fuzzy one, or an obsolete one.
    matcher = FuzzyMatcher([e for e in old_entries if e.has_translation])
    entries: list[Entry] = []
    kept = fuzzy = new = 0
    used: set[tuple[str | None, str]] = set()
    for source in template.entries:
        previous = live.get(source.key) or dead.get(source.key)
        # Like msgmerge, an old plural entry for a singular segment (or the reverse) is only a
        # fuzzy suggestion, its strings reshaped (see _strings).
        if previous is not None and _plural(previous) == _plural(source):
            entries.append(_carry(source, previous))
            used.add(previous.key)
            kept += 1
            continue
        match = previous or matcher.best(source.msgid)
        if match is not None:
            entries.append(_suggest(source, match))
            used.add(match.key)
            fuzzy += 1
        else:
            entries.append(_fresh(source))
            new += 1
    obsolete = [_obsolete(e) for e in old_entries if e.key not in used and e.has_translation]
    stats = MergeStats(kept, fuzzy, new, sum(1 for e in obsolete if e.key in live))
    return Catalog(header=header, entries=entries + obsolete), stats


def _plural(entry: Entry) -> bool:
    return entry.msgid_plural is not None


def _carry(source: Entry, previous: Entry) -> Entry:
    flags = [f for f in previous.flags if f in ("fuzzy", "no-wrap") or not f.endswith("-format")]
    # A fuzzy entry keeps the source text it was translated from, obsolete or not (msgmerge too).
    keep_previous = previous.fuzzy
    msgstr, forms = _strings(source, previous)
    return Entry(
        msgid=source.msgid,
        msgctxt=source.msgctxt,
        msgid_plural=source.msgid_plural,
        msgstr=msgstr,
        msgstr_plural=forms,
        translator_comments=list(previous.translator_comments),
        extracted_comments=list(source.extracted_comments),
        references=list(source.references),
        flags=flags,
        previous_msgctxt=previous.previous_msgctxt if keep_previous else None,
        previous_msgid=previous.previous_msgid if keep_previous else None,
        previous_msgid_plural=previous.previous_msgid_plural if keep_previous else None,
    )


def _strings(source: Entry, previous: Entry) -> tuple[str, list[str]]:
    """The msgstr and msgstr[N] of ``previous`` in the shape of ``source``, as msgmerge makes
    them: a plural entry's first form for a singular one, a singular translation in every form
    of a plural one."""
    if _plural(source) == _plural(previous):
        return previous.msgstr, list(previous.msgstr_plural)
    if _plural(source):
        return "", [previous.msgstr] * max(len(source.msgstr_plural), 2)
    return (previous.msgstr_plural[:1] or [""])[0], []


def _suggest(source: Entry, match: Entry) -> Entry:
    entry = _carry(source, match)
    entry.set_fuzzy(True)
    # ``#| msgid`` is the source the translation was made from. A fuzzy suggestion that has one
    # keeps it, as msgmerge does: its own msgid was never translated, so a second change of the
    # source must not hide the first (the translator reviews against what they translated).
    if not (match.fuzzy and match.previous_msgid is not None):
        entry.previous_msgctxt = match.msgctxt
        entry.previous_msgid = match.msgid
        entry.previous_msgid_plural = match.msgid_plural
    return entry


def _fresh(source: Entry) -> Entry:
    return Entry(
        msgid=source.msgid,
        msgctxt=source.msgctxt,
        msgid_plural=source.msgid_plural,
        msgstr_plural=[""] * len(source.msgstr_plural),
        extracted_comments=list(source.extracted_comments),
        references=list(source.references),
        flags=[f for f in source.flags if f != "fuzzy"],
    )


def _obsolete(entry: Entry) -> Entry:
    return Entry(
        msgid=entry.msgid,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr=entry.msgstr,
        msgstr_plural=list(entry.msgstr_plural),
        translator_comments=list(entry.translator_comments),
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=True,
    )


class FuzzyMatcher:
    """Closest old msgid to a new one, by Indel ratio, among length-compatible candidates.

    Like GNU msgmerge's fstrcmp, the ratio is taken over the UTF-8 bytes, not the characters:
    a curly quote weighs three bytes. Near the 60% threshold that decides fuzzy or untranslated.
    """

    def __init__(self, candidates: list[Entry], threshold: float = FUZZY_THRESHOLD):
        encoded = sorted(((e.msgid.encode(), e) for e in candidates), key=lambda p: len(p[0]))
        self.entries = [entry for _, entry in encoded]
        self.msgids = [msgid for msgid, _ in encoded]
        self.lengths = [len(msgid) for msgid in self.msgids]
        self.threshold = threshold

    def best(self, msgid: str) -> Entry | None:
        if not self.entries:
            return None
        wanted = msgid.encode()
        low, high = self._length_window(len(wanted))
        if low >= high:
            return None
        found = process.extractOne(
            wanted,
            self.msgids[low:high],
            scorer=fuzz.ratio,
            score_cutoff=self.threshold,
            processor=None,
        )
        if found is None:
            return None
        return self.entries[low + found[2]]

    def _length_window(self, length: int) -> tuple[int, int]:
        # ratio = 2*common/(a+b) <= 2*min(a,b)/(a+b); reaching t needs b in [a*t/(2-t), a*(2-t)/t]
        t = self.threshold / 100
        low = bisect.bisect_left(self.lengths, length * t / (2 - t))
        high = bisect.bisect_right(self.lengths, length * (2 - t) / t) if t else len(self.lengths)
        return low, high
