"""The batch stage: every sentence of a document recognised with the run's segmenter, then again
where a name the document introduced (by a gloss or a title) appears bare."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..config import Config
from ..model import Document, Mention, Sentence
from ..text import HAN_RUN
from .context import Context, Memory
from .lexicon import match_key
from .recognize import recognize
from .sources.glosses import ACRONYM
from .view import Candidate, SentenceView, split_at, word_spans

if TYPE_CHECKING:
    from ..resources import Resources


def annotate(document: Document, resources: Resources, config: Config) -> Document:
    """Fill every sentence's `mentions`; names glossed or titled once are recognised everywhere."""
    context = Context(resources.entities, resources.segmenter.is_word, config.entities)
    sentences = list(document.sentences())
    tokens = [word_spans(resources.segmenter.segment(s.text)) for s in sentences]
    found = [recognize(SentenceView(s.text, t), context) for s, t in zip(sentences, tokens)]
    memory = document_memory([m for s, chosen in zip(sentences, found) for m in mentions(s, chosen)])
    remembering = context.remembering(memory)
    for sentence, words, chosen in zip(sentences, tokens, found):
        if mentions_memory(sentence.text, memory):
            # The second reading sees the words as the first left them: cut at its entities' edges.
            edges = {edge for c in chosen for edge in (c.start, c.end)}
            chosen = recognize(SentenceView(sentence.text, split_at(words, edges)), remembering)
        sentence.mentions = mentions(sentence, chosen)
    return document


def mentions(sentence: Sentence, chosen: list[Candidate]) -> list[Mention]:
    """The chosen candidates as the sentence's mentions."""
    return [Mention(c.start, c.end, sentence.text[c.start:c.end], c.label, c.method, name_en=c.name_en)
            for c in chosen]


def mentions_memory(text: str, memory: Memory) -> bool:
    """Whether a remembered name occurs in `text` (a Han name in its match form)."""
    key = match_key(text)
    return any(name in (key if HAN_RUN.search(name) else text) for name in memory)


def document_memory(mentions: list[Mention]) -> dict[str, tuple[str, str]]:
    """Names a gloss or a title introduced, to be recognised bare elsewhere in the document."""
    memory: dict[str, tuple[str, str]] = {}
    for m in mentions:
        if m.method == "gloss" or (m.method == "rule" and m.label == "PERSON"):
            if HAN_RUN.search(m.text) and len(m.text.strip()) >= (2 if m.label == "PERSON" else 3):
                memory.setdefault(match_key(m.text), (m.label, m.name_en))
            elif ACRONYM.fullmatch(m.text):
                memory.setdefault(m.text, (m.label, m.name_en))
    return memory
