"""A chapter as displaCy HTML: every block with its entity mentions and dates highlighted.

The page shows what the run's tables say. `load_chapter` takes the run's options from
`manifest.json` (user lexicons and dictionary, stage policies), the chapter's blocks and sentences
from the run's cache, and every mention, date and event from the run's tables (`entities.csv`,
`dates.csv`, `events.csv`, whose ids it shares): no stage runs. A chapter the cache does not hold is
processed with the run's options; one the tables do not describe (a file not in the run, or changed
since) is processed and annotated on its own, with the run's options still.

displaCy's manual mode takes plain dicts, so the page is drawn from the document model alone, with
no spaCy `Doc` to rebuild: one entry per block, its mentions and dates (as DATE) moved from
sentence to block offsets. Headings become displaCy titles above their paragraphs.
"""

from __future__ import annotations

import dataclasses
from html import escape
from pathlib import Path

from spacy import displacy

from . import cache, entities, events, ingest, runner, stats
from .model import ENTITY_LABELS, Block, Document, Event, Mention, TimeExpression
from .resources import shared

# Where each kind of span lives in the tables and on a sentence.
SPAN_TABLES = (("entities", Mention, "mentions"), ("dates", TimeExpression, "dates"), ("events", Event, "events"))


def load_chapter(path: Path, out: Path, doc_id: str | None = None) -> tuple[Document, bool]:
    """The chapter at `path` as the run that wrote `out` left it, and whether its annotations
    come from the run's tables (see the module docstring)."""
    config, recorded = runner.recorded_run(out)
    document = ingest.read(path, doc_id)
    if document.status != "ok":
        return document, False
    folder = out / cache.CACHE_DIR
    chapter = cache.load(folder, document, config) if folder.is_dir() else None
    if chapter is None:
        chapter = runner.process(path, shared(config.lexicons, config.user_dict), config, document.doc_id)
        if chapter.status != "ok":
            return chapter, False
    in_run = any(
        entry["doc_id"] == document.doc_id and entry["sha256"] == document.sha256 and entry["status"] == "ok"
        for entry in recorded
    )
    if in_run and with_table_annotations(chapter, out):
        return chapter, True
    resources = shared(config.lexicons, config.user_dict)
    entities.link([chapter], resources, config)
    return events.annotate(chapter, resources, config), False


def with_table_annotations(document: Document, out: Path) -> bool:
    """Give `document`'s sentences the mentions, dates and events the tables of `out` hold for
    them; False (and `document` unchanged) when the tables' sentences are not the document's."""
    sentences = {s.sentence_id: s for s in document.sentences()}
    listed = stats.read_csv(out / "sentences.csv")
    if set(listed.loc[listed["doc_id"] == document.doc_id, "sentence_id"]) != set(sentences):
        return False
    for sentence in sentences.values():
        sentence.mentions, sentence.dates, sentence.events = [], [], []
    for table, kind, attribute in SPAN_TABLES:
        frame = stats.read_csv(out / f"{table}.csv")
        for row in frame[frame["doc_id"] == document.doc_id].to_dict("records"):
            getattr(sentences[row["sentence_id"]], attribute).append(from_row(kind, row))
    return True


def from_row(kind: type, row: dict):
    """A span dataclass from a table row of text cells: the fields the row has, typed; the
    others keep their defaults.

    >>> from_row(Mention, {"start": "4", "end": "6", "text": "普欽", "label": "PERSON", "method": "lexicon"})
    Mention(start=4, end=6, text='普欽', label='PERSON', method='lexicon', entity_id='', name_en='')
    """
    typed = {"int": int, "float": float}
    values = {
        f.name: typed.get(str(f.type), str)(row[f.name]) if row[f.name] != "" or str(f.type) == "str" else f.default
        for f in dataclasses.fields(kind)
        if f.name in row
    }
    return kind(**values)


COLORS = {
    "PERSON": "#aa9cfc",
    "NORP": "#c887fb",
    "FAC": "#9cc9cc",
    "ORG": "#7aecec",
    "GPE": "#feca74",
    "LOC": "#ff9561",
    "LAW": "#ff8197",
    "EVENT": "#ffeb80",
    "DATE": "#bfe1d9",
}


def block_spans(block: Block) -> list[dict]:
    """The block's mentions and dates as displaCy spans, in block offsets, without overlaps.

    >>> from pipeline.model import Mention, Sentence
    >>> b = Block("paragraph", "前言。普欽訪華。")
    >>> putin = Mention(0, 2, "普欽", "PERSON", "lexicon")
    >>> b.sentences = [Sentence("s0", "前言。", 0), Sentence("s1", "普欽訪華。", 3, mentions=[putin])]
    >>> block_spans(b)
    [{'start': 3, 'end': 5, 'label': 'PERSON'}]
    """
    spans = []
    for sentence in block.sentences:
        for mention in sentence.mentions:
            spans.append((sentence.start + mention.start, sentence.start + mention.end, mention.label))
        for date in sentence.dates:
            spans.append((sentence.start + date.start, sentence.start + date.end, "DATE"))
    kept, last_end = [], 0
    for start, end, label in sorted(spans):
        if start >= last_end:
            kept.append({"start": start, "end": end, "label": label})
            last_end = end
    return kept


def render(document: Document) -> str:
    """The whole chapter as one standalone HTML page: each block in displaCy's `ent` style, with
    the events its sentences report listed under it."""
    options = {"ents": [*ENTITY_LABELS, "DATE"], "colors": COLORS}
    parts = []
    for block in document.blocks:
        if not block.text.strip():
            continue
        if block.kind == "heading":
            parts.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>")
            continue
        entry = {"text": block.text, "ents": block_spans(block), "title": None}
        parts.append(displacy.render(entry, style="ent", manual=True, page=False, options=options))
        parts.append(event_list(block))
    title = escape(document.title or document.doc_id)
    return (
        f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8"><title>{title}</title>'
        f"<style>{PAGE_STYLE}</style></head><body>\n" + "\n".join(parts) + "\n</body></html>\n"
    )


PAGE_STYLE = (
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:2}"
    "ul.events{font-size:.85em;line-height:1.4;color:#333;border-left:3px solid #ccc;margin:0 0 1.5em}"
    "code{background:#eee;padding:0 .3em}"
)


def event_list(block: Block) -> str:
    """The events of a block's sentences, one line each: date, CAMEO code, who did what to whom."""
    items = []
    for sentence in block.sentences:
        for event in sentence.events:
            when = event.start_date if event.start_date == event.end_date else f"{event.start_date}..{event.end_date}"
            target = f" → {escape(event.target)}" if event.target else ""
            mode = "" if event.mode == "asserted" else f" ({event.mode})"
            items.append(
                f"<li>{escape(when or 'undated')} <code>{event.cameo_code or event.cameo}</code> "
                f"{escape(event.cameo_label)}: {escape(event.source)} 「{escape(event.trigger)}」{target}"
                f"{mode}</li>"
            )
    return f'<ul class="events">{"".join(items)}</ul>' if items else ""
