"""The write-up of one benchmark run: what ``run.py`` prints and ``--write-results`` saves."""

from __future__ import annotations

import shlex
import sys
import time
from typing import Any

import compare
import report
from report import Row

PEER_NOTES = """\
How the peers run (each step in a fresh process; a per-article loop is one step, its peak
memory the largest of its processes):

- **GNU gettext**: `msgmerge --previous -q -o NEW.po OLD.po NEW.pot` and
  `msgfmt --statistics -o /dev/null X.po`, once per article and language (Debian packages).
- **translate-toolkit** (own venv, RapidFuzz installed for pot2po's fuzzy matching): `md2po -P`,
  `pot2po -t OLD_DIR`, `podebug --rewrite=unicode`, `po2md -t ARTICLES`, `pocount`, each once per
  language on whole folders. Run as `python -m translate...` because mdpo installs scripts of the
  same names.
- **mdpo**: `md2po ARTICLE -p X.pot -s` and `po2md ARTICLE -p X.po -s OUT`, per article (and
  language). mdpo does not understand YAML front matter.
- **po4a**: one config listing every article, one catalog per language (its default layout);
  `po4a --no-translations` (extract: POT plus empty kk/ru catalogs), `po4a --no-update` (build),
  and `po4a --no-translations --force` on the edited revision (re-extract + msgmerge).
- **Babel**: `pybabel update --previous` per article (it takes one template per run), and the same
  `Catalog.update` + `write_po` for all catalogs in one process (bench/peer_babel.py).

Merge and status peers read the same catalogs as `transflow update` (transflow's templates of the
edited revision and its kk/ru catalogs, 70% filled by `corpus.py fill-catalogs`). Extract and build
peers use their own extraction of the same articles, filled the same way. Peers build Markdown
only; transflow builds Markdown and HTML. Segments are the corpus's text blocks (headings,
paragraphs, list items, quotes, captions, title/subtitle/summary), counted once per language for
per-language stages; transflow splits them further into sentences.
"""


# Where the hand-written part of RESULTS.md starts: what the figures mean, what was tried. A run
# with --write-results rewrites everything above it and keeps it as it is.
HAND_WRITTEN = "<!-- Written by hand: run.py --write-results keeps this part as it is. -->"


def with_hand_written(generated: str, old: str) -> str:
    """``generated`` followed by the hand-written part of ``old`` (the RESULTS.md it replaces)."""
    start = old.find(HAND_WRITTEN)
    if start < 0:
        return generated
    return generated.rstrip("\n") + "\n\n" + old[start:]


def render(runner: Any) -> str:
    rows = report.aggregate(runner.records)
    args = runner.args
    command = "python bench/run.py " + shlex.join(sys.argv[1:])
    out = [
        "# transflow benchmark results",
        "",
        f"Run on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with `{command}`. "
        "Runs per step: transflow "
        + ", ".join(f"{runner.transflow_repeat(s)}× at N={s:,}" for s in args.sizes)
        + "; peers "
        + ", ".join(f"{runner.peer_repeat(s)}× at N={s:,}" for s in args.peer_sizes)
        + ". The tables show the median of those runs.",
        "",
        "## Machine",
        "",
        *report.machine(),
        *report.tool_versions(runner.peer_python, runner.transflow),
        *load_line(runner.records),
        f"- transflow source: {' → '.join(dict.fromkeys(runner.source_revisions))}",
        "",
        "## Corpus",
        "",
        "| articles | segments | sentences | words | changed / deleted / added in revision |",
        "|---:|---:|---:|---:|---|",
    ]
    for size, t in runner.corpus_totals.items():
        out.append(
            f"| {size:,} | {t['units']:,} | {t['sentences']:,} | {t['words']:,} "
            f"| {t['changed']:,} / {t['deleted']:,} / {t['added']:,} |"
        )
    for size in args.sizes:
        out += ["", f"## N = {size:,} articles", ""]
        out += report.stage_table(rows, size, runner.units[size], 2)
    out += ["", "## Whole pipeline", "", *pipeline_table(rows, args.sizes)]
    out += ["", "## Growth (transflow)", "", *growth_table(rows, runner)]
    out += ["", "## Targets", "", *targets(rows, runner)]
    out += ["", "## `transflow update` vs `msgmerge --previous`", "", *merge_section(runner)]
    if runner.notes:
        out += ["", "## Notes from this run", "", *(f"- {n}" for n in runner.notes)]
    failures = [r for r in rows if r.failures]
    if failures:
        out += ["", "## Failures", ""]
        out += [
            f"- N={r.size} {r.stage}, {r.tool}: {r.failures} of {r.runs} runs failed; first: "
            f"`{r.error.splitlines()[-1][:200] if r.error else '?'}`"
            for r in failures
        ]
    out += ["", "## Method", "", PEER_NOTES]
    return "\n".join(out)


def load_line(records: list[Any]) -> list[str]:
    loads = [m.load for *_, m in records if m.load]
    if not loads:
        return []
    return [
        f"- Load average (1 min) around the steps: {min(loads):.1f} to {max(loads):.1f} "
        f"(median {sorted(loads)[len(loads) // 2]:.1f}); above the core count, other work on "
        "the machine competed with the benchmark and the times are pessimistic."
    ]


def pipeline_table(rows: list[Row], sizes: list[int]) -> list[str]:
    lines = [
        "transflow: extract + update + build (md and html) + status. Peer chain: the fastest "
        "peer for each of extract, update (merge), build and status. Machine translation is "
        "left out of both (see the translate rows).",
        "",
        "| N | transflow s | fastest peer chain s | chain | transflow faster by |",
        "|---:|---:|---:|---|---:|",
    ]
    for size in sizes:
        ours, chain, parts = report.pipeline(rows, size)
        ratio = f"{chain / ours:.1f}×" if ours and chain else "n/a"
        lines.append(
            f"| {size:,} | {_fmt(ours)} | {_fmt(chain)} | {parts or 'not measured'} | {ratio} |"
        )
    return lines


def growth_table(rows: list[Row], runner: Any) -> list[str]:
    """Wall time, and CPU time split into transflow's own (user) and the kernel's: wall time
    here moves with other load and with the file system's state; user CPU per segment is what
    shows whether transflow's own work grows linearly."""
    lines = [
        "| N | segments | pipeline s | µs per segment | user CPU µs per segment "
        "| kernel CPU s | peak MB (any stage) | no-op rerun s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in runner.args.sizes:
        ours = {r.stage: r for r in rows if r.size == size and r.is_transflow}
        total, _, _ = report.pipeline(rows, size)
        peak = max((r.peak_kb for r in ours.values()), default=0) / 1024
        noop = ours.get("no-op rerun")
        units = runner.units[size]
        per = f"{total / units * 1e6:.0f}" if total else "n/a"
        whole = [ours[stage] for stage in report.WHOLE if stage in ours]
        complete = len(whole) == len(report.WHOLE)
        kernel = sum(r.cpu_kernel for r in whole)
        user = sum(r.cpu - r.cpu_kernel for r in whole)
        user_per = f"{user / units * 1e6:.0f}" if complete else "n/a"
        lines.append(
            f"| {size:,} | {units:,} | {_fmt(total)} | {per} | {user_per} "
            f"| {_fmt(kernel) if complete else 'n/a'} | {peak:.0f} "
            f"| {_fmt(noop.wall if noop else None)} |"
        )
    return lines


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}" if value < 1 else f"{value:.2f}"


def _find(rows: list[Row], size: int, stage: str, tool_prefix: str) -> Row | None:
    return next(
        (r for r in rows if r.size == size and r.stage == stage and r.tool.startswith(tool_prefix)),
        None,
    )


def targets(rows: list[Row], runner: Any) -> list[str]:
    sizes = runner.args.sizes
    size = 1000 if 1000 in sizes else max(sizes)
    lines = [f"Checked at N = {size:,} unless said otherwise.", ""]

    def check(ok: bool | None, text: str) -> None:
        mark = "not measured" if ok is None else "met" if ok else "**not met**"
        lines.append(f"- {text}: {mark}")

    ours, chain, _ = report.pipeline(rows, size)
    ratio = chain / ours if ours and chain else None
    check(
        None if ratio is None else ratio >= 10,
        f"whole pipeline ≥10× faster than the fastest peer chain ({_ratio(ratio)})",
    )
    update = _find(rows, size, "update", "transflow")
    pot2po = _find(rows, size, "update", "translate-toolkit pot2po")
    r = pot2po.wall / update.wall if update and pot2po else None
    check(None if r is None else r >= 5, f"`update` ≥5× faster than pot2po ({_ratio(r)})")
    slowest = []
    for s in sizes:
        mine, mm = (
            _find(rows, s, "update", "transflow"),
            _find(rows, s, "update", "gettext msgmerge"),
        )
        if mine and mm:
            slowest.append((mm.wall / mine.wall, s))
    worst = min(slowest, default=None)
    check(
        None if worst is None else worst[0] >= 1,
        "`update` never slower than msgmerge --previous"
        + (f" (worst {worst[0]:.1f}× at N={worst[1]:,})" if worst else ""),
    )
    found = runner.comparisons.get(size, {}).get("transflow update")
    check(
        None if found is None else found.differences == 0,
        "same entries fuzzy/obsolete/translated as msgmerge"
        + (f" ({found.differences:,} of {found.total:,} entries differ)" if found else ""),
    )
    noop = _find(rows, size, "no-op rerun", "transflow")
    check(
        None if noop is None else noop.wall < 1,
        f"no-op rerun (extract+update+build) under 1 s ({_fmt(noop.wall if noop else None)} s)",
    )
    lines += edit_check(runner.facts.get(size, {}))
    built = runner.facts.get(size, {}).get("built_files")
    if built is not None:
        lines.append(
            f"- (sanity) `transflow build` wrote {built:,} kk/ru files; N × 2 languages × "
            f"(md, html) = {size * 4:,}"
        )
    peak = max((r.peak_kb for r in rows if r.size == size and r.is_transflow), default=None)
    check(
        None if peak is None else peak < 300 * 1024,
        f"peak memory < 300 MB ({peak / 1024:.0f} MB)" if peak else "peak memory < 300 MB",
    )
    grown = [s for s in (100, 1000, 5000) if s in sizes]
    lines.append(
        f"- linear growth: measured at N = {', '.join(f'{s:,}' for s in grown)} "
        "(see Growth)" + ("" if len(grown) == 3 else "; **5,000 not in this run**")
    )
    cores = [
        r.cpu / r.wall
        for r in rows
        if r.size == size and r.is_transflow and r.wall > 0.05 and r.stage in report.PIPELINE
    ]
    check(
        None if not cores else max(cores) > 1.3,
        "work spread over cores (largest CPU/wall of a stage "
        f"{max(cores, default=0):.2f} on {report._run(['nproc'])} cores)",
    )
    return lines


def edit_check(facts: dict[str, object]) -> list[str]:
    if "edit_touched" not in facts:
        return ["- one article edited touches only its files: not measured"]
    slug = str(facts["edit_slug"])
    touched = list(facts["edit_touched"])  # type: ignore[call-overload]
    noop = list(facts.get("noop_touched", []))  # type: ignore[call-overload]
    strangers = [p for p in touched if slug not in p]
    mark = "met" if not strangers else "**not met**"
    text = (
        f"- one article edited touches only its files: {mark} ({len(touched)} files written, "
        f"{len(strangers)} of other articles)"
    )
    extra = [f"  - other files written: {', '.join(strangers[:10])}"] if strangers else []
    if noop:
        extra.append(f"  - the no-op rerun wrote {len(noop)} files, e.g. {', '.join(noop[:5])}")
    return [text, *extra]


def _ratio(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}×"


def merge_section(runner: Any) -> list[str]:
    lines = [
        "The same old catalogs and new templates, merged by each tool; each entry's state in the "
        "tool's output against its state in msgmerge's.",
    ]
    for size, found in runner.comparisons.items():
        lines += ["", f"### N = {size:,}", ""]
        for name, result in found.items():
            lines.append(
                f"- {name}: {result.differences:,} of {result.total:,} entries differ in state; "
                f"{result.fuzzy_text_differs:,} fuzzy in both with a different suggested "
                f"translation; {result.translated_text_differs:,} translated in both with "
                "different text"
                + (
                    f"; {result.repaired_files:,} files had invalid `#|` lines"
                    if result.repaired_files
                    else ""
                )
            )
        mine = found.get("transflow update")
        if mine:
            lines += ["", *compare.matrix(mine, "transflow", "msgmerge")]
            if mine.examples:
                lines += ["", "Examples:", "", *(f"- `{e}`" for e in mine.examples)]
    if not runner.comparisons:
        lines.append("\nNot compared in this run (needs `--peers` and the transflow CLI).")
    return lines
