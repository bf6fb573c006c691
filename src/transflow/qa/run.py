"""Run the checks over catalog entries, catalogs and a project; screen catalogs for the build."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from transflow.article.references import NONE, read_article_labels
from transflow.catalog.model import Catalog, Entry
from transflow.catalog.store import read_catalog_if_exists
from transflow.models import Reduced, by_constructor
from transflow.project import Project
from transflow.qa.checks import CHECKS, check_pair
from transflow.qa.findings import ERROR, Check, Finding, Pair
from transflow.qa.glossary import Glossary, load_glossary
from transflow.qa.header import header_findings
from transflow.report.coverage import entry_state


@dataclass(frozen=True)
class Where:
    """The catalog a finding is about."""

    article: str
    language: str
    path: str  # relative to the project
    source_language: str = "en"

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


@dataclass(frozen=True)
class CheckReport:
    findings: list[Finding]
    entries: int  # translated and fuzzy entries checked
    catalogs: int

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == ERROR)

    @property
    def warnings(self) -> int:
        return len(self.findings) - self.errors

    def __reduce__(self) -> Reduced:  # mypyc-compiled and frozen: see by_constructor
        return by_constructor(self)


def checked_entries(catalog: Catalog) -> list[Entry]:
    """The entries ``status`` counts as translated, machine drafts or fuzzy: not obsolete, the
    msgstr filled in (of a plural entry ``msgstr[0]``, as msgfmt has it: with that form empty
    it is untranslated, left out of the compiled catalog and not checked by ``msgfmt -c``)."""
    return [e for e in catalog.live_entries() if e.msgid and entry_state(e) != "untranslated"]


def _pairs(
    entry: Entry, where: Where, glossary: Glossary, references: frozenset[str]
) -> Iterator[Pair]:
    contexts = tuple(entry.extracted_comments)

    def pair(source: str, translation: str) -> Pair:
        language, source_language = where.language, where.source_language
        return Pair(source, translation, language, glossary, source_language, contexts, references)

    if entry.msgid_plural is None:
        yield pair(entry.msgid, entry.msgstr)
        return
    for index, translation in enumerate(entry.msgstr_plural):
        if translation:
            yield pair(entry.msgid if index == 0 else entry.msgid_plural, translation)


def check_entry(
    entry: Entry,
    where: Where,
    glossary: Glossary,
    checks: list[Check] | None = None,
    references: frozenset[str] = NONE,
) -> list[Finding]:
    """``references``: the labels of the article's link reference definitions
    (``article.references.defined_labels``), which make a "[label]" a link."""
    chosen = CHECKS if checks is None else checks
    return _check_entry(entry, where, glossary, chosen, _any_hint(tuple(chosen)), references)


def _check_entry(
    entry: Entry,
    where: Where,
    glossary: Glossary,
    checks: list[Check],
    hint: re.Pattern[str] | None,
    references: frozenset[str] = NONE,
) -> list[Finding]:
    findings: dict[tuple[str, str], Finding] = {}  # a plural's forms often repeat a problem
    for pair in _pairs(entry, where, glossary, references):
        if hint is not None and not hint.search(pair.source) and not hint.search(pair.translation):
            continue  # none of the checks has anything to find here
        for found, message in check_pair(pair, checks):
            finding = Finding(
                where.article, where.language, where.path, entry.lineno, found.id,
                found.severity, message,
            )  # fmt: skip
            findings.setdefault((found.id, message), finding)
    return list(findings.values())


def check_catalog(
    catalog: Catalog,
    where: Where,
    glossary: Glossary,
    checks: list[Check] | None = None,
    references: frozenset[str] = NONE,
) -> list[Finding]:
    """Every finding in the header (with every check) and in the translated and fuzzy entries
    of one catalog, in file order; ``references``: see ``check_entry``."""
    found = (
        []
        if checks is not None
        else header_findings(catalog, where.article, where.language, where.path)
    )
    found.extend(
        f
        for e in checked_entries(catalog)
        for f in check_entry(e, where, glossary, checks, references)
    )
    return found


def check_project(
    project: Project, slugs: tuple[str, ...] = (), languages: tuple[str, ...] = ()
) -> CheckReport:
    """Check every catalog of the selected articles and languages; missing catalogs are skipped."""
    settings = project.settings
    glossary = load_glossary(settings)
    findings: list[Finding] = []
    entries = catalogs = 0
    for slug in project.slugs(slugs):
        article = project.inside(settings.article_path(slug))
        references = read_article_labels(article, settings.translate_fields)
        for language in project.languages(languages):
            path = project.inside(settings.catalog_path(language, slug))
            catalog = read_catalog_if_exists(path, settings.cache_dir)
            if catalog is None:
                continue
            catalogs += 1
            entries += len(checked_entries(catalog))
            where = Where(slug, language, settings.relative(path), settings.source_language)
            findings.extend(check_catalog(catalog, where, glossary, references=references))
    return CheckReport(findings, entries, catalogs)


def publishable(
    catalog: Catalog, where: Where, references: frozenset[str] = NONE
) -> tuple[Catalog, list[Finding]]:
    """``catalog`` minus the translated entries with error-level findings, and those findings;
    ``references``: see ``check_entry`` (the article's, so that a shortcut link it lost counts).

    The build calls this so that a broken or hostile translation falls back to the source. Only
    error checks run, and none of them reads the glossary, so the build does not depend on it.
    """
    errors = [c for c in CHECKS if c.severity == ERROR]
    hint = _any_hint(tuple(errors))
    no_glossary = Glossary()
    blocked: list[Finding] = []
    kept: list[Entry] = []
    for entry in catalog.entries:
        found = (
            _check_entry(entry, where, no_glossary, errors, hint, references)
            if entry.translated
            else []
        )
        blocked.extend(found)
        if not found:
            kept.append(entry)
    return replace(catalog, entries=kept), blocked


@lru_cache(maxsize=4)
def _any_hint(checks: tuple[Check, ...]) -> re.Pattern[str] | None:
    """A pattern that matches wherever one of ``checks``' hints does (None when one has none):
    where it matches neither text of an entry, none of them has anything to find there."""
    if any(c.hint is None for c in checks):
        return None
    return re.compile("|".join(f"(?:{c.hint.pattern})" for c in checks if c.hint is not None))
