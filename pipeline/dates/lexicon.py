"""The data files of the dates stage, read once into a `DateLexicon`.

Word lists are indexed by their first character (`text.WordIndex`), so finding the words that
start at a position costs one lookup per candidate length; where several rows share a word, they
keep the order of their file. The patterns built from the words (the ROC era, range joiners,
event names, the month names of citations) are compiled here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from ..datafiles import read_tsv
from ..text import WordIndex
from .numerals import Numerals

Row = TypeVar("Row")
RANGE_SIGNS = "~∼～〜-－—–─"
SENTENCE_MARKS = "。！？；，,;!?"
LATIN_OR_CYRILLIC = "A-Za-zА-Яа-яЁё"


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
    rank: int = 0  # row of dates_parts.tsv: between parts that end at one place, the first row wins


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
class WordTable(Generic[Row]):
    """Rows of a word list by word: the rows whose word starts at a position, longest first."""

    index: WordIndex
    rows: dict[str, tuple[Row, ...]]

    @classmethod
    def of(cls, rows: Iterable[Row], word: Callable[[Row], str]) -> WordTable[Row]:
        """The table of `rows`, each under `word(row)`, in their given order."""
        grouped: dict[str, list[Row]] = {}
        for row in rows:
            grouped.setdefault(word(row), []).append(row)
        return cls(WordIndex(grouped), {key: tuple(group) for key, group in grouped.items()})

    def at(self, s: str, i: int) -> list[Row]:
        """The rows whose word starts at `i`, longest word first."""
        return [row for word in self.index.all_at(s, i) for row in self.rows[word]]


@dataclass(frozen=True)
class DatePatterns:
    """The regular expressions built from the word lists."""

    roc_prefix: re.Pattern[str]
    range_joiner: re.Pattern[str]
    between: re.Pattern[str]
    spelled_day: re.Pattern[str]
    page_reference: re.Pattern[str]
    dateline_stop: re.Pattern[str]
    event_names: re.Pattern[str]
    western_dates: tuple[re.Pattern[str], ...]
    phrase_start: re.Pattern[str]


@dataclass(frozen=True)
class DateLexicon:
    """The data files of this stage and the patterns built from them."""

    numerals: Numerals
    parts: dict[str, WordTable[Part]]
    relatives: WordTable[Relative]
    weeks: dict[str, WordTable[WeekWord]]
    offsets: dict[str, WordTable[OffsetWord]]
    events: dict[str, tuple[date, date]]
    holidays: dict[str, tuple[int, int]]
    holiday_names: WordIndex
    month_names: dict[str, int]
    guards: dict[str, tuple[str, ...]]
    same_day_words: WordIndex
    words: dict[str, tuple[str, ...]]
    patterns: DatePatterns

    def guard(self, name: str) -> tuple[str, ...]:
        """The entries of one guard of dates_guards.tsv (count_before, japan_after ...)."""
        return self.guards[name]

    def word(self, name: str) -> str:
        """The one word of a row of dates_words.tsv (year_unit is 年)."""
        return self.words[name][0]

    def chars(self, name: str) -> str:
        """The one-character words of a row of dates_words.tsv as one string (day_units is 日號号)."""
        return "".join(self.words[name])


Grouped = TypeVar("Grouped", WeekWord, OffsetWord)


def read_table(name: str) -> list[list[str]]:
    """Rows of one of this stage's data files, as lists of cells in column order."""
    return [list(row.values()) for row in read_tsv(name)]


def load_lexicon() -> DateLexicon:
    """Read this stage's data files (called once per process, by `Resources.build`)."""
    parts = [
        Part(w, u, int(a), int(b), t, s, shares == "yes", n, rank)
        for rank, (w, u, a, b, t, s, shares, n) in enumerate(read_table("dates_parts.tsv"))
    ]
    relatives = [Relative(w, u, int(o), a, p, n) for w, u, o, a, p, n in read_table("dates_relative.tsv")]
    weeks = [
        WeekWord(w, r, int(o or 0), int(a or 0), int(b or 0), g == "yes", n)
        for w, r, o, a, b, g, n in read_table("dates_weeks.tsv")
    ]
    offsets = [
        OffsetWord(w, r, u, int(m or 0), n == "chinese", b) for w, r, u, m, n, b in read_table("dates_offsets.tsv")
    ]
    events = {
        name: (date.fromisoformat(a), date.fromisoformat(b)) for name, a, b in read_table("dates_event_names.tsv")
    }
    month_names = {name.lower(): int(n) for name, n in read_table("dates_month_names.tsv")}
    guards = {name: tuple(entries.split()) for name, entries, _ in read_table("dates_guards.tsv")}
    holidays = {name: (int(month), int(day)) for name, month, day in read_table("dates_holidays.tsv")}
    words = {name: tuple(entries.split()) for name, entries, _ in read_table("dates_words.tsv")}
    numerals = Numerals.from_rows(read_table("dates_numerals.tsv"))
    every_word = [*words_of(parts, relatives, weeks, offsets), *events, *holidays, *month_names]
    every_word += [*numerals.chars, *(w for entries in words.values() for w in entries)]
    return DateLexicon(
        numerals=numerals,
        parts={unit: WordTable.of((p for p in parts if p.unit == unit), word_of) for unit in {p.unit for p in parts}},
        relatives=WordTable.of(relatives, word_of),
        weeks=by_role(weeks),
        offsets=by_role(offsets),
        events=events,
        holidays=holidays,
        holiday_names=WordIndex(holidays),
        month_names=month_names,
        guards=guards,
        same_day_words=WordIndex(guards["same_day_after"]),
        words=words,
        patterns=build_patterns(words, events, month_names, every_word),
    )


def words_of(*tables: list[Part] | list[Relative] | list[WeekWord] | list[OffsetWord]) -> list[str]:
    return [row.word for table in tables for row in table]


def word_of(row: Part | Relative | WeekWord | OffsetWord) -> str:
    return row.word


def by_role(rows: list[Grouped]) -> dict[str, WordTable[Grouped]]:
    """Words of a table grouped by their role column."""
    return {role: WordTable.of([row for row in rows if row.role == role], word_of) for role in {r.role for r in rows}}


def alternatives(words: Iterable[str]) -> str:
    """A regular expression matching any of `words`, in their order."""
    return "|".join(map(re.escape, words))


def build_patterns(
    words: dict[str, tuple[str, ...]],
    events: dict[str, tuple[date, date]],
    month_names: dict[str, int],
    every_word: list[str],
) -> DatePatterns:
    """The patterns of the readers, from the words of dates_words.tsv, the event and month names;
    `every_word` (every word of every table) gives the characters a phrase can start with."""

    def any_of(name: str) -> str:
        return f"(?:{alternatives(words[name])})"

    ordinal = any_of("ordinal_prefix")
    return DatePatterns(
        roc_prefix=re.compile(rf"{any_of('roc_era')}\s*({any_of('roc_before')}\s*)?"),
        range_joiner=re.compile(rf"\s*(?:{alternatives(words['range_words'])}|[{re.escape(RANGE_SIGNS)}])\s*"),
        between=re.compile(rf"\s*{any_of('between_words')}"),
        spelled_day=re.compile(rf"[（(]\s*(3[01]|[12][0-9]|0?[1-9])\s*[)）]\s*{any_of('date_day_unit')}"),
        page_reference=re.compile(
            rf"\bpp?\.\s*[0-9]|{any_of('page_words')}\s*[0-9]|{ordinal}\s*[0-9]+\s*{any_of('issue_units')}"
        ),
        dateline_stop=re.compile(
            rf"[{SENTENCE_MARKS}]|{any_of('dateline_stops')}|{ordinal}\S{{1,3}}{any_of('heading_units')}"
        ),
        event_names=event_name_pattern(events),
        western_dates=western_date_patterns(month_names),
        phrase_start=phrase_start_pattern(every_word),
    )


def phrase_start_pattern(every_word: list[str]) -> re.Pattern[str]:
    """Where a date phrase can start: the first character of a word of any table (either case),
    a digit, a space (event names allow spaces) or an opening bracket (a spelled day). Readers
    are tried only there: most characters of a text start nothing."""
    firsts = {c for word in every_word if word for c in (word[0], word[0].upper(), word[0].lower())}
    return re.compile(rf"[{re.escape(''.join(sorted(firsts)))}0-9（(]|\s")


def event_name_pattern(events: dict[str, tuple[date, date]]) -> re.Pattern[str]:
    """The event names, longest first, spaces allowed between their characters (PDF text often
    has `911 事件`)."""
    names = sorted(events, key=len, reverse=True)
    return re.compile("|".join(r"\s*".join(map(re.escape, name)) for name in names))


def western_date_patterns(month_names: dict[str, int]) -> tuple[re.Pattern[str], ...]:
    """Day-month-year, month-day-year, month-year and dotted day.month.year, as citations write
    them (19 Apr 2000, July 2, 2005, Nov 2002, 14.12.2001)."""
    names = "|".join(sorted(map(re.escape, month_names), key=len, reverse=True))
    month = rf"(?P<mon>{names})(?![{LATIN_OR_CYRILLIC}])\.?"
    year = r"(?P<y>[12][0-9]{3})(?![0-9])"
    flags = re.IGNORECASE
    return (
        re.compile(rf"(?<![0-9])(?P<d>[0-3]?[0-9]),?\s+{month},?\s+{year}", flags),
        re.compile(rf"(?<![{LATIN_OR_CYRILLIC}]){month}\s*(?P<d>[0-3]?[0-9]),?\s+{year}", flags),
        re.compile(rf"(?<![{LATIN_OR_CYRILLIC}]){month},?\s+{year}", flags),
        re.compile(rf"(?<![0-9.])(?P<d>3[01]|[12][0-9]|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.{year}"),
    )
