"""A chapter as displaCy HTML: every block with its entity mentions and dates highlighted.

displaCy's manual mode takes plain dicts, so the page is drawn from the document model alone, with
no spaCy `Doc` to rebuild: one entry per block, its mentions and dates (as DATE) moved from
sentence to block offsets. Headings become displaCy titles above their paragraphs.
"""

from __future__ import annotations

from html import escape

from spacy import displacy

from .model import ENTITY_LABELS, Block, Document

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
