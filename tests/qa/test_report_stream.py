"""A report written catalog by catalog is byte for byte the report made all at once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from transflow.qa.collect import CatalogChecked
from transflow.qa.findings import ERROR, WARNING, Finding
from transflow.qa.formats import Tally, format_json, format_text, iter_json, iter_text, ordered
from transflow.qa.run import CheckReport

TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=12)


@st.composite
def catalogs(draw: st.DrawFn) -> list[CatalogChecked]:
    """Catalogs in path order, each with findings in the report's order."""
    names = sorted(draw(st.sets(TEXT.map(lambda s: f"locales/{s}.po"), max_size=4)))
    made = []
    for path in names:
        found = draw(st.booleans())
        finding = st.builds(
            Finding, TEXT, TEXT, st.just(path), st.integers(1, 99), TEXT,
            st.sampled_from([ERROR, WARNING]), TEXT,
        )  # fmt: skip
        findings = draw(st.lists(finding, max_size=4 if found else 0))
        made.append(CatalogChecked(path, found, draw(st.integers(0, 50)), ordered(findings)))
    return made


@given(catalogs())
def test_streamed_reports_are_the_reports(parts: list[CatalogChecked]) -> None:
    report = CheckReport(
        [f for part in parts for f in part.findings],
        sum(part.entries for part in parts),
        sum(part.found for part in parts),
    )
    for whole, pieces in ((format_json, iter_json), (format_text, iter_text)):
        tally = Tally()
        assert "".join(pieces(iter(parts), tally)) == whole(report)
        assert (tally.errors, tally.warnings) == (report.errors, report.warnings)
