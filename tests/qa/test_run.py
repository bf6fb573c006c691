"""Running the checks over catalogs: which entries, which lines, plural forms, the build screen."""

from __future__ import annotations

from transflow.catalog.pofile import parse_po
from transflow.qa.glossary import Glossary
from transflow.qa.run import Where, check_catalog, checked_entries, publishable

PO = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\n"

msgid "Read [this](https://a.example)."
msgstr "Прочтите [это](https://b.example)."

#, fuzzy
msgid "Rest in peace."
msgstr "Rest in peace."

msgid "Not yet."
msgstr ""

#~ msgid "Old [link](https://a.example)."
#~ msgstr "Старая [ссылка](https://z.example)."

msgid "%d file in 2006"
msgid_plural "%d files in 2006"
msgstr[0] "%d файл в 2006 году"
msgstr[1] "%d файла в 2006 году"
msgstr[2] "%d файлов в 2016 году"

msgctxt "front matter: title"
msgid "Dies"
msgstr "Умер <script>alert(1)</script>"
"""

WHERE = Where("story", "ru", "locales/ru/LC_MESSAGES/story.po")


def test_checks_translated_and_fuzzy_entries_only() -> None:
    catalog = parse_po(PO)
    assert [e.msgid for e in checked_entries(catalog)] == [
        "Read [this](https://a.example).",
        "Rest in peace.",
        "%d file in 2006",
        "Dies",
    ]


def test_findings_carry_file_line_check_and_severity() -> None:
    findings = check_catalog(parse_po(PO), WHERE, Glossary())
    summary = [(f.line, f.check, f.severity) for f in findings]
    assert summary == [
        (7, "links", "error"),
        (7, "links", "error"),
        (10, "same-as-source", "warning"),  # an entry's line is its first, comments included
        (20, "numbers", "error"),  # msgstr[2] against msgid_plural
        (26, "script", "warning"),
        (26, "html", "error"),
        (26, "html", "error"),
    ]
    assert all(f.article == "story" and f.language == "ru" for f in findings)
    assert findings[0].path == "locales/ru/LC_MESSAGES/story.po"
    assert findings[3].message.startswith("number 2006 is missing")


def test_publishable_drops_translated_entries_with_errors() -> None:
    catalog = parse_po(PO)
    kept, blocked = publishable(catalog, WHERE)
    assert {f.line for f in blocked} == {7, 20, 26}
    assert all(f.severity == "error" for f in blocked)
    msgids = [e.msgid for e in kept.entries]
    assert "Read [this](https://a.example)." not in msgids
    assert "Dies" not in msgids
    assert "Rest in peace." in msgids  # fuzzy: never published, nothing to block
    assert len(catalog.entries) == 6  # the catalog read is left alone


BREAKS = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#. heading
msgid "Results of the vote"
msgstr "Итоги\\\n"
"голосования"

#. heading, sentence 2 of 2
msgid "It ended."
msgstr "Оно\\\n"
"закончилось."

#. table cell
msgid "Turnout"
msgstr "Явка\\\n"
"избирателей"

#. heading
#. paragraph
msgid "Almaty"
msgstr "Алма\\\n"
"ты"

#. paragraph, sentence 1 of 3
msgid "He left."
msgstr "Он ушёл.\\\n"
"Навсегда."

msgid "Made by hand."
msgstr "Сделано\\\n"
"вручную."
"""


def test_hard_breaks_where_the_page_keeps_them() -> None:
    """Not in a heading or a table cell, whose lines the build joins; in a text that is also a
    paragraph, or where the catalog does not say where the text stands."""
    findings = check_catalog(parse_po(BREAKS), WHERE, Glossary())
    catalog = {e.lineno: e.msgid for e in parse_po(BREAKS).entries}
    assert [catalog[f.line] for f in findings if f.check == "hard-breaks"] == [
        "Almaty",
        "He left.",
        "Made by hand.",
    ]
