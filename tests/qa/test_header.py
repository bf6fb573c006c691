"""The header's Plural-Forms, held to what ``msgfmt -c`` refuses, and reported by ``check``."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE_SLUG
from transflow.catalog.pofile import parse_po
from transflow.qa.header import header_findings

pytestmark = pytest.mark.gettext

RU = f"locales/ru/LC_MESSAGES/{SAMPLE_SLUG}.po"
RUSSIAN = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
    "n%100>=20) ? 1 : 2);"
)

PLURAL_FORMS = [
    RUSSIAN,
    "nplurals=2; plural=(n != 1);",
    "nplurals=2; plural=n != 1",  # no final ";"
    "nplurals=1; plural=0;",  # Kazakh in some catalogs, Japanese
    "nplurals=2;",  # no expression: gettext counts as English does
    "plural=0;",
    "nplurals=3; plural=(n%10==1 ? 0 : ;",  # an edit cut short
    "nplurals=2; plural=;",
    "nplurals=x; plural=0;",
    "nplurals=0; plural=0;",
    "nplurals=1; plural=(n>1);",  # form 1 of one
    "nplurals=2; plural=n-1;",  # form -1
    "nplurals=2; plural=n%0;",
    "nplurals=3; plural=n>1 ? (n>4 ? 2 : 1) : 0;",
    # C's && || ! and comparisons give 0 or 1, not an operand as Python's and/or do.
    "nplurals=2; plural=n!=1 && n;",
    "nplurals=2; plural=n || 2;",
    "nplurals=2; plural=!n + 1;",  # (!n) + 1 is 2 for 0
    "nplurals=3; plural=!n + 1;",
    "nplurals=2; plural=n<2<3;",  # (n<2)<3
    "nplurals=4; plural=n ? 1 : 0 ? 2 : 3;",
    "nplurals=2; plural=0 && n%0;",  # never divides
    # msgfmt computes in unsigned long: 0 - 3 is 2**64 - 3, whose remainder by 10 is 3.
    "nplurals=10; plural=(n-3)%10;",
    "nplurals=4; plural=(n-3)%10;",
    "nplurals=3; plural=(n-5)/2;",
]


def _catalog(plural_forms: str) -> str:
    return (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: ru\\n"\n"Plural-Forms: {plural_forms}\\n"\n\nmsgid "a"\nmsgstr "б"\n'
    )


@pytest.mark.parametrize("plural_forms", PLURAL_FORMS)
def test_refused_exactly_where_msgfmt_refuses(tmp_path: Path, plural_forms: str) -> None:
    path = tmp_path / "ru.po"
    path.write_text(_catalog(plural_forms), encoding="utf-8")
    gnu = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    findings = header_findings(parse_po(_catalog(plural_forms)), "a", "ru", "ru.po")
    assert bool(findings) == (gnu.returncode != 0), gnu.stderr
    for finding in findings:
        assert (finding.check, finding.severity, finding.line) == ("plural-forms", "error", 1)
        assert finding.message.startswith("Plural-Forms: ")


_OPERATORS = ["||", "&&", "==", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "%"]
_EXPRESSIONS = st.recursive(
    st.sampled_from(["n", "0", "1", "2", "3", "10", "100"]),
    lambda inner: st.one_of(
        inner.map(lambda e: f"!{e}"),
        inner.map(lambda e: f"({e})"),
        st.tuples(inner, inner, inner).map(lambda t: f"{t[0]} ? {t[1]} : {t[2]}"),
        st.tuples(inner, st.sampled_from(_OPERATORS), inner).map(" ".join),
    ),
    max_leaves=8,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(_EXPRESSIONS, st.sampled_from([1, 2, 3, 4, 6, 10]))
def test_expressions_are_computed_as_msgfmt_computes_them(
    tmp_path: Path, expression: str, nplurals: int
) -> None:
    test_refused_exactly_where_msgfmt_refuses(
        tmp_path, f"nplurals={nplurals}; plural={expression};"
    )


def test_check_names_a_broken_plural_forms_and_fails(sample: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A translator's edit cut the expression short: every other tool still reads the catalog,
    but it no longer compiles, and ``check`` says where and why."""
    path = sample / RU
    text = path.read_text(encoding="utf-8")
    broken = '"Plural-Forms: nplurals=3; plural=(n%10==1 ? 0 : ;\\n"\n'
    cut = re.sub(r'"Plural-Forms: .*?\\n"\n', lambda _: broken, text, count=1, flags=re.DOTALL)
    assert cut != text
    path.write_text(cut, encoding="utf-8")
    result = run(sample, "check", "--format", "json")
    assert result.exit_code == 1
    (finding,) = json.loads(result.output)["findings"]
    assert finding == {
        **finding,
        "path": RU,
        "line": 1,  # the header's first line, as a finding names an entry's first line
        "check": "plural-forms",
        "severity": "error",
        "message": "Plural-Forms: plural='(n%10==1 ? 0 :' is not an expression gettext can read",
    }
    # Fixed, the catalog passes again (the finding was not kept from the last run).
    path.write_text(text, encoding="utf-8")
    assert run(sample, "check").exit_code == 0


@pytest.mark.parametrize(
    ("forms", "fuzzy"),
    [(["а", "б"], False), (["а", "б", "в"], False), (["а", "б", "в", "г"], False),
     (["а", "б"], True), (["", ""], False)],
)  # fmt: skip
def test_a_plural_entry_with_another_number_of_forms_is_refused_as_by_msgfmt(
    tmp_path: Path, forms: list[str], fuzzy: bool
) -> None:
    """A translated plural entry must have the header's nplurals forms: msgfmt -c refuses two
    for Russian's three (a fuzzy or untranslated one it leaves out, and so does check)."""
    entry = "#, fuzzy\n" if fuzzy else ""
    entry += 'msgid "one"\nmsgid_plural "many"\n'
    entry += "".join(f'msgstr[{i}] "{form}"\n' for i, form in enumerate(forms))
    text = _catalog(RUSSIAN) + "\n" + entry
    path = tmp_path / "ru.po"
    path.write_text(text, encoding="utf-8")
    refused = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(path)], capture_output=True)
    found = header_findings(parse_po(text, path), "a", "ru", str(path))
    assert bool(found) == (refused.returncode != 0), refused.stderr
    if found:
        assert found[0].line == text.splitlines().index('msgid "one"') + 1 - int(fuzzy)
        assert f"this entry has {len(forms)} plural forms, but the header's" in found[0].message
