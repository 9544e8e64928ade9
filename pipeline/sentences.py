"""Sentence stage: split each block into sentences and attach the footnotes they cite.

Sentences end at 。！？ (and ?! in Latin quotations); a closing quote or bracket after the stop
stays with its sentence (`…威脅。」` is one sentence). We do not split at ； or ：: in these theses a
colon introduces the quotation or list that completes the sentence. Headings, captions and table
rows are one sentence each. A marker right after a stop (`。12`) cites the sentence that stop ends.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .config import DEFAULT, Config
from .model import Block, Document, Sentence

if TYPE_CHECKING:
    from .resources import Resources

SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[」』）)”’】》]*|$)")
WHOLE_BLOCK_KINDS = ("heading", "caption", "table")


def split_block(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`, whitespace trimmed.

    >>> [ "abc。」d？e"[s:e] for s, e in split_block("abc。」d？e")]
    ['abc。」', 'd？', 'e']
    """
    spans = []
    for match in SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def split_sentences(document: Document, resources: Resources | None = None, config: Config = DEFAULT) -> Document:
    """Fill every block's `sentences`, with ids `<doc_id>:p<block>:s<n>`."""
    for block in document.blocks:
        spans = [(0, len(block.text))] if block.kind in WHOLE_BLOCK_KINDS else split_block(block.text)
        block.sentences = [
            Sentence(
                sentence_id=f"{document.doc_id}:p{block.index:03d}:s{k:02d}",
                text=block.text[start:end],
                start=start,
                footnote_refs=_cited(block, start, end, spans[k + 1][0] if k + 1 < len(spans) else None),
            )
            for k, (start, end) in enumerate(spans)
        ]
    _link_footnotes(document)
    return document


def _cited(block: Block, start: int, end: int, next_start: int | None) -> list[int]:
    """Markers inside the sentence or after its stop, up to where the next sentence starts."""
    limit = next_start if next_start is not None else len(block.text)
    return [n for pos, n in block.markers if (start < pos or start == pos == 0) and pos <= limit]


def _link_footnotes(document: Document) -> None:
    """Each footnote's `sentence_id`: the first body sentence that cites it."""
    citing: dict[int, str] = {}
    for sentence in document.sentences():
        for n in sentence.footnote_refs:
            citing.setdefault(n, sentence.sentence_id)
    for note in document.footnotes:
        note.sentence_id = citing.get(note.n, "")
