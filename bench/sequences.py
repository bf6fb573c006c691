"""What each tool runs, stage by stage: transflow and the peers, as generators of steps.

A sequence does its setup (copying, filling catalogs: not measured) in Python, then yields a
``Step`` for the runner to measure in a fresh process; the runner sends back the
``Measurement``. Steps of one sequence share a folder, so a later step uses an earlier one's
output, as a user's workflow would.

Merge and statistics peers all read the same catalogs (``Context.inputs``): the kk/ru catalogs
that transflow made and ``corpus.py fill-catalogs`` filled, and the templates transflow extracted
from the edited revision. So ``msgmerge``, ``pot2po``, Babel and ``transflow update`` merge the
very same files, and their outputs can be compared entry by entry.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import corpus_po

BENCH = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Command:
    argv: tuple[str, ...]
    cwd: Path
    stdout: Path | None = None
    ok: tuple[int, ...] = (0,)  # exit codes of a run that did its work (`check`: 1 = errors found)


@dataclass(frozen=True)
class Step:
    stage: str
    tool: str
    commands: list[Command]
    sample: bool = False  # sum the memory of a process tree (tools that fork workers)


@dataclass(frozen=True)
class Measurement:
    wall: float
    peak_kb: int
    cpu: float
    runs: int
    failures: int
    error: str = ""
    load: float = 0.0  # 1-minute load average around the step
    cpu_kernel: float = 0.0  # the part of ``cpu`` spent in the kernel


@dataclass
class Context:
    corpus: Path  # the generated project, never written to
    inputs: Path  # shared catalogs: old/<lang>/<slug>.po, new/<slug>.pot, transflow/<lang>/
    work: Path  # this repeat's scratch folder
    langs: tuple[str, ...]
    transflow: tuple[str, ...] | None  # argv that runs the CLI; None when it is missing
    peer_python: Path
    first: bool  # the first repeat keeps what the comparisons need
    facts: dict[str, object] = field(default_factory=dict)

    def slugs(self) -> list[str]:
        return sorted(p.stem for p in (self.inputs / "new").glob("*.pot"))

    def articles(self) -> list[Path]:
        return sorted((self.corpus / "articles").glob("*.md"))


Sequence = Generator[Step, Measurement, None]


def setup(argv: list[str] | tuple[str, ...], cwd: Path) -> None:
    """Run an unmeasured command; setup that fails makes the rest of a sequence meaningless."""
    done = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"setup failed: {' '.join(argv)}\n{done.stderr[-2000:]}")


def copy_tree(src: Path, dst: Path) -> None:
    if dst.exists():
        shutil.rmtree(dst)
    shutil.copytree(src, dst)


def fill_from_templates(templates: Path, out: Path, langs: tuple[str, ...], suffix: str) -> None:
    """Make ``out/<lang>/<name>.po`` from every template ending in ``suffix``, 70% filled."""
    for lang in langs:
        for pot in sorted(templates.glob(f"*{suffix}")):
            corpus_po.fill_file(pot, out / lang / (pot.name.removesuffix(suffix) + ".po"), lang)


# --- transflow ---------------------------------------------------------------------------------


# The transflow commands measured, by stage; each runs as ``transflow -C PROJECT ARGS``.
TRANSFLOW_STAGES = {
    "extract": ("extract",),
    "update": ("update",),
    "translate": ("translate", "--engine", "pseudo"),
    "build": ("build", "--format", "md,html"),
    "status": ("status", "--format", "json"),
    "check": ("check", "--format", "json"),
}


def transflow(ctx: Context) -> Sequence:
    assert ctx.transflow is not None
    project = ctx.work / "transflow"
    project.mkdir(parents=True)
    shutil.copy2(ctx.corpus / "transflow.toml", project)
    copy_tree(ctx.corpus / "articles", project / "articles")

    def tf(stage: str, stdout: Path | None = None) -> Command:
        argv = (*ctx.transflow, "-C", str(project), *TRANSFLOW_STAGES[stage])  # type: ignore[misc]
        return Command(argv, project, stdout, (0, 1) if stage == "check" else (0,))

    yield Step("extract", "transflow", [tf("extract")], sample=True)
    setup(tf("update").argv, project)
    corpus_po.fill_catalogs(project)
    if ctx.first:
        for lang in ctx.langs:
            copy_tree(project / "locales" / lang / "LC_MESSAGES", ctx.inputs / "old" / lang)
    for revised in (ctx.corpus / "revision" / "articles").glob("*.md"):
        shutil.copy2(revised, project / "articles" / revised.name)
    yield Step("re-extract (revision)", "transflow", [tf("extract")], sample=True)
    if ctx.first:
        copy_tree(project / "locales" / "templates", ctx.inputs / "new")
    yield Step("update", "transflow", [tf("update")], sample=True)
    if ctx.first:
        for lang in ctx.langs:
            copy_tree(project / "locales" / lang / "LC_MESSAGES", ctx.inputs / "transflow" / lang)
    yield Step("translate", "transflow", [tf("translate")], sample=True)
    yield Step("build", "transflow", [tf("build")], sample=True)
    ctx.facts["built_files"] = sum(
        1 for lang in ctx.langs for p in (project / "build" / lang).rglob("*") if p.is_file()
    )
    status = ctx.work / "status.json"
    yield Step("status", "transflow", [tf("status", stdout=status)], sample=True)
    # Every check on every translated and fuzzy entry (the corpus's drafts hold errors: exit 1).
    yield Step("check", "transflow", [tf("check")], sample=True)
    yield Step("check (nothing changed)", "transflow", [tf("check")], sample=True)
    rerun = [tf("extract"), tf("update"), tf("build")]
    before = file_state(project)
    yield Step("no-op rerun", "transflow", rerun, sample=True)
    ctx.facts["noop_touched"] = changed_files(before, file_state(project))
    slug = edit_one_article(project)
    before = file_state(project)
    yield Step("one article edited", "transflow", rerun, sample=True)
    ctx.facts["edit_slug"] = slug
    ctx.facts["edit_touched"] = changed_files(before, file_state(project))


def file_state(project: Path) -> dict[str, tuple[int, int]]:
    state = {}
    for top in ("articles", "locales", "build"):
        for path in (project / top).rglob("*"):
            if path.is_file():
                info = path.stat()
                state[str(path.relative_to(project))] = (info.st_mtime_ns, info.st_size)
    return state


def changed_files(
    before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]
) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def edit_one_article(project: Path) -> str:
    """Add a sentence to the last paragraph of the middle article, as an editor would."""
    articles = sorted((project / "articles").glob("*.md"))
    article = articles[len(articles) // 2]
    text = article.read_text(encoding="utf-8").rstrip("\n")
    article.write_text(text + " A spokesperson confirmed the figures on Monday.\n", "utf-8")
    return article.stem


# --- Shared inputs without transflow -----------------------------------------------------------


def inputs_from_translate_toolkit(ctx: Context) -> None:
    """Until the transflow CLI exists, take the merge inputs from translate-toolkit's md2po."""
    py = str(ctx.peer_python)
    scratch = ctx.inputs / "ttk-pot"
    for source, out in (("articles", scratch), ("revision/articles", ctx.inputs / "new")):
        out.parent.mkdir(parents=True, exist_ok=True)
        md2po = (py, "-m", "translate.convert.md2po", "--progress=none", "-P")
        setup((*md2po, "-i", str(ctx.corpus / source), "-o", str(out)), ctx.inputs)
    fill_from_templates(scratch, ctx.inputs / "old", ctx.langs, ".pot")


# --- Peers -------------------------------------------------------------------------------------


def gettext(ctx: Context) -> Sequence:
    out = ctx.work / "gettext"
    merges = []
    for lang in ctx.langs:
        (out / lang).mkdir(parents=True)
        for slug in ctx.slugs():
            old, new = ctx.inputs / "old" / lang / f"{slug}.po", ctx.inputs / "new" / f"{slug}.pot"
            argv = ("msgmerge", "--previous", "-q", "-o", str(out / lang / f"{slug}.po"))
            merges.append(Command((*argv, str(old), str(new)), out))
    yield Step("update", "gettext msgmerge --previous (per article)", merges)
    stats = [
        Command(("msgfmt", "--statistics", "-o", os.devnull, str(po)), out)
        for lang in ctx.langs
        for po in sorted((ctx.inputs / "old" / lang).glob("*.po"))
    ]
    yield Step("status", "gettext msgfmt --statistics (per article)", stats)


TTK_MODULES = {
    "md2po": "translate.convert.md2po",
    "pot2po": "translate.convert.pot2po",
    "po2md": "translate.convert.po2md",
    "podebug": "translate.tools.podebug",
    "pocount": "translate.tools.pocount",
}


def translate_toolkit(ctx: Context) -> Sequence:
    out = ctx.work / "ttk"
    for folder in ("merged", "podebug", "po", "build"):
        (out / folder).mkdir(parents=True)

    def tool(name: str, *args: str | Path) -> Command:
        quiet = () if name == "pocount" else ("--progress=none",)
        argv = (str(ctx.peer_python), "-m", TTK_MODULES[name], *quiet, *map(str, args))
        return Command(argv, out)

    old, new, articles = ctx.inputs / "old", ctx.inputs / "new", ctx.corpus / "articles"
    extract = tool("md2po", "-P", "-i", articles, "-o", out / "pot")
    yield Step("extract", "translate-toolkit md2po", [extract])
    merges, pseudo, builds = [], [], []
    for lang in ctx.langs:
        merged, built = out / "merged" / lang, out / "build" / lang
        debugged = out / "podebug" / lang
        merges.append(tool("pot2po", "-t", old / lang, "-i", new, "-o", merged))
        pseudo.append(tool("podebug", "--rewrite=unicode", "-i", old / lang, "-o", debugged))
        builds.append(tool("po2md", "-t", articles, "-i", out / "po" / lang, "-o", built))
    yield Step("update", "translate-toolkit pot2po", merges)
    yield Step("translate", "translate-toolkit podebug (pseudo)", pseudo)
    fill_from_templates(out / "pot", out / "po", ctx.langs, ".pot")
    yield Step("build", "translate-toolkit po2md", builds)
    yield Step("status", "translate-toolkit pocount", [tool("pocount", old)])


def mdpo(ctx: Context) -> Sequence:
    out = ctx.work / "mdpo"
    (out / "pot").mkdir(parents=True)
    py = (str(ctx.peer_python), "-m")
    extracts = [
        Command(
            (*py, "mdpo.md2po", str(md), "-p", str(out / "pot" / f"{md.stem}.pot"), "-s", "-q"), out
        )
        for md in ctx.articles()
    ]
    yield Step("extract", "mdpo md2po (per article)", extracts)
    fill_from_templates(out / "pot", out / "po", ctx.langs, ".pot")
    builds = []
    for lang in ctx.langs:
        (out / "build" / lang).mkdir(parents=True)
        for md in ctx.articles():
            po, target = out / "po" / lang / f"{md.stem}.po", out / "build" / lang / md.name
            builds.append(
                Command((*py, "mdpo.po2md", str(md), "-p", str(po), "-s", str(target), "-q"), out)
            )
    yield Step("build", "mdpo po2md (per article)", builds)


def po4a(ctx: Context) -> Sequence:
    out = ctx.work / "po4a"
    for folder in ("catalogs", *(f"build/{lang}" for lang in ctx.langs)):
        (out / folder).mkdir(parents=True)
    config = write_po4a_config(ctx, out, ctx.corpus / "articles", "po4a.cfg")
    revised = write_po4a_config(ctx, out, ctx.corpus / "revision" / "articles", "po4a-rev.cfg")
    cmd = ("po4a", "--no-translations", str(config))
    yield Step("extract", "po4a (one config, one catalog per language)", [Command(cmd, out)])
    for lang in ctx.langs:
        po = out / "catalogs" / f"{lang}.po"
        corpus_po.fill_file(po, po, lang)
    cmd = ("po4a", "--no-update", str(config))
    yield Step("build", "po4a (one config, one catalog per language)", [Command(cmd, out)])
    cmd = ("po4a", "--no-translations", "--force", str(revised))
    yield Step("update", "po4a (re-extract + msgmerge)", [Command(cmd, out)])


def write_po4a_config(ctx: Context, out: Path, articles: Path, name: str) -> Path:
    lines = [
        f"[po4a_langs] {' '.join(ctx.langs)}",
        f"[po4a_paths] {out}/catalogs/all.pot $lang:{out}/catalogs/$lang.po",
        "[options] --keep 0 --master-charset UTF-8 --localized-charset UTF-8",
        '[po4a_alias:md] text opt:"-o markdown -o yfm_keys=title,subtitle,summary"',
    ]
    lines += [
        f"[type: md] {md} $lang:{out}/build/$lang/{md.name}" for md in sorted(articles.glob("*.md"))
    ]
    path = out / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def babel(ctx: Context) -> Sequence:
    out = ctx.work / "babel"
    for lang in ctx.langs:
        copy_tree(ctx.inputs / "old" / lang, out / "locales" / lang / "LC_MESSAGES")
    pybabel = str(ctx.peer_python.parent / "pybabel")
    locales = str(out / "locales")
    updates = [
        Command(
            (pybabel, "-q", "update", "-i", str(pot), "-d", locales, "-D", pot.stem, "--previous"),
            out,
        )
        for pot in sorted((ctx.inputs / "new").glob("*.pot"))
    ]
    yield Step("update", "pybabel update --previous (per article)", updates)
    argv = (str(ctx.peer_python), str(BENCH / "peer_babel.py"), str(ctx.inputs / "old"))
    argv += (str(ctx.inputs / "new"), str(out / "one-process"))
    yield Step("update", "Babel Catalog.update (one process)", [Command(argv, out)])


PEERS = {
    "gettext": gettext,
    "translate-toolkit": translate_toolkit,
    "mdpo": mdpo,
    "po4a": po4a,
    "babel": babel,
}


def drive(sequence: Sequence, measure: object) -> Iterator[tuple[Step, Measurement]]:
    """Run a sequence, measuring each step with ``measure(step) -> Measurement``."""
    try:
        step = next(sequence)
        while True:
            result = measure(step)  # type: ignore[operator]
            yield step, result
            step = sequence.send(result)
    except StopIteration:
        return
