"""The small readers the phrase grammars share: a word of a table at a position unless a
neighbour shows it belongs to another word, parts (年底, 中旬), relative words (同年, 隔天),
holidays, and weekdays noted after a date."""

from __future__ import annotations

import re
from datetime import date
from typing import TypeVar

from ..text import is_han
from .lexicon import DateLexicon, OffsetWord, Part, Relative, WeekWord, WordTable
from .numerals import one_of

SPACES = re.compile(r"\s*")
INLINE_SPACES = re.compile(r"[ \t\u3000]*")
Word = TypeVar("Word", WeekWord, OffsetWord)
OPENING_BRACKETS = "（("
CLOSING_BRACKETS = "）)"


def preceding_char(s: str, i: int) -> str:
    """The last non-space character before `i` ('' at the start)."""
    j = i - 1
    while j >= 0 and s[j].isspace():
        j -= 1
    return s[j] if j >= 0 else ""


def unit_after(s: str, i: int, units: str) -> int | None:
    """Position after the unit character (年, 月, 日 ...) that follows `i` past spaces, if any."""
    j = skip_spaces(s, i)
    return j + 1 if j < len(s) and s[j] in units else None


def skip_spaces(s: str, i: int) -> int:
    """The first position at or after `i` that is not a space."""
    match = SPACES.match(s, i)
    return match.end() if match else i


def next_token(lexicon: DateLexicon, s: str, i: int, allow_particle: bool = False) -> int:
    """Where the next part of a date may start: past spaces and, after a year, an optional 的
    (同年的3月27日)."""
    j = skip_spaces(s, i)
    particle = lexicon.word("year_particle")
    return skip_spaces(s, j + len(particle)) if allow_particle and s.startswith(particle, j) else j


def counted(lexicon: DateLexicon, s: str, i: int) -> bool:
    """True when the number at `i` is a count or an ordinal (第3日, 每月, 數日)."""
    return preceding_char(s, i) in lexicon.guard("count_before")


def word_at(table: WordTable[Word], s: str, i: int) -> Word | None:
    """The longest word of `table` written at `i` and not part of a longer word."""
    for word in table.at(s, i):
        end = i + len(word.word)
        if not one_of(s[end : end + 1], word.blocked_next):
            return word
    return None


def part_at(
    lexicon: DateLexicon, s: str, i: int, unit: str, unit_char: str = "", always_shares: bool = False
) -> tuple[Part, int] | None:
    """The longest part of `unit` at `i`, or one that shares the unit character before `i`
    (2001年底 = 2001年 + 年底; `always_shares` for every part: 本月中 is mid-month, since "during
    this month" would be 本月內). Between parts that end at the same place, the first of the file wins."""
    table = lexicon.parts.get(unit)
    if table is None:
        return None
    candidates = [(i + len(part.word), part) for part in table.at(s, i)]
    if unit_char and i > 0 and s[i - 1 : i] == unit_char:
        candidates += [
            (i - 1 + len(part.word), part)
            for part in table.at(s, i - 1)
            if (part.shares_unit or always_shares) and part.word.startswith(unit_char)
        ]
    best = None
    for end, part in candidates:
        if not one_of(s[end : end + 1], part.blocked_next) and (
            best is None or end > best[1] or (end == best[1] and part.rank < best[0].rank)
        ):
            best = (part, end)
    return best


def bare_part_at(lexicon: DateLexicon, s: str, i: int) -> tuple[Part, int] | None:
    """A part standing alone (上半年, 月底, 中旬), which takes its year or month from context."""
    found = part_at(lexicon, s, i, "year") or part_at(lexicon, s, i, "month")
    if not found or found[0].standalone == "no":
        return None
    prev = preceding_char(s, i)
    if prev in lexicon.words["distributive_before"]:
        return None
    inside_word = is_han(prev) or prev.isalnum()
    if (
        found[0].standalone == "boundary"
        and inside_word
        and prev not in lexicon.guard("boundary_words")
        and not s.startswith(lexicon.guard("part_after"), found[1])
    ):
        return None
    return found


def relative_at(lexicon: DateLexicon, s: str, i: int) -> tuple[Relative, int] | None:
    """The longest relative time word (同年, 隔天, 上世紀) at `i` not inside another word."""
    prev = s[i - 1] if i else ""
    for relative in lexicon.relatives.at(s, i):
        end = i + len(relative.word)
        if not one_of(prev, relative.blocked_prev) and not one_of(s[end : end + 1], relative.blocked_next):
            return relative, end
    return None


def holiday_at(lexicon: DateLexicon, s: str, i: int) -> tuple[int, int, int] | None:
    """(month, day, end) of a holiday on a fixed date named at `i` (聖誕節, 元旦)."""
    name = lexicon.holiday_names.longest_at(s, i)
    if not name:
        return None
    month, day = lexicon.holidays[name]
    return month, day, i + len(name)


def same_day_end(lexicon: DateLexicon, s: str, i: int) -> int | None:
    """Where 的今天 ends after 去年 or 十年前 (去年的今天 is this day a year ago), if it follows."""
    j = skip_spaces(s, i)
    word = lexicon.same_day_words.longest_at(s, j)
    return j + len(word) if word else None


def may_follow_weekday(lexicon: DateLexicon, s: str, i: int) -> bool:
    """True when the text at `i` may follow a weekday or a week (周三晚間, 上周起), not a name (周一鳴)."""
    return not is_han(s[i : i + 1]) or s.startswith(lexicon.guard("weekday_after"), i)


def weekday_range_end(lexicon: DateLexicon, s: str, i: int, first: WeekWord) -> tuple[int, int] | None:
    """(last weekday, end) of the second half of 週一至週五 or 週三到五, if one follows `i`."""
    joiner = lexicon.patterns.range_joiner.match(s, i)
    if first.first_day != first.last_day or not joiner or joiner.end() == i:
        return None
    pos = joiner.end()
    noun = word_at(lexicon.weeks["noun"], s, pos)
    pos += len(noun.word) if noun else 0
    day = word_at(lexicon.weeks["day"], s, pos)
    if day is None or day.first_day != day.last_day or day.first_day <= first.first_day:
        return None
    return day.last_day, pos + len(day.word)


def weekday_note_end(lexicon: DateLexicon, s: str, i: int, day: date | None = None) -> int | None:
    """Where a weekday written after a date ends (5月4日（四）, 5月4日(週四), 2023/5/4 星期四), if any;
    when the date is known, the weekday must be its own (2001年9月11日(一) is not a note)."""
    inline = INLINE_SPACES.match(s, i)
    j = inline.end() if inline else i
    bracketed = one_of(s[j : j + 1], OPENING_BRACKETS)
    k = j + 1 if bracketed else j
    noun = word_at(lexicon.weeks["noun"], s, k)
    if noun is None and not bracketed:
        return None
    k += len(noun.word) if noun else 0
    weekday = word_at(lexicon.weeks["day"], s, k)
    if weekday is None or weekday.first_day != weekday.last_day or (day and day.isoweekday() != weekday.first_day):
        return None
    k += len(weekday.word)
    if bracketed:
        return k + 1 if one_of(s[k : k + 1], CLOSING_BRACKETS) else None
    return k
