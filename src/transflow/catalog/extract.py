"""Article segments → the article's template (.pot)."""

from __future__ import annotations

from transflow.article.parse import Article
from transflow.catalog.header import now_stamp, template_header
from transflow.catalog.model import Catalog, Entry


def template_for(article: Article, reference_path: str, project: str, created: str) -> Catalog:
    """One entry per unique segment in document order, with its references and roles."""
    entries: dict[str, Entry] = {}
    for segment in article.segments:
        entry = entries.get(segment.msgid)
        if entry is None:
            entry = entries[segment.msgid] = Entry(msgid=segment.msgid)
        reference = f"{reference_path}:{segment.line}"
        if reference not in entry.references:
            entry.references.append(reference)
        if segment.context not in entry.extracted_comments:
            entry.extracted_comments.append(segment.context)
    title = str(article.metadata.get("title") or article.slug)
    header = template_header(project, article.slug, title, created)
    return Catalog(header=header, entries=list(entries.values()))


def same_messages(a: Catalog, b: Catalog) -> bool:
    """True when two templates differ at most in their creation date."""
    if [_entry_tuple(e) for e in a.entries] != [_entry_tuple(e) for e in b.entries]:
        return False
    return _header_without_date(a) == _header_without_date(b)


def creation_date(new: Catalog, old: Catalog | None) -> str:
    """Keep the old template's date when nothing else changed, so a rerun rewrites nothing."""
    if old is not None and same_messages(new, old):
        return old.header_value("POT-Creation-Date") or now_stamp()
    return now_stamp()


def _entry_tuple(entry: Entry) -> tuple[object, ...]:
    return (
        entry.msgctxt,
        entry.msgid,
        entry.msgid_plural,
        tuple(entry.references),
        tuple(entry.extracted_comments),
        tuple(entry.flags),
        entry.obsolete,
    )


def _header_without_date(catalog: Catalog) -> list[tuple[str, str]]:
    return [(k, v) for k, v in catalog.header_fields() if k != "POT-Creation-Date"]
