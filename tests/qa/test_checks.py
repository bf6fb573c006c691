"""Every check with a translation that passes and one that fails it."""

from __future__ import annotations

from pathlib import Path

import pytest

from transflow.qa.checks import CHECKS, check_pair, checks_by_id
from transflow.qa.findings import ERROR, WARNING, Pair
from transflow.qa.glossary import Glossary, parse_glossary

GLOSSARY = parse_glossary(
    (Path(__file__).resolve().parents[2] / "glossary.csv").read_text(encoding="utf-8")
)

PETITION = "Some 2,500 people signed a [petition](#) addressed to President Kassym-Jomart Tokayev."
PETITION_KK = "Шамамен 2 500 адам Президент Қасым-Жомарт Тоқаевқа [петиция](#) жолдады."
PETITION_RU = (
    "Около 2\u00a0500 человек подписали [петицию](#) на имя президента Касым-Жомарта Токаева."
)

# (check id, source, translation, language, passes)
CASES = [
    ("links", PETITION, PETITION_KK, "kk", True),
    ("links", PETITION, PETITION_KK.replace("](#)", "](https://evil.example)"), "kk", False),
    ("links", "Write to news@example.org.", "Пишите на news@example.org.", "ru", True),
    ("links", "Write to news@example.org.", "Пишите на news@example.com.", "ru", False),
    ("links", "![Atabek](img/a.jpg)", "![Атабек](img/a.jpg)", "kk", True),
    # A collapsed reference names its label by its text: translated, the label is written out.
    ("links", "See the [city site][].", "Смотрите [сайт города][city site].", "ru", True),
    ("links", "See the [city site][].", "Смотрите [сайт города][City  Site].", "ru", True),
    ("links", "See the [city site][].", "Смотрите [city site][].", "ru", True),
    ("links", "See the [city site][].", "Смотрите [сайт города][].", "ru", False),
    ("links", "See the [site][city].", "Смотрите [сайт][town].", "ru", False),
    ("links", "![Atabek](img/a.jpg)", "![Атабек](img/b.jpg)", "kk", False),
    ("links", "See https://eurasianet.org now.", "См. https://eurasianet.org.", "ru", True),
    (
        "links",
        'He [told](https://a.kz/r "Official report") us. ![Flood](f.jpg "The river")',
        'Он [сказал](https://a.kz/r "Официальный отчёт") нам. ![Паводок](f.jpg (Река))',
        "ru",
        True,
    ),
    ("links", '[Report](https://a.kz/r "Report")', '[Отчёт](https://a.kz/x "Отчёт")', "ru", False),
    ("links", "See https://eurasianet.org now.", "См. сейчас.", "ru", False),
    # A URL ends before a guillemet and before a Kazakh case ending after a hyphen.
    ("links", "Details at https://x.org/a today.", "Подробности — «https://x.org/a».", "ru", True),
    ("links", "Details at https://x.org/a today.", "Толығырақ https://x.org/a-да.", "kk", True),
    (
        "links",
        "Visit www.eurasianet.org now.",
        "Толығырақ www.eurasianet.org-қа кіріңіз.",
        "kk",
        True,
    ),
    ("links", "Visit www.eurasianet.org now.", "Подробнее — на «www.eurasianet.org»", "ru", True),
    ("links", "See https://x.org/a-b now.", "См. https://x.org/a-b-да.", "kk", True),
    ("links", "See https://x.org/a-b now.", "См. https://x.org/a-да.", "kk", False),
    ("links", "See https://x.org/a now.", "См. https://x.org/a-ru.", "ru", False),
    ("markup", "He *did* use `grep`.", "Он *действительно* использовал `grep`.", "ru", True),
    ("markup", "He *did* use `grep`.", "Он **действительно* использовал `grep`.", "ru", False),
    ("markup", "He *did* use `grep`.", "Он *действительно* использовал `греп`.", "ru", False),
    ("markup", "A **bold** claim.", "Смелое заявление.", "ru", False),
    ("markup", "A [link](#) here.", "Здесь [ссылка](#).", "ru", True),
    ("markup", "A [link](#) here.", "Здесь [ссылка(#).", "ru", False),
    # Brackets that pair as text are an editor's insertion, not markup.
    ("markup", "He said it was fine.", "Он сказал [журналистам], что всё в порядке.", "ru", True),
    ("markup", "A [link](#) here.", "Здесь [ссылка](#) [1] [и [так] далее].", "ru", True),
    ("markup", "He said it was fine.", "Он сказал [журналистам, что всё в порядке.", "ru", False),
    ("markup", "He said it was fine.", "Он сказал ]журналистам[, что всё хорошо.", "ru", False),
    ("markup-order", "A *b* and `c`.", "А *б* и `c`.", "ru", True),
    ("markup-order", "A *b* and `c`.", "А `c` и *б*.", "ru", False),
    ("numbers", PETITION, PETITION_RU, "ru", True),
    ("numbers", PETITION, PETITION_RU.replace("2\u00a0500", "25 000"), "ru", False),
    ("numbers", "It grew 8.7% in 2006.", "Рост составил 8,7 % в 2006 году.", "ru", True),
    ("numbers", "It grew 8.7% in 2006.", "Рост составил 8.7% в 2006 году.", "kk", True),
    ("numbers", "It grew 8.7% in 2006.", "Рост составил 87 % в 2006 году.", "ru", False),
    ("numbers", "It grew 8.7% in 2006.", "Рост составил 8,7 % в 2016 году.", "ru", False),
    ("numbers", "In 2006 and 2006.", "В 2006 году.", "ru", False),
    # More digits than Decimal's default 28: read and grouped whole, not a crash.
    ("numbers", f"Case {'7' * 30}.", f"Іс {'777 ' * 9}777.", "kk", True),
    ("numbers", f"Case {'7' * 30}.", f"Іс {'7' * 29}.", "kk", False),
    # A decimal without its leading zero, and a number grouped by spaces (or no-break spaces).
    ("numbers", "About .75 of voters.", "Около 0,75 избирателей.", "ru", True),
    ("numbers", "About .75 of voters.", "Около ,75 избирателей.", "ru", True),
    ("numbers", "About .75 of voters.", "Около 75 избирателей.", "ru", False),
    ("numbers", "Some 10 000 people.", "Около 10000 человек.", "ru", True),
    ("numbers", "Some 10\u00a0000 people.", "Около 10 000 человек.", "ru", True),
    ("numbers", "Some 10 000 people.", "Шамамен 10 адам.", "kk", False),
    # ... unless its spaces did not group: "May 12 300 people" are 12 and 300.
    ("numbers", "On May 12 300 people came.", "12 мая пришли 300 человек.", "ru", True),
    ("numbers", "On May 12 300 people came.", "12 мая пришли люди.", "ru", False),
    ("whitespace", "Rest in peace. ", "Покойся с миром. ", "ru", True),
    ("line-breaks", "Rest in peace.", "Покойся с миром.", "ru", True),
    ("line-breaks", "Rest\nin peace.\n", "Покойся\nс миром.\n", "ru", True),
    ("line-breaks", "Rest in peace.", "Покойся с миром.\n", "ru", False),
    ("line-breaks", "\nRest in peace.", "Покойся с миром.", "ru", False),
    ("whitespace", "Rest in peace. ", "Покойся с миром.", "ru", False),
    # A hard break is written "\" + line end in a template; a translator may type two spaces.
    ("hard-breaks", "12 Abai Ave.\\\nAlmaty", "пр. Абая, 12\\\nАлматы", "ru", True),
    ("hard-breaks", "12 Abai Ave.\\\nAlmaty", "пр. Абая, 12  \nАлматы", "ru", True),
    ("hard-breaks", "12 Abai Ave.\\\nAlmaty", "пр. Абая, 12\nАлматы", "ru", False),
    ("hard-breaks", "He left.", "Он ушёл.\\\nНавсегда.", "ru", False),
    ("hard-breaks", "He left.", "Он ушёл.\nНавсегда.", "ru", True),  # a soft break: a space
    ("hard-breaks", "C:\\\\\nD:", "C:\\\\\nD:", "ru", True),  # an escaped backslash
    ("hard-breaks", "C:\\\\\nD:", "C:\\\nD:", "ru", False),
    # A carriage return ends a line too, as the build renders it.
    ("hard-breaks", "First line\\\nsecond.", "Первая строка\\\r\nвторая.", "ru", True),
    ("hard-breaks", "First line\\\nsecond.", "Первая строка\\\rвторая.", "ru", True),
    ("hard-breaks", "First line\\\nsecond.", "Первая строка  \r\nвторая.", "ru", True),
    ("hard-breaks", "He left.", "Он ушёл.\\\rНавсегда.", "ru", False),
    ("hard-breaks", "He left.", "Он ушёл.\\\r\nНавсегда.", "ru", False),
    ("hard-breaks", "He left.", "Он ушёл.\r\nНавсегда.", "ru", True),  # a soft break
    ("hard-breaks", "He left.\\\n", "Он ушёл.\\\r\n", "ru", True),  # at the end: none
    ("whitespace", "Rest in peace.", " Покойся с миром.", "ru", False),
    ("punctuation", "Rest in peace.", "Покойся с миром.", "ru", True),
    ("punctuation", "Rest in peace.", "Покойся с миром", "ru", False),
    ("punctuation", "Why?", "Почему.", "ru", False),
    ("punctuation", "“Rest in peace.”", "«Покойся с миром».", "ru", True),
    ("punctuation", "“Rest in peace.”", "«Покойся с миром»", "ru", False),
    (
        "punctuation",
        "*Published on [Eurasianet.org](#).*",
        "*[Eurasianet.org](#) жариялады.*",
        "kk",
        True,
    ),
    ("punctuation", "Related article", "Ұқсас мақала:", "kk", False),
    # A quotation the translation moves before its verb: its marks are all there.
    (
        "punctuation",
        "She asked why he was “let out to die.”",
        "Ол «өлуге» неге деп сұрады.",
        "kk",
        True,
    ),
    (
        "punctuation",
        "She asked why he was “let out to die.”",
        "Ол «өлуге неге деп сұрады.",
        "kk",
        False,
    ),
    (
        "punctuation",
        "She asked why he was “let out to die.”",
        "Ол өлуге неге деп сұрады.",
        "kk",
        False,
    ),
    ("punctuation", "The poet’s “death.”", "Ақынның өлімі.", "kk", False),  # ’ is no quote
    ("punctuation", "“Free him,” she said.", "Ол: «Оны босатыңдар».", "kk", True),
    ("same-as-source", "Rest in peace.", "Покойся с миром.", "ru", True),
    ("same-as-source", "Rest in peace.", "Rest in peace.", "ru", False),
    ("same-as-source", "Facebook", "Facebook", "ru", True),
    ("same-as-source", "Facebook", "Facebook", "ky", False),  # no column: no glossary to keep it
    ("same-as-source", "[Eurasianet.org](#)", "[Eurasianet.org](#)", "kk", True),
    ("script", "Posted on [Facebook](#).", "[Facebook](#) желісінде жарияланды.", "kk", True),
    ("script", "He had Covid-19.", "Ол Covid-19 жұқтырған.", "kk", True),
    # Latin words copied from the source (names, brands) pass; new ones do not.
    ("script", "Officials reject claims.", "Officials шағымдарды жоққа шығарады.", "kk", True),
    ("script", "Officials reject claims.", "Шенеуніктер allegations жоққа шығарады.", "kk", False),
    ("script", "Almaty is big.", "Алматы үлкен, see https://almaty.kz.", "kk", False),
    # A Latin "K" that looks Cyrillic is a Latin word too.
    ("script", "Kazakhstan", "Kазақстан", "kk", False),
    ("script", "Officials reject claims.", "Officials reject claims.", "fr", True),
    # A Roman numeral is written in Latin capitals: a whole word of its letters only.
    ("script", "It was the 21st century.", "Бұл XXI ғасыр еді.", "kk", True),
    ("script", "In the 19th and 20th centuries", "В XIX и XX веках", "ru", True),
    ("script", "Peter the Great", "Пётр I", "ru", True),
    ("script", "It was the 21st century.", "Это был ХXI век.", "ru", False),  # Cyrillic Х
    ("script", "Since 2006", "C 2006 года", "ru", False),  # a Latin C for the Cyrillic С
    ("script", "It was the 21st century.", "Это был XXXXI век.", "ru", False),  # no numeral
    ("script", "It was the 21st century.", "Это был xxi век.", "ru", False),
    ("html", "A <b>bold</b> claim.", "Смелое <b>заявление</b>.", "ru", True),
    ("html", "A bold claim.", "Смелое <b>заявление</b>.", "ru", False),
    ("html", "A bold claim.", "Смелое <script>alert(1)</script> заявление.", "ru", False),
    (
        "html",
        "A <b>bold</b> claim.",
        'Смелое <b onmouseover="alert(1)">заявление</b>.',
        "ru",
        False,
    ),
    ("html", "A [link](#).", "[Ссылка](javascript:alert(1)).", "ru", False),
    ("html", "A [link](#).", "[Ссылка](JaVa\tScRiPt:alert(1)).", "ru", False),
    ("html", "Code: `<b>`.", "Код: `<b>`.", "ru", True),
    ("control-characters", "Aron’s sister", "Сестра Арона", "ru", True),
    ("control-characters", "Aron’s sister", "Aron\x92s sister", "en", False),  # Windows-1252
    ("control-characters", "Tab\there", "Таб\tздесь", "ru", True),
    ("control-characters", "A\x1b[0m B", "А\x1b[0m Б", "ru", True),  # as in the source
    ("control-characters", "A report", "Отчёт\ufffe", "ru", False),
    # A bidirectional override or isolate reorders what a reader sees: 100 shown as 001.
    ("control-characters", "The fee was 100 tenge.", "Сбор \u202e100 тенге\u202c.", "ru", False),
    ("control-characters", "The fee was 100 tenge.", "Сбор \u2067100\u2069 тенге.", "ru", False),
    ("control-characters", "The fee was 100 tenge.", "Сбор \u202a100\u202c тенге.", "ru", False),
    ("control-characters", "Name: \u2068علي\u2069.", "Имя: \u2068علي\u2069.", "ru", True),
    ("glossary", PETITION, PETITION_KK, "kk", True),
    ("glossary", PETITION, PETITION_RU, "ru", True),
    ("glossary", PETITION, PETITION_RU.replace("Касым-Жомарта Токаева", "Токаева"), "ru", False),
    ("glossary", "in his hometown of Almaty", "в его родном Алматы", "ru", True),
    ("glossary", "in his hometown of Almaty", "в его родной Алма-Ате", "ru", False),
    ("glossary", "on Facebook", "в Facebook-е", "ru", True),
    ("glossary", "on Facebook", "в Фейсбуке", "ru", False),
    ("glossary", "the Shanyrak suburb", "Шаңырақ шағын ауданы", "kk", True),
    ("glossary", "in Shanyrak", "Шанырақта", "kk", False),
    # A language without a column in glossary.csv has no glossary; a blank cell keeps the term.
    ("glossary", "Aron Atabek died.", "Арон Атабек каза болду.", "ky", True),
    ("glossary", "Aron Atabek died.", "Арон Атабек қайтыс болды.", "kk", True),
    ("glossary", "Aron Atabek died.", "Арон қайтыс болды.", "kk", False),
    ("glossary", "Eurasianet reported.", "Евразианет хабарлады.", "kk", False),
    # A term in a link target, a URL or code is not the reader's, and stays as it is.
    (
        "glossary",
        "See [the city site](https://example.org/Almaty) for news.",
        "Новости — на [сайте города](https://example.org/Almaty).",
        "ru",
        True,
    ),
    ("glossary", "Type `Almaty` in the search box.", "Введите `Almaty` в поле поиска.", "ru", True),
    (
        "glossary",
        "Read https://example.org/Almaty/news daily.",
        "Читайте https://example.org/Almaty/news каждый день.",
        "ru",
        True,
    ),
    # ... and a rendering there is none of the prose's.
    (
        "glossary",
        "[News from Almaty](https://example.org/a)",
        "[Новости](https://example.org/a?city=Алматы)",
        "ru",
        False,
    ),
]


@pytest.mark.parametrize(
    ("check_id", "source", "translation", "language", "passes"),
    CASES,
    ids=[f"{c[0]}-{'pass' if c[4] else 'fail'}-{i}" for i, c in enumerate(CASES)],
)
def test_check(check_id: str, source: str, translation: str, language: str, passes: bool) -> None:
    check = checks_by_id()[check_id]
    messages = check(Pair(source, translation, language, GLOSSARY))
    assert (messages == []) is passes, messages
    for message in messages:
        assert message and "\n" not in message


def test_every_check_has_a_passing_and_a_failing_case() -> None:
    covered = {(c[0], c[4]) for c in CASES}
    for check in CHECKS:
        assert (check.id, True) in covered, check.id
        assert (check.id, False) in covered, check.id


def test_checks_declare_severity_and_title() -> None:
    severities = {c.id: c.severity for c in CHECKS}
    assert severities == {
        "links": ERROR,
        "markup": ERROR,
        "markup-order": WARNING,
        "numbers": ERROR,
        "whitespace": WARNING,
        "line-breaks": ERROR,
        "hard-breaks": WARNING,
        "punctuation": WARNING,
        "same-as-source": WARNING,
        "script": WARNING,
        "html": ERROR,
        "control-characters": ERROR,
        "glossary": WARNING,
    }
    assert all(c.title and not c.title.endswith("\n") for c in CHECKS)


def test_a_good_translation_of_the_sample_passes_every_check() -> None:
    source = (
        "Aron Atabek died on Nov. 24 in a hospital in his hometown of Almaty after his heart "
        "failed, his sister [told](#) Radio Azattyk."
    )
    kk = (
        "Арон Атабек 24 қарашада туған қаласы Алматыдағы ауруханада жүрегі тоқтап қайтыс болды, "
        "деп [хабарлады](#) оның әпкесі Азаттық радиосына."
    )
    ru = (
        "Арон Атабек скончался 24 ноября в больнице родного Алматы от остановки сердца, "
        "[рассказала](#) Радио Азаттык его сестра."
    )
    assert check_pair(Pair(source, kk, "kk", GLOSSARY)) == []
    assert check_pair(Pair(source, ru, "ru", GLOSSARY)) == []


def test_hostile_translation_fails_with_errors() -> None:
    found = check_pair(
        Pair(
            "Rest in peace.",
            '<img src=x onerror="alert(1)"> Покойся с миром.',
            "ru",
            Glossary(),
        )
    )
    assert [(c.id, c.severity) for c, _ in found] == [("html", ERROR)]
    assert "unsafe raw HTML" in found[0][1]


@pytest.mark.parametrize(
    "hostile",
    [
        "<img/src=x/onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<b/onclick=go()>",
        "<IMG/SRC=x/ONERROR=alert(1)>",
        "<img//onerror=alert(1)>",
        "<details/open/ontoggle=alert(1)>",
        "<img src=x onerror=alert(1)>",  # the form with spaces, for comparison
    ],
)
def test_an_event_attribute_after_a_slash_is_unsafe_html(hostile: str) -> None:
    # Browsers take "/" between attributes as a space.
    found = check_pair(Pair("Rest in peace.", f"{hostile} Покойся с миром.", "ru", Glossary()))
    assert [(c.id, c.severity) for c, _ in found] == [("html", ERROR)]
    assert found[0][1].startswith(f"unsafe raw HTML {hostile.split('>')[0].lower()}>")


def test_html_the_source_has_and_plain_slashes_pass() -> None:
    for source, translation in [
        ("Line<br/>break and a/b.", "Строка<br/>перенос и a/b."),
        ("1 < 2 and 3 > 2.", "1 < 2 и 3 > 2."),
        ("Either/or, a/b/c.", "Или/или, a/b/c."),
        ("A <b/online> tag.", "Тег <b/online>."),  # an attribute that only starts with "on"
    ]:
        assert [c.id for c, _ in check_pair(Pair(source, translation, "ru", Glossary()))] == []


def test_a_harmless_tag_the_source_lacks_is_raw_html_not_unsafe() -> None:
    found = check_pair(Pair("Line break.", "Строка<br/>перенос.", "ru", Glossary()))
    assert [(c.id, message) for c, message in found] == [
        ("html", "raw HTML <br/> is not in the source")
    ]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Line one<br>line two.", "Бірінші жол<br />екінші жол."),  # a void element's "/"
        ('A <a href="https://x.org">link</a>.', "Бір <a href='https://x.org'>сілтеме</a>."),
        ('<a class="c" href="/x">A</a> b.', '<a href="/x"  class="c">А</a> б.'),  # any order
        ('The <abbr title="United States">US</abbr>.', 'The <abbr title="АҚШ">АҚШ</abbr>.'),
    ],
)
def test_the_source_s_html_spelled_another_way_is_the_source_s(
    source: str, translation: str
) -> None:
    """Quotes, attribute order, a void element's "/", a title's words: the same HTML, which a
    translator's editor may well write another way; not an error that keeps the source."""
    found = check_pair(Pair(source, translation, "kk", Glossary()))
    assert [c.id for c, _ in found if c.id == "html"] == []


@pytest.mark.parametrize(
    ("source", "translation", "message"),
    [
        ('A <a href="https://x.org">link</a>.', 'Бір <a href="https://y.org">сілтеме</a>.',
         'raw HTML <a href="https://y.org"> is not in the source'),  # another target
        ('A <b class="x">b</b>.', 'Бір <b class="x" onclick="go()">b</b>.',
         'unsafe raw HTML <b class="x" onclick="go()"> is not in the source'),
    ],
)  # fmt: skip
def test_html_that_differs_in_what_it_does_is_still_an_error(
    source: str, translation: str, message: str
) -> None:
    found = check_pair(Pair(source, translation, "kk", Glossary()))
    assert ("html", message) in [(c.id, m) for c, m in found]


@pytest.mark.parametrize(
    ("source", "translation", "message"),
    [
        # Left open, the element runs on over the rest of the page: all bold, or one big link.
        ("Some <b>bold</b> text.", "Кейбір <b>жуан мәтін.", "raw HTML <b> is not closed"),
        ('A <a href="https://x.org">link</a> here.', 'Бір <a href="https://x.org">сілтеме.',
         "raw HTML <a> is not closed"),
        ("Some <b>bold</b> text.", "Кейбір жуан</b> мәтін.", "raw HTML </b> closes no <b>"),
    ],
)  # fmt: skip
def test_an_element_the_translation_leaves_open_is_an_error(
    source: str, translation: str, message: str
) -> None:
    found = check_pair(Pair(source, translation, "kk", Glossary()))
    assert [(c.id, c.severity) for c, _ in found] == [("html", ERROR)]
    assert found[0][1].startswith(message)


def test_elements_as_open_as_in_the_source_pass() -> None:
    for source, translation in [
        ("Some <b>bold</b> text.", "Кейбір <b>жуан</b> мәтін."),
        ("Some <b>bold</b> text.", "Кейбір жуан мәтін."),  # both tags dropped: nothing runs on
        ("<i>A sentence that opens it.", "<i>Оны ашатын сөйлем."),  # the next sentence closes it
        (
            "Line<br>break, <img src=x.png> and <hr/>.",
            "Жол<br>үзілісі, <img src=x.png> және <hr/>.",
        ),
    ]:
        assert [c.id for c, _ in check_pair(Pair(source, translation, "kk", Glossary()))] == []


def test_a_bidirectional_control_is_named_as_one() -> None:
    pair = Pair("The fee was 100 tenge.", "Сбор составил \u202e100 тенге\u202c.", "ru", Glossary())
    assert list(checks_by_id()["control-characters"](pair)) == [
        "U+202C, a bidirectional control, is not in the source: remove it",
        "U+202E, a bidirectional control, is not in the source: remove it",
    ]
