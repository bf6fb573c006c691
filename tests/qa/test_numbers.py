"""The numbers check on the ways a source and a translation write numbers: grouped by spaces
(10 000, with a no-break or a narrow no-break space too) and decimals without their leading zero
(.75)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from transflow.qa.checks import checks_by_id
from transflow.qa.findings import Pair
from transflow.qa.glossary import Glossary
from transflow.qa.numbers import count_in, source_numbers, space_parts

SPACES = [" ", "\u00a0", "\u202f"]


def missing(source: str, translation: str, language: str) -> list[str]:
    return checks_by_id()["numbers"](Pair(source, translation, language, Glossary()))


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("About .75 of voters", [".75"]),
        ("Some 10 000 people", ["10 000"]),
        ("Some 10\u00a0000 and 10\u202f000 people", ["10\u00a0000", "10\u202f000"]),
        ("It cost 1 234 567.5 tenge.", ["1 234 567.5"]),
        ("in 2006 and 2007", ["2006", "2007"]),
        ("In 2006 300 people came.", ["2006", "300"]),
        # A group is exactly three digits: these spaces separate numbers.
        ("In round 1 5000 people voted.", ["1", "5000"]),
        ("Some 10 000 5000 votes", ["10 000", "5000"]),
        ("12 3456", ["12", "3456"]),
        # A "," after the groups makes them separate numbers (an en source groups by ",").
        ("On May 12 300,000 people came.", ["12", "300,000"]),
        ("Version 1.75 and a.75", ["1.75", "75"]),
    ],
)
def test_source_numbers(text: str, numbers: list[str]) -> None:
    assert source_numbers(text) == numbers


@pytest.mark.parametrize(
    ("number", "parts"),
    [
        ("12 300", ["12", "300"]),
        ("12 300 000", ["12", "300 000"]),
        ("1 000 000", []),  # never 1 and 000 000
        ("10\u00a0000", []),
        ("2006", []),
    ],
)
def test_space_parts(number: str, parts: list[str]) -> None:
    assert space_parts(number) == parts


@pytest.mark.parametrize(
    ("source", "translation", "language"),
    [
        ("About .75 of voters", "Около 0,75 избирателей", "ru"),
        ("About .75 of voters", "Около 0.75 избирателей", "ru"),
        ("About .75 of voters", "Около .75 избирателей", "ru"),
        ("About .75 of voters", "Около ,75 избирателей", "ru"),
        ("About .75 of voters", "Сайлаушылардың 0,75 бөлігі", "kk"),
        ("About .75 of voters", "About 0.75 of voters", "en"),
        ("Support fell to .5%.", "Поддержка упала до 0,5 %.", "ru"),
        ("10 000 people", "10000 человек", "ru"),
        ("10 000 people", "10 000 человек", "ru"),
        ("10 000 people", "10\u00a0000 человек", "ru"),
        ("10\u00a0000 people", "10000 человек", "ru"),
        ("10\u202f000 people", "10 000 человек", "kk"),
        ("10\u202f000 people", "10\u202f000 человек", "ru"),
        ("1 234 567 people", "1234567 человек", "ru"),
        ("It cost 1 234 567.5 tenge.", "Это стоило 1234567,5 тенге.", "ru"),
        ("It cost 1 234 567.5 tenge.", "Это стоило 1 234 567,5 тенге.", "ru"),
        ("in 2006 and 2007", "в 2006 и 2007 годах", "ru"),
        ("In round 1 5000 people voted.", "В 1 туре голосовали 5000 человек.", "ru"),
        ("On May 12 300,000 people came.", "12 мая пришли 300 000 человек.", "ru"),
        ("On May 12 300 000 people came.", "12 мая пришли 300 000 человек.", "ru"),
        # Two numbers side by side in a translation, as a space-grouped source may hold them.
        ("25 pools of 300 meters", "25 300-метровых бассейнов", "ru"),
        ("The 10,000th visitor", "10 000-й посетитель", "ru"),
    ],
)
def test_correct_translations_pass(source: str, translation: str, language: str) -> None:
    assert missing(source, translation, language) == []


@pytest.mark.parametrize(
    ("source", "translation", "language", "number"),
    [
        ("About .75 of voters", "Около 75 избирателей", "ru", ".75"),
        ("About .75 of voters", "Около 1,75 избирателей", "ru", ".75"),
        ("About .75 of voters", "Около 0,7 избирателей", "ru", ".75"),
        ("10 000 people", "10 человек", "ru", "10 000"),
        ("10 000 people", "000 человек", "ru", "10 000"),
        ("10 000 people", "100 000 человек", "kk", "10 000"),
        ("10 000 people", "10 000 000 человек", "ru", "10 000"),
        ("in 2006 and 2007", "в 2006 году", "ru", "2007"),
        ("In round 1 5000 people voted.", "В 1 туре голосовали 500 человек.", "ru", "5000"),
        # A number the translation holds only as a piece of a longer one is missing.
        ("Some 1 000 000 people", "Около 1 000 человек", "ru", "1 000 000"),
        ("Some 10\u00a0000\u00a0000 people", "Около 10 000 человек", "kk", "10\u00a0000\u00a0000"),
        ("Some 1,000 people", "Около 1 000 000 человек", "ru", "1,000"),
        ("Some 2,500 people", "Около 2\u00a0500\u00a0000 человек", "ru", "2,500"),
        ("On May 12 300 000 people came.", "12 мая пришли 300 человек.", "ru", "12 300 000"),
    ],
)
def test_wrong_translations_fail(source: str, translation: str, language: str, number: str) -> None:
    messages = missing(source, translation, language)
    assert len(messages) == 1
    assert messages[0].startswith(f"number {' '.join(number.split())} is missing")  # spaces shown


@pytest.mark.parametrize(
    ("source", "translation", "language"),
    [
        ("It cost $10,000.00 in total.", "Всего это стоило 10 000,00 долларов.", "ru"),
        ("Fees were 1,000.50 tenge.", "Сборы составили 1 000,50 тенге.", "ru"),
        ("Fees were 1,000.50 tenge.", "Алым 1\u00a0000,50 теңге болды.", "kk"),
        ("It rose 2.50%.", "Рост составил 2,50 %.", "ru"),
    ],
)
def test_a_decimal_keeps_the_source_s_decimal_places_in_the_target_format(
    source: str, translation: str, language: str
) -> None:
    assert missing(source, translation, language) == []


def test_the_hint_keeps_the_source_s_decimal_places() -> None:
    [message] = missing("Fees were 1,000.50 tenge.", "Сборы составили 1 000 тенге.", "ru")
    assert message == "number 1,000.50 is missing (write it as 1 000,50 or 1,000.50 or 1000,50)"


@pytest.mark.parametrize(
    ("source", "translation", "language"),
    [
        ("He was arrested on 11/24/2021.", "Его арестовали 24.11.2021.", "ru"),
        ("He was arrested on 11/24/2021.", "Ол 2021.11.24 күні қамалды.", "kk"),
        ("He was arrested on 11/24/2021.", "Его арестовали 11/24/2021.", "ru"),
        ("He was arrested on 1/5/2021.", "Его арестовали 05.01.2021.", "ru"),
        ("It happened on 11/24/21 and 11/24/21.", "Это было 24.11.21 и 24.11.21.", "ru"),
        ("The court met at 9:30 on Monday.", "Суд собрался в понедельник в 9.30.", "ru"),
        ("The court met at 9:30 on Monday.", "Суд собрался в понедельник в 9:30.", "ru"),
        ("The court met at 9:30 on Monday.", "Сот дүйсенбіде 09.30-да жиналды.", "kk"),
        ("It ended at 23:05:10.", "Оно закончилось в 23.05.10.", "ru"),
        ("It was the worst crisis of the 21st century.", "Это был худший кризис XXI века.", "ru"),
        ("Early 20th-century buildings", "Здания начала XX века", "ru"),
        ("In the 19th and 20th centuries", "В XIX и XX веках", "ru"),
        ("In the 19th, 20th or 21st century", "ХІХ, ХХ не ХХІ ғасырда", "kk"),  # Cyrillic Х, І
    ],
)
def test_a_date_time_or_century_in_the_language_s_spelling_passes(
    source: str, translation: str, language: str
) -> None:
    assert missing(source, translation, language) == []


@pytest.mark.parametrize(
    ("source", "translation", "language", "numbers"),
    [
        (
            "He was arrested on 11/24/2021.",
            "Его арестовали 25.11.2021.",
            "ru",
            ["11", "24", "2021"],
        ),
        (
            "He was arrested on 11/24/2021.",
            "Его арестовали 24.11.2020.",
            "ru",
            ["11", "24", "2021"],
        ),
        ("He was arrested on 11/24/2021.", "Его арестовали 24.11.", "ru", ["11", "24", "2021"]),
        ("The court met at 9:30 on Monday.", "Суд собрался в 9.45.", "ru", ["9", "30"]),
        ("The court met at 9:30 on Monday.", "Суд собрался в 30.9.", "ru", ["9", "30"]),
        ("The court met at 9:30 on Monday.", "Суд собрался в 9,30.", "ru", ["9", "30"]),
        ("The growth was 9.30 points.", "Рост составил 9.30.", "ru", []),
        ("It was the worst crisis of the 21st century.", "Это был кризис XX века.", "ru", ["21"]),
        ("It was the worst crisis of 21 states.", "Это был кризис XXI государств.", "ru", ["21"]),
        ("the 3rd time this century", "в III раз в этом веке", "ru", ["3"]),
    ],
)
def test_a_changed_date_time_or_century_fails(
    source: str, translation: str, language: str, numbers: list[str]
) -> None:
    messages = missing(source, translation, language)
    assert [m.split()[1] for m in messages] == numbers


@pytest.mark.parametrize(
    ("source", "translation", "language"),
    [
        ("He died on Nov. 24.", "Он скончался 24 ноября.", "ru"),
        ("He died on Nov. 24.", "Ол 24 қарашада қайтыс болды.", "kk"),  # a case ending
        ("He died on Nov. 24.", "Ол қарашаның 24-і күні қайтыс болды.", "kk"),  # day after
        ("He died on Nov. 24.", "Он скончался 24-го ноября.", "ru"),
        ("He died on Nov. 24.", "Он скончался 24 нояб.", "ru"),  # CLDR's abbreviation
        ("He died on Nov. 24.", "Ол 24 қар. қайтыс болды.", "kk"),
        ("He died on Nov. 24.", "Он скончался 24.11.", "ru"),
        ("He died on 24 November 2025.", "Он скончался 24 ноября 2025 года.", "ru"),
        ("He died on 24 November 2025.", "Ол 2025 жылғы 24 қарашада қайтыс болды.", "kk"),
        ("He died on 24 November 2025.", "Он скончался 24.11.2025.", "ru"),
        ("He died on 24 November 2025.", "Ол 2025.11.24 қайтыс болды.", "kk"),
        ("He died on 24 November 2025.", "Он скончался 2025-11-24.", "ru"),  # ISO 8601
        ("He died on November 24th, 2025.", "Он скончался 24 ноября 2025 г.", "ru"),
        ("On Sept. 5 the court met.", "05.09 суд собрался.", "ru"),
        ("On Sept. 5 the court met.", "5 сентября суд собрался.", "ru"),
        ("It rained on Nov. 24-25.", "Дожди шли 24–25 ноября.", "ru"),
        ("It rained on Nov. 24 and 25.", "Жаңбыр 24 және 25 қарашада жауды.", "kk"),
        ("Both were held on May 5 and Oct. 1.", "Оба прошли 5 мая и 1 октября.", "ru"),
        # "may" is a verb, and 8.7 a decimal, even with a date of the 8th of July around.
        ("Prices may 5 times rise.", "Цены могут вырасти в 5 раз.", "ru"),
        ("It grew 8.7% on July 8.", "8 июля рост составил 8,7 %.", "ru"),
        # A number after a comma or another word is no second day of the date.
        ("As of Aug. 5, 18 patients had signed.", "На 5 августа подписали 18 пациентов.", "ru"),
        (
            "The hearing began on Nov. 24 at 10 a.m.",
            "Тыңдау 24 қарашада сағат 10-да басталды.",
            "kk",
        ),
        # A month with "in" is a month, not a date: the number after it is a count.
        ("In May 24 people were hurt.", "В мае пострадали 24 человека.", "ru"),
        ("Cases rose in\nNov. 31 times over.", "В ноябре случаев стало в 31 раз больше.", "ru"),
        # A decimal that the source writes with a point may be kept so beside a date.
        ("On Nov. 24, prices rose 24.10 percent.", "24 ноября цены выросли на 24.10 %.", "ru"),
        ("On Nov. 24, the index was 24.11.", "24 қарашада индекс 24.11 болды.", "kk"),
        # A full name's period ends a sentence: "May. 5G" is no date of May 5.
        ("It fell after May. 5G was back.", "Он упал после мая, и 5G вернулся.", "ru"),
    ],
)
def test_a_date_with_the_month_s_name_passes_in_the_language_s_spelling(
    source: str, translation: str, language: str
) -> None:
    assert missing(source, translation, language) == []


@pytest.mark.parametrize(
    ("source", "translation", "language", "message"),
    [
        ("He died on Nov. 24.", "Он скончался 24 октября.", "ru", "the month of Nov. 24"),
        ("He died on Nov. 24.", "Ол 24 қазанда қайтыс болды.", "kk", "the month of Nov. 24"),
        ("He died on Nov. 24.", "Он скончался 24.10.", "ru", "the month of Nov. 24"),
        ("He died on Nov. 24.", "Он скончался 24-го числа.", "ru", "the month of Nov. 24"),
        ("He died on Nov. 24.", "Он скончался 25 ноября.", "ru", "number 24"),
        ("He died on 24 November 2025.", "Он скончался 24.11.2024.", "ru", "number 2025"),
        ("He died on 24 November 2025.", "Он скончался 24.11.", "ru", "number 2025"),
        ("He died on Nov. 24, 2025.", "Ол 2025-10-24 қайтыс болды.", "kk", "the month of Nov. 24"),
        ("It rained on Nov. 24 and 25.", "Дожди шли 24 ноября и 25 октября.", "ru", "the month"),
        # Only the word "in" makes it a month: "begin" and "on" do not.
        ("Talks begin May 24.", "Переговоры начнутся 24 июня.", "ru", "the month of May 24"),
        ("He spoke on May 24 in Almaty.", "Он выступил 24 июня в Алматы.", "ru", "the month"),
    ],
)
def test_a_date_with_the_month_s_name_fails_with_another_day_month_or_year(
    source: str, translation: str, language: str, message: str
) -> None:
    [finding] = missing(source, translation, language)
    assert finding.startswith(f"{message} ")


def test_a_lost_month_says_how_to_write_it() -> None:
    assert missing("He died on Nov. 24.", "Он скончался 24 октября.", "ru") == [
        "the month of Nov. 24 is missing (write it as 24 ноября or 24.11)"
    ]


def test_count_in_counts_a_space_grouped_number_once() -> None:
    forms = frozenset({"10 000", "10000", "10\u00a0000"})
    assert count_in("10 000 и 10\u00a0000, не 10 000 000", forms) == 2


def _en_grouped_by(value: Decimal, space: str) -> str:
    """``value`` as an en source may write it grouped by spaces: 1 234 567.5."""
    return format_decimal(value, locale="en", decimal_quantization=False).replace(",", space)


_VALUES = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False)
_TARGETS = st.sampled_from(["kk", "ru"])


@settings(max_examples=300, deadline=None)
@given(_VALUES, st.sampled_from(SPACES), _TARGETS, st.booleans())
def test_a_space_grouped_source_number_passes_in_the_target_format(
    value: Decimal, space: str, language: str, grouped: bool
) -> None:
    source = f"About {_en_grouped_by(value, space)} people."
    translated = format_decimal(
        value, locale=language, decimal_quantization=False, group_separator=grouped
    )
    assert missing(source, f"Около {translated} человек.", language) == []


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**6), _TARGETS)
def test_a_decimal_without_its_leading_zero_passes_in_the_target_format(
    digits: int, language: str
) -> None:
    fraction = f".{digits:07d}".rstrip("0")
    translated = format_decimal(
        Decimal("0" + fraction), locale=language, decimal_quantization=False
    )
    assert (
        missing(f"About {fraction} of voters.", f"Около {translated} избирателей.", language) == []
    )


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**9), st.sampled_from(["en", "en-spaces"]), _TARGETS)
def test_a_thousand_times_the_source_number_fails(value: int, written: str, language: str) -> None:
    number = format_decimal(value, locale="en")
    if written == "en-spaces":
        number = number.replace(",", " ")
        assume(len(set(space_parts(number))) != 1)  # see the test below
    translated = format_decimal(value * 1000, locale=language)
    assert missing(f"About {number} people.", f"Около {translated} человек.", language) != []


def test_a_space_grouped_number_of_two_equal_parts_needs_both() -> None:
    assert missing("About 999 999 people.", "Около 999 999 000 человек.", "ru") != []
