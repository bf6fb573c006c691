"""transflow's merge gives each entry the state GNU ``msgmerge --previous`` gives it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transflow.catalog.merge import merge
from transflow.catalog.model import Catalog, Entry
from transflow.catalog.pofile import format_po, parse_po
from transflow.report.coverage import entry_state

pytestmark = pytest.mark.gettext

HEADER = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")

OLD = [
    Entry("Smith did not respond to a request for comment.", "Смит не ответил на запрос."),
    Entry("The ministry declined to comment on the new law.", "Министерство отказалось.",
          flags=["fuzzy"]),
    Entry("Officials rejected the claims made by the activists.", "Чиновники отвергли.",
          obsolete=True),
    Entry("Aron Atabek died on Nov. 24 in a hospital in Almaty.", "Арон Атабек умер 24 ноября."),
    Entry("Some 2,500 people signed a petition to the president.", "Около 2 500 человек."),
    Entry("A sentence that the editor removed entirely.", "Удалённое предложение."),
    Entry("An untranslated sentence that was removed.", ""),
    Entry("Relatives launched a campaign to raise funds.", "Родственники начали кампанию."),
]  # fmt: skip
NEW = [
    "Smith did not respond to a request for comment.",  # unchanged
    "Mitchell did not respond to a request for comment.",  # close to a still-used one
    "The ministry declined to comment on the new novel.",  # close to a fuzzy one
    "Officials rejected the claims made by activists.",  # close to an obsolete one
    "Aron Atabek died on Nov. 23 in a hospital in Almaty.",  # one character changed
    "Some 2,700 people signed a petition to the president.",
    "Relatives launched a campaign to raise funds.",
    "Weather in the steppe was mild for the season.",  # new
    "Completely different words about football results.",  # new
]


def states(catalog: Catalog) -> dict[str, str]:
    return {e.msgid: entry_state(e) for e in catalog.entries}


def msgmerge(tmp_path: Path, old: Catalog, template: Catalog) -> Catalog:
    """What GNU ``msgmerge --previous`` makes of ``old`` and ``template``."""
    (tmp_path / "old.po").write_text(format_po(old), encoding="utf-8")
    (tmp_path / "new.pot").write_text(format_po(template), encoding="utf-8")
    done = subprocess.run(
        ["msgmerge", "--previous", "-q", "-o", "-", str(tmp_path / "old.po"),
         str(tmp_path / "new.pot")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return parse_po(done.stdout)


def test_states_match_msgmerge(tmp_path: Path) -> None:
    old = Catalog(header=HEADER, entries=[*OLD])
    template = Catalog(header=HEADER, entries=[Entry(m) for m in NEW])
    gnu = msgmerge(tmp_path, old, template)
    ours, _ = merge(template, parse_po(format_po(old)), HEADER)
    assert states(ours) == states(gnu)
    gnu_suggestions = {e.msgid: e.msgstr for e in gnu.entries if e.fuzzy}
    assert {e.msgid: e.msgstr for e in ours.entries if e.fuzzy} == gnu_suggestions


# Pairs from the benchmark corpus that sit at the 60% threshold: over characters one side of it,
# over UTF-8 bytes (what msgmerge measures; a curly quote is three bytes) the other.
NEAR_THRESHOLD = [
    (
        "Sokolov said the startup hub was “a matter of national importance.”",
        "[Smagulova said](https://www.themoscowtimes.com/2022/03/06/city-aid-vote) online banking"
        " was “a matter of national importance.”",
    ),
    (
        "The Prosecutor General’s Office estimates that the national team will cost $2.3 billion"
        " by 2025.",
        "The Agency for Financial Monitoring estimates that the Olympic bid will cost 72 billion"
        " tenge ($771 million) by 2024.",
    ),
    (
        "“We [need answers](https://www.themoscowtimes.com/2023/10/09/oil-aid-law),” Putz said,"
        " “and we need them now.”",
        "“We need answers,” Smagulova said, “and we need them now.”",
    ),
]


@pytest.mark.parametrize(("old_msgid", "new_msgid"), NEAR_THRESHOLD)
def test_near_the_threshold_as_msgmerge_decides(
    tmp_path: Path, old_msgid: str, new_msgid: str
) -> None:
    old = Catalog(header=HEADER, entries=[Entry(old_msgid, "Перевод.")])
    template = Catalog(header=HEADER, entries=[Entry(new_msgid)])
    ours, _ = merge(template, old, HEADER)
    assert states(ours) == states(msgmerge(tmp_path, old, template))


def test_a_source_changed_twice_shows_what_was_translated(tmp_path: Path) -> None:
    """The reporter edits a sentence, then edits it again before anyone reviewed the first
    suggestion: ``#| msgid`` still shows the sentence the translation was made from (as
    msgmerge keeps it), not the intermediate one nobody translated."""
    first, second, third = (
        "The minister met the press on Monday.",
        "The minister met the press on Tuesday.",
        "The minister met the press on Wednesday.",
    )
    old = Catalog(header=HEADER, entries=[Entry(first, "Министр встретился с прессой.")])
    gnu = old
    for edited in (second, third):
        template = Catalog(header=HEADER, entries=[Entry(edited)])
        old, _ = merge(template, parse_po(format_po(old)), HEADER)
        gnu = msgmerge(tmp_path, gnu, template)
    (ours,) = old.entries
    (theirs,) = gnu.entries
    assert (ours.msgid, ours.fuzzy, ours.previous_msgid) == (third, True, first)
    assert (theirs.msgid, theirs.fuzzy, theirs.previous_msgid) == (third, True, first)


def test_a_fuzzy_draft_suggested_for_a_changed_source_shows_its_source(tmp_path: Path) -> None:
    """A machine draft (fuzzy, no ``#|``) whose sentence then changes: the suggestion shows the
    sentence the draft was made from. msgmerge leaves it without any ``#|``, and the
    translator cannot see what changed."""
    draft = Entry("Officials rejected the claims made by the activists.", "Чиновники отвергли.",
                  flags=["fuzzy"])  # fmt: skip
    template = Catalog(
        header=HEADER, entries=[Entry("Officials rejected the claims by activists.")]
    )
    old = Catalog(header=HEADER, entries=[draft])
    ours, _ = merge(template, parse_po(format_po(old)), HEADER)
    assert [(e.fuzzy, e.msgstr, e.previous_msgid) for e in ours.entries] == [
        (True, "Чиновники отвергли.", draft.msgid)
    ]
    (theirs,) = msgmerge(tmp_path, old, template).entries
    assert (theirs.fuzzy, theirs.previous_msgid) == (True, None)


def suggestions(catalog: Catalog) -> dict[tuple[str | None, str], tuple[bool, str]]:
    """Each live entry's state as the translator sees it: fuzzy or not, and its msgstr."""
    return {e.key: (e.fuzzy, e.msgstr) for e in catalog.entries if not e.obsolete}


def test_two_equally_close_old_sentences_suggest_the_one_msgmerge_suggests(
    tmp_path: Path,
) -> None:
    """Both old sentences are one word away from the new one (the same similarity); msgmerge
    tries first the one sharing more runs of four characters with it, and so does transflow.
    Before, the first in the old catalog won, and a translator comparing the two tools' output
    saw another suggestion."""
    new = "abc man abc man"
    old = Catalog(
        header=HEADER,
        entries=[Entry("abc the abc man", "first"), Entry("abc man abc the", "second")],
    )
    template = Catalog(header=HEADER, entries=[Entry(new)])
    ours, _ = merge(template, old, HEADER)
    theirs = msgmerge(tmp_path, old, template)
    assert suggestions(ours) == suggestions(theirs) == {(None, new): (True, "second")}


def test_an_old_sentence_sharing_no_four_letter_run_is_no_suggestion(tmp_path: Path) -> None:
    """60% alike by letters, but not one run of four characters in common: msgmerge's index
    never compares the two, and leaves the entry untranslated rather than fuzzy."""
    old = Catalog(header=HEADER, entries=[Entry("abc cd abc", "Перевод.")])
    template = Catalog(header=HEADER, entries=[Entry("mat cat ab")])
    ours, _ = merge(template, old, HEADER)
    assert suggestions(ours) == suggestions(msgmerge(tmp_path, old, template))
    assert suggestions(ours) == {(None, "mat cat ab"): (False, "")}


# Few words, often shared, so that near ties and short strings come up all the time.
WORDS = st.sampled_from(["ab", "cd", "abc", "the", "man", "дом", "кот", "“q”", "Nov.", "a"])
TEXTS = st.lists(WORDS, min_size=1, max_size=6).map(" ".join)
CONTEXTS = st.sampled_from([None, None, "heading", "paragraph"])
OLD_ENTRIES = st.lists(
    st.tuples(CONTEXTS, TEXTS, st.sampled_from(["", "fuzzy", "obsolete"])),
    min_size=1,
    max_size=7,
    unique_by=lambda t: (t[0], t[1]),
)
NEW_KEYS = st.lists(st.tuples(CONTEXTS, TEXTS), min_size=1, max_size=4, unique=True)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(old_entries=OLD_ENTRIES, new_keys=NEW_KEYS)
def test_every_suggestion_is_msgmerges(
    tmp_path: Path,
    old_entries: list[tuple[str | None, str, str]],
    new_keys: list[tuple[str | None, str]],
) -> None:
    """Whatever the old catalog holds (fuzzy and obsolete entries, contexts, Cyrillic and curly
    quotes, strings under four characters), each new entry is fuzzy with the same suggestion,
    or untranslated, as in msgmerge's output."""
    entries = [
        Entry(msgid, f"T{i}", msgctxt=ctxt, flags=["fuzzy"] if kind == "fuzzy" else [],
              obsolete=kind == "obsolete")
        for i, (ctxt, msgid, kind) in enumerate(old_entries)
    ]  # fmt: skip
    old = Catalog(
        header=HEADER,
        entries=[e for e in entries if not e.obsolete] + [e for e in entries if e.obsolete],
    )
    template = Catalog(header=HEADER, entries=[Entry(m, msgctxt=c) for c, m in new_keys])
    ours, _ = merge(template, parse_po(format_po(old)), HEADER)
    assert suggestions(ours) == suggestions(msgmerge(tmp_path, old, template))
