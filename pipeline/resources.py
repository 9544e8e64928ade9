"""Everything heavy a stage reads, built once per process and set of user resources.

A `Resources` holds the one segmenter (jieba with the user dictionary and the lexicon's names), the
entity lexicon and rules, the date lexicon and the CAMEO tables. The runner builds it once and
passes it to every stage with the `Config`; the spaCy components and tokenizer, which spaCy builds
from `nlp.config`, take the same object through `shared`, so `pipeline.load()`, `spacy.load()` of a
saved pipeline and a batch run all read one copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import dates, entities, events
from .segment import Segmenter


@dataclass(frozen=True)
class Resources:
    """The loaded data files and models of a run."""

    segmenter: Segmenter
    entities: entities.EntityLexicon
    dates: dates.DateLexicon
    events: events.EventTables

    @classmethod
    def build(cls, lexicons: tuple[str, ...] = (), user_dict: str | None = None) -> Resources:
        """Read every data file; `lexicons` and `user_dict` are the user's own (see `Config`)."""
        entity_lexicon = entities.load_lexicon(lexicons)
        segmenter = Segmenter([user_dict] if user_dict else [], entity_lexicon.jieba_words())
        return cls(segmenter, entity_lexicon, dates.load_lexicon(), events.load_tables())


_SHARED: dict[tuple[tuple[str, ...], str | None], Resources] = {}


def shared(lexicons: tuple[str, ...] = (), user_dict: str | None = None) -> Resources:
    """The process's one `Resources` for these user resources (built on first use)."""
    key = (tuple(lexicons), user_dict)
    if key not in _SHARED:
        _SHARED[key] = Resources.build(*key)
    return _SHARED[key]
