"""Calendar phrases: years (2001年, 二○○一年, 民國90年, 112年), months (4月, 元月), days (14日, 5號),
their parts (年底, 中旬), relative words (同年3月, 隔天), holidays (聖誕節) and ranges
(1999∼2001年, 4月9日至11日, 90年至91年間).

A year needs four digits, 民國 or three digits (an ROC year); a two-digit year is a date only in
a range that reads as one (90至91年間). A month or day without a year is guarded against counts
(第3日, 每月, 數日) and compounds (3日本企業).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from .grammar_words import (
    bare_part_at,
    counted,
    holiday_at,
    next_token,
    part_at,
    preceding_char,
    relative_at,
    same_day_end,
    skip_spaces,
    unit_after,
    weekday_note_end,
)
from .lexicon import DateLexicon
from .numerals import numeral_at, numeral_pair_at, numeral_value
from .phrases import CalendarPhrase, valid_day

ROC_ERA_START = 1911  # 民國1年 is 1912


def year_at(lexicon: DateLexicon, s: str, i: int, roc_implied: bool = False) -> tuple[int, int, bool] | None:
    """(year, end after 年, two-digit?) for 2001年, 二○○一年, 民國90年, 90年 at `i`;
    `roc_implied` reads a bare number as an ROC year (the 九十年 of 民國八十九年至九十年)."""
    numerals = lexicon.numerals
    prefix = lexicon.patterns.roc_prefix.match(s, i)
    start = prefix.end() if prefix else i
    token = numeral_at(numerals, s, start)
    if not token:
        return None
    end = unit_after(s, token[1], lexicon.word("year_unit"))
    if end is None or s.startswith(lexicon.word("decade_suffix"), end):
        return None
    value = numeral_value(numerals, token[0])
    if prefix or roc_implied:
        if value is None or not 1 <= value <= 200:
            return None
        return (ROC_ERA_START + 1 - value if prefix and prefix.group(1) else ROC_ERA_START + value), end, False
    if token[0].isascii() and len(token[0]) == 2:
        return 1900 + int(token[0]), end, True
    if value is not None and three_digit_roc_year(lexicon, s, start, token[0], end):
        return ROC_ERA_START + value, end, False
    if len(token[0]) == 4 and value is not None and 1000 <= value <= 2199 and not numerals.is_counted(token[0]):
        return value, end, False
    return None


def three_digit_roc_year(lexicon: DateLexicon, s: str, start: int, token: str, end: int) -> bool:
    """112年 without 民國 is ROC year 112 (2023): in Taiwan a three-digit year is always ROC,
    unless the number counts years (已有150年歷史, 100年來, 150年前).

    >>> from pipeline.dates import load_lexicon
    >>> [three_digit_roc_year(load_lexicon(), t, 0, t[:3], 4) for t in ("112年5月", "112年度", "150年前")]
    [True, True, False]
    """
    numerals = lexicon.numerals
    value = numeral_value(numerals, token)
    with_multiplier = not token.isascii() and any(c in numerals.multipliers for c in token)
    three_digits = True if with_multiplier else len(token) == 3
    if value is None or not three_digits or not 100 <= value <= 199:
        return False
    if s.startswith(lexicon.word("fiscal_suffix"), end) or month_at(lexicon, s, next_token(lexicon, s, end), False):
        return True
    before = preceding_char(s, start)
    return before not in lexicon.guard("years_counted_before") and not s.startswith(
        lexicon.guard("years_counted_after"), end
    )


def round_numbers(first: int, second: int) -> bool:
    """10至20年間 and 20到30年 are durations: two-digit year ranges are rarely both round."""
    return first % 5 == 0 and second % 5 == 0


def bare_year_range_at(lexicon: DateLexicon, s: str, i: int) -> CalendarPhrase | None:
    """1999∼2001年, 民國89至90年, 90至91年間: a first year that shares the second one's 年."""
    numerals, patterns = lexicon.numerals, lexicon.patterns
    roc = patterns.roc_prefix.match(s, i)
    pair = numeral_pair_at(numerals, patterns.range_joiner, s, roc.end() if roc else i)
    if not pair:
        return None
    (first, _), (second, second_end), second_start = pair
    end = unit_after(s, second_end, lexicon.word("year_unit"))
    if end is None or s.startswith(lexicon.word("decade_suffix"), end):
        return None
    first_value, second_value = numeral_value(numerals, first), numeral_value(numerals, second)
    if first_value is None or second_value is None:
        return None
    both_ascii = first.isascii() and second.isascii()
    if roc:
        years = (ROC_ERA_START + first_value, ROC_ERA_START + second_value)
    elif both_ascii and len(first) == len(second) == 2:
        if not patterns.between.match(s, end) or round_numbers(first_value, second_value):
            return None
        years = (1900 + first_value, 1900 + second_value)
    elif len(first) == len(second) == 4 and first.isascii() == second.isascii():
        years = (first_value, second_value)
    elif both_ascii and len(first) == len(second) == 3 and second_value < 200:
        years = (ROC_ERA_START + first_value, ROC_ERA_START + second_value)
    else:
        return None
    if not (1000 <= years[0] <= years[1] <= 2199 or roc and ROC_ERA_START + 1 <= years[0] <= years[1]):
        return None
    return CalendarPhrase(i, end, year=years[0], until=CalendarPhrase(second_start, end, year=years[1]))


def month_value(lexicon: DateLexicon, token: str) -> int | None:
    value = 1 if token == lexicon.word("first_month") else numeral_value(lexicon.numerals, token)
    return value if value is not None and 1 <= value <= 12 else None


def day_value(lexicon: DateLexicon, token: str) -> int | None:
    value = numeral_value(lexicon.numerals, token)
    return value if value is not None and 1 <= value <= 31 else None


def month_at(lexicon: DateLexicon, s: str, i: int, bare: bool) -> tuple[int, int] | None:
    """(month, end) for 4月, 十二月, 元月, 9月份 at `i`; `bare` months (no year) are guarded."""
    first_month = lexicon.word("first_month")
    token: tuple[str, int] | None
    if s.startswith(first_month, i):
        if preceding_char(s, i) in lexicon.guard("currency_before"):
            return None
        token = (first_month, i + len(first_month))
    else:
        token = numeral_at(lexicon.numerals, s, i)
    if not token:
        return None
    end = unit_after(s, token[1], lexicon.word("month_unit"))
    value = month_value(lexicon, token[0])
    if end is None or value is None:
        return None
    long_chinese = not token[0].isascii() and token[0] != first_month and len(token[0]) > 2
    if bare and (counted(lexicon, s, i) or long_chinese):
        return None
    after = skip_spaces(s, end)
    if s.startswith(lexicon.word("month_suffix"), after):
        end = after + len(lexicon.word("month_suffix"))
    return value, end


def day_at(lexicon: DateLexicon, s: str, i: int, bare: bool) -> tuple[int, int] | None:
    """(day, end) for 14日, 十四日, 5號 at `i`; a `bare` day (no month) must look like a date."""
    token = numeral_at(lexicon.numerals, s, i)
    if not token:
        return None
    end = unit_after(s, token[1], lexicon.chars("day_units"))
    value = day_value(lexicon, token[0])
    if end is None or value is None:
        return None
    if bare:
        if not token[0].isascii() or s[end - 1] != lexicon.word("date_day_unit") or counted(lexicon, s, i):
            return None
        if s[end : end + 1] in lexicon.guard("japan_after") or s.startswith(lexicon.guard("duration_after"), end):
            return None
    return value, end


def unit_range_at(
    lexicon: DateLexicon, s: str, i: int, read: Callable[[DateLexicon, str], int | None], units: str
) -> tuple[int, int, int, int] | None:
    """(first, second, second's start, end) for 9-11日 or 11 至 12 月: two numbers sharing a unit."""
    pair = numeral_pair_at(lexicon.numerals, lexicon.patterns.range_joiner, s, i)
    if not pair or unit_after(s, pair[0][1], units):
        return None
    token, second, second_start = pair
    end = unit_after(s, second[1], units)
    first_value, second_value = read(lexicon, token[0]), read(lexicon, second[0])
    if end is None or first_value is None or second_value is None or second_value <= first_value:
        return None
    return first_value, second_value, second_start, end


def spelled_day_at(lexicon: DateLexicon, s: str, i: int) -> CalendarPhrase | None:
    """昨（3）日, 今(4)日, 明（5）日: Taiwanese newspapers spell out the day of 昨天, 今天 and 明天."""
    match = lexicon.patterns.spelled_day.match(s, i + 1)
    if not match:
        return None
    word = s[i] + lexicon.word("spelled_day_noun")
    for relative in lexicon.relatives.rows.get(word, ()):
        if relative.anchor == "speech" and relative.unit == "day":
            return CalendarPhrase(i, match.end(), relative=relative, day=int(match.group(1)))
    return None


def calendar_at(
    lexicon: DateLexicon, s: str, i: int, continuation: bool = False, roc: bool = False
) -> CalendarPhrase | None:
    """A year/month/day phrase at `i`, with its part and range end; `continuation` parses the
    second half of a range, where a bare 23日 or 12月 needs no guard (and `roc` says the first
    half was an ROC year)."""
    ranged = None if continuation else bare_year_range_at(lexicon, s, i)
    if ranged:
        return ranged
    phrase = CalendarPhrase(i, i, roc=roc or s.startswith(lexicon.word("roc_era"), i))
    opened = open_calendar(lexicon, s, phrase, roc)
    if isinstance(opened, CalendarPhrase):
        return opened
    pos = opened
    if phrase.relative is None or phrase.relative.unit == "year":
        after_year = next_token(lexicon, s, pos, allow_particle=True) if states_year(phrase) else pos
        holiday = holiday_at(lexicon, s, after_year)
        if holiday:
            phrase.month, phrase.day, phrase.end = holiday
            return phrase
        pos = read_month(lexicon, s, phrase, pos, after_year, continuation)
    if phrase.until is None and (phrase.month is not None or (phrase.relative and phrase.relative.unit == "month")):
        pos = read_day(lexicon, s, phrase, pos)
    if pos == i:
        bare_end = read_bare_day_or_part(lexicon, s, phrase, continuation)
        if bare_end is None:
            return None
        pos = bare_end
    return finish_calendar(lexicon, s, phrase, pos, continuation)


def states_year(phrase: CalendarPhrase) -> bool:
    """True when the phrase names its year, by number or by a relative word (同年, 去年)."""
    return phrase.year is not None or (phrase.relative is not None and phrase.relative.unit == "year")


def open_calendar(lexicon: DateLexicon, s: str, phrase: CalendarPhrase, roc: bool) -> int | CalendarPhrase:
    """Read the year or the relative word a calendar phrase opens with: where it ends, or the whole
    phrase when the word is all of it (隔天, 去年的今天, 昨（3）日)."""
    i = phrase.start
    year = year_at(lexicon, s, i, roc_implied=roc)
    if year:
        phrase.year, pos, phrase.two_digit = year
        return pos
    relative = relative_at(lexicon, s, i)
    if relative and relative[0].unit in ("year", "month", "day"):
        phrase.relative, pos = relative
        if relative[0].unit == "day":
            phrase.end = pos
            return phrase
        if relative[0].anchor == "speech" and (same_day := same_day_end(lexicon, s, pos)):
            phrase.same_day, phrase.end = True, same_day
            return phrase
        return pos
    return spelled_day_at(lexicon, s, i) or i


def read_month(
    lexicon: DateLexicon, s: str, phrase: CalendarPhrase, pos: int, after_year: int, continuation: bool
) -> int:
    """Read the month (or month range, or part of the year) after the year; where it ends."""
    month_unit = lexicon.word("month_unit")
    months = unit_range_at(lexicon, s, after_year, month_value, month_unit)
    month = None if months else month_at(lexicon, s, after_year, bare=not (states_year(phrase) or continuation))
    if months:
        phrase.month, pos = months[0], months[3]
        phrase.until = CalendarPhrase(months[2], pos, month=months[1])
    elif month:
        phrase.month, pos = month
    elif states_year(phrase):
        part = part_at(lexicon, s, next_token(lexicon, s, pos), "year", lexicon.word("year_unit"))
        if part:
            phrase.part, pos = part
    return pos


def read_day(lexicon: DateLexicon, s: str, phrase: CalendarPhrase, pos: int) -> int:
    """Read the day (or day range, or part of the month) after the month; where it ends."""
    after_month = next_token(lexicon, s, pos)
    days = unit_range_at(lexicon, s, after_month, day_value, lexicon.chars("day_units"))
    if days:
        phrase.day, phrase.until = days[0], CalendarPhrase(days[2], days[3], day=days[1])
        return days[3]
    day = day_at(lexicon, s, after_month, bare=False)
    if day:
        phrase.day = day[0]
        return day[1]
    part = part_at(lexicon, s, after_month, "month", lexicon.word("month_unit"), always_shares=phrase.deictic())
    if part:
        phrase.part = part[0]
        return part[1]
    return pos


def read_bare_day_or_part(lexicon: DateLexicon, s: str, phrase: CalendarPhrase, continuation: bool) -> int | None:
    """A phrase with neither year nor month: a bare day (27日) or part (月底); where it ends."""
    day = day_at(lexicon, s, phrase.start, bare=not continuation)
    if day:
        phrase.day = day[0]
        return day[1]
    part = None if continuation else bare_part_at(lexicon, s, phrase.start)
    if part:
        phrase.part = part[0]
        return part[1]
    return None


def finish_calendar(
    lexicon: DateLexicon, s: str, phrase: CalendarPhrase, pos: int, continuation: bool
) -> CalendarPhrase | None:
    """Take a weekday noted after the day, then the range a phrase may open (90年至91年間, 4月9日至11日)."""
    if phrase.day is not None:
        known = None
        if phrase.year is not None and phrase.month is not None and valid_day(phrase.year, phrase.month, phrase.day):
            known = date(phrase.year, phrase.month, phrase.day)
        pos = weekday_note_end(lexicon, s, pos, known) or pos
    phrase.end = pos
    if phrase.two_digit and phrase.month is None and not continuation:
        return two_digit_year_range(lexicon, s, phrase)
    if phrase.until is None and not continuation:
        extend_range(lexicon, s, phrase)
    return phrase


def two_digit_year_range(lexicon: DateLexicon, s: str, phrase: CalendarPhrase) -> CalendarPhrase | None:
    """90年至91年間 is a date range; a lone 90年 or 40 年 is a duration, not a date."""
    joiner = lexicon.patterns.range_joiner.match(s, phrase.end)
    second = year_at(lexicon, s, joiner.end()) if joiner and joiner.end() > phrase.end else None
    if phrase.year is None or not joiner or not second or not second[2] or second[0] < phrase.year:
        return None
    if not lexicon.patterns.between.match(s, second[1]) or round_numbers(phrase.year, second[0]):
        return None
    phrase.until = CalendarPhrase(joiner.end(), second[1], year=second[0])
    phrase.end = second[1]
    return phrase


def extend_range(lexicon: DateLexicon, s: str, phrase: CalendarPhrase) -> None:
    """Join `phrase` with a second date after 至, 到 or a dash into one range (4月9日至11日)."""
    joiner = lexicon.patterns.range_joiner.match(s, phrase.end)
    if not joiner or joiner.end() == phrase.end:
        return
    second = calendar_at(lexicon, s, joiner.end(), continuation=True, roc=phrase.roc)
    if second is None or not joinable(phrase, second):
        return
    if second.two_digit and second.year is not None:
        if phrase.year is None or phrase.two_digit or second.month is not None:
            return
        # 1995年至99年: the second year keeps the first one's century
        century = phrase.year // 100 * 100
        second.year = century + second.year % 100 + (100 if century + second.year % 100 < phrase.year else 0)
    phrase.until = second
    phrase.end = second.end


def joinable(first: CalendarPhrase, second: CalendarPhrase) -> bool:
    """True when two calendar phrases can be the ends of one range: same unit, no parts, a
    relative second end only for years (去年至今年), no year on the second end alone."""
    year_words = second.relative is not None and second.relative.unit == "year" and states_year(first)
    if (second.relative and not year_words) or second.part or first.part:
        return False
    if first.relative and first.relative.unit == "day":
        return False
    return second.unit() == first.unit() and not (first.year is None and second.year is not None)
