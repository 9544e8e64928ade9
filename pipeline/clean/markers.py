"""Footnote reference markers glued into body text, found as the next number in sequence.

Extraction flattens superscripts, so a marker becomes digits glued to whatever follows:
`接軌。1132001 年裡` is note 113 then the year 2001, `。3812月10 日` is note 38 then 12月. A digit run
is a marker only if it starts with the number we expect next (or one after it, when a marker was
lost) and what is left is nothing, a year, or a number followed by a date or counting unit. Digits
that count or date things (`288 票`, `第 102條`, `1972 年`, `7\\n月 28 日` broken across lines) stay.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .lines import CLOSERS, SENTENCE_END, is_wide

# Units and counters that follow a number which is data, not a marker.
UNITS = set(
    "年月日號号時时分秒個个枚票萬万億亿千百%％名人歲岁次項项天架艘條条國国家位公里噸吨元倍輛辆座屆届期章節节頁页款段份週周度輪轮批支型級级成點点"
)
# Words that begin with a unit character: `。8日本` is note 8 then 日本 (Japan), not the 8th day.
WORDS_AFTER_UNIT = {
    "日本",
    "日圓",
    "日元",
    "國際",
    "國內",
    "國會",
    "國務",
    "國防",
    "人民",
    "人士",
    "人權",
    "名義",
    "天然",
    "元首",
    "期間",
    "月球",
    "千年",
    "百姓",
    "次區",
    "項目",
    "成員",
    "成立",
    "成為",
    "點出",
    "度過",
    "分別",
    "分析",
    "時期",
    "時間",
    "時代",
    "位於",
    "條約",
    "家庭",
}
NUMBER_GLUE = set("./:,-–∼~～／．")
STRONG_BEFORE = set(SENTENCE_END + CLOSERS + "，、；：,;:")
PUNCTUATION_AFTER = set("，。、；：！？,;:)）」』")
DIGITS = re.compile(r"\d+")
_CN = "一二三四五六七八九十"
# Marks that are not bare digits: circled numbers (Noto CJK's glyphs extract as the dingbats
# U+2780..), `[7]` (endnotes; a `[` left at a line end leaves `7]` opening the next), `（註三）`, `註3`.
STYLED_MARK = re.compile(
    rf"[\u2460-\u2473\u2776-\u2793]|[（(]\s*[註注]\s*[{_CN}\d]{{1,3}}\s*[）)]|[註注](?=\d{{1,3}}\D)\d{{1,3}}"
    rf"|\[\d{{1,3}}\]|^\d{{1,3}}\](?!\d)"
)


def circled_value(char: str) -> int | None:
    """`③` or the dingbat `➂` -> 3 (the printed number, which restarts on every page)."""
    code = ord(char)
    for base, count in ((0x2460, 20), (0x2776, 10), (0x2780, 10), (0x278A, 10)):
        if base <= code < base + count:
            return code - base + 1
    return None


def printed_mark(mark: str) -> str:
    """The mark as the page prints it: dingbat circled digits read as `①②③`."""
    value = circled_value(mark) if len(mark) == 1 else None
    return chr(0x2460 + value - 1) if value else mark.strip()


def mark_value(mark: str) -> int | None:
    """The number a styled mark prints (`[7]` 7, `（註三）` 3), or None for a circled one."""
    if len(mark) == 1 and circled_value(mark):
        return None
    digits = re.sub(r"\D", "", mark)
    if digits:
        return int(digits)
    value = 0
    for char in re.sub(rf"[^{_CN}]", "", mark):
        k = _CN.index(char) + 1
        value = (max(value, 1) * 10) if k == 10 else value + k
    return value or None


class MarkerSequence:
    """The running expectation of the next footnote number, bounded by the known definitions."""

    def __init__(self, first: int, last: int, styled: bool = False, sequences: Sequence[Any] = ()):
        self.expected = first
        self.last = last
        self.styled = styled  # the notes are marked `①`, `[7]`, `（註三）`: digits are data
        self.count = 0
        self.offset = 0  # added to a printed number: the note's number through the document
        self.later = list(sequences[1:])  # further note sequences (`start`, `first`, `last`, `offset`)

    def enter(self, position: int) -> None:
        """Body text from raw offset `position` on: where a new note sequence starts (a second
        chapter in the file), the markers are its printed numbers again."""
        while self.later and self.later[0].start <= position:
            sequence = self.later.pop(0)
            self.expected, self.last, self.offset = sequence.first, sequence.last, sequence.offset

    def find_styled(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, n) of the styled marks in `text`, numbered through the chapter: by their
        printed number where it is one, else in reading order (circled marks restart per page)."""
        found = []
        for match in STYLED_MARK.finditer(text):
            value = mark_value(match.group())
            n = value if value is not None and value > self.count else self.count + 1
            found.append((match.start(), match.end(), n))
            self.count = n
        return found

    def find(self, text: str, before: str, after: str) -> list[tuple[int, int, int]]:
        """(start, end, n) of the markers in `text`; `before`/`after` are the neighbouring
        characters across the line breaks (so a year split over two lines is seen whole)."""
        if self.styled:
            return self.find_styled(text)
        found = []
        for run in DIGITS.finditer(text):
            hit = self._match(text, run.start(), run.end(), before, after)
            if hit is not None:
                n, length = hit
                found.append((run.start(), run.start() + length, n + self.offset))
                self.expected = n + 1
        return found

    def _match(self, text: str, start: int, end: int, before: str, after: str):
        prev = text[start - 1] if start else before
        left = text[:start].rstrip() or before.rstrip()
        anchor = left[-1:] if left else ""
        if prev and (prev.isalnum() and not is_wide(prev) or prev in NUMBER_GLUE or prev == "第"):
            return None
        if anchor in NUMBER_GLUE or anchor == "第" or not anchor:
            return None
        digits = text[start:end]
        spaced = start > 0 and text[start - 1].isspace() or start == 0 and before[-1:].isspace()
        following_text = text[end:].lstrip() or after.lstrip()
        following = following_text[:1]
        if following_text[:2] in WORDS_AFTER_UNIT:
            following = following_text[:2]
        # `從 3 海里` is data, `原則 4，使` a marker set off by the extractor: after a plain
        # character, a spaced number is a marker only when punctuation follows it
        if spaced and anchor not in STRONG_BEFORE and following not in PUNCTUATION_AFTER:
            return None
        if _is_year(digits) and (following in UNITS or not following):  # `。1998年` is a year
            return None
        for skip in range(3):
            n = self.expected + skip
            if n > self.last:
                break
            if skip and anchor not in STRONG_BEFORE:
                break
            label = str(n)
            if not digits.startswith(label):
                continue
            rest = digits[len(label) :]
            if rest:  # split only after a clear boundary: `。1132001 年`, `。101911事件`, not `在 1967 年`
                if anchor in STRONG_BEFORE and rest[0] != "0":
                    return n, len(label)
                continue
            if following in UNITS:
                continue
            if following in NUMBER_GLUE and text[end + 1 : end + 2].isdigit():
                continue
            return n, len(label)
        return None


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1000 <= int(digits) <= 2100
