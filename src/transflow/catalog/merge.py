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
many changes stays fast. Which old entries are candidates, and which one wins a tie, follow
msgmerge's fuzzy index (see ``FuzzyMatcher``).
"""

from __future__ import annotations

import bisect
import math

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

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
        match = previous or matcher.best(source.msgid, source.msgctxt)
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
    """The old entry msgmerge would suggest for a new msgid, found the way msgmerge finds it.

    Like GNU msgmerge's fstrcmp, similarity is the Indel ratio over the UTF-8 bytes, not the
    characters: a curly quote weighs three bytes. Near the 60% threshold that decides fuzzy or
    untranslated. Like msgmerge's fuzzy index (gettext's msgl-fsearch.c), an old entry is a
    candidate for a msgid of four characters or more only if they share a run of four
    characters, and for a shorter msgid only if the old one is at most 28 bytes long. The
    candidates are tried most shared four-character runs first, then in the old catalog's
    order, and the first to reach the best similarity wins; one without a context, or with the
    msgid's own, counts 0.00001 more. So where two old entries are equally close, the
    suggestion is msgmerge's too.
    """

    def __init__(self, candidates: list[Entry], threshold: float = FUZZY_THRESHOLD):
        # As msgmerge indexes them: entries whose (first) msgstr is filled in, in file order.
        chosen = [e for e in candidates if (e.msgstr_plural[:1] or [e.msgstr])[0]]
        encoded = sorted(
            ((e.msgid.encode(), order, e) for order, e in enumerate(chosen)),
            key=lambda p: len(p[0]),
        )
        self.entries = [entry for _, _, entry in encoded]
        self.order = [order for _, order, _ in encoded]  # position in the old catalog
        self.msgids = [msgid for msgid, _, _ in encoded]
        self.lengths = [len(msgid) for msgid in self.msgids]
        self.threshold = threshold
        self._grams: dict[int, set[str]] = {}  # per candidate, once it is looked at

    def best(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        if not self.entries:
            return None
        wanted = msgid.encode()
        low, high = self._length_window(len(wanted))
        if low >= high:
            return None
        # Every old msgid within reach of the threshold (a context's bonus lowers it a hair),
        # scored at C speed; usually none or a few. msgmerge's own order decides among them.
        found = process.extract(
            wanted,
            self.msgids[low:high],
            scorer=fuzz.ratio,
            score_cutoff=self.threshold - _REACH,
            processor=None,
            limit=None,
        )
        if not found:
            return None
        if len(msgid) >= 4 and len(found) == 1:  # the usual case: one to try, if it shares a run
            at = low + found[0][2]
            text = self.entries[at].msgid
            shares = any(msgid[i : i + 4] in text for i in range(len(msgid) - 3))
            tried = [(0, 0, at)] if shares else []
        else:
            tried = self._ordered(msgid, len(wanted), [low + index for _, _, index in found])
        best: Entry | None = None
        best_weight = self.threshold / 100
        for _, _, at in sorted(tried):
            entry = self.entries[at]
            bonus = _BONUS if entry.msgctxt is None or entry.msgctxt == msgctxt else 0.0
            total = len(wanted) + self.lengths[at]
            common = total - Indel.distance(wanted, self.msgids[at])
            weight = common / total + bonus
            if weight > best_weight:
                best, best_weight = entry, weight
        return best

    def _ordered(self, msgid: str, size: int, found: list[int]) -> list[tuple[int, int, int]]:
        """The candidates ``found`` that msgmerge compares with ``msgid`` (``size`` bytes), each
        with its sort key: (-shared runs, old position, candidate), or for a msgid under four
        characters (length, old position, candidate) among the old ones of the lengths that can
        reach the threshold, computed as msgmerge does, and at most 28 bytes long."""
        tried: list[tuple[int, int, int]] = []
        grams = _grams(msgid)
        reach = 2 / (self.threshold / 100) - 1
        shortest, longest = math.ceil(size / reach), min(int(size * reach), 28)
        for at in found:
            if grams:
                shared = self._shared(at, grams)
                if shared:
                    tried.append((-shared, self.order[at], at))
            elif shortest <= self.lengths[at] <= longest:
                tried.append((self.lengths[at], self.order[at], at))
        return tried

    def _shared(self, at: int, grams: list[str]) -> int:
        """How many of the new msgid's four-character runs (each place counts) occur anywhere
        in candidate ``at``."""
        known = self._grams.get(at)
        if known is None:
            known = set(_grams(self.entries[at].msgid))
            self._grams[at] = known
        return sum(1 for gram in grams if gram in known)

    def _length_window(self, length: int) -> tuple[int, int]:
        # ratio = 2*common/(a+b) <= 2*min(a,b)/(a+b); reaching t needs b in [a*t/(2-t), a*(2-t)/t]
        t = (self.threshold - _REACH) / 100
        low = bisect.bisect_left(self.lengths, length * t / (2 - t))
        high = bisect.bisect_right(self.lengths, length * (2 - t) / t) if t else len(self.lengths)
        return low, high


# msgmerge's bonus for a candidate without a context or with the same one, and how far below
# the threshold that lets a candidate reach (a margin over it, for rounding).
_BONUS = 0.00001
_REACH = 0.002  # in percent: 0.00002 of similarity


def _grams(text: str) -> list[str]:
    """The runs of four characters of ``text``, one per place; none under four characters."""
    return [text[i : i + 4] for i in range(len(text) - 3)]
