"""Dates stage: temporal expressions in body sentences, normalised to closed intervals of days.

Every expression becomes a `TimeExpression` whose `start_date..end_date` follows the interval
conventions of CONTRACT.md (a month is its first..last day, 90年代 is 1990..1999, 年底 is
Oct..Dec). Expressions that lack a year or a month (同年, 4月15日, 27日, 隔天) take it from a
`DateContext` carried through the document in reading order. Two refinements keep that context on
the narrative line rather than on the last number seen:

- a year or month mentioned in passing and earlier than the narrative (退出 1972年簽署的條約) is a
  background date: 同年 may refer back to it, but a later 10月25日 keeps the narrative's year;
- the footnotes a sentence cites overrule the context when they date it (a bare 14日 next to a
  note dated 14 Dec 2001 is that day; 今天 in quoted speech is no later than its report).

Deictic words (今天, 去年, 上週三, 三天後) count from the time of speaking: the document's own date
when its first lines give one (a news dateline: `中央社 2023/05/04`), else the time the narrative
stands at, as in a thesis quoting a speech. Resolving one deictic word does not move that anchor,
so 去年 then 明年 stay a year before and a year after the same day. Anaphoric words (同年, 隔天)
follow the narrative.

Matching runs on the Traditional form of the text with ASCII digits; both conversions keep the
length, so offsets found there index the original text and Simplified input works too.

Modules: `lexicon` (the data files), `numerals`, `grammar`, `grammar_calendar` and `grammar_words`
(the phrase readers), `phrases` (one dataclass per kind of phrase), `resolve` (intervals and the
context), `reading` (one sentence), `citations` (footnotes and the document's own date), `stage`
(the one path of the batch stage and of the spaCy component in `component`).
"""

from __future__ import annotations

from .citations import citations, publication_interval, reference_date
from .component import DatesComponent, dates_component
from .lexicon import DateLexicon, load_lexicon
from .reading import find_dates
from .resolve import DateContext
from .stage import annotate, text_dates

__all__ = [
    "DateContext",
    "DateLexicon",
    "DatesComponent",
    "annotate",
    "citations",
    "dates_component",
    "find_dates",
    "load_lexicon",
    "publication_interval",
    "reference_date",
    "text_dates",
]
