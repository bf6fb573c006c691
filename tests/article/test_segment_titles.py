"""Titles of English news copy ("Ms.", "Gov.", "St.") before a name never end a sentence; real
sentence ends after a name still do."""

from __future__ import annotations

import pytest

from transflow.article.segment import sentence_ranges

TITLES = [
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
    "Rev", "St", "Jr", "Sr", "Messrs", "Mmes",
]  # fmt: skip


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_ranges(text)]


@pytest.mark.parametrize("title", TITLES)
def test_a_title_before_a_name_stays_in_its_sentence(title: str) -> None:
    assert sentences(f"He met {title}. Jones on Monday. Then he left.") == [
        f"He met {title}. Jones on Monday.",
        "Then he left.",
    ]


@pytest.mark.parametrize("title", ["Ms", "Dr", "Gov"])
def test_a_title_wrapped_before_its_name_stays_in_its_sentence(title: str) -> None:
    assert sentences(f"He met {title}.\nJones on Monday. Then he left.") == [
        f"He met {title}.\nJones on Monday.",
        "Then he left.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He met Ms. Jones on Monday.", ["He met Ms. Jones on Monday."]),
        ("He moved to St. Louis. Then he left.", ["He moved to St. Louis.", "Then he left."]),
        ("Ms. Jones left. Dr. Smith stayed.", ["Ms. Jones left.", "Dr. Smith stayed."]),
        ("Ask Prof. Abenova. She knows.", ["Ask Prof. Abenova.", "She knows."]),
        ("It was Martin Luther King Jr. He spoke.", ["It was Martin Luther King Jr.", "He spoke."]),
        ("Lt. Gen. Smith met Mrs. O'Neil.", ["Lt. Gen. Smith met Mrs. O'Neil."]),
        ("He met Ms. Ålund today. She left.", ["He met Ms. Ålund today.", "She left."]),
        # A title is a whole word: "CAMs." may end a sentence.
        ("It runs on CAMs. Jones said so.", ["It runs on CAMs.", "Jones said so."]),
    ],
)
def test_titles_and_sentence_ends(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
