"""The in-memory shape of a PO/POT file.

``Entry`` is mutable on purpose: merging and drafting change entries in place on a catalog that
was just read, and the catalog is then written back whole through ``catalog.store``.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Entry:
    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    # msgstr[N] values of a plural entry, in index order; empty for a singular entry.
    msgstr_plural: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)  # "# text"
    extracted_comments: list[str] = field(default_factory=list)  # "#. text"
    references: list[str] = field(default_factory=list)  # "#: file:line", one item per reference
    flags: list[str] = field(default_factory=list)  # "#, fuzzy, no-wrap"
    previous_msgctxt: str | None = None  # "#| msgctxt"
    previous_msgid: str | None = None  # "#| msgid"
    previous_msgid_plural: str | None = None  # "#| msgid_plural"
    obsolete: bool = False  # written with "#~"
    # 1-based line of the entry's first line in the file it came from, 0 if new; not part of
    # equality, so a catalog read back equals the one that was written.
    lineno: int = field(default=0, compare=False)

    @property
    def key(self) -> tuple[str | None, str]:
        """What identifies an entry in a catalog: its context and msgid."""
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Translated as gettext counts it: not fuzzy, not obsolete, every msgstr non-empty."""
        if self.obsolete or self.fuzzy or self.msgid == "":
            return False
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural)
        return self.msgstr != ""

    @property
    def has_translation(self) -> bool:
        """Some msgstr is filled in, fuzzy or not."""
        if self.msgid_plural is not None:
            return any(self.msgstr_plural)
        return self.msgstr != ""

    def set_fuzzy(self, value: bool) -> None:
        if value and "fuzzy" not in self.flags:
            self.flags.insert(0, "fuzzy")
        elif not value and "fuzzy" in self.flags:
            self.flags.remove("fuzzy")


@dataclass(slots=True)
class Catalog:
    """A PO or POT file: the header entry (msgid "") and the other entries in file order."""

    header: Entry | None = None
    entries: list[Entry] = field(default_factory=list)

    def header_fields(self) -> list[tuple[str, str]]:
        """The header's "Key: value" lines, in order."""
        if self.header is None:
            return []
        fields = []
        for line in self.header.msgstr.split("\n"):
            key, sep, value = line.partition(":")
            if sep:
                fields.append((key.strip(), value.strip()))
        return fields

    def header_value(self, key: str) -> str | None:
        for name, value in self.header_fields():
            if name.lower() == key.lower():
                return value
        return None

    def set_header_value(self, key: str, value: str) -> None:
        """Set one header field, keeping the order of the others; a new field goes last."""
        if self.header is None:
            self.header = Entry(msgid="")
        lines = self.header.msgstr.split("\n") if self.header.msgstr else []
        if lines and lines[-1] == "":
            lines.pop()
        for i, line in enumerate(lines):
            if line.partition(":")[0].strip().lower() == key.lower():
                lines[i] = f"{key}: {value}"
                break
        else:
            lines.append(f"{key}: {value}")
        self.header.msgstr = "\n".join(lines) + "\n"

    def live_entries(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]

    def obsolete_entries(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]


# Machine drafts carry a translator comment starting with this, e.g. "# machine draft: google" or
# "# machine draft: memory 87%". Translators see it in every PO editor; gettext keeps it (unknown
# flags it would drop), and coverage reports count such fuzzy entries as machine drafts.
DRAFT_PREFIX = "machine draft: "


def draft_source(entry: Entry) -> str | None:
    """The engine that drafted a fuzzy entry, or None when it is not an unreviewed machine draft."""
    if not entry.fuzzy or entry.previous_msgid is not None:
        return None
    for comment in entry.translator_comments:
        if comment.startswith(DRAFT_PREFIX):
            return comment[len(DRAFT_PREFIX) :].strip()
    return None
