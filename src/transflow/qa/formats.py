"""Findings as text (one line each, like a compiler) or JSON (a stable, documented schema)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from json.encoder import encode_basestring  # what json.dumps uses for str
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module for FORMATS without loading the checks
    from transflow.qa.collect import CatalogChecked
    from transflow.qa.findings import Finding
    from transflow.qa.run import CheckReport

SCHEMA = "transflow-check/1"
FORMATS = ("text", "json")


def ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.severity != "error", f.check))


def format_finding(finding: Finding) -> str:
    """``path:line: severity: message [check]``, the shape editors and CI annotate."""
    return f"{finding.path}:{finding.line}: {finding.severity}: {finding.message} [{finding.check}]"


def summary_line(report: CheckReport) -> str:
    return (
        f"{report.errors} error(s), {report.warnings} warning(s) in {report.entries} "
        f"translated or fuzzy entries of {report.catalogs} catalog(s)"
    )


def format_text(report: CheckReport) -> str:
    lines = [format_finding(f) for f in ordered(report.findings)]
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"


def format_json(report: CheckReport) -> str:
    from transflow.qa.findings import Finding

    # A finding's fields, in order, as plain values (``asdict`` copies each one deeply: a
    # report of an archive holds tens of thousands of findings).
    names = [f.name for f in fields(Finding)]
    data = {
        "schema": SCHEMA,
        "findings": [{n: getattr(f, n) for n in names} for f in ordered(report.findings)],
        "summary": {
            "catalogs": report.catalogs,
            "entries": report.entries,
            "errors": report.errors,
            "warnings": report.warnings,
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# Reports written as the catalogs come (``qa.collect.checked_catalogs``): the same bytes as
# format_text and format_json, with one catalog's findings in memory at a time.


@dataclass
class Tally:
    """What a streamed report found, for its summary and the exit status."""

    catalogs: int = 0
    entries: int = 0
    errors: int = 0
    warnings: int = 0

    def add(self, checked: CatalogChecked) -> None:
        self.catalogs += checked.found
        self.entries += checked.entries
        errors = sum(1 for f in checked.findings if f.severity == "error")
        self.errors += errors
        self.warnings += len(checked.findings) - errors


def iter_text(catalogs: Iterable[CatalogChecked], tally: Tally) -> Iterator[str]:
    """``format_text``, piece by piece; ``tally`` holds the counts once it is exhausted."""
    for checked in catalogs:
        tally.add(checked)
        if checked.findings:
            yield "".join(format_finding(f) + "\n" for f in checked.findings)
    yield (
        f"{tally.errors} error(s), {tally.warnings} warning(s) in {tally.entries} "
        f"translated or fuzzy entries of {tally.catalogs} catalog(s)\n"
    )


def iter_json(catalogs: Iterable[CatalogChecked], tally: Tally) -> Iterator[str]:
    """``format_json``, piece by piece (its layout: ``json.dumps`` with an indent of 2)."""
    from transflow.qa.findings import Finding

    names = [f.name for f in fields(Finding)]
    yield '{\n  "schema": ' + json.dumps(SCHEMA) + ',\n  "findings": ['
    first = True
    for checked in catalogs:
        tally.add(checked)
        pieces = []
        for finding in checked.findings:
            # json.dumps(indent=2) would take its pure-Python encoder: each value is encoded
            # alone (in C) and laid out as that indent lays out a mapping inside the list.
            fields_ = ",\n".join(f'      "{n}": {_json(getattr(finding, n))}' for n in names)
            pieces.append(("\n    {\n" if first else ",\n    {\n") + fields_ + "\n    }")
            first = False
        if pieces:
            yield "".join(pieces)
    summary = {
        "catalogs": tally.catalogs,
        "entries": tally.entries,
        "errors": tally.errors,
        "warnings": tally.warnings,
    }
    end = "]" if first else "\n  ]"
    yield end + ',\n  "summary": ' + json.dumps(summary, indent=2).replace("\n", "\n  ") + "\n}\n"


def _json(value: object) -> str:
    """``json.dumps(value, ensure_ascii=False)``, at C speed for the strings of a finding."""
    return encode_basestring(value) if isinstance(value, str) else json.dumps(value)
