"""The phrase readers: at each position of a sentence, the longest date expression that starts
there, of whichever kind (calendar, era, event name, numeric notation, week, words.counted offset)."""

from __future__ import annotations

import re
from datetime import date

from ..text import is_han
from . import grammar_words as words
from .grammar_calendar import ROC_ERA_START, calendar_at
from .lexicon import DateLexicon, Relative
from .numerals import ASCII_DIGITS, numeral_at, numeral_value, one_of
from .phrases import CalendarPhrase, EraPhrase, EventPhrase, Interval, OffsetPhrase, Phrase, WeekPhrase, month_length

NUMERIC_DATE = re.compile(
    r"(?<![0-9A-Za-z/._-])([12][0-9]{3})([/.-])(1[0-2]|0?[1-9])\2(3[01]|[12][0-9]|0?[1-9])(?![0-9])"
)
ROC_NUMERIC_DATE = re.compile(
    r"(?<![0-9A-Za-z/._-])(1[0-9]{2})([/.])(1[0-2]|0?[1-9])\2(3[01]|[12][0-9]|0?[1-9])(?![0-9]|[/.][0-9])"
)
NUMBER_PUNCTUATION = "./·"


def phrase_at(lexicon: DateLexicon, s: str, i: int) -> Phrase | None:
    """The longest date expression starting at `i`, if any (the first reader wins a tie)."""
    readers = (event_at, era_at, numeric_date_at, calendar_at, week_at, offset_at)
    found = [phrase for read in readers if (phrase := read(lexicon, s, i))]
    return max(found, key=lambda p: p.end, default=None)


def era_at(lexicon: DateLexicon, s: str, i: int) -> EraPhrase | None:
    """Centuries and decades: 21世紀初, 20 世紀 90 年代, 90年代後期, 九十年代, 上世紀, 民國八十年代."""
    roc = lexicon.patterns.roc_prefix.match(s, i)
    phrase = EraPhrase(i, i, roc=bool(roc))
    pos = roc.end() if roc else i
    if not roc:
        phrase.relative, phrase.century, pos = century_at(lexicon, s, i)
    has_century = pos > i and not roc
    decade = decade_at(lexicon, s, words.skip_spaces(s, pos), has_century)
    if decade:
        phrase.decade, pos = decade
    if phrase.decade is None and (roc or not has_century):
        return None
    part = words.part_at(
        lexicon, s, words.next_token(lexicon, s, pos), "decade" if phrase.decade is not None else "century"
    )
    if part:
        phrase.part, pos = part
    phrase.end = pos
    joiner = lexicon.patterns.range_joiner.match(s, pos)
    second = era_at(lexicon, s, joiner.end()) if joiner and joiner.end() > pos else None
    if second and second.until is None and second.relative is None and phrase.relative is None:
        phrase.until, phrase.end = second, second.end
    return phrase


def century_at(lexicon: DateLexicon, s: str, i: int) -> tuple[Relative | None, int | None, int]:
    """(relative word, century number, end) of 上世紀 or 21世紀 at `i`; (None, None, i) if neither."""
    relative = words.relative_at(lexicon, s, i)
    if relative and relative[0].unit == "century":
        return relative[0], None, relative[1]
    token = numeral_at(lexicon.numerals, s, i)
    if token:
        unit = lexicon.word("century_unit")
        end = words.unit_after(s, token[1], unit[0])
        value = numeral_value(lexicon.numerals, token[0])
        if end is not None and s.startswith(unit[1:], end) and value is not None and 1 <= value <= 30:
            return None, value, end + len(unit) - 1
    return None, None, i


def decade_at(lexicon: DateLexicon, s: str, i: int, has_century: bool) -> tuple[int, int] | None:
    """(decade, end) of 90年代, 九十年代 or 1990年代 at `i` (the long form not after a century)."""
    token = numeral_at(lexicon.numerals, s, i)
    if not token:
        return None
    end = words.unit_after(s, token[1], lexicon.word("year_unit"))
    value = numeral_value(lexicon.numerals, token[0])
    suffix = lexicon.word("decade_suffix")
    long_form = len(token[0]) == 4 and not has_century
    if (
        end is not None
        and s.startswith(suffix, end)
        and value is not None
        and value % 10 == 0
        and (value < 100 or long_form and 1000 <= value <= 2190)
    ):
        return value, end + len(suffix)
    return None


def event_at(lexicon: DateLexicon, s: str, i: int) -> EventPhrase | None:
    """A named event that fixes a date (911事件, 九一一) at `i`."""
    match = lexicon.patterns.event_names.match(s, i)
    if not match:
        return None
    numerals = lexicon.numerals.chars
    name = "".join(match.group().split())
    if any(is_han(c) and c not in numerals for c in name):
        if one_of(s[i - 1 : i], numerals + ASCII_DIGITS):
            return None
    elif numeric_name_clashes(lexicon, s, i, match.end()):
        return None
    start, end = lexicon.events[name]
    return EventPhrase(i, match.end(), Interval(start, end, "day", start.isoformat()))


def numeric_name_clashes(lexicon: DateLexicon, s: str, i: int, stop: int) -> bool:
    """911 or 九一一 touching another number, or counting something (911 票)."""
    digits = ASCII_DIGITS + lexicon.numerals.chars + NUMBER_PUNCTUATION
    if one_of(s[i - 1 : i], digits) or one_of(s[stop : stop + 1], digits):
        return True
    return s.startswith(lexicon.guard("measure_after"), words.skip_spaces(s, stop)) or words.counted(lexicon, s, i)


def numeric_date_at(lexicon: DateLexicon, s: str, i: int) -> Phrase | None:
    """2001/12/14, 2001-12-14, 2001.12.14, and ROC 112/5/4 (2023-05-04)."""
    match = NUMERIC_DATE.match(s, i)
    roc = None if match else ROC_NUMERIC_DATE.match(s, i)
    match = match or roc
    if not match:
        return None
    year, month, day = int(match.group(1)) + (ROC_ERA_START if roc else 0), int(match.group(3)), int(match.group(4))
    if day > month_length(year, month):
        return None
    end = words.weekday_note_end(lexicon, s, match.end(), date(year, month, day)) or match.end()
    return CalendarPhrase(i, end, year=year, month=month, day=day)


def week_at(lexicon: DateLexicon, s: str, i: int) -> WeekPhrase | None:
    """A week or a weekday words.counted from the time of speaking: 上週三, 下個星期, 本週末, 週五, 禮拜天,
    下週三至週五 (both in the next week).

    A bare 週 or 週末 is not a date; 每週三 recurs; 周 is also a surname, so a bare 周一 needs a
    word that may follow a weekday (周一晚間, not 周一鳴).
    """
    weeks = lexicon.weeks
    prev = words.preceding_char(s, i)
    if prev in lexicon.words["week_counted_before"] or one_of(prev, lexicon.numerals.chars + ASCII_DIGITS):
        return None
    prefix = words.word_at(weeks["prefix"], s, i)
    pos = i + len(prefix.word) if prefix else i
    noun = words.word_at(weeks["noun"], s, pos)
    if noun is None:
        return None
    pos += len(noun.word)
    day = words.word_at(weeks["day"], s, pos)
    if day and day.word == lexicon.word("date_day_unit") and s[pos + 1 : pos + 2] in lexicon.guard("japan_after"):
        day = None  # 上週日本首相: last week, Japan's prime minister
    if day is None or (prefix is None and day.first_day != day.last_day):
        if prefix is None or (prefix.guarded and noun.guarded and not words.may_follow_weekday(lexicon, s, pos)):
            return None
        return WeekPhrase(i, pos, week=prefix.offset)
    end = pos + len(day.word)
    if prefix is None and noun.guarded and not words.may_follow_weekday(lexicon, s, end):
        return None
    last_day, end = words.weekday_range_end(lexicon, s, end, day) or (day.last_day, end)
    return WeekPhrase(i, end, week=prefix.offset if prefix else 0, weekdays=(day.first_day, last_day))


def offset_at(lexicon: DateLexicon, s: str, i: int) -> OffsetPhrase | None:
    """A count of days, weeks, months or years before or after now: 三天後, 兩年前, 3個月以前.

    A duration without a direction (三天, 兩年) is not a date, nor are counts of centuries
    (300年前) or ordinals (第三天後).
    """
    if words.counted(lexicon, s, i) or one_of(s[i - 1 : i], lexicon.numerals.chars + ASCII_DIGITS):
        return None
    count_read = count_at(lexicon, s, i)
    if count_read is None:
        return None
    count, pos, chinese = count_read
    pos = words.skip_spaces(s, pos)
    unit = words.word_at(lexicon.offsets["unit"], s, pos)
    if unit is None or (unit.chinese_only and not chinese) or not count or count > unit.largest:
        return None
    pos = words.skip_spaces(s, pos + len(unit.word))
    direction = words.word_at(lexicon.offsets["direction"], s, pos)
    if direction is None:
        return None
    end = pos + len(direction.word)
    same_day = words.same_day_end(lexicon, s, end) if unit.value in ("month", "year") else None
    return OffsetPhrase(i, same_day or end, unit.value, int(direction.value) * count, bool(same_day))


def count_at(lexicon: DateLexicon, s: str, i: int) -> tuple[int | None, int, bool] | None:
    """(count, end, written in Chinese?) of the number an offset counts with (兩, 三, 3)."""
    two = lexicon.word("two")
    if s.startswith(two, i):
        return 2, i + len(two), True
    token = numeral_at(lexicon.numerals, s, i)
    if not token:
        return None
    return numeral_value(lexicon.numerals, token[0]), token[1], not token[0].isascii()
