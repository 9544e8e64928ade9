"""Resolution: the interval each phrase denotes in a `DateContext`, and how the context moves on.

Calendar phrases take the fields they lack from the narrative (or from the footnotes that date the
sentence); deictic words (今天, 去年, 上週三) count from the time of speaking; anaphoric words
(同年, 隔天) from the narrative. Background dates (a year earlier than the narrative that modifies
a noun, a look back inside the sentence) and asides in brackets do not move the narrative.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .lexicon import DateLexicon, Part
from .phrases import (
    WEEKEND,
    CalendarPhrase,
    EraPhrase,
    EventPhrase,
    Interval,
    OffsetPhrase,
    Phrase,
    WeekPhrase,
    day_interval,
    month_interval,
    month_length,
    part_interval,
    range_end,
    shift_month,
    valid_day,
    valid_year,
    year_interval,
    years_interval,
)

CLAUSE_BOUNDARY = "，。！？；：,;:!?、「」『』“”()（）\n"
CalendarFields = tuple[int, int | None, int | None, bool]


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

        >>> from pipeline.dates import find_dates, load_lexicon
        >>> found, _ = find_dates("去年通過，明年再審", load_lexicon(), DateContext.written_on(date(2023, 5, 4)))
        >>> [d.start_date for d in found]
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


def resolve(phrase: Phrase, context: DateContext, cited: tuple[date, ...]) -> tuple[Interval | None, bool]:
    """The interval `phrase` denotes in `context`, and whether context supplied part of it."""
    if isinstance(phrase, EventPhrase):
        return phrase.interval, False
    if phrase.deictic():
        context = context.deictic_anchor()
    if isinstance(phrase, WeekPhrase):
        return week_phrase_interval(phrase, context.day), True
    if isinstance(phrase, OffsetPhrase):
        return offset_interval(phrase.measure, phrase.count, context.speech or context, phrase.same_day), True
    if isinstance(phrase, EraPhrase):
        return era_interval(phrase, context)
    return calendar_phrase_interval(phrase, context, cited)


# ---------------------------------------------------------------- calendar phrases


def calendar_phrase_interval(
    phrase: CalendarPhrase, context: DateContext, cited: tuple[date, ...]
) -> tuple[Interval | None, bool]:
    """A calendar phrase with its range end (去年10月至今年3月; 12月30日至1月2日 crosses the year)."""
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
    last_year = until_year if until_year is not None else year
    last_month = until.month if until.month is not None or until.day is None else month
    last = calendar_interval(None, last_year, last_month, until.day)
    if last is not None and last.end < first.start and until_year is None:
        bumped = last_year + 1
        last = calendar_interval(None, bumped, last_month, until.day) if valid_year(bumped) else None
    if last is None or last.end < first.start:
        return first, contextual
    return Interval(first.start, last.end, last.granularity, f"{first.value}/{last.value}"), contextual


def calendar_fields(phrase: CalendarPhrase, context: DateContext, cited: tuple[date, ...]) -> CalendarFields | None:
    """(year, month, day, contextual) of a calendar phrase, the missing fields from context or
    from the footnotes that date the sentence."""
    if phrase.relative is None:
        return written_fields(phrase, context, cited)
    relative = phrase.relative
    if relative.unit == "day":
        return relative_day_fields(phrase, context, cited)
    if relative.unit == "month":
        if context.month is None:
            return None
        year, month = shift_month(*context.month, relative.offset)
        return year, month, phrase.day, True
    base = context.mentioned_year if relative.anchor == "mentioned" else context.year
    base = base if base is not None else (context.year or context.mentioned_year)
    if base is None:
        return None
    if phrase.same_day:
        if context.day is None or not valid_year(base + relative.offset):
            return None
        day = same_day_in(base + relative.offset, context.day.month, context.day.day)
        return day.year, day.month, day.day, True
    return base + relative.offset, phrase.month, phrase.day, True


def relative_day_fields(phrase: CalendarPhrase, context: DateContext, cited: tuple[date, ...]) -> CalendarFields | None:
    """隔天, 今天, 昨（3）日: days from the narrative's day; a deictic day is no later than the
    reports the sentence cites."""
    relative = phrase.relative
    base = context.day
    if base is None or relative is None:
        return None
    anchors = [base] + [c for c in cited if c < base and relative.anchor == "speech"]
    days = [days_from(anchor, relative.offset) for anchor in anchors]
    known = [d for d in days if d is not None]
    if len(known) < len(days):
        return None
    day = min(known)
    if phrase.day is not None and valid_day(day.year, day.month, phrase.day):
        day = date(day.year, day.month, phrase.day)  # the spelled-out day of 昨（3）日 wins
    return day.year, day.month, day.day, True


def written_fields(phrase: CalendarPhrase, context: DateContext, cited: tuple[date, ...]) -> CalendarFields | None:
    """The fields of a phrase of numbers, those not written from context (4月15日 takes the year)."""
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


def calendar_interval(part: Part | None, year: int, month: int | None, day: int | None) -> Interval | None:
    """The day, month (or its part), year (or its part) these fields state, if the calendar has it."""
    if not valid_year(year):
        return None
    if day is not None:
        return day_interval(date(year, month, day)) if month and valid_day(year, month, day) else None
    if month is not None:
        return part_interval(part, year, month) if part and part.unit == "month" else month_interval(year, month)
    if part is not None and part.unit == "year":
        return part_interval(part, year)
    return year_interval(year)


# ---------------------------------------------------------------- weeks, offsets, eras


def days_from(day: date, days: int) -> date | None:
    """The day `days` after `day` (before if negative), if the calendar has it."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def same_day_in(year: int, month: int, day: int) -> date:
    """Day `day` of the month, or its last day (29 Feb a year later is 28 Feb)."""
    return date(year, month, min(day, month_length(year, month)))


def week_interval(day: date) -> Interval | None:
    """The week (Monday to Sunday) that holds `day`, valued as TIMEX3 does (2023-W18)."""
    monday, sunday = days_from(day, -day.weekday()), days_from(day, 6 - day.weekday())
    if monday is None or sunday is None:
        return None
    iso_year, iso_week, _ = day.isocalendar()
    return Interval(monday, sunday, "week", f"{iso_year:04d}-W{iso_week:02d}")


def week_phrase_interval(phrase: WeekPhrase, anchor: date | None) -> Interval | None:
    """上週 is the week before the anchor's, 上週三 its Wednesday, 週末 its Saturday and Sunday."""
    day = days_from(anchor, 7 * phrase.week) if anchor else None
    week = week_interval(day) if day else None
    if week is None or phrase.weekdays is None:
        return week
    first, last = (days_from(week.start, n - 1) for n in phrase.weekdays)
    if first is None or last is None:
        return None
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
    later = anchor.year + count if anchor.year is not None else None
    return year_interval(later) if later is not None and valid_year(later) else None


def era_interval(phrase: EraPhrase, context: DateContext) -> tuple[Interval | None, bool]:
    """Decades and centuries, with their parts, per the conventions of CONTRACT.md."""
    first, contextual = single_era_interval(phrase, context)
    if first is None or phrase.until is None:
        return first, contextual
    last, _ = single_era_interval(phrase.until, context)
    if last is None or last.end < first.start:
        return first, contextual
    granularity = "part" if "part" in (first.granularity, last.granularity) else first.granularity
    return Interval(first.start, last.end, granularity, f"{first.value}/{last.value}"), contextual


def single_era_interval(phrase: EraPhrase, context: DateContext) -> tuple[Interval | None, bool]:
    """One decade or century (上世紀 counts from the context's year)."""
    contextual = phrase.relative is not None
    century = phrase.century
    if phrase.relative is not None:
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


# ---------------------------------------------------------------- the context moves on


def advance(context: DateContext, phrase: Phrase, interval: Interval, background: bool) -> DateContext:
    """The context after `interval`: the narrative moves to it unless it is a background mention
    (weeks, decades and centuries do not move it, nor does a bare 去年 or 明年: a 5日 after it is
    still in the story's month). A deictic word keeps the time of speaking it counted from; a date
    of the narrative lets it go."""
    last = range_end(phrase)
    unit = last.unit()
    numbered_era = isinstance(phrase, EraPhrase) and phrase.numbered()
    if interval.granularity in ("decade", "century") or numbered_era or unit == "week":
        return context
    point = interval.end if last is not phrase else interval.start
    if background or (unit == "year" and phrase.deictic()):
        return replace(context, mentioned_year=point.year)
    speech: DateContext | None
    if phrase.deictic():
        speech = context.deictic_anchor()
    else:
        speech = context.speech if isinstance(phrase, OffsetPhrase) else None
    if unit == "day":
        return replace(
            context,
            year=point.year,
            month=(point.year, point.month),
            day=point,
            mentioned_year=point.year,
            speech=speech,
        )
    if unit == "month":
        same_month = context.day and (context.day.year, context.day.month) == (point.year, point.month)
        day = context.day if same_month else None
        return replace(
            context, year=point.year, month=(point.year, point.month), day=day, mentioned_year=point.year, speech=speech
        )
    same_year = context.month is not None and context.month[0] == point.year
    return replace(
        context,
        year=point.year,
        month=context.month if same_year else None,
        day=context.day if same_year else None,
        mentioned_year=point.year,
        speech=speech,
    )


def is_background(lexicon: DateLexicon, phrase: Phrase, interval: Interval, context: DateContext, s: str) -> bool:
    """A year or month earlier than the narrative that modifies a noun inside the sentence
    (退出 1972年與蘇聯簽署的條約): it dates the treaty, the narrative stays where it was. So does
    a look back inside the sentence (這項關係緣起於兩年前的訪問)."""
    if sentence_initial(s, phrase.start):
        return False
    if isinstance(phrase, OffsetPhrase):
        return phrase.count < 0
    point = context.point()
    return point is not None and phrase.unit() != "day" and interval.end < point and attributive(lexicon, s, phrase.end)


def sentence_initial(s: str, i: int) -> bool:
    """True when the date opens the sentence (at most a preposition before it): 在2001年，…"""
    lead = s[:i]
    return not any(c in CLAUSE_BOUNDARY for c in lead) and len("".join(lead.split())) <= 2


def attributive(lexicon: DateLexicon, s: str, end: int) -> bool:
    """True when the date modifies a noun (1972年的條約, 1972年所簽訂的, 1991年與美國簽署的):
    a 的 or 所 follows within a few characters of the same clause."""
    window = "".join(s[end : end + 12].split())[:7]
    for k, char in enumerate(window):
        if char in CLAUSE_BOUNDARY:
            return False
        if char in lexicon.words["attributive_anywhere"] or (k == 0 and char in lexicon.words["attributive_next"]):
            return True
    return False


def parenthetical(s: str, i: int) -> bool:
    """True inside brackets: (2007年4月因政變下台) is an aside the narrative does not move to."""
    before = s[:i]
    return before.count("(") + before.count("（") > before.count(")") + before.count("）")
