"""One sentence read left to right: at each position the longest date expression, resolved in the
context the sentences before left, which it may move on.

Matching runs on the sentence's shadow: its Traditional form with ASCII digits, the same length,
so offsets found there index the original text and Simplified input works too.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import TimeExpression
from ..text import aligned_traditional
from .grammar import phrase_at
from .grammar_words import preceding_char
from .lexicon import DateLexicon
from .phrases import EventPhrase, Interval, Phrase
from .resolve import DateContext, advance, is_background, parenthetical, resolve

ASCII_DIGITS = str.maketrans("０１２３４５６７８９／", "0123456789/")
QUOTE_PAIRS = (("《", "》"), ("〈", "〉"), ("「", "」"), ("『", "』"), ("“", "”"))
TITLE_QUOTES = "《〈"  # always a title; the other quotes only when they read as a name
NAME_STOPS = re.compile(r"[，。！？；：,!?;:]")
LONGEST_NAME = 40


def shadow(text: str, lexicon: DateLexicon) -> str:
    """`text` as the matcher reads it: Traditional characters, ASCII digits, same length. 周 stays
    as written: the converter makes it 週 (week) even where it is the surname (周一鳴).

    >>> from pipeline.dates import load_lexicon
    >>> shadow("周一下午两点，２０２３年", load_lexicon())
    '周一下午兩點，2023年'
    """
    kept = lexicon.words["shadow_kept"]
    traditional = aligned_traditional(text)
    traditional = "".join(written if written in kept else char for written, char in zip(text, traditional))
    return traditional.translate(ASCII_DIGITS)


def title_spans(lexicon: DateLexicon, s: str) -> list[tuple[int, int]]:
    """Inner spans of quoted titles: 《…》 always; 「…」 when it reads as a name, not as speech."""
    spans = []
    for opening, closing in QUOTE_PAIRS:
        for match in re.finditer(f"{opening}([^{opening}{closing}]*){closing}", s):
            inner = match.group(1)
            is_name = (
                len(inner) <= LONGEST_NAME
                and not NAME_STOPS.search(inner)
                and preceding_char(s, match.start()) not in lexicon.guard("speech_before")
            )
            if opening in TITLE_QUOTES or is_name:
                spans.append(match.span(1))
    return spans


def find_dates(
    text: str,
    lexicon: DateLexicon,
    context: DateContext | None = None,
    *,
    cited: tuple[tuple[str, str], ...] = (),
    in_title: bool = False,
) -> tuple[list[TimeExpression], DateContext]:
    """Temporal expressions of one sentence, resolved in `context`, and the context after them.

    `cited` holds the (pub_start, pub_end) of the footnotes that date the sentence; `in_title`
    marks a heading (its dates are kind in_title).

    >>> from pipeline.dates import load_lexicon
    >>> found, after = find_dates("2001年2月28日結束訪問，27日晚間發表演說", load_lexicon())
    >>> [(d.text, d.start_date, d.kind) for d in found]
    [('2001年2月28日', '2001-02-28', 'explicit'), ('27日', '2001-02-27', 'contextual')]
    """
    context = context or DateContext()
    reports = tuple(date.fromisoformat(a) for a, b in cited if a and a == b)
    s = shadow(text, lexicon)
    titles = title_spans(lexicon, s)
    found = []
    starts = lexicon.patterns.phrase_start
    i = 0
    while (candidate := starts.search(s, i)) is not None:
        i = candidate.start()
        phrase = phrase_at(lexicon, s, i)
        if phrase is None:
            i += 1
            continue
        interval, contextual = resolve(phrase, context, reports)
        quoted_title = any(
            a <= phrase.start and phrase.end <= b and (a, b) != (phrase.start, phrase.end) for a, b in titles
        )
        event = isinstance(phrase, EventPhrase)
        if interval and not event and not quoted_title and not parenthetical(s, phrase.start):
            context = advance(context, phrase, interval, is_background(lexicon, phrase, interval, context, s))
        found.append(expression(text, phrase, interval, contextual, in_title or quoted_title))
        i = phrase.end
    return found, context


def expression(
    text: str, phrase: Phrase, interval: Interval | None, contextual: bool, in_title: bool
) -> TimeExpression:
    """The row of one phrase: its kind (explicit, contextual, event_name, in_title, unresolved) and
    its interval."""
    if interval is None:
        kind = "unresolved"
    elif in_title:
        kind = "in_title"
    else:
        kind = "event_name" if isinstance(phrase, EventPhrase) else "contextual" if contextual else "explicit"
    granularity = interval.granularity if interval else phrase.stated_granularity()
    if granularity == "week":  # CONTRACT.md's granularities have no week: a week is part of a year
        granularity = "part"
    return TimeExpression(
        start=phrase.start,
        end=phrase.end,
        text=text[phrase.start : phrase.end],
        start_date=interval.start.isoformat() if interval else "",
        end_date=interval.end.isoformat() if interval else "",
        granularity=granularity,
        kind=kind,
        value=interval.value if interval else "",
    )
