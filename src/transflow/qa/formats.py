"""Findings as text (one line each, like a compiler) or JSON (a stable, documented schema)."""

from __future__ import annotations

import json
from dataclasses import fields
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module for FORMATS without loading the checks
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
