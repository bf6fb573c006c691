"""A translated front-matter value is written so that every YAML reader reads back exactly it."""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from tests.conftest import SAMPLE_SLUG
from transflow.article.frontmatter import split_front_matter, yaml_scalar
from transflow.article.parse import parse_article
from transflow.build.render import render_markdown

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


SAMPLE = Path(__file__).resolve().parents[2] / "articles" / f"{SAMPLE_SLUG}.md"
ARTICLE = parse_article(
    SAMPLE.read_text("utf-8"), SAMPLE, SAMPLE_SLUG, ("title", "subtitle", "summary"), True
)
FIELDS = [s.msgid for s in ARTICLE.segments if s.role.startswith("front matter: ")]


@given(st.lists(st.text(st.characters(blacklist_categories=["Cs"])), min_size=len(FIELDS)))
@example(["Умер\x85 узник", "", '«Цитата»: "x"\n\\'])
def test_a_built_page_knows_its_front_matter_as_reading_it_gives(values: list[str]) -> None:
    # The build hands the page its front matter rather than read the YAML it just wrote.
    translations = dict(zip(FIELDS, values, strict=False))
    rendered = render_markdown(ARTICLE, translations)
    read = split_front_matter(rendered.text, SAMPLE, ())
    assert (rendered.meta, rendered.body_start) == (read.data, read.body_start)
    assert (
        rendered.text[rendered.body_start :]
        == SAMPLE.read_text("utf-8")[ARTICLE.front_matter.body_start :]
    )


# Ways to write a front-matter text value, each as (YAML for the value "A value", its key's
# YAML ending in a line break); every one must take a translation and stay valid YAML.
STYLES = [
    "plain A value\n",
    "'A value'\n",
    '"A value"\n',
    "|\n  A value\n",
    "|-\n  A value\n",
    "|+\n  A value\n\n",
    ">\n  A\n  value\n",
    ">-\n  A\n  value\n\n",
    "|2\n  A value\n",
    "&anchor A value\n",
    "!!str A value\n",
    "&anchor !!str |\n  A value\n",
]


@given(
    st.sampled_from(STYLES),
    st.booleans(),
    st.text(st.characters(blacklist_categories=["Cs"]), min_size=1),
)
@example("|\n  A value\n", True, "Аударма")
@example("&anchor A value\n", False, "Перевод")
@example("|\n  A value\n", False, " \x85")  # blank: the source stays
def test_any_style_of_value_takes_a_translation(style: str, last: bool, translation: str) -> None:
    value = style.removeprefix("plain ")
    after = "" if last else "author: Someone  # not translated\n"
    text = f"---\ntitle: {value}{after}---\n\nThe body.\n"
    path = Path("styles.md")
    article = parse_article(text, path, "styles", ("title",), True)
    [field] = [s.msgid for s in article.segments if s.role == "front matter: title"]
    rendered = render_markdown(article, {field: translation}).text

    data = yaml.safe_load(rendered.split("---\n")[1])
    # A translation of only blank space (U+0085 too) counts as none: the page keeps the source.
    source = yaml.safe_load(text.split("---\n")[1])["title"]
    assert data["title"] == (translation if translation.strip() else source)
    if not last:
        assert data["author"] == "Someone"
        assert "author: Someone  # not translated\n" in rendered  # the rest as it was
    if "&anchor" in style:
        assert "&anchor " in rendered  # an alias elsewhere still finds it


def test_an_alias_reads_back_the_translation_of_its_anchor() -> None:
    text = "---\ntitle: &t The title\ncaption: *t\n---\n\nThe body.\n"
    article = parse_article(text, Path("a.md"), "a", ("title", "caption"), True)
    fields = [s.msgid for s in article.segments if s.role.startswith("front matter: ")]
    assert fields == ["The title"]  # the alias has nothing of its own to translate
    rendered = render_markdown(article, {"The title": "Тақырып"}).text
    assert yaml.safe_load(rendered.split("---\n")[1]) == {"title": "Тақырып", "caption": "Тақырып"}
