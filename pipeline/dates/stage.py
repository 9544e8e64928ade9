"""The one path dates take, for the batch stage and the spaCy component alike: sentences read in
order, the context carried from each to the next, starting from the document's own date."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from ..config import Config, DatesConfig
from ..model import Document, TimeExpression
from ..sentences import split_block
from .citations import citations, publication_interval, reference_date
from .lexicon import DateLexicon
from .reading import find_dates
from .resolve import DateContext

if TYPE_CHECKING:
    from ..resources import Resources

Cited = tuple[tuple[str, str], ...]


def opening_context(raw: str, lexicon: DateLexicon, policy: DatesConfig) -> DateContext:
    """The context a document starts in: written on its own date if its first lines give one."""
    reference = reference_date(raw, lexicon, policy)
    return DateContext.written_on(reference) if reference else DateContext()


def dated_sentences(
    sentences: Iterable[tuple[str, Cited, bool]], lexicon: DateLexicon, context: DateContext
) -> Iterator[list[TimeExpression]]:
    """The dates of each (text, cited notes' dates, is a heading) sentence, in reading order."""
    for text, cited, in_title in sentences:
        found, context = find_dates(text, lexicon, context, cited=cited, in_title=in_title)
        yield found


def annotate(document: Document, resources: Resources, config: Config) -> Document:
    """Fill every footnote's pub_start/pub_end, then every sentence's dates in reading order,
    deictic words counting from the document's own date if its first lines give one."""
    lexicon = resources.dates
    for footnote in document.footnotes:
        footnote.pub_start, footnote.pub_end = publication_interval(footnote.text, lexicon)
    cited = citations(document)
    pairs = list(document.sentence_blocks())
    sentences = ((s.text, cited[s.sentence_id], block.kind == "heading") for block, s in pairs)
    context = opening_context(document.raw, lexicon, config.dates)
    for (_, sentence), found in zip(pairs, dated_sentences(sentences, lexicon, context)):
        sentence.dates = found
    return document


def text_dates(text: str, lexicon: DateLexicon, policy: DatesConfig) -> list[TimeExpression]:
    """The dates of a plain text read as the batch reads a chapter of one paragraph per line:
    each line split into sentences, offsets into `text`.

    >>> from pipeline.dates import load_lexicon
    >>> [(d.start, d.text, d.start_date) for d in text_dates("2001年7月。\\n15日訪問", load_lexicon(), DatesConfig())]
    [(0, '2001年7月', '2001-07-01'), (9, '15日', '2001-07-15')]
    """
    spans = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        spans += [(line_start + start, line_start + end) for start, end in split_block(line)]
        line_start += len(line)
    sentences = ((text[start:end], (), False) for start, end in spans)
    found = dated_sentences(sentences, lexicon, opening_context(text, lexicon, policy))
    return [
        replace(d, start=d.start + start, end=d.end + start) for (start, _), dates in zip(spans, found) for d in dates
    ]
