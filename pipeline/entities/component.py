"""The spaCy component `entities`: the batch's recognition on a `Doc`, as `doc.ents`.

Each span carries `._.entity_method` (the source that won), `._.name_en` and `kb_id_`: the id
linking gives the entity (`entity_index.csv`) wherever the mention's English name decides it,
that is for lexicon names, glosses and memory names with an English name and for abbreviations of
one state. It is '' where the id is known only after linking: names without an English name
(rule-made names such as 法國國防部 or 張志明, jieba's names), whose id is their canonical
surface among all the mentions linked to them. Linking may still merge a mention into a larger
group (a gloss's English name gives way to a lexicon row's) or add a suffix when two entities
share an id.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..config import EntitiesConfig
from ..model import ENTITY_LABELS
from .actors import english_id
from .annotate import read_document
from .context import Context
from .view import Candidate, doc_spans

SPAN_EXTENSIONS = ("entity_method", "name_en")


class EntityRecognizer:
    """Sets `doc.ents` on a sentence, read as the batch reads a one-sentence document."""

    def __init__(self, context: Context):
        self.context = context

    def __call__(self, doc: Doc) -> Doc:
        return set_entities(doc, read_document([doc.text], [doc_spans(doc)], self.context)[0])


@Language.factory("entities", default_config={"lexicons": [], "user_dict": None})
def make_entity_recognizer(nlp: Language, name: str, lexicons: list[str], user_dict: str | None) -> EntityRecognizer:
    """The component `nlp.config` names: the shared `Resources` of these user resources (their
    entity lexicon and the segmenter's dictionary) with the default entities policy."""
    from ..resources import shared

    for extension in SPAN_EXTENSIONS:
        if not Span.has_extension(extension):
            Span.set_extension(extension, default="")
    resources = shared(tuple(lexicons), user_dict)
    is_word: Callable[[str], bool] = resources.segmenter.is_word
    return EntityRecognizer(Context(resources.entities, is_word, EntitiesConfig()))


def set_entities(doc: Doc, chosen: list[Candidate]) -> Doc:
    """Put `chosen` on `doc.ents`, splitting tokens where a span edge falls inside one."""
    split_tokens(doc, {edge for c in chosen for edge in (c.start, c.end)})
    spans = []
    for c in chosen:
        span = doc.char_span(c.start, c.end, label=c.label, kb_id=english_id(c.label, c.name_en) if c.name_en else "")
        if span is None:
            continue
        span._.entity_method = c.method
        span._.name_en = c.name_en
        spans.append(span)
    others = [
        e
        for e in doc.ents
        if e.label_ not in ENTITY_LABELS and not any(e.start_char < c.end and c.start < e.end_char for c in chosen)
    ]
    doc.ents = sorted(spans + others, key=lambda s: s.start)
    return doc


def split_tokens(doc: Doc, edges: set[int]) -> None:
    """Split the tokens of `doc` that an edge falls inside, each piece keeping the token's tag."""
    cuts = {}
    for token in doc:
        inner = sorted(e - token.idx for e in edges if token.idx < e < token.idx + len(token.text))
        if inner:
            cuts[token.i] = inner
    if not cuts:
        return
    with doc.retokenize() as retokenizer:
        for i, inner in cuts.items():
            token = doc[i]
            bounds = [0, *inner, len(token.text)]
            pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
            retokenizer.split(
                token, pieces, heads=[(token, 0)] * len(pieces), attrs={"TAG": [token.tag_] * len(pieces)}
            )
