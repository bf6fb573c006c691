"""Options and parameter types shared by the commands."""

from __future__ import annotations

import difflib
import functools
import os
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from transflow.errors import ConfigError, TransflowError
from transflow.project import Project

F = TypeVar("F", bound=Callable[..., Any])


class CommaList(click.ParamType):  # type: ignore[type-arg]
    """``-l kk,ru`` or ``-l kk -l ru``: a tuple of non-empty items, each one of ``choices``
    when there are any (a mistyped name is a usage error, as click's own choices are)."""

    name = "list"

    def __init__(self, choices: tuple[str, ...] = ()) -> None:
        self.choices = choices

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        items = tuple(item.strip() for item in str(value).split(",") if item.strip())
        if not items:
            self.fail("expected a comma-separated list", param, ctx)
        for item in items:
            if self.choices and item not in self.choices:
                close = difflib.get_close_matches(item, self.choices, n=1)
                hint = f"; did you mean {close[0]}?" if close else ""
                self.fail(f"{item!r} is not one of {', '.join(self.choices)}{hint}", param, ctx)
        return items


COMMA_LIST = CommaList()


def flatten(values: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in values for item in group))


def lang_option(func: F) -> F:
    return click.option(
        "-l",
        "--lang",
        "langs",
        type=COMMA_LIST,
        multiple=True,
        help="Target languages to work on, e.g. -l kk,ru (default: all).",
    )(func)


def article_option(func: F) -> F:
    return click.option(
        "--article",
        "articles",
        multiple=True,
        metavar="SLUG",
        help="Only this article (repeatable; default: all).",
    )(func)


def open_project(ctx: click.Context) -> Project:
    root: Path = ctx.obj["root"]
    if not root.is_dir():  # `-C` to a folder that is not there (a file is refused by click)
        raise ConfigError("no such folder", root)
    return Project.open(root)


def warn_nested(project: Project, articles: tuple[str, ...]) -> None:
    """On a run over every article, one line on stderr for Markdown files in subfolders of the
    articles folder, which are not articles and are left alone."""
    if articles:
        return
    nested = project.nested_articles()
    if nested:
        first = os.path.relpath(nested[0], project.root)
        others = len(nested) - 1
        more = f" and {others:,} more Markdown file{'s' if others > 1 else ''}" if others else ""
        where = f"{project.settings.articles}/<slug>.md"
        click.echo(f"{first}{more} not read: an article is {where}, not in a subfolder", err=True)


def reports_errors(func: F) -> F:
    """Turn library errors into one clear line and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _termination_as_interrupt():
                return func(*args, **kwargs)
        except TransflowError as exc:
            raise click.ClickException(str(exc)) from None
        except OSError as exc:  # a file or folder in the way, a permission, a full disk
            raise click.ClickException(os_problem(exc)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted. Files already written are complete; rerun to go on.", err=True)
            raise SystemExit(130) from None
        finally:
            # The caches' connections, where the command opened any (see cachedb.close_all).
            if (cachedb := sys.modules.get("transflow.cachedb")) is not None:
                cachedb.close_all()

    return wrapper  # type: ignore[return-value]


# The temporary file that fsutil writes beside its target: ``.NAME.XXXXXXXXXXXX.tmp``.
_TEMPORARY = re.compile(r"\.(.+)\.[0-9a-f]{12}\.tmp\Z")


def os_problem(exc: OSError) -> str:
    """An ``OSError`` as one line that names the file or folder in the way, as bad input does:
    ``build: is a file, where a folder is needed``, ``locales/kk/LC_MESSAGES/a.po: permission
    denied``. A temporary file is named by its target, the one the user knows."""
    names = [name for name in (exc.filename2, exc.filename) if name is not None]
    reason = exc.strerror or str(exc)
    if not names:
        return reason
    path = Path(os.fsdecode(names[0]))
    temporary = _TEMPORARY.match(path.name)
    if temporary:
        path = path.with_name(temporary.group(1))
    if isinstance(exc, NotADirectoryError | FileExistsError):
        for folder in (path, *path.parents):
            if _in_the_way(folder):
                return f"{folder}: is a file, where a folder is needed"
    if isinstance(exc, IsADirectoryError):
        return f"{path}: is a folder, where a file is needed"
    return f"{path}: {reason[:1].lower()}{reason[1:]}"


def _in_the_way(path: Path) -> bool:
    """Whether ``path`` is there and is no folder (a folder we may not look into is not)."""
    try:
        return path.exists() and not path.is_dir()
    except OSError:
        return False


def jobs_option(func: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
        metavar="N",
        default=None,
        help="Worker processes (default: one per core). Output is the same for any number.",
    )(func)


@contextmanager
def _termination_as_interrupt() -> Iterator[None]:
    """A kill (SIGTERM: ``timeout``, a supervisor, a CI job cancelled) ends a command like
    Ctrl-C: what is done stays, what is half-written is removed, and the exit status is 130."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
