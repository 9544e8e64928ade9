"""Date expressions as written, one dataclass per kind, before context fills what they leave out.

Every phrase knows its span (`start`, `end`), the finest unit it states (`unit`) and whether it
counts from the time of speaking (`deictic`); `resolve.resolve` dispatches on the kind.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from .lexicon import Part, Relative

WEEKEND = (6, 7)  # ISO weekdays of 週末


@dataclass(frozen=True)
class Interval:
    """A closed interval of days with its granularity and TIMEX3-style value."""

    start: date
    end: date
    granularity: str
    value: str


@dataclass
class CalendarPhrase:
    """A year, month and day as far as written (2001年2月28日, 同年3月, 27日, 上半年, 去年的今天),
    with the range end it is joined to (4月9日至11日)."""

    start: int
    end: int
    year: int | None = None
    two_digit: bool = False
    roc: bool = False
    month: int | None = None
    day: int | None = None
    relative: Relative | None = None
    part: Part | None = None
    same_day: bool = False
    until: CalendarPhrase | None = None

    def unit(self) -> str:
        """The finest unit the phrase states: day, month or year."""
        relative = self.relative.unit if self.relative else None
        if self.same_day or self.day is not None or relative == "day":
            return "day"
        if self.month is not None or relative == "month" or (self.part and self.part.unit == "month"):
            return "month"
        return "year"

    def deictic(self) -> bool:
        """True for words that count from the time of speaking (今天, 去年)."""
        return self.relative is not None and self.relative.anchor == "speech"

    def stated_granularity(self) -> str:
        """The granularity of the phrase when context cannot resolve it."""
        return "part" if self.part else self.unit()


@dataclass
class EraPhrase:
    """A century or a decade (21世紀初, 20 世紀 90 年代, 上世紀, 民國八十年代), its part and range end."""

    start: int
    end: int
    roc: bool = False
    relative: Relative | None = None
    century: int | None = None
    decade: int | None = None
    part: Part | None = None
    until: EraPhrase | None = None

    def unit(self) -> str:
        return "year"

    def deictic(self) -> bool:
        """True for 本世紀 and 上世紀, counted from the time of speaking."""
        return self.relative is not None and self.relative.anchor == "speech"

    def numbered(self) -> bool:
        """True when a number states the century or decade (not 上世紀 alone)."""
        return self.century is not None or self.decade is not None

    def stated_granularity(self) -> str:
        return "part" if self.part else self.unit()


@dataclass(frozen=True)
class EventPhrase:
    """A named event that fixes its day (911事件)."""

    start: int
    end: int
    interval: Interval

    def unit(self) -> str:
        return "day"

    def deictic(self) -> bool:
        return False

    def stated_granularity(self) -> str:
        return self.interval.granularity


@dataclass(frozen=True)
class WeekPhrase:
    """A week `week` weeks from the time of speaking (上週 is -1), or some of its days (上週三)."""

    start: int
    end: int
    week: int
    weekdays: tuple[int, int] | None = None

    def unit(self) -> str:
        return "day" if self.weekdays and self.weekdays != WEEKEND else "week"

    def deictic(self) -> bool:
        return True

    def stated_granularity(self) -> str:
        return self.unit()


@dataclass(frozen=True)
class OffsetPhrase:
    """`count` units (day, week, month, year) before or after now (三天後 is +3 days), or the same
    day that far away (十年前的今天)."""

    start: int
    end: int
    measure: str
    count: int
    same_day: bool = False

    def unit(self) -> str:
        return "day" if self.same_day else self.measure

    def deictic(self) -> bool:
        return False

    def stated_granularity(self) -> str:
        return self.unit()


Phrase = CalendarPhrase | EraPhrase | EventPhrase | WeekPhrase | OffsetPhrase


def range_end(phrase: Phrase) -> Phrase:
    """The last phrase of a range (2002年 of 2001至2002年), the phrase itself if it is none."""
    until = phrase.until if isinstance(phrase, CalendarPhrase | EraPhrase) else None
    return until or phrase


# ---------------------------------------------------------------- calendar arithmetic


def month_length(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    """(year, month) `offset` months away: shift_month(2001, 12, 1) == (2002, 1)."""
    index = year * 12 + month - 1 + offset
    return index // 12, index % 12 + 1


def valid_year(year: int | None) -> bool:
    return year is not None and 1 <= year <= 9998


def valid_day(year: int, month: int, day: int) -> bool:
    return valid_year(year) and 1 <= month <= 12 and 1 <= day <= month_length(year, month)


def day_interval(day: date) -> Interval:
    return Interval(day, day, "day", day.isoformat())


def month_interval(year: int, month: int) -> Interval:
    return Interval(
        date(year, month, 1), date(year, month, month_length(year, month)), "month", f"{year:04d}-{month:02d}"
    )


def year_interval(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31), "year", f"{year:04d}")


def years_interval(first: int, last: int, granularity: str, value: str) -> Interval:
    return Interval(date(first, 1, 1), date(last, 12, 31), granularity, value)


def part_interval(part: Part, year: int, month: int | None = None) -> Interval:
    """The span of `part` within a year or a month (年底 of 2001 -> 2001-10-01..2001-12-31)."""
    if part.unit == "month" and month is not None:
        last = min(part.last, month_length(year, month))
        return Interval(date(year, month, part.first), date(year, month, last), "part", f"{year:04d}-{month:02d}")
    first_year, first_month = shift_month(year, 1, part.first - 1)
    last_year, last_month = shift_month(year, 1, part.last - 1)
    value = f"{year:04d}-{part.timex}" if part.timex else f"{year:04d}"
    return Interval(
        date(first_year, first_month, 1),
        date(last_year, last_month, month_length(last_year, last_month)),
        "part",
        value,
    )
