"""Recognition of one sentence: the candidate sources in their order, then overlap resolution.

The batch (`annotate`) and the spaCy component both call `recognize`, so `nlp(sentence).ents`
and a one-sentence document's mentions are the same spans.
"""

from __future__ import annotations

from collections.abc import Callable

from .context import Context
from .resolve import resolve
from .sources import (
    demonyms,
    dotted_names,
    glossed_names,
    institutions,
    jieba_names,
    latin_matches,
    lexicon_matches,
    memory_matches,
    numbered_names,
    quoted_names,
    reported_persons,
    suffixed_names,
    titled_persons,
)
from .view import Candidate, SentenceView

Source = Callable[[SentenceView, Context, list[Candidate]], list[Candidate]]

# The sources in the order they run; each sees what the earlier ones found (a gloss its name,
# a demonym its country, a listed person the person before it).
SOURCES: tuple[Source, ...] = (
    lexicon_matches,
    latin_matches,
    memory_matches,
    demonyms,
    institutions,
    quoted_names,
    suffixed_names,
    numbered_names,
    titled_persons,
    reported_persons,
    glossed_names,
    jieba_names,
    dotted_names,
)


def candidates(view: SentenceView, context: Context) -> list[Candidate]:
    """Every source's candidates, in source order. A title right before a person a rule source
    finds (國務卿|鮑威爾) is no entity of its own: the candidate that is just that title is dropped,
    so later sources no longer see it."""
    found: list[Candidate] = []
    for source in SOURCES:
        added = source(view, context, found)
        found = without_titles_before(view, context, found, added) + added
    return found


def without_titles_before(
    view: SentenceView, context: Context, found: list[Candidate], added: list[Candidate]
) -> list[Candidate]:
    """`found` without the candidates that are just a title ending where an `added` rule PERSON starts."""
    if not added or not any(c.label == "PERSON" and c.method == "rule" for c in added):
        return found
    person_starts = {c.start for c in added if c.label == "PERSON" and c.method == "rule"}
    return [c for c in found if not (c.end in person_starts and view.key[c.start : c.end] in context.rules.titles)]


def recognize(view: SentenceView, context: Context) -> list[Candidate]:
    """The entities of a sentence, in the sentence's own offsets, sorted."""
    chosen = resolve(view, context, candidates(view, context))
    return [Candidate(*view.to_original(c.start, c.end), c.label, c.method, c.name_en) for c in chosen]
