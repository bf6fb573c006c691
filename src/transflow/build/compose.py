"""One article in every requested language: the work a build worker does.

Pure apart from reading the article and its catalogs: returns the pages to write.
"""

from __future__ import annotations

import codecs
from functools import lru_cache
from pathlib import Path
from typing import Any

from transflow.article.parse import Article
from transflow.article.references import defined_labels
from transflow.build.fallback import SourceText
from transflow.build.html import MARKDOWN_FIELDS, PageLink, render_page
from transflow.build.render import Rendered, render_markdown, reviewed_translations
from transflow.build.write import BuildDone, BuildWork, output_path, read_inputs
from transflow.catalog.store import catalog_of_data, read_catalog_digest
from transflow.fastmd import rust_tree
from transflow.models import Output, Skipped
from transflow.project import Project
from transflow.qa.run import Where, publishable
from transflow.report import counted
from transflow.report.coverage import coverage_of, percent_of


@lru_cache(maxsize=4)
def _project(root: Path) -> Project:
    return Project.open(root)


def build_article(work: BuildWork) -> BuildDone:
    project = _project(work.root)
    known, catalogs = read_inputs(project, work)
    done = BuildDone(known=known)
    article = project.article(work.slug)
    settings = project.settings
    # Every language is looked at, even with -l, so that pages link only to pages that exist.
    languages = [settings.source_language, *settings.target_languages]
    # The article's link definitions, read once for every language: a translation that loses a
    # shortcut link ([label]) is an error too, and its entry is shown in the source.
    references = defined_labels(article.text, article.front_matter.body_start)
    texts = {lang: _text(project, article, lang, done, catalogs, references) for lang in languages}
    links = [
        PageLink(lang, f"../{lang}/{article.slug}.html")
        for lang in languages
        if texts[lang] is not None and _page_there(project, work, lang)
    ]
    allow_html = _has_html(article)
    for language in work.languages:
        rendered = texts[language]
        if rendered is None:
            continue
        if "md" in work.formats:
            target = project.inside(output_path(project, language, article.slug, "md"))
            mark = codecs.BOM_UTF8 if article.bom else b""  # as the source file has it
            done.outputs.append(Output(target, mark + rendered.text.encode()))
        if "html" in work.formats:
            target = project.inside(output_path(project, language, article.slug, "html"))
            front = rendered.meta, rendered.body_start  # no need to read the text's YAML again
            source = None
            if language != settings.source_language:
                spans, fields = rendered.source_spans, rendered.source_fields
                source = SourceText(settings.source_language, spans, fields)
            page = render_page(
                rendered.text, language, links, allow_html, front, article.slug, source
            )
            done.outputs.append(Output(target, page.encode()))
    requested = set(work.languages)
    done.skipped[:] = [s for s in done.skipped if s.language in requested]
    done.blocked[:] = [f for f in done.blocked if f.language in requested]
    return done


def _text(
    project: Project,
    article: Article,
    language: str,
    report: BuildDone,
    catalogs: dict[str, tuple[bytes, str]],
    references: frozenset[str],
) -> Rendered | None:
    """The article's Markdown in ``language``, or None (with the reason) when it is not built.
    ``catalogs``: the bytes and digests of the catalogs already read (``read_inputs``);
    ``references``: the labels of the article's link definitions."""
    settings = project.settings
    if language == settings.source_language or not article.segments:
        return render_markdown(article, {})  # nothing to translate: the page is the source
    path = project.inside(settings.catalog_path(language, article.slug))
    read = catalogs.get(project.paths.catalog(language, article.slug))
    if read is not None:
        data, digest = read
        catalog = catalog_of_data(path, data, digest, settings.cache_dir)
    elif not path.is_file():
        report.skipped.append(Skipped(article.slug, language, "no catalog; run `transflow update`"))
        return None
    else:
        digest, catalog = read_catalog_digest(path, settings.cache_dir)
    texts = {segment.msgid for segment in article.segments}
    coverage = coverage_of(catalog, article.slug, language, settings.relative(path), texts)
    if any(not entry.obsolete for entry in catalog.entries):  # an empty one `status` counts
        found = report.known.get(project.paths.article(article.slug))
        key = counted.inputs_digest(digest, None if found is None else str(found[-1]), settings)
        report.counted.append((str(path), key, counted.counts_of(coverage)))  # for `status`
    # What the page would show, not what the catalog holds: an empty catalog, or one not yet
    # updated for a rewritten article, has few entries to count, all of them translated.
    percent = _article_coverage(texts, reviewed_translations(catalog))
    if percent < settings.min_coverage:
        reason = f"{percent:.1f}% translated, below min_coverage {settings.min_coverage:g}%"
        report.skipped.append(Skipped(article.slug, language, reason))
        return None
    where = Where(article.slug, language, settings.relative(path), settings.source_language)
    catalog, blocked = publishable(catalog, where, references)  # entries with errors: source
    translations = reviewed_translations(catalog)
    if blocked:
        # What the page shows: an entry kept in the source for an error is not translated there.
        shown = _article_coverage(texts, translations)
        if shown < settings.min_coverage:
            entries = len({(finding.path, finding.line) for finding in blocked})
            reason = (
                f"{shown:.1f}% translated once {entries} entries with errors are kept in the "
                f"source (see `transflow check`), below min_coverage {settings.min_coverage:g}%"
            )
            report.skipped.append(Skipped(article.slug, language, reason))
            return None
    report.blocked.extend(blocked)
    return render_markdown(article, translations)


def _article_coverage(texts: set[str], translations: dict[str, str]) -> float:
    """The percent of the article's segments (``texts``: each text once) that have a reviewed
    translation, as ``status`` gives a catalog's."""
    return percent_of(sum(1 for text in texts if translations.get(text, "").strip()), len(texts))


def _page_there(project: Project, work: BuildWork, language: str) -> bool:
    """Whether the article's HTML page in ``language`` is there once this build is done: built
    now, or left by an earlier build (``-l`` builds some languages, ``--format md`` no page)."""
    if language in work.languages and "html" in work.formats:
        return True
    return project.inside(output_path(project, language, work.slug, "html")).is_file()


def _has_html(article: Article) -> bool:
    """Whether the source article uses raw HTML, in its body or in a field its pages show, which
    its pages then keep."""
    data = article.front_matter.data
    shown = [data[name] for name in MARKDOWN_FIELDS if isinstance(data.get(name), str)]
    body = article.text[article.front_matter.body_start :]
    return any(_markdown_has_html(text) for text in (body, *shown))


def _markdown_has_html(body: str) -> bool:
    if "<" not in body:
        return False
    tree = rust_tree(body)
    if tree is not None:
        return _tree_has_html(tree.children)
    from transflow.article.blocks import markdown_parser

    for token in markdown_parser().parse(body):
        if token.type == "html_block":
            return True
        if token.type == "inline" and any(c.type == "html_inline" for c in token.children or []):
            return True
    return False


def _tree_has_html(nodes: list[Any]) -> bool:
    return any(
        node.name in ("html_block", "html_inline") or _tree_has_html(node.children)
        for node in nodes
    )
