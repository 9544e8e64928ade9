"""Reading a document: every sentence recognised, then again where a name the document introduced
(by a gloss or a title) appears bare. The batch stage reads a chapter, the spaCy component a
one-sentence document, so both give the same entities."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from ..config import Config
from ..model import Document, Mention
from ..text import HAN_RUN
from .context import Context
from .definitions import definitions
from .lexicon import match_key
from .recognize import recognize
from .sources.glosses import ACRONYM
from .view import Candidate, SentenceView, split_at, word_spans

if TYPE_CHECKING:
    from ..resources import Resources


def annotate(document: Document, resources: Resources, config: Config) -> Document:
    """Fill every sentence's `mentions`; names glossed or titled once are recognised everywhere.
    The segmentation's word counts go to `document.word_counts` for the statistics."""
    context = Context(resources.entities, resources.segmenter.is_word, config.entities)
    sentences = list(document.sentences())
    segmented = [resources.segmenter.segment(s.text) for s in sentences]
    document.word_counts = [(w, t, n) for (w, t), n in Counter(p for pairs in segmented for p in pairs).items()]
    words = [word_spans(pairs) for pairs in segmented]
    for sentence, chosen in zip(sentences, read_document([s.text for s in sentences], words, context)):
        sentence.mentions = [
            Mention(c.start, c.end, sentence.text[c.start : c.end], c.label, c.method, name_en=c.name_en)
            for c in chosen
        ]
    return document


def read_document(texts: list[str], words: list[list[tuple[int, int, str]]], context: Context) -> list[list[Candidate]]:
    """The entities of each sentence of a document, given its (start, end, tag) words. Sentences
    where a name the document introduced appears bare are read a second time with that memory."""
    keys = [match_key(text) for text in texts]
    found = [recognize(SentenceView(text, tokens, key), context) for text, tokens, key in zip(texts, words, keys)]
    memory = document_memory([(text[c.start : c.end], c) for text, chosen in zip(texts, found) for c in chosen])
    for text, key, chosen in zip(texts, keys, found):
        for name, entity in defined_names(text, key, chosen, context).items():
            memory.setdefault(name, entity)
    remembering = context.remembering(memory)
    han_names = [name for name in memory if HAN_RUN.search(name)]
    other_names = [name for name in memory if not HAN_RUN.search(name)]
    for i, (text, tokens, key) in enumerate(zip(texts, words, keys)):
        if any(name in key for name in han_names) or any(name in text for name in other_names):
            # The second reading sees the words as the first left them: cut at its entities' edges.
            edges = {edge for c in found[i] for edge in (c.start, c.end)}
            found[i] = recognize(SentenceView(text, split_at(tokens, edges), key), remembering)
    return found


def defined_names(text: str, key: str, chosen: list[Candidate], context: Context) -> dict[str, tuple[str, str]]:
    """Short forms the sentence `text` (match form `key`) defines (上海合作組織（簡稱上合組織）),
    keyed as the memory keys them, with the label and English name of the mention they abbreviate."""
    by_end = {(c.start, c.end): c for c in chosen}
    named: dict[str, tuple[str, str]] = {}
    for d in definitions(key, list(by_end), context.cues.definition_cue, context.cues.list_joiners):
        long = by_end[(d.long_start, d.long_end)]
        short = text[d.short_start : d.short_end]
        named[match_key(short) if HAN_RUN.search(short) else short] = (long.label, long.name_en)
    return named


def document_memory(named: list[tuple[str, Candidate]]) -> dict[str, tuple[str, str]]:
    """Names a gloss or a title introduced (surface, candidate), to be recognised bare elsewhere in the document."""
    memory: dict[str, tuple[str, str]] = {}
    for text, c in named:
        if c.method == "gloss" or (c.method == "rule" and c.label == "PERSON"):
            if HAN_RUN.search(text) and len(text.strip()) >= (2 if c.label == "PERSON" else 3):
                memory.setdefault(match_key(text), (c.label, c.name_en))
            elif ACRONYM.fullmatch(text):
                memory.setdefault(text, (c.label, c.name_en))
    return memory
