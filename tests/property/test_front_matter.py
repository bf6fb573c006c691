"""A translated front-matter value is written so that every YAML reader reads back exactly it."""

from __future__ import annotations

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from transflow.article.frontmatter import yaml_scalar

LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]


@given(st.text(st.characters(blacklist_categories=["Cs"])))
@example(
    "Fl\x92ood"
)  # a stray byte of Windows-1252 (a curly apostrophe), as a copy and paste leaves
@example("line\x85break\u2028and\u2029more\r\n")  # what YAML would fold into spaces
@example("\ufffe\uffff\x7f\x00\x1b\t\"\\ 'x': [y]")
def test_any_value_reads_back_as_itself(value: str) -> None:
    for loader in LOADERS:
        assert yaml.load(f"title: {yaml_scalar(value)}\n", Loader=loader) == {"title": value}


def test_a_value_is_one_line_and_plain_text_stays_as_it_is() -> None:
    assert yaml_scalar("Тенге: “рекорд” — 8,7 %") == '"Тенге: “рекорд” — 8,7 %"'
    assert "\n" not in yaml_scalar("two\nlines\u2028")
