"""YAML front matter: find it, check it, and locate the translatable fields' values by offset.

Only the bytes of a translated value are ever replaced; everything else in the front matter is
written back as it was.
"""

from __future__ import annotations

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
    fields = tuple(_locate_fields(node, translate, yaml_text, opening.end(), first_line, path))
    body_line = text.count("\n", 0, closing.end())
    return FrontMatter(data, fields, closing.end(), body_line)


# libyaml's loader when PyYAML was built with it: several times faster, same nodes and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _compose_and_load(yaml_text: str, path: Path, first_line: int) -> tuple[yaml.Node | None, Any]:
    """The YAML node tree (for the values' offsets) and the data, from one parse."""
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, path, first_line) from None
    except yaml.YAMLError as exc:
        raise ArticleError(f"invalid front matter: {exc}", path, first_line) from None
    except (ValueError, OverflowError) as exc:  # a date that does not exist: 2023-02-30
        raise _value_error(exc, node, path, first_line) from None
    finally:
        loader.dispose()
    return node, data


def _value_error(
    exc: Exception, node: yaml.Node | None, path: Path, first_line: int
) -> ArticleError:
    """The error for a value YAML parses but cannot build, at the line of that value."""
    for scalar in _scalars(node):
        if scalar.tag == "tag:yaml.org,2002:timestamp":
            try:
                yaml.SafeLoader("").construct_yaml_timestamp(scalar)
            except (ValueError, OverflowError):
                line = first_line + scalar.start_mark.line
                return ArticleError(
                    f"invalid front matter: {scalar.value} is not a date ({exc})", path, line
                )
    return ArticleError(f"invalid front matter: {exc}", path, first_line)


def _scalars(node: yaml.Node | None) -> list[yaml.ScalarNode]:
    if isinstance(node, yaml.ScalarNode):
        return [node]
    if isinstance(node, yaml.MappingNode):
        return [s for key, value in node.value for s in [*_scalars(key), *_scalars(value)]]
    if isinstance(node, yaml.SequenceNode):
        return [s for item in node.value for s in _scalars(item)]
    return []


def _looks_like_markdown(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and ":" not in node.value


def _yaml_error(exc: yaml.MarkedYAMLError, path: Path, first_line: int) -> ArticleError:
    mark = exc.problem_mark or exc.context_mark
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
) -> list[FieldValue]:
    if not isinstance(node, yaml.MappingNode):
        return []
    found = []
    for key_node, value_node in node.value:
        name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if name not in translate:
            continue
        line = first_line + value_node.start_mark.line
        if not isinstance(value_node, yaml.ScalarNode) or value_node.tag != "tag:yaml.org,2002:str":
            if isinstance(value_node, yaml.ScalarNode) and value_node.value == "":
                continue
            raise ArticleError(f"front-matter field `{name}` must be text", path, line)
        if not value_node.value.strip():
            continue
        if value_node.start_mark.index < key_node.end_mark.index:
            # An alias (*name) of a value given earlier: it reads back whatever that value
            # becomes, so there is nothing of its own to translate or replace.
            continue
        start, end = _value_span(yaml_text, value_node)
        found.append(FieldValue(name, value_node.value, offset + start, offset + end, line))
    return found


# An anchor (&name) or a tag (!!str) before a value: kept, as the value is replaced after them.
_PROPERTIES = re.compile(r"(?:[&!][^\s]*[ \t]+)+")


def _value_span(yaml_text: str, node: yaml.ScalarNode) -> tuple[int, int]:
    """Where ``node``'s value is in ``yaml_text``: past its anchor and tag, and, for a block
    scalar (| or >), short of the line breaks after it, which belong to the next key."""
    start, end = node.start_mark.index, node.end_mark.index
    properties = _PROPERTIES.match(yaml_text, start, end)
    if properties is not None:
        start = properties.end()
    if node.style in ("|", ">"):
        end = start + len(yaml_text[start:end].rstrip())
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
