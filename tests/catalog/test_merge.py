"""Merge semantics, after GNU ``msgmerge --previous``."""

from __future__ import annotations

from transflow.catalog.merge import FuzzyMatcher, merge
from transflow.catalog.model import Catalog, Entry

HEADER = Entry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")


def template(*msgids: str) -> Catalog:
    return Catalog(
        header=HEADER,
        entries=[
            Entry(msgid=m, references=[f"articles/a.md:{i}"], extracted_comments=["paragraph"])
            for i, m in enumerate(msgids, 1)
        ],
    )


def by_msgid(catalog: Catalog) -> dict[str, Entry]:
    return {e.msgid: e for e in catalog.entries}


def test_unchanged_segment_keeps_translation_comments_and_flags() -> None:
    old = Catalog(
        header=HEADER,
        entries=[
            Entry(
                msgid="Rest in peace.",
                msgstr="Пусть покоится с миром.",
                translator_comments=["checked by the desk"],
                flags=["no-wrap"],
                references=["articles/a.md:40"],
            ),
        ],
    )
    new, stats = merge(template("Rest in peace."), old, HEADER)
    entry = by_msgid(new)["Rest in peace."]
    assert entry.msgstr == "Пусть покоится с миром."
    assert entry.translator_comments == ["checked by the desk"]
    assert entry.flags == ["no-wrap"]
    assert entry.references == ["articles/a.md:1"]  # references come from the template
    assert (stats.kept, stats.fuzzy, stats.new, stats.obsolete) == (1, 0, 0, 0)


def test_changed_segment_gets_fuzzy_suggestion_with_previous_msgid() -> None:
    old = Catalog(
        header=HEADER,
        entries=[
            Entry(
                msgid="Aron Atabek died on Nov. 24 in a hospital.",
                msgstr="Арон Атабек умер 24 ноября.",
            ),
        ],
    )
    new, stats = merge(template("Aron Atabek died on Nov. 25 in a hospital."), old, HEADER)
    [entry] = new.entries
    assert entry.fuzzy
    assert entry.msgstr == "Арон Атабек умер 24 ноября."
    assert entry.previous_msgid == "Aron Atabek died on Nov. 24 in a hospital."
    assert stats.fuzzy == 1
    assert not new.obsolete_entries()  # msgmerge does not also keep the source of a suggestion


def test_removed_segment_becomes_obsolete_and_untranslated_ones_vanish() -> None:
    old = Catalog(
        header=HEADER,
        entries=[
            Entry(msgid="Totally removed sentence here.", msgstr="Удалено."),
            Entry(msgid="Untranslated and gone.", msgstr=""),
        ],
    )
    new, stats = merge(template("Something else entirely, about a different topic."), old, HEADER)
    [obsolete] = new.obsolete_entries()
    assert obsolete.msgid == "Totally removed sentence here."
    assert obsolete.msgstr == "Удалено."
    assert "Untranslated and gone." not in by_msgid(new)
    assert stats.obsolete == 1


def test_obsolete_translation_comes_back_with_its_segment() -> None:
    old = Catalog(
        header=HEADER,
        entries=[
            Entry(
                msgid="Came back.", msgstr="Вернулось.", translator_comments=["kept"], obsolete=True
            ),
        ],
    )
    new, _ = merge(template("Came back."), old, HEADER)
    [entry] = new.entries
    assert (entry.msgstr, entry.obsolete, entry.fuzzy) == ("Вернулось.", False, False)
    assert entry.translator_comments == ["kept"]


def test_fuzzy_entry_stays_fuzzy_and_keeps_its_previous_msgid() -> None:
    old = Catalog(
        header=HEADER,
        entries=[
            Entry(
                msgid="New text.",
                msgstr="Старый перевод.",
                flags=["fuzzy"],
                previous_msgid="Old text.",
            ),
        ],
    )
    new, _ = merge(template("New text."), old, HEADER)
    [entry] = new.entries
    assert entry.fuzzy and entry.previous_msgid == "Old text."


def test_format_flags_never_come_through() -> None:
    old = Catalog(
        header=HEADER,
        entries=[
            Entry(msgid="It grew 8.7% in April.", msgstr="Рост 8,7 %.", flags=["python-format"]),
        ],
    )
    new, _ = merge(template("It grew 8.7% in April."), old, HEADER)
    assert new.entries[0].flags == []


def test_document_order_follows_the_template() -> None:
    old = Catalog(
        header=HEADER, entries=[Entry(msgid="B", msgstr="Б"), Entry(msgid="A", msgstr="А")]
    )
    new, _ = merge(template("A", "C", "B"), old, HEADER)
    assert [e.msgid for e in new.entries] == ["A", "C", "B"]


def test_each_changed_sentence_finds_its_own_closest_old_one() -> None:
    # Many near-identical sentences: the best match, not merely a good one, must win.
    old_entries = [
        Entry(msgid=f"Sentence number {i} about the budget of {i * 7} tenge.", msgstr=f"П {i}")
        for i in range(1000)
    ]
    new_ids = [f"Sentence number {i} about the budget of {i * 7 + 1} tenge." for i in range(1000)]
    new, stats = merge(template(*new_ids), Catalog(header=HEADER, entries=old_entries), HEADER)
    assert stats.fuzzy == 1000
    assert by_msgid(new)[new_ids[123]].previous_msgid == old_entries[123].msgid


def test_matcher_rejects_distant_text() -> None:
    matcher = FuzzyMatcher([Entry(msgid="The president resigned.", msgstr="x")])
    assert matcher.best("Completely unrelated words about weather in Almaty today.") is None
