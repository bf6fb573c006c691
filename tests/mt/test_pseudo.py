"""Pseudo-localisation: accented, about 30% longer, markup and glossary renderings intact."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from transflow.mt.protect import markup_intact
from transflow.mt.pseudo import CLOSE, OPEN, PseudoEngine
from transflow.qa.glossary import parse_glossary

GLOSSARY = parse_glossary("term,kk,ru,note\nAlmaty,Алматы,,city\n")


def test_accents_pads_and_keeps_markup() -> None:
    source = "The [report](https://x.org/a) said `code` stays in Almaty."
    outcome = PseudoEngine(GLOSSARY).draft(source, "kk")
    assert outcome.draft is not None and outcome.draft.provenance == "pseudo"
    text = outcome.draft.text
    assert text.startswith(f"{OPEN}Ţĥé [ŕéƥöŕţ](https://x.org/a) šåíď `code` šţåýš íñ Алматы.")
    assert text.endswith(CLOSE)
    assert abs(len(text) - 1.3 * len(source)) <= 2
    ru = PseudoEngine(GLOSSARY).draft(source, "ru").draft
    assert ru is not None and "íñ Almaty." in ru.text  # kept as the glossary says


def test_a_link_title_is_translated_too() -> None:
    outcome = PseudoEngine(GLOSSARY).draft('See [it](https://x.org/a "The report").', "kk")
    assert outcome.draft is not None
    assert f'{OPEN}Šéé [íţ](https://x.org/a "Ţĥé ŕéƥöŕţ").' in outcome.draft.text


pieces = st.sampled_from(
    [
        "word",
        "Two words",
        "[link](#t)",
        '[link](#t "A title")',
        "`code`",
        "<b>",
        "</b>",
        "https://x.org",
        "*em*",
        "&amp;",
        "{0}",
        "{ 0 }",
        "{ 12 }",
    ]
)


@given(st.lists(pieces, min_size=1, max_size=8))
def test_markup_always_survives(parts: list[str]) -> None:
    source = " ".join(parts)
    outcome = PseudoEngine(GLOSSARY).draft(source, "kk")
    assert outcome.draft is not None
    assert markup_intact(source, outcome.draft.text)
