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
"""
from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc

from .config import Config
from .datafiles import read_tsv
from .model import Document, TimeExpression

if TYPE_CHECKING:
    from .resources import Resources
from .script import to_traditional

CN_DIGITS = {"○": 0, "〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "十廿卅百"
NUMERAL = re.compile(r"[0-9]{1,4}|[○〇零一二三四五六七八九十廿卅百]{1,6}")
SPACES = re.compile(r"\s*")
INLINE_SPACES = re.compile(r"[ \t\u3000]*")
SPELLED_DAY = re.compile(r"[（(]\s*(3[01]|[12][0-9]|0?[1-9])\s*[)）]\s*日")
RANGE_JOINER = re.compile(r"\s*(?:至|到|~|∼|～|〜|-|－|—|–|─)\s*")
ROC_PREFIX = re.compile(r"民國\s*(前\s*)?")
NUMERIC_DATE = re.compile(r"(?<![0-9A-Za-z/._-])([12][0-9]{3})([/.-])(1[0-2]|0?[1-9])\2(3[01]|[12][0-9]|0?[1-9])"
                          r"(?![0-9])")
BETWEEN = re.compile(r"\s*(?:之間|期間|間)")
ROC_NUMERIC_DATE = re.compile(r"(?<![0-9A-Za-z/._-])(1[0-9]{2})([/.])(1[0-2]|0?[1-9])\2(3[01]|[12][0-9]|0?[1-9])"
                              r"(?![0-9]|[/.][0-9])")
ASCII_DIGITS = str.maketrans("０１２３４５６７８９／", "0123456789/")
QUOTE_PAIRS = ("《》", "〈〉", "「」", "『』", "“”")
CLAUSE_BOUNDARY = "，。！？；：,;:!?、「」『』“”()（）\n"
DAY_MARKS = "日號号"
WEEKEND = (6, 7)  # ISO weekdays of 週末
# A dateline is one of the first lines of a document: a date and at most a short source or place.
DATELINE_LINES = 3
DATELINE_REST = 20
# Page, volume and issue references mark a note as a citation (p. 89, pp.101-102, 頁 80, 第 5 期).
PAGE_REFERENCE = re.compile(r"\bpp?\.\s*[0-9]|頁\s*[0-9]|第\s*[0-9]+\s*[期卷]")


# ---------------------------------------------------------------- lexicon

@dataclass(frozen=True)
class Part:
    """A part of a unit (年底 of a year, 中旬 of a month, 初 of a decade) and the span it covers."""

    word: str
    unit: str
    first: int
    last: int
    timex: str
    standalone: str
    shares_unit: bool
    blocked_next: str


@dataclass(frozen=True)
class Relative:
    """A relative time word (同年, 隔天) and how far from which anchor it points."""

    word: str
    unit: str
    offset: int
    anchor: str
    blocked_prev: str
    blocked_next: str


@dataclass(frozen=True)
class WeekWord:
    """A piece of a week expression: a prefix (上 = the week before), a noun (週) or a day (三)."""

    word: str
    role: str
    offset: int
    first_day: int
    last_day: int
    guarded: bool
    blocked_next: str


@dataclass(frozen=True)
class OffsetWord:
    """A unit (天, 個月: `value` day ... year) or a direction (前, 之後: `value` -1 or 1) of a
    counted offset such as 三天後."""

    word: str
    role: str
    value: str
    largest: int
    chinese_only: bool
    blocked_next: str


@dataclass(frozen=True)
class DateLexicon:
    """The data files of this stage and the patterns built from them."""

    parts: tuple[Part, ...]
    relatives: tuple[Relative, ...]
    weeks: dict[str, tuple[WeekWord, ...]]
    offsets: dict[str, tuple[OffsetWord, ...]]
    events: dict[str, tuple[date, date]]
    event_names: re.Pattern
    holidays: dict[str, tuple[int, int]]
    month_names: dict[str, int]
    western_dates: tuple[re.Pattern, ...]
    guards: dict[str, tuple[str, ...]]


def read_table(name: str) -> list[list[str]]:
    """Rows of one of this stage's data files, as lists of cells in column order."""
    return [list(row.values()) for row in read_tsv(name)]


@cache
def lexicon() -> DateLexicon:
    """The data files of this stage, read and compiled once."""
    parts = tuple(Part(w, u, int(a), int(b), t, s, shares == "yes", n)
                  for w, u, a, b, t, s, shares, n in read_table("dates_parts.tsv"))
    relatives = tuple(Relative(w, u, int(o), a, p, n) for w, u, o, a, p, n in read_table("dates_relative.tsv"))
    weeks = by_role(WeekWord(w, r, int(o or 0), int(a or 0), int(b or 0), g == "yes", n)
                    for w, r, o, a, b, g, n in read_table("dates_weeks.tsv"))
    offsets = by_role(OffsetWord(w, r, u, int(m or 0), n == "chinese", b)
                      for w, r, u, m, n, b in read_table("dates_offsets.tsv"))
    events = {name: (date.fromisoformat(a), date.fromisoformat(b)) for name, a, b in read_table("dates_event_names.tsv")}
    month_names = {name.lower(): int(n) for name, n in read_table("dates_month_names.tsv")}
    guards = {name: tuple(entries.split()) for name, entries, _ in read_table("dates_guards.tsv")}
    holidays = {name: (int(month), int(day))
                for name, month, day in sorted(read_table("dates_holidays.tsv"), key=lambda row: -len(row[0]))}
    return DateLexicon(parts, relatives, weeks, offsets, events, event_name_pattern(events), holidays, month_names,
                   western_date_patterns(month_names), guards)


def by_role(words) -> dict:
    """Words of a table grouped by their role column, longest first (the longest match wins)."""
    grouped = {}
    for word in sorted(words, key=lambda w: len(w.word), reverse=True):
        grouped.setdefault(word.role, []).append(word)
    return {role: tuple(group) for role, group in grouped.items()}


def guard(name: str) -> tuple[str, ...]:
    """The entries of one guard of dates_guards.tsv (count_before, japan_after ...)."""
    return lexicon().guards[name]


def event_name_pattern(events: dict[str, tuple[date, date]]) -> re.Pattern:
    """The event names, longest first, spaces allowed between their characters (PDF text often
    has `911 事件`)."""
    names = sorted(events, key=len, reverse=True)
    return re.compile("|".join(r"\s*".join(map(re.escape, name)) for name in names))


def western_date_patterns(month_names: dict[str, int]) -> tuple[re.Pattern, ...]:
    """Day-month-year, month-day-year, month-year and dotted day.month.year, as citations write
    them (19 Apr 2000, July 2, 2005, Nov 2002, 14.12.2001)."""
    names = "|".join(sorted(map(re.escape, month_names), key=len, reverse=True))
    month = rf"(?P<mon>{names})(?![A-Za-zА-Яа-яЁё])\.?"
    year = r"(?P<y>[12][0-9]{3})(?![0-9])"
    flags = re.IGNORECASE
    return (re.compile(rf"(?<![0-9])(?P<d>[0-3]?[0-9]),?\s+{month},?\s+{year}", flags),
            re.compile(rf"(?<![A-Za-zА-Яа-яЁё]){month}\s*(?P<d>[0-3]?[0-9]),?\s+{year}", flags),
            re.compile(rf"(?<![A-Za-zА-Яа-яЁё]){month},?\s+{year}", flags),
            re.compile(rf"(?<![0-9.])(?P<d>3[01]|[12][0-9]|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.{year}"))


# ---------------------------------------------------------------- intervals and context

@dataclass(frozen=True)
class Interval:
    """A closed interval of days with its granularity and TIMEX3-style value."""

    start: date
    end: date
    granularity: str
    value: str


@dataclass(frozen=True)
class DateContext:
    """Where the narrative stands, for dates that lack a year, month or day.

    `year`, `month` and `day` follow the narrative line (the latest date that is not a background
    mention); `mentioned_year` is the year of the latest date mentioned at all, which 同年 and
    該年 refer back to. `reference` is the document's own date (a news dateline), which deictic
    words count from; `speech` is where the narrative stood when deictic words began to be read
    (None once a date of the narrative moves it on), so that 去年 does not move 明年.
    """

    year: int | None = None
    month: tuple[int, int] | None = None
    day: date | None = None
    mentioned_year: int | None = None
    reference: date | None = None
    speech: DateContext | None = None

    @classmethod
    def standing_at(cls, day: date) -> DateContext:
        """The narrative standing at `day`."""
        return cls(day.year, (day.year, day.month), day, day.year)

    @classmethod
    def written_on(cls, day: date) -> DateContext:
        """The context at the start of a document dated `day`: the narrative and the time of
        speaking are both that day.

        >>> [d.start_date for d in find_dates("去年通過，明年再審", DateContext.written_on(date(2023, 5, 4)))[0]]
        ['2022-01-01', '2024-01-01']
        """
        return replace(cls.standing_at(day), reference=day, speech=cls.standing_at(day))

    def deictic_anchor(self) -> DateContext:
        """Where 今天, 去年 and 上週三 count from: the document's date, else the time of the
        speech being read, else the narrative."""
        if self.reference:
            return DateContext.standing_at(self.reference)
        return self.speech or self

    def point(self) -> date | None:
        """The earliest day the narrative may stand at."""
        if self.day:
            return self.day
        if self.month:
            return date(self.month[0], self.month[1], 1)
        return date(self.year, 1, 1) if self.year else None


def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """(year, month) `offset` months away: shift_month(2001, 12, 1) == (2002, 1)."""
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def valid_year(year: int | None) -> bool:
    return year is not None and 1 <= year <= 9998


def day_interval(day: date) -> Interval:
    return Interval(day, day, "day", day.isoformat())


def month_interval(year: int, month: int) -> Interval:
    return Interval(date(year, month, 1), date(year, month, month_length(year, month)), "month",
                    f"{year:04d}-{month:02d}")


def year_interval(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}")


def part_interval(part: Part, year: int, month: int | None = None) -> Interval:
    """The span of `part` within a year or a month (年底 of 2001 -> 2001-10-01..2001-12-31)."""
    if part.unit == "month" and month is not None:
        last = min(part.last, month_length(year, month))
        return Interval(date(year, month, part.first), date(year, month, last), "part", f"{year:04d}-{month:02d}")
    first_year, first_month = shift_month(year, 1, part.first - 1)
    last_year, last_month = shift_month(year, 1, part.last - 1)
    value = f"{year:04d}-{part.timex}" if part.timex else f"{year:04d}"
    return Interval(date(first_year, first_month, 1),
                    date(last_year, last_month, month_length(last_year, last_month)), "part", value)


def years_interval(first: int, last: int, granularity: str, value: str) -> Interval:
    return Interval(date(first, 1, 1), date(last, 12, 31), granularity, value)


# ---------------------------------------------------------------- numbers

def numeral_value(token: str) -> int | None:
    """Value of an Arabic or Chinese numeral: '2001', '二○○一', '九十', '廿一', '十二'.

    >>> [numeral_value(t) for t in ("2001", "二○○一", "九十", "二十一", "十", "一百零一")]
    [2001, 2001, 90, 21, 10, 101]
    """
    if token.isascii():
        return int(token) if token.isdigit() else None
    if not any(c in "十廿卅百" for c in token):
        return int("".join(str(CN_DIGITS[c]) for c in token))
    total = current = 0
    for c in token:
        if c in CN_DIGITS:
            current = CN_DIGITS[c]
        elif c in "廿卅":
            total += current * 100 + (20 if c == "廿" else 30)
            current = 0
        else:
            total += (current or 1) * (10 if c == "十" else 100)
            current = 0
    return total + current


def numeral_at(s: str, i: int) -> tuple[str, int] | None:
    """The numeral starting at `i` (not in the middle of another number) and where it ends."""
    match = NUMERAL.match(s, i)
    if not match:
        return None
    prev = s[i - 1] if i else ""
    if one_of(prev, "./_") or (prev.isascii() and prev.isalnum()):
        return None
    if match.group()[0] in CN_NUMERAL_CHARS and one_of(prev, CN_NUMERAL_CHARS):
        return None
    return match.group(), match.end()


def unit_after(s: str, i: int, units: str) -> int | None:
    """Position after the unit character (年, 月, 日 ...) that follows `i` past spaces, if any."""
    j = SPACES.match(s, i).end()
    return j + 1 if j < len(s) and s[j] in units else None


def one_of(char: str, chars: str) -> bool:
    """`char` is one of `chars` ('' never is, unlike `'' in chars`)."""
    return bool(char) and char in chars


def preceding_char(s: str, i: int) -> str:
    """The last non-space character before `i` ('' at the start)."""
    j = i - 1
    while j >= 0 and s[j].isspace():
        j -= 1
    return s[j] if j >= 0 else ""


def counted(s: str, i: int) -> bool:
    """True when the number at `i` is a count or an ordinal (第3日, 每月, 數日)."""
    return preceding_char(s, i) in guard("count_before")


# ---------------------------------------------------------------- phrases

@dataclass
class Phrase:
    """A date expression as written: the fields it states, before context fills the rest."""

    start: int
    end: int
    year: int | None = None
    two_digit: bool = False
    roc: bool = False
    month: int | None = None
    day: int | None = None
    relative: Relative | None = None
    part: Part | None = None
    century: int | None = None
    decade: int | None = None
    event: Interval | None = None
    week: int | None = None
    weekdays: tuple[int, int] | None = None
    offset: tuple[str, int] | None = None
    same_day: bool = False
    until: Phrase | None = None

    def unit(self) -> str:
        """The finest unit the phrase states: day, week, month or year."""
        if self.same_day:
            return "day"
        if self.offset:
            return self.offset[0]
        if self.week is not None:
            return "day" if self.weekdays and self.weekdays != WEEKEND else "week"
        if self.day is not None or (self.relative and self.relative.unit == "day"):
            return "day"
        if self.month is not None or (self.relative and self.relative.unit == "month"):
            return "month"
        if self.part and self.part.unit == "month":
            return "month"
        return "year"

    def deictic(self) -> bool:
        """True for words that count from the time of speaking (今天, 去年, 上週三)."""
        return self.week is not None or (self.relative is not None and self.relative.anchor == "speech")


def year_at(s: str, i: int, roc_implied: bool = False) -> tuple[int, int, bool] | None:
    """(year, end after 年, two-digit?) for 2001年, 二○○一年, 民國90年, 90年 at `i`;
    `roc_implied` reads a bare number as an ROC year (the 九十年 of 民國八十九年至九十年)."""
    prefix = ROC_PREFIX.match(s, i)
    roc = bool(prefix) or roc_implied
    start = prefix.end() if prefix else i
    token = numeral_at(s, start)
    if not token:
        return None
    end = unit_after(s, token[1], "年")
    if end is None or s.startswith("代", end):
        return None
    value = numeral_value(token[0])
    if roc:
        if value is None or not 1 <= value <= 200:
            return None
        return (1912 - value if prefix and prefix.group(1) else 1911 + value), end, False
    if token[0].isascii() and len(token[0]) == 2:
        return 1900 + int(token[0]), end, True
    if three_digit_roc_year(s, start, token[0], end):
        return 1911 + value, end, False
    if len(token[0]) == 4 and value is not None and 1000 <= value <= 2199 and not any(c in "十廿卅百" for c in token[0]):
        return value, end, False
    return None


def three_digit_roc_year(s: str, start: int, token: str, end: int) -> bool:
    """112年 without 民國 is ROC year 112 (2023): in Taiwan a three-digit year is always ROC,
    unless the number counts years (已有150年歷史, 100年來, 150年前).

    >>> [three_digit_roc_year(t, 0, t[:3], 4) for t in ("112年5月", "112年度", "150年前")]
    [True, True, False]
    """
    value = numeral_value(token)
    three_digits = len(token) == 3 if token.isascii() or not any(c in "十百" for c in token) else True
    if value is None or not three_digits or not 100 <= value <= 199:
        return False
    if s.startswith("度", end) or month_at(s, next_token(s, end), bare=False):
        return True
    before = preceding_char(s, start)
    return before not in guard("years_counted_before") and not s.startswith(guard("years_counted_after"), end)


def numeral_pair_at(s: str, i: int) -> tuple[tuple[str, int], tuple[str, int], int] | None:
    """Two numerals joined by a range sign (1999∼2001, 9-11, 11 至 12): both (text, end) tokens and
    where the second starts."""
    token = numeral_at(s, i)
    if not token:
        return None
    joiner = RANGE_JOINER.match(s, token[1])
    if not joiner or joiner.end() == token[1]:
        return None
    second = numeral_at(s, joiner.end())
    return (token, second, joiner.end()) if second else None


def bare_year_range_at(s: str, i: int) -> Phrase | None:
    """1999∼2001年, 民國89至90年, 90至91年間: a first year that shares the second one's 年."""
    roc = ROC_PREFIX.match(s, i)
    pair = numeral_pair_at(s, roc.end() if roc else i)
    if not pair:
        return None
    token, second, second_start = pair
    end = unit_after(s, second[1], "年")
    if end is None or s.startswith("代", end):
        return None
    first_value, second_value = numeral_value(token[0]), numeral_value(second[0])
    if first_value is None or second_value is None:
        return None
    if roc:
        years = (1911 + first_value, 1911 + second_value)
    elif token[0].isascii() and second[0].isascii() and len(token[0]) == len(second[0]) == 2:
        if not BETWEEN.match(s, end) or round_numbers(first_value, second_value):
            return None
        years = (1900 + first_value, 1900 + second_value)
    elif len(token[0]) == len(second[0]) == 4 and token[0].isascii() == second[0].isascii():
        years = (first_value, second_value)
    elif token[0].isascii() and second[0].isascii() and len(token[0]) == len(second[0]) == 3 and second_value < 200:
        years = (1911 + first_value, 1911 + second_value)
    else:
        return None
    if not (1000 <= years[0] <= years[1] <= 2199 or roc and 1912 <= years[0] <= years[1]):
        return None
    return Phrase(i, end, year=years[0], until=Phrase(second_start, end, year=years[1]))


def month_value(token: str) -> int | None:
    value = 1 if token == "元" else numeral_value(token)
    return value if value is not None and 1 <= value <= 12 else None


def month_at(s: str, i: int, bare: bool) -> tuple[int, int] | None:
    """(month, end) for 4月, 十二月, 元月, 9月份 at `i`; `bare` months (no year) are guarded."""
    if s.startswith("元", i):
        if preceding_char(s, i) in guard("currency_before"):
            return None
        token = ("元", i + 1)
    else:
        token = numeral_at(s, i)
    if not token:
        return None
    end = unit_after(s, token[1], "月")
    value = month_value(token[0])
    if end is None or value is None:
        return None
    if bare and (counted(s, i) or (not token[0].isascii() and token[0] != "元" and len(token[0]) > 2)):
        return None
    after = SPACES.match(s, end).end()
    if s.startswith("份", after):
        end = after + 1
    return value, end


def day_at(s: str, i: int, bare: bool) -> tuple[int, int] | None:
    """(day, end) for 14日, 十四日, 5號 at `i`; a `bare` day (no month) must look like a date."""
    token = numeral_at(s, i)
    if not token:
        return None
    end = unit_after(s, token[1], DAY_MARKS)
    value = numeral_value(token[0])
    if end is None or value is None or not 1 <= value <= 31:
        return None
    if bare:
        if not token[0].isascii() or s[end - 1] != "日" or counted(s, i):
            return None
        if s[end:end + 1] in guard("japan_after") or s.startswith(guard("duration_after"), end):
            return None
    return value, end


def unit_range_at(s: str, i: int, read, units: str) -> tuple[int, int, int, int] | None:
    """(first, second, second's start, end) for 9-11日 or 11 至 12 月: two numbers sharing a unit."""
    pair = numeral_pair_at(s, i)
    if not pair or unit_after(s, pair[0][1], units):
        return None
    token, second, second_start = pair
    end = unit_after(s, second[1], units)
    first_value, second_value = read(token[0]), read(second[0])
    if end is None or first_value is None or second_value is None or second_value <= first_value:
        return None
    return first_value, second_value, second_start, end


def day_value(token: str) -> int | None:
    value = numeral_value(token)
    return value if value is not None and 1 <= value <= 31 else None


def part_at(s: str, i: int, unit: str, unit_char: str = "", always_shares: bool = False) -> tuple[Part, int] | None:
    """The longest part of `unit` at `i`, or one that shares the unit character before `i`
    (2001年底 = 2001年 + 年底; `always_shares` for every part: 本月中 is mid-month, since "during
    this month" would be 本月內)."""
    best = None
    for part in lexicon().parts:
        if part.unit != unit:
            continue
        for start in (i, i - 1):
            shares = part.shares_unit or always_shares
            if start < i and not (shares and part.word.startswith(unit_char) and s[start:i] == unit_char):
                continue
            end = start + len(part.word)
            if s.startswith(part.word, start) and not one_of(s[end:end + 1], part.blocked_next):
                if best is None or end > best[1]:
                    best = (part, end)
    return best


def bare_part_at(s: str, i: int) -> tuple[Part, int] | None:
    """A part standing alone (上半年, 月底, 中旬), which takes its year or month from context."""
    found = part_at(s, i, "year") or part_at(s, i, "month")
    if not found or found[0].standalone == "no":
        return None
    prev = preceding_char(s, i)
    if one_of(prev, "每各"):
        return None
    inside_word = is_cjk(prev) or prev.isalnum()
    if (found[0].standalone == "boundary" and inside_word and prev not in guard("boundary_words")
            and not s.startswith(guard("part_after"), found[1])):
        return None
    return found


def is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def relative_at(s: str, i: int) -> tuple[Relative, int] | None:
    """The longest relative time word (同年, 隔天, 上世紀) at `i` not inside another word."""
    best = None
    prev = s[i - 1] if i else ""
    for relative in lexicon().relatives:
        end = i + len(relative.word)
        if not s.startswith(relative.word, i) or (best and end <= best[1]):
            continue
        if one_of(prev, relative.blocked_prev) or one_of(s[end:end + 1], relative.blocked_next):
            continue
        best = (relative, end)
    return best


def holiday_at(s: str, i: int) -> tuple[int, int, int] | None:
    """(month, day, end) of a holiday on a fixed date named at `i` (聖誕節, 元旦)."""
    for name, (month, day) in lexicon().holidays.items():
        if s.startswith(name, i):
            return month, day, i + len(name)
    return None


def spelled_day_at(s: str, i: int) -> Phrase | None:
    """昨（3）日, 今(4)日, 明（5）日: Taiwanese newspapers spell out the day of 昨天, 今天 and 明天."""
    match = SPELLED_DAY.match(s, i + 1)
    if not match:
        return None
    words = [r for r in lexicon().relatives if r.word == s[i] + "天" and r.anchor == "speech" and r.unit == "day"]
    return Phrase(i, match.end(), relative=words[0], day=int(match.group(1))) if words else None


def same_day_end(s: str, i: int) -> int | None:
    """Where 的今天 ends after 去年 or 十年前 (去年的今天 is this day a year ago), if it follows."""
    j = SPACES.match(s, i).end()
    for word in sorted(guard("same_day_after"), key=len, reverse=True):
        if s.startswith(word, j):
            return j + len(word)
    return None


def next_token(s: str, i: int, allow_de: bool = False) -> int:
    """Where the next part of a date may start: past spaces and, after a year, an optional 的
    (同年的3月27日)."""
    j = SPACES.match(s, i).end()
    return SPACES.match(s, j + 1).end() if allow_de and s.startswith("的", j) else j


def calendar_at(s: str, i: int, continuation: bool = False, roc: bool = False) -> Phrase | None:
    """A year/month/day phrase at `i`, with its part and range end; `continuation` parses the
    second half of a range, where a bare 23日 or 12月 needs no guard (and `roc` says the first
    half was an ROC year)."""
    ranged = None if continuation else bare_year_range_at(s, i)
    if ranged:
        return ranged
    phrase = Phrase(i, i, roc=roc or s.startswith("民國", i))
    pos = i
    year = year_at(s, i, roc_implied=roc)
    relative = None if year else relative_at(s, i)
    if year:
        phrase.year, pos, phrase.two_digit = year[0], year[1], year[2]
    elif relative and relative[0].unit in ("year", "month", "day"):
        phrase.relative, pos = relative
        if relative[0].unit == "day":
            phrase.end = pos
            return phrase
        if relative[0].anchor == "speech" and (same_day := same_day_end(s, pos)):
            phrase.same_day, phrase.end = True, same_day
            return phrase
    elif spelled := spelled_day_at(s, i):
        return spelled
    has_year = phrase.year is not None or (phrase.relative is not None and phrase.relative.unit == "year")
    if phrase.relative is None or phrase.relative.unit == "year":
        after_year = next_token(s, pos, allow_de=has_year) if has_year else pos
        holiday = holiday_at(s, after_year)
        if holiday:
            phrase.month, phrase.day, phrase.end = holiday
            return phrase
        months = unit_range_at(s, after_year, month_value, "月")
        month = None if months else month_at(s, after_year, bare=not (has_year or continuation))
        if months:
            phrase.month, pos = months[0], months[3]
            phrase.until = Phrase(months[2], pos, month=months[1])
        elif month:
            phrase.month, pos = month
        elif has_year:
            part = part_at(s, next_token(s, pos), "year", "年")
            if part:
                phrase.part, pos = part
    if phrase.until is None and (phrase.month is not None or (phrase.relative and phrase.relative.unit == "month")):
        after_month = next_token(s, pos)
        days = unit_range_at(s, after_month, day_value, DAY_MARKS)
        day = None if days else day_at(s, after_month, bare=False)
        if days:
            phrase.day, phrase.until = days[0], Phrase(days[2], days[3], day=days[1])
            pos = days[3]
        elif day:
            phrase.day, pos = day
        else:
            part = part_at(s, after_month, "month", "月", always_shares=phrase.deictic())
            if part:
                phrase.part, pos = part
    if pos == i:
        day = day_at(s, i, bare=not continuation)
        part = None if day or continuation else bare_part_at(s, i)
        if day:
            phrase.day, pos = day
        elif part:
            phrase.part, pos = part
        else:
            return None
    if phrase.day is not None:
        known = phrase.year is not None and phrase.month is not None and valid_day(phrase.year, phrase.month, phrase.day)
        pos = weekday_note_end(s, pos, date(phrase.year, phrase.month, phrase.day) if known else None) or pos
    phrase.end = pos
    if phrase.two_digit and phrase.month is None and not continuation:
        return two_digit_year_range(s, phrase)
    if phrase.until is None and not continuation:
        extend_range(s, phrase)
    return phrase


def round_numbers(first: int, second: int) -> bool:
    """10至20年間 and 20到30年 are durations: two-digit year ranges are rarely both round."""
    return first % 5 == 0 and second % 5 == 0


def two_digit_year_range(s: str, phrase: Phrase) -> Phrase | None:
    """90年至91年間 is a date range; a lone 90年 or 40 年 is a duration, not a date."""
    joiner = RANGE_JOINER.match(s, phrase.end)
    second = year_at(s, joiner.end()) if joiner and joiner.end() > phrase.end else None
    if not second or not second[2] or second[0] < phrase.year:
        return None
    if not BETWEEN.match(s, second[1]) or round_numbers(phrase.year, second[0]):
        return None
    phrase.until = Phrase(joiner.end(), second[1], year=second[0])
    phrase.end = second[1]
    return phrase


def extend_range(s: str, phrase: Phrase) -> None:
    """Join `phrase` with a second date after 至, 到 or a dash into one range (4月9日至11日)."""
    joiner = RANGE_JOINER.match(s, phrase.end)
    if not joiner or joiner.end() == phrase.end:
        return
    second = calendar_at(s, joiner.end(), continuation=True, roc=phrase.roc)
    year_words = second is not None and second.relative is not None and second.relative.unit == "year" \
        and (phrase.year is not None or phrase.relative is not None and phrase.relative.unit == "year")
    if (second is None or second.relative and not year_words or second.part or phrase.part
            or phrase.relative and phrase.relative.unit == "day"
            or second.unit() != phrase.unit() or (phrase.year is None and second.year is not None)):
        return
    if second.two_digit:
        if phrase.year is None or phrase.two_digit or second.month is not None:
            return
        # 1995年至99年: the second year keeps the first one's century
        century = phrase.year // 100 * 100
        second.year = century + second.year % 100 + (100 if century + second.year % 100 < phrase.year else 0)
    phrase.until = second
    phrase.end = second.end


def era_at(s: str, i: int) -> Phrase | None:
    """Centuries and decades: 21世紀初, 20 世紀 90 年代, 90年代後期, 九十年代, 上世紀, 民國八十年代."""
    roc = ROC_PREFIX.match(s, i)
    phrase = Phrase(i, i, roc=bool(roc))
    pos = roc.end() if roc else i
    relative = None if roc else relative_at(s, i)
    token = None if roc else numeral_at(s, i)
    if relative and relative[0].unit == "century":
        phrase.relative, pos = relative
    elif token:
        end = unit_after(s, token[1], "世")
        value = numeral_value(token[0])
        if end is not None and s.startswith("紀", end) and value is not None and 1 <= value <= 30:
            phrase.century, pos = value, end + 1
    has_century = pos > i and not roc
    decade_start = SPACES.match(s, pos).end()
    token = numeral_at(s, decade_start)
    if token:
        end = unit_after(s, token[1], "年")
        value = numeral_value(token[0])
        long_form = len(token[0]) == 4 and not has_century
        if (end is not None and s.startswith("代", end) and value is not None and value % 10 == 0
                and (value < 100 or long_form and 1000 <= value <= 2190)):
            phrase.decade, pos = value, end + 1
    if phrase.decade is None and (roc or not has_century):
        return None
    part = part_at(s, next_token(s, pos), "decade" if phrase.decade is not None else "century")
    if part:
        phrase.part, pos = part
    phrase.end = pos
    joiner = RANGE_JOINER.match(s, pos)
    second = era_at(s, joiner.end()) if joiner and joiner.end() > pos else None
    if second and second.until is None and second.relative is None and phrase.relative is None:
        phrase.until, phrase.end = second, second.end
    return phrase


def event_at(s: str, i: int) -> Phrase | None:
    """A named event that fixes a date (911事件, 九一一) at `i`."""
    match = lexicon().event_names.match(s, i)
    if not match:
        return None
    name = "".join(match.group().split())
    if any(is_cjk(c) and c not in CN_NUMERAL_CHARS for c in name):
        if one_of(s[i - 1:i], CN_NUMERAL_CHARS + "0123456789"):
            return None
    elif numeric_name_clashes(s, i, match.end()):
        return None
    start, end = lexicon().events[name]
    return Phrase(i, match.end(), event=Interval(start, end, "day", start.isoformat()))


def numeric_name_clashes(s: str, i: int, stop: int) -> bool:
    """911 or 九一一 touching another number, or counting something (911 票)."""
    digits = "0123456789" + CN_NUMERAL_CHARS + "./·"
    if one_of(s[i - 1:i], digits) or one_of(s[stop:stop + 1], digits):
        return True
    after = SPACES.match(s, stop).end()
    return s.startswith(guard("measure_after"), after) or counted(s, i)


def numeric_date_at(s: str, i: int) -> Phrase | None:
    """2001/12/14, 2001-12-14, 2001.12.14, and ROC 112/5/4 (2023-05-04)."""
    match = NUMERIC_DATE.match(s, i)
    roc = None if match else ROC_NUMERIC_DATE.match(s, i)
    if not (match or roc):
        return None
    match = match or roc
    year, month, day = int(match.group(1)) + (1911 if roc else 0), int(match.group(3)), int(match.group(4))
    if day > month_length(year, month):
        return None
    return Phrase(i, weekday_note_end(s, match.end(), date(year, month, day)) or match.end(),
                  year=year, month=month, day=day)


def word_at(s: str, i: int, words: tuple) -> WeekWord | OffsetWord | None:
    """The longest of `words` (longest first) written at `i` and not part of a longer word."""
    for word in words:
        end = i + len(word.word)
        if s.startswith(word.word, i) and not one_of(s[end:end + 1], word.blocked_next):
            return word
    return None


def week_at(s: str, i: int) -> Phrase | None:
    """A week or a weekday counted from the time of speaking: 上週三, 下個星期, 本週末, 週五, 禮拜天,
    下週三至週五 (both in the next week).

    A bare 週 or 週末 is not a date; 每週三 recurs; 周 is also a surname, so a bare 周一 needs a
    word that may follow a weekday (周一晚間, not 周一鳴).
    """
    weeks = lexicon().weeks
    if one_of(preceding_char(s, i), "每第兩" + CN_NUMERAL_CHARS + "0123456789"):
        return None
    prefix = word_at(s, i, weeks["prefix"])
    pos = i + len(prefix.word) if prefix else i
    noun = word_at(s, pos, weeks["noun"])
    if noun is None:
        return None
    pos += len(noun.word)
    day = word_at(s, pos, weeks["day"])
    if day and day.word == "日" and s[pos + 1:pos + 2] in guard("japan_after"):
        day = None  # 上週日本首相: last week, Japan's prime minister
    if day is None or (prefix is None and day.first_day != day.last_day):
        if prefix is None or (prefix.guarded and noun.guarded and not may_follow_weekday(s, pos)):
            return None
        return Phrase(i, pos, week=prefix.offset)
    end = pos + len(day.word)
    if prefix is None and noun.guarded and not may_follow_weekday(s, end):
        return None
    last_day, end = weekday_range_end(s, end, day) or (day.last_day, end)
    return Phrase(i, end, week=prefix.offset if prefix else 0, weekdays=(day.first_day, last_day))


def may_follow_weekday(s: str, i: int) -> bool:
    """True when the text at `i` may follow a weekday or a week (周三晚間, 上周起), not a name (周一鳴)."""
    return not is_cjk(s[i:i + 1]) or s.startswith(guard("weekday_after"), i)


def weekday_range_end(s: str, i: int, first: WeekWord) -> tuple[int, int] | None:
    """(last weekday, end) of the second half of 週一至週五 or 週三到五, if one follows `i`."""
    weeks = lexicon().weeks
    joiner = RANGE_JOINER.match(s, i)
    if first.first_day != first.last_day or not joiner or joiner.end() == i:
        return None
    pos = joiner.end()
    noun = word_at(s, pos, weeks["noun"])
    pos += len(noun.word) if noun else 0
    day = word_at(s, pos, weeks["day"])
    if day is None or day.first_day != day.last_day or day.first_day <= first.first_day:
        return None
    return day.last_day, pos + len(day.word)


def weekday_note_end(s: str, i: int, day: date | None = None) -> int | None:
    """Where a weekday written after a date ends (5月4日（四）, 5月4日(週四), 2023/5/4 星期四), if any;
    when the date is known, the weekday must be its own (2001年9月11日(一) is not a note)."""
    weeks = lexicon().weeks
    j = INLINE_SPACES.match(s, i).end()
    bracketed = one_of(s[j:j + 1], "（(")
    k = j + 1 if bracketed else j
    noun = word_at(s, k, weeks["noun"])
    if noun is None and not bracketed:
        return None
    k += len(noun.word) if noun else 0
    weekday = word_at(s, k, weeks["day"])
    if weekday is None or weekday.first_day != weekday.last_day or (day and day.isoweekday() != weekday.first_day):
        return None
    k += len(weekday.word)
    if bracketed:
        return k + 1 if one_of(s[k:k + 1], "）)") else None
    return k


def offset_at(s: str, i: int) -> Phrase | None:
    """A count of days, weeks, months or years before or after now: 三天後, 兩年前, 3個月以前.

    A duration without a direction (三天, 兩年) is not a date, nor are counts of centuries
    (300年前) or ordinals (第三天後).
    """
    if counted(s, i) or one_of(s[i - 1:i], CN_NUMERAL_CHARS + "0123456789"):
        return None
    if s.startswith("兩", i):
        count, pos, chinese = 2, i + 1, True
    else:
        token = numeral_at(s, i)
        if not token:
            return None
        count, pos, chinese = numeral_value(token[0]), token[1], not token[0].isascii()
    offsets = lexicon().offsets
    pos = SPACES.match(s, pos).end()
    unit = word_at(s, pos, offsets["unit"])
    if unit is None or (unit.chinese_only and not chinese) or not count or count > unit.largest:
        return None
    pos = SPACES.match(s, pos + len(unit.word)).end()
    direction = word_at(s, pos, offsets["direction"])
    if direction is None:
        return None
    end = pos + len(direction.word)
    same_day = same_day_end(s, end) if unit.value in ("month", "year") else None
    return Phrase(i, same_day or end, offset=(unit.value, int(direction.value) * count), same_day=bool(same_day))


def phrase_at(s: str, i: int) -> Phrase | None:
    """The longest date expression starting at `i`, if any."""
    found = [p for p in (event_at(s, i), era_at(s, i), numeric_date_at(s, i), calendar_at(s, i), week_at(s, i),
                         offset_at(s, i)) if p]
    return max(found, key=lambda p: p.end, default=None)


# ---------------------------------------------------------------- resolution

def resolve(phrase: Phrase, context: DateContext, cited: tuple[date, ...]) -> tuple[Interval | None, bool]:
    """The interval `phrase` denotes in `context`, and whether context supplied part of it."""
    if phrase.event:
        return phrase.event, False
    if phrase.deictic():
        context = context.deictic_anchor()
    if phrase.week is not None:
        return week_phrase_interval(phrase, context.day), True
    if phrase.offset:
        return offset_interval(*phrase.offset, context.speech or context, phrase.same_day), True
    if phrase.century is not None or phrase.decade is not None or (phrase.relative and phrase.relative.unit == "century"):
        return era_interval(phrase, context)
    fields = calendar_fields(phrase, context, cited)
    if fields is None:
        return None, True
    year, month, day, contextual = fields
    first = calendar_interval(phrase.part, year, month, day)
    if first is None or phrase.until is None:
        return first, contextual
    until = phrase.until
    until_year = until.year
    if until.relative:  # 去年10月至今年3月
        until_fields = calendar_fields(until, context.deictic_anchor() if until.deictic() else context, cited)
        until_year = until_fields[0] if until_fields else None
    last_fields = (until_year if until_year is not None else year,
                   until.month if until.month is not None or until.day is None else month, until.day)
    last = calendar_interval(None, *last_fields)
    if last is not None and last.end < first.start and until_year is None:
        bumped = last_fields[0] + 1
        last = calendar_interval(None, bumped, last_fields[1], last_fields[2]) if valid_year(bumped) else None
    if last is None or last.end < first.start:
        return first, contextual
    return Interval(first.start, last.end, last.granularity, f"{first.value}/{last.value}"), contextual


def days_from(day: date, days: int) -> date | None:
    """The day `days` after `day` (before if negative), if the calendar has it."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def week_interval(day: date) -> Interval | None:
    """The week (Monday to Sunday) that holds `day`, valued as TIMEX3 does (2023-W18)."""
    monday, sunday = days_from(day, -day.weekday()), days_from(day, 6 - day.weekday())
    if monday is None or sunday is None:
        return None
    iso_year, iso_week, _ = day.isocalendar()
    return Interval(monday, sunday, "week", f"{iso_year:04d}-W{iso_week:02d}")


def week_phrase_interval(phrase: Phrase, anchor: date | None) -> Interval | None:
    """上週 is the week before the anchor's, 上週三 its Wednesday, 週末 its Saturday and Sunday."""
    day = days_from(anchor, 7 * phrase.week) if anchor else None
    week = week_interval(day) if day else None
    if week is None or phrase.weekdays is None:
        return week
    first, last = (days_from(week.start, n - 1) for n in phrase.weekdays)
    if first == last:
        return day_interval(first)
    if phrase.weekdays == WEEKEND:
        return Interval(first, last, "part", f"{week.value}-WE")
    return Interval(first, last, "day", f"{first.isoformat()}/{last.isoformat()}")


def offset_interval(unit: str, count: int, anchor: DateContext, same_day: bool = False) -> Interval | None:
    """The day, week, month or year `count` units from the anchor (三天後, 兩年前), or that
    day of it (十年前的今天)."""
    if unit in ("day", "week"):
        day = days_from(anchor.day, count * (7 if unit == "week" else 1)) if anchor.day else None
        return None if day is None else day_interval(day) if unit == "day" else week_interval(day)
    if same_day:
        if anchor.day is None:
            return None
        year, month = shift_month(anchor.day.year, anchor.day.month, count * (12 if unit == "year" else 1))
        return day_interval(same_day_in(year, month, anchor.day.day)) if valid_year(year) else None
    if unit == "month":
        if anchor.month is None:
            return None
        year, month = shift_month(*anchor.month, count)
        return month_interval(year, month) if valid_year(year) else None
    year = anchor.year + count if anchor.year is not None else None
    return year_interval(year) if valid_year(year) else None


def same_day_in(year: int, month: int, day: int) -> date:
    """Day `day` of the month, or its last day (29 Feb a year later is 28 Feb)."""
    return date(year, month, min(day, month_length(year, month)))


def calendar_fields(phrase: Phrase, context: DateContext,
                    cited: tuple[date, ...]) -> tuple[int, int | None, int | None, bool] | None:
    """(year, month, day, contextual) of a calendar phrase, the missing fields from context or
    from the footnotes that date the sentence."""
    relative = phrase.relative
    if relative and relative.unit == "day":
        base = context.day
        if base is None:
            return None
        days = [days_from(d, relative.offset) for d in [base] + [c for c in cited if c < base and relative.anchor == "speech"]]
        if None in days:
            return None
        day = min(days)
        if phrase.day is not None and valid_day(day.year, day.month, phrase.day):
            day = date(day.year, day.month, phrase.day)  # the spelled-out day of 昨（3）日 wins
        return day.year, day.month, day.day, True
    if relative and relative.unit == "month":
        if context.month is None:
            return None
        year, month = shift_month(*context.month, relative.offset)
        return year, month, phrase.day, True
    if relative:
        base = context.mentioned_year if relative.anchor == "mentioned" else context.year
        base = base if base is not None else (context.year or context.mentioned_year)
        if base is None or (phrase.same_day and context.day is None):
            return None
        if phrase.same_day:
            day = same_day_in(base + relative.offset, context.day.month, context.day.day) \
                if valid_year(base + relative.offset) else None
            return (day.year, day.month, day.day, True) if day else None
        return base + relative.offset, phrase.month, phrase.day, True
    if phrase.year is not None:
        return phrase.year, phrase.month, phrase.day, False
    if phrase.month is not None:
        year = context.year
        if phrase.day is not None and cited:
            year = cited_year(phrase.month, phrase.day, year, cited)
        return (year, phrase.month, phrase.day, True) if year is not None else None
    if phrase.day is not None:
        month = context.month
        if cited:
            month = cited_month(phrase.day, month, cited)
        return (month[0], month[1], phrase.day, True) if month else None
    if phrase.part and phrase.part.unit == "month":
        return (context.month[0], context.month[1], None, True) if context.month else None
    return (context.year, None, None, True) if context.year is not None else None


def cited_year(month: int, day: int, year: int | None, cited: tuple[date, ...]) -> int | None:
    """Year of a month-day: the context's, unless that puts the day far from every report the
    sentence cites; then the year of a report of that very day, or of the occurrence nearest
    (and not after) the first report."""
    if year is not None and valid_day(year, month, day):
        candidate = date(year, month, day)
        if any(-183 <= (candidate - report).days <= 92 for report in cited):
            return year
    for report in cited:
        if (report.month, report.day) == (month, day):
            return report.year
    report = cited[0]
    options = [y for y in (report.year - 1, report.year, report.year + 1) if valid_day(y, month, day)]
    if not options:
        return year
    return min(options, key=lambda y: (date(y, month, day) > report, abs((date(y, month, day) - report).days)))


def cited_month(day: int, month: tuple[int, int] | None, cited: tuple[date, ...]) -> tuple[int, int] | None:
    """Month of a bare day, by the same reasoning as `cited_year` (a report dated the 14th makes
    a bare 14日 that day)."""
    if month is not None and valid_day(month[0], month[1], day):
        candidate = date(month[0], month[1], day)
        if any(-31 <= (candidate - report).days <= 7 for report in cited):
            return month
    for report in cited:
        if report.day == day:
            return report.year, report.month
    report = cited[0]
    for back in range(3):
        year, mon = shift_month(report.year, report.month, -back)
        if valid_day(year, mon, day) and date(year, mon, day) <= report:
            return year, mon
    return month


def valid_day(year: int, month: int, day: int) -> bool:
    return valid_year(year) and 1 <= month <= 12 and 1 <= day <= month_length(year, month)


def calendar_interval(part: Part | None, year: int, month: int | None, day: int | None) -> Interval | None:
    if not valid_year(year):
        return None
    if day is not None:
        return day_interval(date(year, month, day)) if month and valid_day(year, month, day) else None
    if month is not None:
        return part_interval(part, year, month) if part and part.unit == "month" else month_interval(year, month)
    if part is not None and part.unit == "year":
        return part_interval(part, year)
    return year_interval(year)


def era_interval(phrase: Phrase, context: DateContext) -> tuple[Interval | None, bool]:
    """Decades and centuries, with their parts, per the conventions of CONTRACT.md."""
    first, contextual = single_era_interval(phrase, context)
    if first is None or phrase.until is None:
        return first, contextual
    last, _ = single_era_interval(phrase.until, context)
    if last is None or last.end < first.start:
        return first, contextual
    return Interval(first.start, last.end, "part" if "part" in (first.granularity, last.granularity) else first.granularity,
                    f"{first.value}/{last.value}"), contextual


def single_era_interval(phrase: Phrase, context: DateContext) -> tuple[Interval | None, bool]:
    contextual = phrase.relative is not None
    century = phrase.century
    if contextual:
        if context.year is None:
            return None, True
        century = (context.year - 1) // 100 + 1 + phrase.relative.offset
    part = phrase.part
    if phrase.decade is not None:
        if phrase.decade >= 1000:
            first = phrase.decade
        elif phrase.roc:
            first = 1911 + max(phrase.decade, 1)
        else:
            first = (century - 1) * 100 + phrase.decade if century else 1900 + phrase.decade
        value = f"{first // 10:03d}"
        if part:
            return years_interval(first + part.first, first + part.last, "part", value), contextual
        return years_interval(first, first + 9, "decade", value), contextual
    if not century or century < 1:
        return None, contextual
    base = (century - 1) * 100
    value = f"{century - 1:02d}"
    if part:
        return years_interval(base + part.first, base + part.last, "part", value), contextual
    return years_interval(base + 1, base + 100, "century", value), contextual


# ---------------------------------------------------------------- context

def sentence_initial(s: str, i: int) -> bool:
    """True when the date opens the sentence (at most a preposition before it): 在2001年，…"""
    lead = s[:i]
    return not any(c in CLAUSE_BOUNDARY for c in lead) and len("".join(lead.split())) <= 2


def attributive(s: str, end: int) -> bool:
    """True when the date modifies a noun (1972年的條約, 1972年所簽訂的, 1991年與美國簽署的):
    a 的 or 所 follows within a few characters of the same clause."""
    window = "".join(s[end:end + 12].split())[:7]
    for k, char in enumerate(window):
        if char in CLAUSE_BOUNDARY:
            return False
        if char in "的所之" and (k == 0 or char == "的"):
            return True
    return False


def advance(context: DateContext, phrase: Phrase, interval: Interval, background: bool) -> DateContext:
    """The context after `interval`: the narrative moves to it unless it is a background mention
    (weeks, decades and centuries do not move it, nor does a bare 去年 or 明年: a 5日 after it is
    still in the story's month). A deictic word keeps the time of speaking it counted from; a date
    of the narrative lets it go."""
    unit = (phrase.until or phrase).unit()
    if interval.granularity in ("decade", "century") or phrase.century is not None or phrase.decade is not None \
            or unit == "week":
        return context
    point = interval.end if phrase.until else interval.start
    if background or (unit == "year" and phrase.deictic()):
        return replace(context, mentioned_year=point.year)
    speech = context.deictic_anchor() if phrase.deictic() else context.speech if phrase.offset else None
    if unit == "day":
        return replace(context, year=point.year, month=(point.year, point.month), day=point,
                       mentioned_year=point.year, speech=speech)
    if unit == "month":
        day = context.day if context.day and (context.day.year, context.day.month) == (point.year, point.month) else None
        return replace(context, year=point.year, month=(point.year, point.month), day=day, mentioned_year=point.year,
                       speech=speech)
    same_year = context.month is not None and context.month[0] == point.year
    return replace(context, year=point.year, month=context.month if same_year else None,
                   day=context.day if same_year else None, mentioned_year=point.year, speech=speech)


def parenthetical(s: str, i: int) -> bool:
    """True inside brackets: (2007年4月因政變下台) is an aside the narrative does not move to."""
    before = s[:i]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")


def is_background(phrase: Phrase, interval: Interval, context: DateContext, s: str) -> bool:
    """A year or month earlier than the narrative that modifies a noun inside the sentence
    (退出 1972年與蘇聯簽署的條約): it dates the treaty, the narrative stays where it was. So does
    a look back inside the sentence (這項關係緣起於兩年前的訪問)."""
    if sentence_initial(s, phrase.start):
        return False
    if phrase.offset:
        return phrase.offset[1] < 0
    point = context.point()
    return point is not None and phrase.unit() != "day" and interval.end < point and attributive(s, phrase.end)


# ---------------------------------------------------------------- sentences

def shadow(text: str) -> str:
    """`text` as the matcher reads it: Traditional characters, ASCII digits, same length. 周 stays
    as written: the converter makes it 週 (week) even where it is the surname (周一鳴).

    >>> shadow("周一下午两点，２０２３年")
    '周一下午兩點，2023年'
    """
    traditional = to_traditional(text)
    if len(traditional) != len(text):
        traditional = text
    traditional = "".join("周" if written == "周" else char for written, char in zip(text, traditional))
    return traditional.translate(ASCII_DIGITS)


def title_spans(s: str) -> list[tuple[int, int]]:
    """Inner spans of quoted titles: 《…》 always; 「…」 when it reads as a name, not as speech."""
    spans = []
    for opening, closing in QUOTE_PAIRS:
        for match in re.finditer(f"{opening}([^{opening}{closing}]*){closing}", s):
            inner = match.group(1)
            is_name = (len(inner) <= 40 and not re.search(r"[，。！？；：,!?;:]", inner)
                       and preceding_char(s, match.start()) not in guard("speech_before"))
            if opening in "《〈" or is_name:
                spans.append(match.span(1))
    return spans


def find_dates(text: str, context: DateContext | None = None, *, cited: tuple[tuple[str, str], ...] = (),
               in_title: bool = False) -> tuple[list[TimeExpression], DateContext]:
    """Temporal expressions of one sentence, resolved in `context`, and the context after them.

    `cited` holds the (pub_start, pub_end) of the footnotes that date the sentence; `in_title`
    marks a heading (its dates are kind in_title).

    >>> found, after = find_dates("2001年2月28日結束訪問，27日晚間發表演說")
    >>> [(d.text, d.start_date, d.kind) for d in found]
    [('2001年2月28日', '2001-02-28', 'explicit'), ('27日', '2001-02-27', 'contextual')]
    """
    context = context or DateContext()
    reports = tuple(date.fromisoformat(a) for a, b in cited if a and a == b)
    s = shadow(text)
    titles = title_spans(s)
    found = []
    i = 0
    while i < len(s):
        phrase = phrase_at(s, i)
        if phrase is None:
            i += 1
            continue
        interval, contextual = resolve(phrase, context, reports)
        quoted_title = any(a <= phrase.start and phrase.end <= b and (a, b) != (phrase.start, phrase.end)
                           for a, b in titles)
        if interval and not phrase.event and not quoted_title and not parenthetical(s, phrase.start):
            context = advance(context, phrase, interval, is_background(phrase, interval, context, s))
        if interval is None:
            kind = "unresolved"
        elif in_title or quoted_title:
            kind = "in_title"
        else:
            kind = "event_name" if phrase.event else "contextual" if contextual else "explicit"
        granularity = interval.granularity if interval else ("part" if phrase.part else phrase.unit())
        if granularity == "week":  # CONTRACT.md's granularities have no week: a week is part of a year
            granularity = "part"
        found.append(TimeExpression(
            start=phrase.start, end=phrase.end, text=text[phrase.start:phrase.end],
            start_date=interval.start.isoformat() if interval else "",
            end_date=interval.end.isoformat() if interval else "",
            granularity=granularity, kind=kind, value=interval.value if interval else ""))
        i = phrase.end
    return found, context


# ---------------------------------------------------------------- footnotes

def publication_interval(footnote_text: str) -> tuple[str, str]:
    """The cited work's date as (pub_start, pub_end), the most specific one the note gives.

    Dates inside a quoted title and in URLs count only when nothing else dates the note; a note
    that cites nothing (a comment in prose) has no publication date.

    >>> publication_interval("「美俄武器管制爭議又起」，中國時報，26 Apr 2000, p. 13。")
    ('2000-04-26', '2000-04-26')
    >>> publication_interval("Comparative Strategy 14 (1995): 239.")
    ('1995-01-01', '1995-12-31')
    """
    s = shadow(footnote_text)
    urls = [m.span() for m in re.finditer(r"(?:https?://|www\.)\S+", s)]
    quoted = [m.span() for pair in QUOTE_PAIRS + ('""',)
              for m in re.finditer(f"{pair[0]}[^{pair[0]}{pair[1]}]*{pair[1]}", s)]
    written = citation_dates(s)
    cites = bool(urls or quoted or written or PAGE_REFERENCE.search(s)) or (len(s) <= 60 and not re.search(r"[。！？].", s))
    if cites:
        written += chinese_field_dates(s)
    candidates = [c for c in written if not any(a <= c[0] < b for a, b in urls + quoted)]
    if not candidates:
        # a press release or declaration carries its date in its title ("…, Kuala Lumpur, 14 December 2005")
        candidates = [c for c in written if c[1].granularity == "day" and not any(a <= c[0] < b for a, b in urls)]
    if not candidates and urls:
        candidates = url_dates(s, urls)
    if not candidates:
        return "", ""
    rank = {"day": 3, "month": 2, "part": 2, "year": 1}
    best = max(candidates, key=lambda c: (rank.get(c[1].granularity, 0), -c[0]))[1]
    return best.start.isoformat(), best.end.isoformat()


def citation_dates(s: str) -> list[tuple[int, Interval]]:
    """(position, interval) of the dates a citation writes: 19 Apr 2000, July 2, 2005, Nov 2002,
    2001/12/14, 14.12.2001, (1995)."""
    found = []
    months = lexicon().month_names
    for pattern in lexicon().western_dates:
        for m in pattern.finditer(s):
            month = int(m.group("m")) if "m" in m.groupdict() else months[m.group("mon").lower()]
            year = int(m.group("y"))
            day = int(m.group("d")) if "d" in m.groupdict() else None
            if day is None:
                found.append((m.start(), month_interval(year, month)))
            elif valid_day(year, month, day):
                found.append((m.start(), day_interval(date(year, month, day))))
    for m in NUMERIC_DATE.finditer(s):
        year, month, day = int(m.group(1)), int(m.group(3)), int(m.group(4))
        if valid_day(year, month, day):
            found.append((m.start(), day_interval(date(year, month, day))))
    for m in re.finditer(r"\((?:[^()]*?[\s,，:：;；])?(1[5-9][0-9]{2}|20[0-9]{2})\)", s):
        found.append((m.start(1), year_interval(int(m.group(1)))))
    return found


def chinese_field_dates(s: str) -> list[tuple[int, Interval]]:
    """Dates that fill a whole field of a citation: ，2005 年 11 月， or ，2001年12月14日。 or , 1995."""
    found = []
    for expression in find_dates(s)[0]:
        if expression.kind == "explicit" and whole_field(s, expression.start, expression.end):
            start, end = date.fromisoformat(expression.start_date), date.fromisoformat(expression.end_date)
            found.append((expression.start, Interval(start, end, expression.granularity, expression.value)))
    for m in re.finditer(r"(?<![0-9])(1[5-9][0-9]{2}|20[0-9]{2})(?![0-9])", s):
        if whole_field(s, m.start(), m.end()):
            found.append((m.start(), year_interval(int(m.group(1)))))
    return found


def whole_field(s: str, start: int, end: int) -> bool:
    """The date stands between field separators (a volume or issue number may follow: 2005 年
    11月第 30 卷)."""
    before = preceding_char(s, start)
    after = s[SPACES.match(s, end).end():][:1]
    return before in ("", *"，,、:：(（;；") and after in ("", *"，,。.)）;；第")


def url_dates(s: str, urls: list[tuple[int, int]]) -> list[tuple[int, Interval]]:
    """A date in a URL path (/2001/12/14/, 20011213, 200205), the last resort."""
    for a, b in urls:
        url = s[a:b]
        m = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12][0-9]|3[01])(?![0-9])", url)
        if m and valid_day(int(m.group(1)), int(m.group(2)), int(m.group(3))):
            return [(a, day_interval(date(int(m.group(1)), int(m.group(2)), int(m.group(3)))))]
        m = re.search(r"(?<![0-9])((?:19|20)[0-9]{2})[/_-]?(0[1-9]|1[0-2])(?![0-9])", url)
        if m:
            return [(a, month_interval(int(m.group(1)), int(m.group(2))))]
    return []


# ---------------------------------------------------------------- document and spaCy

def citations(document: Document) -> dict[str, tuple[tuple[str, str], ...]]:
    """The footnote dates that date each sentence: its own notes; failing that, those of the next
    sentence of its block that cites any (one note often closes a paragraph), and after a colon
    those of the quotation block it introduces."""
    published = {f.n: (f.pub_start, f.pub_end) for f in document.footnotes if f.pub_start}
    pairs = list(document.sentence_blocks())
    result = {}
    for k, (block, sentence) in enumerate(pairs):
        refs, blocks = sentence.footnote_refs, [block]
        introduces_quotation = sentence.text.rstrip().endswith(("：", ":"))
        for next_block, following in itertools.islice(pairs, k + 1, None):
            if refs:
                break
            if next_block is not blocks[-1]:
                if len(blocks) > 1 or not introduces_quotation:
                    break
                blocks.append(next_block)
            refs = following.footnote_refs
        result[sentence.sentence_id] = tuple(published[n] for n in refs if n in published)
    return result


def reference_date(raw: str) -> date | None:
    """The date a document gives as its own in its first lines, else None: a line that is only a
    date, or a dateline (`中央社 2023/05/04`, `（記者王明台北2023年5月4日電）`, `2023-05-04 14:30`).
    A heading or a sentence that holds a date does not date the document.

    >>> reference_date("中央社 2023/05/04\\n立法院今天三讀通過")
    datetime.date(2023, 5, 4)
    >>> reference_date("民國112年5月4日\\n")
    datetime.date(2023, 5, 4)
    >>> [reference_date(text) for text in ("第三章 2001年9月11日以後\\n", "2001年9月11日，美國遭受攻擊。\\n")]
    [None, None]
    """
    for line in [line.strip() for line in raw.splitlines() if line.strip()][:DATELINE_LINES]:
        days = [d for d in find_dates(line)[0] if d.kind == "explicit" and d.granularity == "day"]
        if len(days) != 1 or days[0].start_date != days[0].end_date:
            continue
        rest = "".join((line[:days[0].start] + line[days[0].end:]).split())
        if len(rest) <= DATELINE_REST and not re.search(r"[。！？；，,;!?的之]|第\S{1,3}[章節篇]", rest):
            return date.fromisoformat(days[0].start_date)
    return None


def load_lexicon() -> DateLexicon:
    return lexicon()


def annotate(document: Document, resources: Resources, config: Config) -> Document:
    """Fill every footnote's pub_start/pub_end, then every sentence's dates in reading order,
    deictic words counting from the document's own date if its first lines give one."""
    for footnote in document.footnotes:
        footnote.pub_start, footnote.pub_end = publication_interval(footnote.text)
    cited = citations(document)
    reference = reference_date(document.raw)
    context = DateContext.written_on(reference) if reference else DateContext()
    for block, sentence in document.sentence_blocks():
        sentence.dates, context = find_dates(sentence.text, context, cited=cited[sentence.sentence_id],
                                             in_title=block.kind == "heading")
    return document


if not Doc.has_extension("dates"):
    Doc.set_extension("dates", default=None)


@Language.component("dates")
def dates_component(doc: Doc) -> Doc:
    """Set `doc._.dates` (TimeExpressions; kept if the caller already resolved them in document
    context) and `doc.spans["dates"]` (DATE spans, expanded to token boundaries)."""
    if doc._.dates is None:
        doc._.dates = find_dates(doc.text)[0]
    spans = [doc.char_span(d.start, d.end, label="DATE", alignment_mode="expand") for d in doc._.dates]
    doc.spans["dates"] = [span for span in spans if span is not None]
    return doc
