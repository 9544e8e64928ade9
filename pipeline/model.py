"""The typed document model every stage reads and enriches.

A `Document` holds the raw text as ingested and, after cleaning, a list of `Block`s (headings,
paragraphs, list items ...) in reading order, each split into `Sentence`s. Footnotes, entity
mentions, time expressions and events are spans with offsets into the text that carries them, so
every table row can be traced back to its sentence. Stages add to the model; none rewrites text
that an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

# OntoNotes labels of the entities stage (CONTRACT.md).
ENTITY_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "LAW", "EVENT")


@dataclass(frozen=True)
class Edit:
    """One cleaning edit: `source[start:end]` was replaced by `replacement` because of `rule`."""

    start: int
    end: int
    replacement: str
    rule: str


@dataclass
class Mention:
    """An entity mention; `start`/`end` index the carrying sentence's `text`."""

    start: int
    end: int
    text: str
    label: str
    method: str
    entity_id: str = ""
    name_en: str = ""


@dataclass
class TimeExpression:
    """A temporal expression normalised to a closed interval of days (ISO dates, '' if unresolved).

    `kind` is explicit, contextual, event_name, in_title or unresolved; `granularity` is day, month,
    year, decade, century or part; `value` is TIMEX3-style ('2001-06-16', '2001-06', '199').
    """

    start: int
    end: int
    text: str
    start_date: str
    end_date: str
    granularity: str
    kind: str
    value: str


@dataclass
class Event:
    """Who did what to whom, when and where, as one sentence reports it.

    `cameo` is the two-digit CAMEO root, `cameo_code` the finer code (`057`), with that code's
    Goldstein value and quad class (verbal/material cooperation/conflict) for GDELT-style sums.
    """

    trigger: str
    cameo: str
    cameo_label: str
    cameo_code: str = ""
    goldstein: float = 0.0
    quad_class: str = ""
    source: str = ""
    source_id: str = ""
    target: str = ""
    target_id: str = ""
    location: str = ""
    object: str = ""
    mode: str = "asserted"
    start_date: str = ""
    end_date: str = ""
    date_text: str = ""
    confidence: float = 0.0
    trigger_start: int = -1
    rule: str = ""  # the rules that produced the row, `;`-joined (README, events: rule names)
    plover: str = ""
    location_id: str = ""
    source_actor: str = ""
    target_actor: str = ""


@dataclass
class Sentence:
    """A sentence of clean body text, without footnote markers.

    `start` is its offset in the block's `text`; `footnote_refs` are the note numbers whose
    markers stood inside it (or right after its final stop).
    """

    sentence_id: str
    text: str
    start: int
    footnote_refs: list[int] = field(default_factory=list)
    text_trad: str = ""
    text_simp: str = ""
    mentions: list[Mention] = field(default_factory=list)
    dates: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)


@dataclass
class Block:
    """A heading, paragraph, list item, quote, caption or table row of the clean chapter.

    `text` has no footnote markers; `markers` lists (offset in `text`, note number) where they
    stood. `offsets[i]` is the raw offset of `text[i]` (-1 for a space the cleaner inserted when
    rejoining Latin words across a line break). `level` is the Markdown heading level (1-6) for
    headings, 0 otherwise. `section` is the heading path (' > '-joined) the block sits under.
    `source_start`/`source_end` bound the raw text the block came from.
    """

    kind: str
    text: str
    level: int = 0
    markers: list[tuple[int, int]] = field(default_factory=list)
    section: str = ""
    index: int = 0
    source_start: int = 0
    source_end: int = 0
    offsets: list[int] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Footnote:
    """A footnote definition, its text joined across lines and pages.

    `mark` is the mark as printed where it differs from `n` (`③` for circled marks that restart
    on every page, numbered `n` through the chapter); '' otherwise.
    """

    n: int
    text: str
    sentence_id: str = ""
    urls: list[str] = field(default_factory=list)
    pub_start: str = ""
    pub_end: str = ""
    source_start: int = 0
    mark: str = ""


@dataclass
class Entity:
    """A canonical real-world entity, shared by all its aliases across the corpus."""

    entity_id: str
    label: str
    name: str
    name_en: str = ""
    aliases: list[str] = field(default_factory=list)
    n_mentions: int = 0
    n_docs: int = 0
    country: str = ""
    cameo_actor: str = ""


@dataclass(frozen=True)
class Page:
    """A page of the source: it starts at `start` in `Document.raw`; `label` is the page number
    printed on it where it can be read (`87`, `iv`), else its position in the file (1-based)."""

    start: int
    label: str


@dataclass
class Document:
    """One input file on its way through the stages.

    `pages` is empty where the input shows no page breaks (plain text without form feeds or a
    chain of page numbers). `layout` is "pdf" when the PDF reader built `blocks` and `footnotes`
    from the page layout (the clean stage then leaves them as they are), '' for text input.
    `warnings` are one-line notes on a document that was read but not wholly (pages skipped).
    `word_counts` holds (word, jieba tag, count) over every sentence, in first-seen order: the
    entities stage's segmentation, which the statistics read instead of segmenting again.
    """

    doc_id: str
    source: str
    raw: str = ""
    sha256: str = ""
    encoding: str = ""
    status: str = "ok"
    error: str = ""
    title: str = ""
    script: str = ""
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: list[Page] = field(default_factory=list)
    layout: str = ""
    warnings: list[str] = field(default_factory=list)
    word_counts: list[tuple[str, str, int]] = field(default_factory=list)

    def page_at(self, offset: int) -> str:
        """The label of the page holding raw offset `offset`, '' when pages are unknown.

        >>> Document("d", "d.txt", pages=[Page(0, "86"), Page(120, "87")]).page_at(130)
        '87'
        """
        label = ""
        for page in self.pages:
            if page.start > offset:
                break
            label = page.label
        return label

    def block_page(self, block: Block, position: int = 0) -> str:
        """The page of the character at `position` in `block.text` (its first kept character)."""
        offsets = [o for o in block.offsets[position:] if o >= 0] or [block.source_start]
        return self.page_at(offsets[0])

    def sentences(self):
        """All sentences in reading order."""
        for block in self.blocks:
            yield from block.sentences

    def sentence_blocks(self):
        """(block, sentence) pairs in reading order."""
        for block in self.blocks:
            for sentence in block.sentences:
                yield block, sentence


def document_to_dict(document: Document) -> dict[str, Any]:
    """The document as JSON-ready data (the cache's format: plain data, never code)."""
    return _plain(document)


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, sequences as lists, all the way down: `asdict` without its deep copies
    of every string (four times faster on a chapter)."""
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return (
            [_plain(item) for item in value] if value and not isinstance(value[0], (str, int, float)) else list(value)
        )
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def document_from_dict(data: dict[str, Any]) -> Document:
    """The inverse of `document_to_dict`."""
    blocks = [
        Block(
            **{
                **b,
                "markers": [tuple(m) for m in b["markers"]],
                "sentences": [_sentence_from_dict(s) for s in b["sentences"]],
            }
        )
        for b in data["blocks"]
    ]
    return Document(
        **{
            **data,
            "blocks": blocks,
            "pages": [Page(**p) for p in data.get("pages", [])],
            "footnotes": [Footnote(**f) for f in data["footnotes"]],
            "edits": [Edit(**e) for e in data["edits"]],
            "word_counts": [tuple(c) for c in data.get("word_counts", [])],
        }
    )


def _sentence_from_dict(data: dict[str, Any]) -> Sentence:
    return Sentence(
        **{
            **data,
            "mentions": [Mention(**m) for m in data["mentions"]],
            "dates": [TimeExpression(**d) for d in data["dates"]],
            "events": [Event(**e) for e in data["events"]],
        }
    )
