"""The spaCy component `dates`: `doc._.dates` and `doc.spans["dates"]`, found by the batch's path."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..config import DatesConfig
from .lexicon import DateLexicon
from .stage import text_dates


class DatesComponent:
    """Sets `doc._.dates` (TimeExpressions; kept if the caller already resolved them in document
    context) and `doc.spans["dates"]` (DATE spans, expanded to token boundaries)."""

    def __init__(self, lexicon: DateLexicon, policy: DatesConfig):
        self.lexicon = lexicon
        self.policy = policy

    def __call__(self, doc: Doc) -> Doc:
        if doc._.dates is None:
            doc._.dates = text_dates(doc.text, self.lexicon, self.policy)
        spans = [doc.char_span(d.start, d.end, label="DATE", alignment_mode="expand") for d in doc._.dates]
        doc.spans["dates"] = [span for span in spans if span is not None]
        return doc


@Language.factory("dates", default_config={"lexicons": [], "user_dict": None})
def dates_component(nlp: Language, name: str, lexicons: list[str], user_dict: str | None) -> DatesComponent:
    """The component `nlp.config` names, reading the shared `Resources` of these user resources
    (with the default dates policy)."""
    from ..resources import shared  # resources imports this package: a top-level import would be circular

    if not Doc.has_extension("dates"):
        Doc.set_extension("dates", default=None)
    return DatesComponent(shared(tuple(lexicons), user_dict).dates, DatesConfig())
