"""YAML front matter: find it, check it, and locate the translatable fields' values by offset.

Only the bytes of a translated value are ever replaced; everything else in the front matter is
written back as it was.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from transflow.errors import ArticleError

_OPENING = re.compile(r"\A---[ \t]*\r?\n")
_CLOSING = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


@dataclass(frozen=True)
class FieldValue:
    """One translatable front-matter value and where it sits in the file."""

    name: str
    value: str
    start: int  # offset of the value's first character in the file text
    end: int
    line: int  # 1-based line in the file


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    fields: tuple[FieldValue, ...]
    body_start: int  # offset in the file where the Markdown body begins
    body_line: int  # 0-based line number of the body's first line
    # Whether a field to translate is an alias (``caption: *t``), which reads back whatever its
    # anchor's value becomes, or a list of texts, whose items are translated one by one: only
    # reading the translated YAML tells its value.
    aliased: bool = False


def split_front_matter(text: str, path: Path, translate: tuple[str, ...]) -> FrontMatter:
    """Parse the front matter at the top of ``text``, if any."""
    opening = _OPENING.match(text)
    if not opening:
        return FrontMatter({}, (), 0, 0)
    closing = _CLOSING.search(text, opening.end())
    if not closing:
        raise ArticleError("front matter opened with --- is never closed", path, 1)
    yaml_text = text[opening.end() : closing.start()]
    first_line = 2  # the YAML starts on the line after the opening ---
    node, data = _compose_and_load(yaml_text, path, first_line)
    if node is not None and not isinstance(node, yaml.MappingNode) and _looks_like_markdown(node):
        # "---\nFoo\n---" is a thematic break and a setext heading, not front matter.
        return FrontMatter({}, (), 0, 0)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError("front matter must be a mapping of fields (key: value)", path, 2)
    _check_unique_keys(node, path, first_line)
    _check_date(node, data.get("date"), path, first_line)
    aliases: list[str] = []
    fields = tuple(
        _locate_fields(node, translate, yaml_text, opening.end(), first_line, path, aliases)
    )
    body_line = text.count("\n", 0, closing.end())
    return FrontMatter(data, fields, closing.end(), body_line, bool(aliases))


# libyaml's loader when PyYAML was built with it: several times faster, same nodes and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_load(yaml_text: str, path: Path, first_line: int) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for the values' offsets) and the data, from one parse."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, path, first_line, yaml_text) from None
    except yaml.YAMLError as exc:
        raise ArticleError(f"invalid front matter: {exc}", path, first_line) from None
    except _UNBUILDABLE as exc:
        raise _value_error(exc, node, path, first_line) from None
    finally:
        loader.dispose()
    return node, data


# What PyYAML's constructor raises, with no mark, for a value it parses but cannot build: a date
# that does not exist (2023-02-30: ValueError), `!!int x` (ValueError), `!!bool x` (KeyError),
# `!!timestamp x` (AttributeError); OverflowError and TypeError only to be safe.
_UNBUILDABLE = (ValueError, OverflowError, KeyError, AttributeError, TypeError)


def _value_error(
    exc: Exception, node: yaml.Node | None, path: Path, first_line: int
) -> ArticleError:
    """The error for a value YAML parses but cannot build, at the line of that value."""
    constructor = yaml.constructor.SafeConstructor()
    for scalar in _scalars(node):
        try:
            constructor.construct_object(scalar)
        except _UNBUILDABLE as refused:
            line = first_line + scalar.start_mark.line
            return ArticleError(f"invalid front matter: {_refusal(scalar, refused)}", path, line)
        except yaml.YAMLError:
            continue  # not what stopped the document: its own error comes later, if ever
    return ArticleError(f"invalid front matter: {exc}", path, first_line)


def _refusal(scalar: yaml.ScalarNode, exc: Exception) -> str:
    if scalar.tag == "tag:yaml.org,2002:timestamp" and isinstance(exc, ValueError):
        return f"{scalar.value} is not a date ({exc})"
    tag = scalar.tag.replace("tag:yaml.org,2002:", "!!")
    return f"{scalar.value} cannot be read as {tag}"


def _scalars(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.MappingNode):
        return [s for key, value in node.value for s in [*_scalars(key), *_scalars(value)]]
    if isinstance(node, yaml.SequenceNode):
        return [s for item in node.value for s in _scalars(item)]
    return []


def publication_day(value: Any) -> dt.date | None:
    """The day a front matter's ``date`` names: a YAML date or timestamp, or a string in ISO
    8601 (``2021-11-25``, ``2021-11-25T09:30:00+05:00``); None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.strip()).date()
        except ValueError:
            return None
    return None


def _check_date(node: yaml.Node | None, value: Any, path: Path, first_line: int) -> None:
    """A ``date`` the pages cannot show in each language's format is an error at its line
    (``date: 25.11.2021`` could be the 25th of November or nothing; the page would lose it)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    if publication_day(value) is not None:
        return
    line = first_line
    if isinstance(node, yaml.MappingNode):
        for key, value_node in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "date":
                line = first_line + value_node.start_mark.line
    if isinstance(value, str) and re.match(r"\s*\d{4}-\d\d-\d\d(?!\d)", value):
        try:  # written as a date, but none: '2023-02-30' (quoted, so YAML took it for text)
            dt.date.fromisoformat(value.strip()[:10])
        except ValueError as exc:
            raise ArticleError(
                f"front-matter field `date`: {_shown(value)} is not a date ({exc})", path, line
            ) from None
    raise ArticleError(
        "front-matter field `date` must be a date in ISO 8601 (2021-11-25, or with its time "
        f"2021-11-25T09:30), not {_shown(value)}",
        path,
        line,
    )


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return repr(value.strip())
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        return "a list"
    return "a mapping" if isinstance(value, dict) else repr(value)


def _check_unique_keys(node: yaml.Node | None, path: Path, first_line: int) -> None:
    """A field given twice is an error at its second line: YAML keeps the last value without a
    word, and the first is most often the one the editor just changed."""
    if isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _check_unique_keys(item, path, first_line)
    if not isinstance(node, yaml.MappingNode):
        return
    seen: dict[str, yaml.Node] = {}
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            first = seen.setdefault(key.value, key)
            if first is not key:
                raise ArticleError(
                    f"front-matter field `{key.value}` is given twice "
                    f"(first at line {first_line + first.start_mark.line})",
                    path,
                    first_line + key.start_mark.line,
                )
        _check_unique_keys(value, path, first_line)


def _looks_like_markdown(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and ":" not in node.value


# YAML's contexts whose mark is where the thing to fix starts: a key without its ":", a bracket,
# brace or quote that a later line shows was never closed.
_OPENED_AT_CONTEXT = frozenset(
    {
        "while scanning a simple key",
        "while parsing a flow sequence",
        "while parsing a flow mapping",
        "while scanning a quoted scalar",
    }
)


def _yaml_error(
    exc: yaml.MarkedYAMLError, path: Path, first_line: int, yaml_text: str
) -> ArticleError:
    mark = exc.problem_mark or exc.context_mark
    # The line to fix: where a key without its ":" starts, or where a quote or bracket that is
    # never closed opens, not the line after it (or the closing "---") where YAML gave up.
    gave_up, context = exc.problem_mark, exc.context_mark
    if (
        gave_up is not None
        and context is not None
        and (exc.context in _OPENED_AT_CONTEXT or not yaml_text[gave_up.index :].strip())
    ):
        mark = context
    line = first_line + mark.line if mark is not None else first_line
    problem = exc.problem or exc.context or "cannot be parsed"
    return ArticleError(f"invalid front matter: {problem}", path, line)


def _locate_fields(
    node: yaml.Node | None,
    translate: tuple[str, ...],
    yaml_text: str,
    offset: int,
    first_line: int,
    path: Path,
    aliases: list[str],
) -> list[FieldValue]:
    """The translatable fields' values and the spans of ``yaml_text`` their translations replace.

    A value keeps its anchor (``title: &t "…"``), so aliases of it stay valid. A field whose
    value is an alias (``caption: *t``) has no value of its own: it is not located, and reads
    back whatever its anchor's value becomes (the translation, when that field is translated);
    its name goes to ``aliases``.
    """
    if not isinstance(node, yaml.MappingNode):
        return []
    found: list[FieldValue] = []
    for key_node, value_node in node.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if name not in translate:
            continue
        # An alias's node is the anchored one, met earlier in the text than the alias's key.
        alias = value_node.start_mark.index < key_node.end_mark.index
        if isinstance(value_node, yaml.SequenceNode):
            # A list of texts (``author: [Ann Lee, Bob Ray]``): each item is a value of its own,
            # and only reading the translated YAML gives the field's new list (an alias of a
            # list reads back that list, as an alias of a text does).
            items = value_node.value
            aliases.append(name)
        else:
            items = [value_node]
        for item in items:
            item_alias = alias or item.start_mark.index < value_node.start_mark.index
            line = first_line + (key_node if alias else item).start_mark.line
            if not _is_text(item, name, path, line, listed=item is not value_node):
                continue
            if item_alias:
                aliases.append(name)
                continue
            start, end = _value_span(yaml_text, item)
            if any(field.start == offset + start for field in found):
                continue  # one value merged in twice (<<: [*base, *base]) is replaced once
            value = item.value
            if item.style in ("|", ">"):
                # The line breaks a block scalar ends with (one, or all with "+") end its lines,
                # not its text: in the msgid they would be a trailing space no translation should
                # copy.
                value = value.rstrip("\n")
            found.append(FieldValue(name, value, offset + start, offset + end, line))
    return found


def _is_text(node: yaml.Node, name: str, path: Path, line: int, listed: bool = False) -> bool:
    """Whether a translatable field (or an item of its list) holds text to translate; an error
    if it holds anything but text (a field left empty holds nothing)."""
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:str":
        return bool(node.value.strip())
    if isinstance(node, yaml.ScalarNode) and node.value == "":
        return False
    if not listed:
        what = "the value here is not"
    elif isinstance(node, yaml.ScalarNode):
        what = f"its item {node.value} is not"
    else:
        what = "an item of its list here is not"
    raise ArticleError(
        f"front-matter field `{name}` must be text or a list of texts; {what}", path, line
    )


# An anchor (&name) or a tag (!!str) before a value, with the spaces, line breaks and comments
# after it: kept, as the value is replaced after them.
_PROPERTIES = re.compile(r"(?:[&!]\S*(?:\s|#.*)*)+")
# What ends a block scalar's span: spaces and line breaks only. A tab after a quoted value is
# refused by PyYAML's pure-Python reader, and U+00A0 and the like are no YAML space at all.
_LAYOUT = " \r\n"


def _value_span(yaml_text: str, node: yaml.ScalarNode) -> tuple[int, int]:
    """Where ``node``'s value is in ``yaml_text``: past its anchor and tag, and, for a block
    scalar (| or >), short of the line breaks after it, which belong to the next key.

    A block scalar's span starts at its indicator, so a comment on the indicator's line
    (``title: | # note``) goes with the value it is about."""
    start, end = node.start_mark.index, node.end_mark.index
    properties = _PROPERTIES.match(yaml_text, start, end)
    if properties is not None:
        start = properties.end()
    if node.style in ("|", ">"):
        end = start + len(yaml_text[start:end].rstrip(_LAYOUT))
    return start, end


# What YAML 1.1 (PyYAML, libyaml) takes as it is inside a double-quoted scalar: its printable
# characters, less the line breaks it folds (NEL, LS, PS) and what must be escaped there.
_LITERAL = re.compile(
    r"[\x20-\x21\x23-\x5b\x5d-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*"
)
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}


def yaml_scalar(value: str) -> str:
    """A YAML double-quoted scalar holding ``value`` (one line, safe for any text): every YAML
    reader reads it back as exactly ``value``, control characters and all."""
    out = ['"']
    position = 0
    while position < len(value):
        literal = _LITERAL.match(value, position)
        assert literal is not None  # the pattern also matches nothing
        out.append(literal.group())
        position = literal.end()
        if position < len(value):
            out.append(_escaped(value[position]))
            position += 1
    out.append('"')
    return "".join(out)


def _escaped(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
