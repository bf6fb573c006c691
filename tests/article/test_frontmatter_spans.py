"""A translated front-matter value replaces exactly its value: whatever way the value is written,
the built front matter is YAML that reads back the translation and every other key as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from tests.cli.test_bad_input import add_article, assert_fails_cleanly
from transflow.article.frontmatter import split_front_matter
from transflow.article.parse import parse_article
from transflow.build.render import render_markdown
from transflow.errors import ArticleError

LOADERS = [yaml.SafeLoader, *([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])]
FIELDS = ("title", "subtitle", "summary", "caption")
PATH = Path("articles/a.md")
BODY = "\nThe body.\n"


def build(text: str, translate: dict[str, str]) -> str:
    """``text`` built with ``translate`` (field name → translation) for its front matter."""
    article = parse_article(text, PATH, "a", FIELDS, True)
    by_field = {s.role.removeprefix("front matter: "): s.msgid for s in article.segments}
    translations = {by_field[name]: value for name, value in translate.items()}
    return render_markdown(article, translations).text


def read_back(text: str, closing: str = "---") -> list[Any]:
    """The front matter of ``text`` as each YAML reader reads it."""
    yaml_text = text[text.index("\n") + 1 : text.index(f"\n{closing}") + 1]
    return [yaml.load(yaml_text, Loader=loader) for loader in LOADERS]


REST = "author: Someone  # not translated\n"


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("|\n  Block title\n", id="literal"),
        pytest.param(">\n  Folded\n  title\n", id="folded"),
        pytest.param("|-\n  Stripped\n", id="strip"),
        pytest.param(">-\n  Stripped\n  folded\n", id="folded strip"),
        pytest.param("|+\n  Kept\n\n\n", id="keep with blank lines"),
        pytest.param("|2\n    Indented\n", id="indentation indicator"),
        pytest.param("| # a note\n  Block title\n", id="comment after the indicator"),
        pytest.param("|\n  Block title\n\n# a comment\n", id="blank line and comment after"),
        pytest.param("|\n  Non-breaking space at the end\u00a0\n", id="ends in U+00A0"),
        pytest.param("|\n  A tab at the end\t\n", id="ends in a tab"),
        pytest.param('"Two\n  lines"\n', id="double-quoted on two lines"),
        pytest.param("'Two\n\n  paragraphs'\n", id="single-quoted on two lines"),
        pytest.param("Plain\n  on two lines\n", id="plain on two lines"),
        pytest.param("&t\n  Anchor on its own line\n", id="anchor, then a line break"),
        pytest.param("&t # the anchor\n  Anchor and comment\n", id="anchor, then a comment"),
        pytest.param("!!str &t |\n  Tag, anchor, block\n", id="tag and anchor"),
    ],
)
@pytest.mark.parametrize("last", [False, True], ids=["then a key", "last field"])
def test_every_way_to_write_a_value_takes_a_translation(value: str, last: bool) -> None:
    after = "" if last else REST
    text = f"---\nx: 1\ntitle: {value}{after}---\n{BODY}"
    built = build(text, {"title": "Аударма: «тақырып»"})
    expected = {"x": 1, "title": "Аударма: «тақырып»", **({} if last else {"author": "Someone"})}
    assert read_back(built) == [expected] * len(LOADERS)
    assert built.startswith("---\nx: 1\ntitle: ")
    assert built.endswith(f"{after}---\n{BODY}")  # the line break after the value and the rest
    assert ("&t" in built) == ("&t" in value)  # an alias elsewhere would still find its anchor


@pytest.mark.parametrize(
    ("value", "msgid"),
    [
        ("|\n  Rescuers worked\n", "Rescuers worked"),
        (">\n  Rescuers worked\n  through the night.\n", "Rescuers worked through the night."),
        ("|+\n  Kept\n\n\n", "Kept"),
        (">-\n  Stripped\n", "Stripped"),
        ("|\n  A tab the author typed\t\n", "A tab the author typed\t"),
        ('"A space the author typed "\n', "A space the author typed "),
    ],
)
def test_a_block_scalars_final_line_break_is_not_part_of_its_msgid(value: str, msgid: str) -> None:
    # It was a trailing space in the template, which the whitespace check then asked every
    # translation to copy.
    article = parse_article(
        f"---\nsummary: {value}author: Me\n---\n{BODY}", PATH, "a", FIELDS, True
    )
    assert article.segments[0].msgid == msgid


@pytest.mark.parametrize(
    "header", ["| # from the wire", ">-\t# from the wire", "|2 # from the wire"]
)
def test_a_comment_on_a_block_scalars_header_stays(header: str) -> None:
    text = f"---\ntitle: {header}\n    Block title\nauthor: Me\n---\n{BODY}"
    built = build(text, {"title": "Аударма"})
    comment = header[header.index("#") :]
    assert built == f'---\ntitle: "Аударма" {comment}\nauthor: Me\n---\n{BODY}'
    assert read_back(built) == [{"title": "Аударма", "author": "Me"}] * len(LOADERS)


def test_windows_line_breaks_stay() -> None:
    text = f"---\r\ntitle: |\r\n  Block title\r\n\r\nauthor: Me\r\n---\r\n{BODY}"
    built = build(text, {"title": "Аударма"})
    assert built == f'---\r\ntitle: "Аударма"\r\n\r\nauthor: Me\r\n---\r\n{BODY}'


def test_an_anchor_stays_and_its_alias_reads_back_the_translation() -> None:
    text = f"---\ntitle: &t\n  Same words\ncaption: *t\n---\n{BODY}"
    article = parse_article(text, PATH, "a", FIELDS, True)
    assert [s.role for s in article.segments][:2] == ["front matter: title", "paragraph"]
    built = build(text, {"title": "Бірдей сөздер"})
    assert built.startswith('---\ntitle: &t\n  "Бірдей сөздер"\ncaption: *t\n---\n')
    assert read_back(built) == [{"title": "Бірдей сөздер", "caption": "Бірдей сөздер"}] * len(
        LOADERS
    )


def test_a_value_merged_in_twice_is_translated_once() -> None:
    text = f"---\nbase: &b {{title: Merged}}\n<<: [*b, *b]\n---\n{BODY}"
    built = build(text, {"title": "Біріктірілген"})
    assert built.startswith('---\nbase: &b {title: "Біріктірілген"}\n<<: [*b, *b]\n')
    assert read_back(built)[0] == {"base": {"title": "Біріктірілген"}, "title": "Біріктірілген"}


# A value of one or two lines of words, written in one way of YAML's; the block styles, with
# what may end their last line.
WAYS = {
    "plain": lambda lines: "\n    ".join(lines),
    "single": lambda lines: "'" + "\n    ".join(lines) + "'",
    "double": lambda lines: '"' + "\n    ".join(lines) + '"',
}
BLOCKS = ["|", "|-", "|+", ">", ">-", ">+", "|2", "|4-", "| # note", ">- # note"]
PROPERTIES = ["", "&a{n} ", "&a{n}\n  ", "&a{n} # anchor\n  ", "!!str ", "!!str &a{n} "]
UNTRANSLATED = ["author: Someone  # not translated\n", "date: 2021-11-25\n", "tags: [a, b]\n"]
words = st.lists(st.sampled_from(["Kazakh", "news", "word", "x"]), min_size=1, max_size=3)


@st.composite
def written_value(draw: st.DrawFn, n: int) -> str:
    lines = [f"Value {n} " + " ".join(draw(words)) for _ in range(draw(st.integers(1, 2)))]
    properties = draw(st.sampled_from(PROPERTIES)).format(n=n)
    if draw(st.booleans()):
        return properties + WAYS[draw(st.sampled_from(sorted(WAYS)))](lines) + "\n"
    header = draw(st.sampled_from(BLOCKS))
    end = draw(st.sampled_from(["", "  ", "\u00a0", "\t"]))
    blank = draw(st.sampled_from(["", "\n", "\n    \n"]))
    content = "\n".join(f"    {line}" for line in lines)
    return f"{properties}{header}\n{content}{end}\n{blank}"


@st.composite
def front_matter(draw: st.DrawFn) -> tuple[str, list[str], str | None]:
    """The front matter's YAML, its translated fields, and the field that `caption: *alias`
    repeats (if any)."""
    names = draw(st.permutations(["title", "subtitle", "summary"]))[: draw(st.integers(1, 3))]
    entries = [f"{name}: {draw(written_value(n))}" for n, name in enumerate(names)]
    entries += draw(st.sets(st.sampled_from(UNTRANSLATED)))
    entries = draw(st.permutations(entries))
    anchored = [entry for entry in entries if "&a" in entry.partition("\n")[0]]
    if not anchored or not draw(st.booleans()):
        return "".join(entries), names, None
    anchor = draw(st.sampled_from(anchored))  # the alias comes anywhere after its anchor
    alias = f"caption: *{anchor.split('&')[1].split()[0]}\n"
    entries.insert(draw(st.integers(entries.index(anchor) + 1, len(entries))), alias)
    return "".join(entries), names, anchor.split(":")[0]


@given(
    front_matter(),
    st.lists(st.text(st.characters(blacklist_categories=["Cs"]), min_size=1), min_size=3),
    st.sampled_from(["---", "..."]),
    st.sampled_from(["\n", "\r\n"]),
)
@example(("title: |\n    Value 0 x\n", ["title"], None), ["Аударма"] * 3, "---", "\n")
@example(("title: &a0\n  Value 0 x\ncaption: *a0\n", ["title"], "title"), ["Т"] * 3, "...", "\r\n")
def test_any_front_matter_reads_back_the_translations_and_the_rest_as_it_was(
    written: tuple[str, list[str], str | None], values: list[str], closing: str, newline: str
) -> None:
    yaml_text, fields, repeated = written
    text = f"---\n{yaml_text}{closing}\n{BODY}".replace("\n", newline)
    source = read_back(text, closing)
    assert source[0] == source[-1]  # every reader reads the source alike
    translate = dict(zip(fields, values, strict=False))
    article = parse_article(text, PATH, "a", FIELDS, True)
    msgids = {s.role.removeprefix("front matter: "): s.msgid for s in article.segments}

    built = build(text, translate)

    expected = dict(source[0])
    for name, translation in translate.items():
        # A translation equal to its source, or of only blank space, changes nothing.
        if translation != msgids[name] and translation.strip():
            expected[name] = translation
    if repeated is not None:
        expected["caption"] = expected[repeated]
    assert read_back(built, closing) == [expected] * len(LOADERS)
    assert built.endswith(f"{closing}\n{BODY}".replace("\n", newline))


@pytest.mark.parametrize(
    ("field", "line", "problem"),
    [
        ("date: 2023-02-30", 3, "2023-02-30 is not a date (day is out of range for month)"),
        ("date: 2023-13-01", 3, "2023-13-01 is not a date (month must be in 1..12)"),
        ("dates:\n  - 2021-11-25\n  - 2021-02-29", 5, "2021-02-29 is not a date"),
        ("words: !!int seven", 3, "seven cannot be read as !!int"),
        ("draft: !!bool maybe", 3, "maybe cannot be read as !!bool"),
        ("date: !!timestamp soon", 3, "soon cannot be read as !!timestamp"),
    ],
)
def test_a_value_that_cannot_be_read_names_its_line(field: str, line: int, problem: str) -> None:
    with pytest.raises(ArticleError) as error:
        split_front_matter(f"---\ntitle: T\n{field}\n---\n{BODY}", PATH, FIELDS)
    assert str(error.value).startswith(f"{PATH}:{line}: invalid front matter: {problem}")


def test_a_translated_field_that_is_an_alias_of_a_list_reads_back_the_list() -> None:
    front = split_front_matter(
        f"---\ntags: &t [a, b]\ntitle: T\ncaption: *t\n---\n{BODY}", PATH, FIELDS
    )
    assert [field.value for field in front.fields] == ["T"]
    assert front.aliased and front.data["caption"] == ["a", "b"]


def test_a_list_of_texts_gives_each_item_to_translate() -> None:
    text = f"---\ntitle: T\ncaption:\n  - Ann Lee\n  - 'Bob Ray'\n---\n{BODY}"
    front = split_front_matter(text, PATH, FIELDS)
    assert [(f.name, f.value, f.line) for f in front.fields] == [
        ("title", "T", 2), ("caption", "Ann Lee", 4), ("caption", "Bob Ray", 5)
    ]  # fmt: skip
    assert [text[f.start : f.end] for f in front.fields] == ["T", "Ann Lee", "'Bob Ray'"]


@pytest.mark.parametrize(
    ("field", "line", "what"),
    [("caption: 12", 3, "the value here is not"),
     ("caption: [Ann, [Bob]]", 3, "an item of its list here is not"),
     ("caption: [Ann, 42]", 3, "its item 42 is not"),
     ("caption:\n  - Ann\n  - {a: b}", 5, "an item of its list here is not")],
)  # fmt: skip
def test_a_translated_field_that_is_no_text_is_an_error_at_its_line(
    field: str, line: int, what: str
) -> None:
    with pytest.raises(ArticleError) as error:
        split_front_matter(f"---\ntitle: T\n{field}\n---\n{BODY}", PATH, FIELDS)
    assert str(error.value) == (
        f"{PATH}:{line}: front-matter field `caption` must be text or a list of texts; {what}"
    )


def test_a_value_of_the_wrong_tag_stops_extract_cleanly(sample: Path, run) -> None:
    add_article(sample, "a-tagged.md", b"---\ntitle: T\ndraft: !!bool maybe\n---\n\nText.\n")
    path = sample / "articles" / "a-tagged.md"
    assert_fails_cleanly(
        run, sample, ["extract"], f"{path}:3: invalid front matter: maybe cannot be read as !!bool"
    )
