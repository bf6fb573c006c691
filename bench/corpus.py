"""Deterministic corpus of English news articles for the transflow benchmark.

    python bench/corpus.py --articles 1000 --out bench/.work/corpus [--seed 1]
    python bench/corpus.py fill-catalogs bench/.work/corpus

The first command writes a transflow project: ``transflow.toml``, ``articles/<slug>.md`` and the
edited revision of every article in ``revision/articles/<slug>.md`` (about 10% of paragraphs
changed slightly, 3% deleted, 3% added), plus ``corpus.json`` with counts. Article ``i`` depends
only on the seed and ``i``, so a corpus of 100 is the first 100 articles of a corpus of 1,000.

The second fills the kk/ru catalogs that ``transflow update`` made: about 70% of entries get a
fake translation (a transliteration that keeps link targets and placeholders), some of them fuzzy.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import corpus_vocab as V  # noqa: N812 -- short name for a module of constants

# min_coverage = 0: every article is rebuilt in every language, as the peers do (po4a runs with
# --keep 0), whatever share of it the filled catalogs translate.
TRANSFLOW_TOML = """\
source_language = "en"
target_languages = ["kk", "ru"]
articles = "articles"
locales = "locales"
build = "build"
segmentation = "sentence"
min_coverage = 0
"""
WRAP_WIDTH = 78
# A line that starts with one of these would turn a wrapped paragraph into a list, heading, ...
_RISKY_LINE_START = re.compile(r"^(\d+[.)]|[-+*]|#+|>|=+|-+)$")
# Link targets, autolinks, placeholders, code and URLs: text that edits and fake translations
# leave alone.
PROTECTED = re.compile(
    r"\]\([^)]*\)|<[^>\s]+>|\{[^{}]*\}|%\(?\w*\)?[sd]|`[^`]*`|https?://[^\s)>\]]+|&#?\w+;"
)


@dataclass
class Block:
    """One Markdown block: ``parts`` are sentences (paragraph, quote), items (list), or text."""

    kind: str  # paragraph | quote | heading | bullets | numbered | image | raw
    parts: list[str]
    wrap: bool = False


@dataclass
class Article:
    slug: str
    front: list[tuple[str, str]]
    blocks: list[Block] = field(default_factory=list)
    typographic: bool = True
    topic: str = "news"


class Slots:
    """Fills ``{slot}`` names in templates with values drawn from an article's own world."""

    def __init__(self, rng: random.Random, topic: str, typographic: bool) -> None:
        self.rng = rng
        self.topic = V.TOPICS[topic]
        self.year = rng.randint(2016, 2024)
        self.place = rng.choice(V.PLACES)
        self.country = rng.choice(V.COUNTRIES[:6])
        self.cast = [self._new_person() for _ in range(rng.randint(3, 6))]
        self.oq, self.cq = ("“", "”") if typographic else ('"', '"')
        self.simple = {
            "org": V.ORGS, "outlet": V.OUTLETS, "claim": V.CLAIMS, "changed": V.CHANGED,
            "period": V.PERIODS, "consequence": V.CONSEQUENCES, "critic_claim": V.CRITIC_CLAIMS,
            "said": V.SAID, "cmp": V.COMPARE, "month_name": V.MONTH_NAMES, "n_word": V.NUMBER_WORDS,
            "informed": V.INFORMED, "adj": V.ADJECTIVES, "weekday": V.WEEKDAYS,
            "thing": self.topic["thing"], "group": self.topic["group"],
            "event": self.topic["event"],
            "role": V.ROLES, "title": V.TITLES, "surname": V.SURNAMES, "place2": V.PLACES,
            "quote": V.QUOTES, "quote2": V.QUOTES, "company": V.COMPANIES,
            "company2": V.COMPANIES, "ordinal": V.ORDINALS, "month_name2": V.MONTH_NAMES,
            "topic_headline": self.topic["headline"],
        }  # fmt: skip
        self.decks: dict[str, list[str]] = {}

    def _new_person(self) -> tuple[str, str, str, str]:
        r = self.rng
        return (
            r.choice(V.FIRST_NAMES),
            r.choice(V.SURNAMES),
            r.choice(V.ROLES),
            r.choice(V.TITLES),
        )

    def fill(self, template: str) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: self.value(m.group(1)), template)

    def value(self, slot: str) -> str:
        r = self.rng
        if slot in self.simple:
            return r.choice(self.simple[slot])
        person = r.choice(self.cast)
        if slot.endswith("_cap"):
            return _capitalize(self.value(slot.removesuffix("_cap")))
        if slot.endswith("_title"):
            return _title_case(self.value(slot.removesuffix("_title")))
        match slot:
            case "place":
                return self.place if r.random() < 0.6 else r.choice(V.PLACES)
            case "country":
                return self.country
            case "person" | "person2":
                return f"{person[0]} {person[1]}"
            case "person_short":
                return person[1] if r.random() < 0.7 else f"{person[3]} {person[1]}"
            case "outlet_em":
                return (
                    f"*{r.choice(V.OUTLETS)}*" if r.random() < 0.7 else f"_{r.choice(V.OUTLETS)}_"
                )
            case "local_em":
                return f"_{r.choice(V.LOCAL_WORDS)}_"
            case "oq":
                return self.oq
            case "cq":
                return self.cq
            case "date":
                return f"{r.choice(V.MONTHS)} {r.randint(1, 28)}"
            case "year":
                return str(self.year - r.randint(0, 15))
            case "year2":
                return str(self.year + r.randint(1, 8))
            case "hour":
                return str(r.randint(8, 11))
            case "age":
                return str(r.randint(19, 84))
            case "count" | "count2":
                return _count(r)
            case "n":
                return str(r.randint(2, 480))
            case "pct" | "pct2":
                return f"{r.uniform(0.5, 48):.1f}%" if r.random() < 0.8 else f"{r.randint(2, 90)}%"
            case "money":
                return _money(r)
            case "group_one":
                return _singular(r.choice(self.topic["group"]))
            case "link_petition":
                return f"[petition]({_url(r, self.year)})"
        raise KeyError(slot)

    def draw(self, name: str, items: tuple[str, ...]) -> str:
        """Draw without replacement, so an article repeats a template only once all are used."""
        deck = self.decks.get(name)
        if not deck:
            deck = self.decks[name] = list(items)
            self.rng.shuffle(deck)
        return deck.pop()


_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "vs.")
)
_CONNECTIVES = (
    "Meanwhile, ", "However, ", "Last year, ", "On Tuesday, ", "In practice, ", "Still, ",
    "At the same time, ", "Earlier, ",
)  # fmt: skip
_LOWERABLE_STARTS = frozenset(
    ("The", "It", "A", "Some", "Only", "Prices", "That", "Neither", "Investors", "Local")
)


def _title_case(text: str) -> str:
    words = text.split(" ")
    return " ".join(w if (i and w in _SMALL_WORDS) else _capitalize(w) for i, w in enumerate(words))


def _capitalize(text: str) -> str:
    for i, ch in enumerate(text):
        if ch.isalpha():
            return text[:i] + ch.upper() + text[i + 1 :]
    return text


def _count(r: random.Random) -> str:
    kind = r.random()
    if kind < 0.4:
        return str(r.randint(3, 99))
    if kind < 0.8:
        return f"{r.randint(1, 99) * 50:,}"
    return f"{r.randint(10_000, 2_500_000):,}"


def _money(r: random.Random) -> str:
    kind = r.random()
    if kind < 0.35:
        return f"${r.uniform(1, 9.9):.1f} billion"
    if kind < 0.6:
        return f"{r.randint(5, 950)} billion tenge (${r.randint(10, 900)} million)"
    if kind < 0.8:
        return f"€{r.randint(2, 700)} million"
    return f"${r.randint(1, 999):,},{r.randint(0, 999):03d}"


def _singular(group: str) -> str:
    special = {"fishermen": "fisherman", "families": "family", "rural residents": "rural resident"}
    return special.get(group, group.removesuffix("s"))


def _url(r: random.Random, year: int) -> str:
    words = "-".join(r.sample(("report", "court", "oil", "bank", "city", "law", "vote", "aid"), 3))
    month, day = r.randint(1, 12), r.randint(1, 28)
    return f"https://{r.choice(V.DOMAINS)}/{year}/{month:02d}/{day:02d}/{words}"


def _add_link(r: random.Random, sentence: str, year: int) -> str:
    """Turn one plain word (or two) into a link, as news sites do with their sources."""
    if any(ch in sentence for ch in "[*_(<`"):
        return sentence
    words = list(re.finditer(r"(?<![\w’'-])[A-Za-z]{4,}(?: [a-z]{3,})?(?![\w’'-])", sentence))
    if not words:
        return sentence
    preferred = [m for m in words if m.group().split()[0] in V.LINK_WORDS]
    m = r.choice(preferred or words)
    target = "#" if r.random() < 0.2 else _url(r, year)
    return f"{sentence[: m.start()]}[{m.group()}]({target}){sentence[m.end() :]}"


def make_sentence(slots: Slots) -> str:
    r = slots.rng
    sentence = _capitalize(slots.fill(slots.draw("sentence", V.TEMPLATES)))
    first = sentence.split(" ", 1)[0]
    if first in _LOWERABLE_STARTS and r.random() < 0.2:
        sentence = r.choice(_CONNECTIVES) + first.lower() + sentence[len(first) :]
    if r.random() < 0.15:
        sentence = _add_link(r, sentence, slots.year)
    return sentence


def make_paragraph(slots: Slots, wrap: bool) -> Block:
    n = slots.rng.choices((1, 2, 3, 4, 5), weights=(30, 35, 22, 9, 4))[0]
    return Block("paragraph", [make_sentence(slots) for _ in range(n)], wrap)


def make_article(seed: int, index: int) -> Article:
    r = random.Random(f"{seed}:{index}")
    topic = r.choice(sorted(V.TOPICS))
    typographic = r.random() < 0.7
    slots = Slots(r, topic, typographic)
    wrap_mode = r.choices(("none", "all", "some"), weights=(70, 22, 8))[0]

    def wrap() -> bool:
        return wrap_mode == "all" or (wrap_mode == "some" and r.random() < 0.5)

    title = slots.fill(r.choice(V.HEADLINE_TEMPLATES))
    slug = f"{_slugify(title)}-{index:05d}"
    front = _front_matter(slots, title, slug)
    blocks = _body(slots, r, wrap)
    article = Article(slug, front, blocks, typographic, topic)
    if not typographic:
        _straighten(article)
    return article


def _front_matter(slots: Slots, title: str, slug: str) -> list[tuple[str, str]]:
    r = slots.rng
    y = slots.year
    return [
        ("title", title),
        ("subtitle", make_sentence(slots)),
        ("author", f"{r.choice(V.FIRST_NAMES)} {r.choice(V.SURNAMES)}"),
        ("date", f"{y}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"),
        ("source_url", f"https://{r.choice(V.DOMAINS[:7])}/{y}/{slug}"),
        ("summary", " ".join(make_sentence(slots) for _ in range(r.randint(1, 2)))),
    ]


def _body(slots: Slots, r: random.Random, wrap: Callable[[], bool]) -> list[Block]:
    blocks: list[Block] = []
    if r.random() < 0.5:
        blocks.append(_image(slots, 1))
    lead = make_paragraph(slots, wrap())
    if r.random() < 0.4:
        lead.parts[0] = f"**{slots.place.upper()}** — {lead.parts[0]}"
    blocks.append(lead)
    paragraphs = r.randint(10, 40)
    heading_every = r.randint(5, 9) if r.random() < 0.6 else 0
    extras = {"quote": r.random() < 0.4, "list": r.random() < 0.45, "related": r.random() < 0.3}
    extras_at = {name: r.randint(2, paragraphs - 1) for name, on in extras.items() if on}
    for p in range(1, paragraphs):
        if heading_every and p % heading_every == 0:
            blocks.append(Block("heading", [slots.fill(slots.draw("h", V.SECTION_HEADINGS))]))
        blocks.append(make_paragraph(slots, wrap()))
        if extras_at.get("quote") == p:
            sentences = [_capitalize(slots.fill(r.choice(V.QUOTES))) + "." for _ in range(2)]
            blocks.append(Block("quote", sentences, wrap()))
        if extras_at.get("list") == p:
            blocks.append(Block("paragraph", [slots.fill(r.choice(V.LIST_INTROS))]))
            items = [_capitalize(slots.fill(t)) for t in r.sample(V.LIST_ITEMS, r.randint(3, 6))]
            blocks.append(Block(r.choice(("bullets", "bullets", "numbered")), items))
        if extras_at.get("related") == p:
            text = f"Related article: [{slots.fill(r.choice(V.TOPICS['culture']['headline']))}]"
            blocks.append(Block("paragraph", [f"{text}({_url(r, slots.year)})"]))
        if p == paragraphs // 2 and r.random() < 0.3:
            blocks.append(_image(slots, 2))
    blocks.append(Block("paragraph", [slots.fill(r.choice(V.CLOSINGS))]))
    if r.random() < 0.3:
        blocks.append(Block("paragraph", ["Original url:"]))
        blocks.append(Block("raw", [f"<{_url(r, slots.year)}>"]))
    return blocks


def _image(slots: Slots, n: int) -> Block:
    caption = _capitalize(slots.fill(slots.rng.choice(V.CAPTIONS)))
    url = f"https://cdn.example.com/images/{slots.year}/{slots.rng.randint(1000, 99999)}-{n}.jpg"
    return Block("image", [caption.rstrip("."), url, caption])


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].rstrip("-")


def _straighten(article: Article) -> None:
    table = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})
    article.front = [(k, v.translate(table)) for k, v in article.front]
    for block in article.blocks:
        block.parts = [p.translate(table) for p in block.parts]


# --- The edited revision ----------------------------------------------------------------------


def revise(article: Article, seed: int, index: int) -> tuple[Article, dict[str, int]]:
    """A copy of ``article`` with ~10% of its text blocks changed slightly, ~3% deleted, ~3% new."""
    r = random.Random(f"{seed}:{index}:revision")
    slots = Slots(random.Random(f"{seed}:{index}:new"), article.topic, article.typographic)
    counts = {"changed": 0, "deleted": 0, "added": 0}
    blocks: list[Block] = []
    for block in article.blocks:
        if block.kind not in ("paragraph", "quote", "bullets", "numbered"):
            blocks.append(block)
            continue
        roll = r.random()
        if roll < 0.03 and block.kind == "paragraph":
            counts["deleted"] += 1
        elif roll < 0.13:
            parts = list(block.parts)
            i = r.randrange(len(parts))
            parts[i] = edit_sentence(r, parts[i])
            blocks.append(Block(block.kind, parts, block.wrap))
            counts["changed"] += 1
        else:
            blocks.append(block)
        if r.random() < 0.03:
            blocks.append(make_paragraph(slots, block.wrap))
            counts["added"] += 1
    revised = Article(article.slug, list(article.front), blocks, article.typographic, article.topic)
    if not article.typographic:
        _straighten(revised)
    return revised, counts


def edit_sentence(r: random.Random, sentence: str) -> str:
    """Change a sentence the way an editor does: a number, a word, or a short added clause."""
    edits = [_edit_number, _edit_word, _edit_clause]
    r.shuffle(edits)
    for edit in edits:
        changed = edit(r, sentence)
        if changed != sentence:
            return changed
    return sentence.rstrip() + " Officials did not elaborate."


def _outside_markup(text: str, edit: Callable[[str], str]) -> str:
    """Apply ``edit`` to the first stretch of text, outside link targets and URLs, it changes."""
    pieces = PROTECTED.split(text)
    kept = PROTECTED.findall(text)
    for i, piece in enumerate(pieces):
        new = edit(piece)
        if new != piece:
            pieces[i] = new
            break
    out = [pieces[0]]
    for protected, piece in zip(kept, pieces[1:], strict=True):
        out += [protected, piece]
    return "".join(out)


def _edit_number(r: random.Random, sentence: str) -> str:
    def bump(m: re.Match[str]) -> str:
        digits = m.group().replace(",", "")
        if "." in digits:
            return f"{float(digits) + r.choice((-0.3, -0.1, 0.1, 0.2, 0.4)):.1f}"
        value = int(digits) + r.choice((1, 2, 5, 10, 50, 150))
        return f"{value:,}" if "," in m.group() else str(value)

    pattern = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d+\.\d(?!\d)")
    return _outside_markup(sentence, lambda s: pattern.sub(bump, s, count=1))


def _edit_word(r: random.Random, sentence: str) -> str:
    pairs = list(V.SYNONYMS)
    r.shuffle(pairs)
    for old, new in pairs:
        pattern = re.compile(rf"(?<![\w\[]){re.escape(old)}(?![\w\]])")
        changed = _outside_markup(sentence, lambda s, p=pattern, n=new: p.sub(n, s, count=1))
        if changed != sentence:
            return changed
    return sentence


def _edit_clause(r: random.Random, sentence: str) -> str:
    if not sentence.endswith(".") or sentence.endswith(("a.m.", "p.m.", "U.S.", "U.K.")):
        return sentence
    return sentence[:-1] + r.choice(V.CLAUSES) + "."


# --- Rendering ---------------------------------------------------------------------------------


def render(article: Article) -> str:
    lines = ["---"]
    lines += [f"{key}: {_yaml_value(key, value)}" for key, value in article.front]
    lines += [f"tags: [news, {article.topic}]", "---", ""]
    for block in article.blocks:
        lines.append(_render_block(block))
        lines.append("")
    return "\n".join(lines)


def _yaml_value(key: str, value: str) -> str:
    if key == "date":
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _render_block(block: Block) -> str:
    match block.kind:
        case "heading":
            return f"## {block.parts[0]}"
        case "image":
            alt, url, caption = block.parts
            return f'![{alt}]({url} "{caption}")'
        case "bullets":
            return "\n".join(f"- {item}" for item in block.parts)
        case "numbered":
            return "\n".join(f"{n}. {item}" for n, item in enumerate(block.parts, 1))
        case "quote":
            text = " ".join(block.parts)
            lines = wrap_text(text, WRAP_WIDTH - 2) if block.wrap else [text]
            return "\n".join(f"> {line}" for line in lines)
        case "raw":
            return block.parts[0]
    text = " ".join(block.parts)
    return "\n".join(wrap_text(text, WRAP_WIDTH)) if block.wrap else text


def wrap_text(text: str, width: int) -> list[str]:
    """Greedy wrap at ``width`` that never starts a line with a Markdown block marker."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width and not _RISKY_LINE_START.match(word):
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    return lines


def count_units(article: Article) -> tuple[int, int]:
    """(text blocks, sentences): the translatable units, tool-independent."""
    units = sum(1 for key, _ in article.front if key in ("title", "subtitle", "summary"))
    sentences = units
    for block in article.blocks:
        if block.kind in ("paragraph", "quote"):
            units += 1
            sentences += len(block.parts)
        elif block.kind in ("bullets", "numbered"):
            units += len(block.parts)
            sentences += len(block.parts)
        elif block.kind in ("heading", "image"):
            units += 1
            sentences += 1
    return units, sentences


def write_corpus(out: Path, articles: int, seed: int) -> dict[str, int]:
    """Write the project and its revision to ``out``; returns the counts also in corpus.json."""
    for folder in (out / "articles", out / "revision" / "articles"):
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.md"):
            stale.unlink()
    (out / "transflow.toml").write_text(TRANSFLOW_TOML, encoding="utf-8")
    totals = {"articles": articles, "seed": seed, "units": 0, "sentences": 0, "words": 0}
    totals |= {"changed": 0, "deleted": 0, "added": 0, "hard_wrapped_blocks": 0}
    for index in range(articles):
        article = make_article(seed, index)
        revised, counts = revise(article, seed, index)
        text = render(article)
        (out / "articles" / f"{article.slug}.md").write_text(text, encoding="utf-8")
        revised_text = render(revised)
        (out / "revision" / "articles" / f"{article.slug}.md").write_text(revised_text, "utf-8")
        units, sentences = count_units(article)
        totals["units"] += units
        totals["sentences"] += sentences
        totals["words"] += len(text.split())
        totals["hard_wrapped_blocks"] += sum(1 for b in article.blocks if b.wrap)
        for key, value in counts.items():
            totals[key] += value
    (out / "corpus.json").write_text(json.dumps(totals, indent=2) + "\n", encoding="utf-8")
    return totals


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "fill-catalogs":
        import corpus_po

        return corpus_po.main(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles")
    parser.add_argument("--out", type=Path, required=True, help="project folder to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    totals = write_corpus(args.out, args.articles, args.seed)
    print(json.dumps(totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
