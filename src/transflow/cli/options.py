"""Options and parameter types shared by the commands."""

from __future__ import annotations

import functools
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any, TypeVar

import click

from transflow.errors import TransflowError
from transflow.project import Project

F = TypeVar("F", bound=Callable[..., Any])


class CommaList(click.ParamType):  # type: ignore[type-arg]
    """``-l kk,ru`` or ``-l kk -l ru``: a tuple of non-empty items."""

    name = "list"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if isinstance(value, tuple):
            return value
        items = tuple(item.strip() for item in str(value).split(",") if item.strip())
        if not items:
            self.fail("expected a comma-separated list", param, ctx)
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
    return Project.open(root)


def reports_errors(func: F) -> F:
    """Turn library errors into one clear line and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            with _termination_as_interrupt():
                return func(*args, **kwargs)
        except TransflowError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            click.echo("Interrupted. Files already written are complete; rerun to go on.", err=True)
            raise SystemExit(130) from None

    return wrapper  # type: ignore[return-value]


def jobs_option(func: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=1),
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
