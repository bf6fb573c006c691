"""What the drafting loop asks of an engine.

Two kinds: a ``LocalEngine`` (memory, pseudo) answers at once, in process, for one segment; a
``RemoteEngine`` (the deep-translator providers) hands out ``Translator`` callables, one per worker
thread and language pair, that send one text and return the answer or raise ``SendError``. Both are
Protocols, so tests and users can bring their own (see ``transflow.mt.testing``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from transflow.mt.settings import EngineOptions


@dataclass(frozen=True)
class Draft:
    text: str
    provenance: str  # what follows "machine draft: " in the translator comment


@dataclass(frozen=True)
class Outcome:
    """A local engine's answer for one segment: a draft, nothing, or a draft it had to drop."""

    draft: Draft | None = None
    discarded: bool = False


class SendError(Exception):
    """One request failed. ``retryable``: worth another try (429, 5xx, timeout, lost connection);
    ``fatal``: the engine cannot go on at all (key refused, quota used up)."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool = False,
        fatal: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.fatal = fatal
        self.retry_after = retry_after


Translator = Callable[[str], str]


class LocalEngine(Protocol):
    @property
    def name(self) -> str: ...

    def draft(self, source: str, language: str) -> Outcome: ...


@runtime_checkable
class DraftsMany(Protocol):
    """A local engine that can spread many lookups over the cores: ``draft_all`` yields the
    outcome of each ``(source, language)`` in order, the same as ``draft`` one by one."""

    def draft_all(self, texts: Sequence[tuple[str, str]]) -> Generator[Outcome, None, None]: ...


@runtime_checkable
class DraftsInArticle(Protocol):
    """A local engine that can be told the labels of the article's link reference definitions
    (``article.references``), so that it keeps a shortcut link (``[city site]``) whose text it
    translates: ``draft_in_article`` is ``draft`` with them. The drafting loop refuses any local
    engine's draft that lost such a link (``mt.protect.markup_intact``)."""

    def draft_in_article(
        self, source: str, language: str, references: frozenset[str]
    ) -> Outcome: ...


class RemoteEngine(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def options(self) -> EngineOptions: ...

    @property
    def variant(self) -> str:
        """Options that change the answers (e.g. which server), as part of the cache key."""
        ...

    def fits(self, text: str) -> bool:
        """Whether the engine accepts a text this long; longer ones go to the next engine."""
        ...

    def translator(self, source: str, target: str) -> Translator:
        """A new translator with its own provider object and connection, for one worker."""
        ...
