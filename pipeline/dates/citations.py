"""Dates of footnotes and of the document: when a cited work appeared (`publication_interval`),
which notes date which sentence (`citations`), and the date a document gives as its own in its
first lines (`reference_date`), which deictic words count from."""

from __future__ import annotations

import re
from datetime import date

from ..config import DatesConfig
from ..model import Document
from .grammar import NUMERIC_DATE
from .grammar_words import preceding_char, skip_spaces
from .lexicon import DateLexicon
from .phrases import Interval, day_interval, month_interval, valid_day, year_interval
from .reading import QUOTE_PAIRS, find_dates, shadow

URL = re.compile(r"(?:https?://|www\.)\S+")
YEAR_IN_BRACKETS = re.compile(r"\((?:[^()]*?[\s,，:：;；])?(1[5-9][0-9]{2}|20[0-9]{2})\)")
LONE_YEAR = re.compile(r"(?<![0-9])(1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])")
URL_DAY = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12][0-9]|3[01])(?![0-9])")
URL_MONTH = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[/_-]?(0[1-9]|1[0-2])(?![0-9])")
SENTENCE_INSIDE = re.compile(r"[。！？].")
FIELD_BEFORE = ("", *"，,、:：(（;；")
FIELD_AFTER = ("", *"，,。.)）;；")
SHORT_NOTE = 60  # a note this short without a sentence inside cites a work even with no date pattern
RANK = {"day": 3, "month": 2, "part": 2, "year": 1}

Located = tuple[int, Interval]


def publication_interval(footnote_text: str, lexicon: DateLexicon) -> tuple[str, str]:
    """The cited work's date as (pub_start, pub_end), the most specific one the note gives.

    Dates inside a quoted title and in URLs count only when nothing else dates the note; a note
    that cites nothing (a comment in prose) has no publication date.

    >>> from pipeline.dates import load_lexicon
    >>> publication_interval("「美俄武器管制爭議又起」，中國時報，26 Apr 2000, p. 13。", load_lexicon())
    ('2000-04-26', '2000-04-26')
    >>> publication_interval("Comparative Strategy 14 (1995): 239.", load_lexicon())
    ('1995-01-01', '1995-12-31')
    """
    s = shadow(footnote_text, lexicon)
    urls = [m.span() for m in URL.finditer(s)]
    quoted = [m.span() for a, b in (*QUOTE_PAIRS, ('"', '"')) for m in re.finditer(f"{a}[^{a}{b}]*{b}", s)]
    written = citation_dates(lexicon, s)
    short = len(s) <= SHORT_NOTE and not SENTENCE_INSIDE.search(s)
    if urls or quoted or written or lexicon.patterns.page_reference.search(s) or short:
        written += chinese_field_dates(lexicon, s)
    candidates = [c for c in written if not any(a <= c[0] < b for a, b in urls + quoted)]
    if not candidates:
        # a press release or declaration carries its date in its title ("…, Kuala Lumpur, 14 December 2005")
        candidates = [c for c in written if c[1].granularity == "day" and not any(a <= c[0] < b for a, b in urls)]
    if not candidates and urls:
        candidates = url_dates(s, urls)
    if not candidates:
        return "", ""
    best = max(candidates, key=lambda c: (RANK.get(c[1].granularity, 0), -c[0]))[1]
    return best.start.isoformat(), best.end.isoformat()


def citation_dates(lexicon: DateLexicon, s: str) -> list[Located]:
    """(position, interval) of the dates a citation writes: 19 Apr 2000, July 2, 2005, Nov 2002,
    2001/12/14, 14.12.2001, (1995)."""
    found = []
    for pattern in lexicon.patterns.western_dates:
        for m in pattern.finditer(s):
            groups = m.groupdict()
            month = int(m.group("m")) if "m" in groups else lexicon.month_names[m.group("mon").lower()]
            year = int(m.group("y"))
            day = int(m.group("d")) if "d" in groups else None
            if day is None:
                found.append((m.start(), month_interval(year, month)))
            elif valid_day(year, month, day):
                found.append((m.start(), day_interval(date(year, month, day))))
    for m in NUMERIC_DATE.finditer(s):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if valid_day(year, month, day):
            found.append((m.start(), day_interval(date(year, month, day))))
    for m in YEAR_IN_BRACKETS.finditer(s):
        found.append((m.start(1), year_interval(int(m.group(1)))))
    return found


def chinese_field_dates(lexicon: DateLexicon, s: str) -> list[Located]:
    """Dates that fill a whole field of a citation: ，2005 年 11 月， or ，2001年12月14日。 or , 1995."""
    found = []
    for expression in find_dates(s, lexicon)[0]:
        if expression.kind == "explicit" and whole_field(lexicon, s, expression.start, expression.end):
            start, end = date.fromisoformat(expression.start_date), date.fromisoformat(expression.end_date)
            found.append((expression.start, Interval(start, end, expression.granularity, expression.value)))
    for m in LONE_YEAR.finditer(s):
        if whole_field(lexicon, s, m.start(), m.end()):
            found.append((m.start(), year_interval(int(m.group(1)))))
    return found


def whole_field(lexicon: DateLexicon, s: str, start: int, end: int) -> bool:
    """The date stands between field separators (a volume or issue number may follow: 2005 年
    11月第 30 卷)."""
    after = s[skip_spaces(s, end) :][:1]
    return preceding_char(s, start) in FIELD_BEFORE and (
        after in FIELD_AFTER or after in lexicon.words["ordinal_prefix"]
    )


def url_dates(s: str, urls: list[tuple[int, int]]) -> list[Located]:
    """A date in a URL path (/2001/12/14/, 20011213, 200205), the last resort."""
    for a, b in urls:
        url = s[a:b]
        m = URL_DAY.search(url)
        if m and valid_day(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return [(a, day_interval(date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))]
        m = URL_MONTH.search(url)
        if m:
            return [(a, month_interval(int(m.group(1)), int(m.group(2))))]
    return []


def citations(document: Document) -> dict[str, tuple[tuple[str, str], ...]]:
    """The footnote dates that date each sentence: its own notes; failing that, those of the next
    sentence of its block that cites any (one note often closes a paragraph), and after a colon
    those of the quotation block it introduces."""
    published = {f.n: (f.pub_start, f.pub_end) for f in document.footnotes if f.pub_start}
    pairs = list(document.sentence_blocks())
    # One pass from the end (a long paragraph must not be walked once per sentence): the first notes
    # cited after each sentence in its own block, and in the block after it.
    in_block: list[list[int]] = [[] for _ in pairs]
    in_next_block: list[list[int]] = [[] for _ in pairs]
    for k in range(len(pairs) - 2, -1, -1):
        following = pairs[k + 1][1].footnote_refs or in_block[k + 1]
        if pairs[k + 1][0] is pairs[k][0]:
            in_block[k], in_next_block[k] = following, in_next_block[k + 1]
        else:
            in_next_block[k] = following
    result = {}
    for k, (_, sentence) in enumerate(pairs):
        refs = sentence.footnote_refs or in_block[k]
        if not refs and sentence.text.rstrip().endswith(("：", ":")):
            refs = in_next_block[k]
        result[sentence.sentence_id] = tuple(published[n] for n in refs if n in published)
    return result


def reference_date(raw: str, lexicon: DateLexicon, policy: DatesConfig) -> date | None:
    """The date a document gives as its own in its first lines, else None: a line that is only a
    date, or a dateline (`中央社 2023/05/04`, `（記者王明台北2023年5月4日電）`, `2023-05-04 14:30`).
    A heading or a sentence that holds a date does not date the document.

    >>> from pipeline.config import DatesConfig
    >>> from pipeline.dates import load_lexicon
    >>> reference_date("中央社 2023/05/04\\n立法院今天三讀通過", load_lexicon(), DatesConfig())
    datetime.date(2023, 5, 4)
    >>> reference_date("民國112年5月4日\\n", load_lexicon(), DatesConfig())
    datetime.date(2023, 5, 4)
    >>> lexicon, policy = load_lexicon(), DatesConfig()
    >>> heading, sentence = "第三章 2001年9月11日以後\\n", "2001年9月11日，美國遭受攻擊。\\n"
    >>> [reference_date(text, lexicon, policy) for text in (heading, sentence)]
    [None, None]
    """
    for line in [line.strip() for line in raw.splitlines() if line.strip()][: policy.dateline_lines]:
        days = [d for d in find_dates(line, lexicon)[0] if d.kind == "explicit" and d.granularity == "day"]
        if len(days) != 1 or days[0].start_date != days[0].end_date:
            continue
        rest = "".join((line[: days[0].start] + line[days[0].end :]).split())
        if len(rest) <= policy.dateline_rest and not lexicon.patterns.dateline_stop.search(rest):
            return date.fromisoformat(days[0].start_date)
    return None
