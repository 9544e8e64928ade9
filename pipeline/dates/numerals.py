"""Numbers as dates write them: Arabic digits, Chinese digit-by-digit years (二○○一) and Chinese
counted numerals (九十, 廿一, 一百零一), read only where they start a number of their own."""

from __future__ import annotations

import re
from dataclasses import dataclass

ASCII_DIGITS = "0123456789"
NOT_BEFORE_NUMBER = "./_"


@dataclass(frozen=True)
class Numerals:
    """The Chinese numeral characters of dates_numerals.tsv by role, and the numeral pattern."""

    digits: dict[str, int]
    multipliers: dict[str, int]
    tens: dict[str, int]
    pattern: re.Pattern[str]
    chars: str  # every Chinese numeral character

    @classmethod
    def from_rows(cls, rows: list[list[str]]) -> Numerals:
        """The numerals of the table's (numeral, value, role) rows."""
        by_role: dict[str, dict[str, int]] = {"digit": {}, "multiplier": {}, "tens": {}}
        for numeral, value, role in rows:
            by_role[role][numeral] = int(value)
        chinese = "".join(numeral for group in by_role.values() for numeral in group)
        pattern = re.compile(rf"[0-9]{{1,4}}|[{re.escape(chinese)}]{{1,6}}")
        return cls(by_role["digit"], by_role["multiplier"], by_role["tens"], pattern, chinese)

    def is_counted(self, token: str) -> bool:
        """True for a counted numeral (九十, 廿一), False for digit by digit (二○○一) or Arabic."""
        return any(c in self.multipliers or c in self.tens for c in token)


def numeral_value(numerals: Numerals, token: str) -> int | None:
    """Value of an Arabic or Chinese numeral: '2001', '二○○一', '九十', '廿一', '十二'.

    >>> from pipeline.dates import load_lexicon
    >>> numerals = load_lexicon().numerals
    >>> [numeral_value(numerals, t) for t in ("2001", "二○○一", "九十", "二十一", "十", "一百零一")]
    [2001, 2001, 90, 21, 10, 101]
    """
    if token.isascii():
        return int(token) if token.isdigit() else None
    if not numerals.is_counted(token):
        return int("".join(str(numerals.digits[c]) for c in token))
    total = current = 0
    for c in token:
        if c in numerals.digits:
            current = numerals.digits[c]
        elif c in numerals.tens:
            total += current * 100 + numerals.tens[c]
            current = 0
        else:
            total += (current or 1) * numerals.multipliers[c]
            current = 0
    return total + current


def numeral_at(numerals: Numerals, s: str, i: int) -> tuple[str, int] | None:
    """The numeral starting at `i` (not in the middle of another number) and where it ends."""
    match = numerals.pattern.match(s, i)
    if not match:
        return None
    prev = s[i - 1] if i else ""
    if one_of(prev, NOT_BEFORE_NUMBER) or (prev.isascii() and prev.isalnum()):
        return None
    if match.group()[0] in numerals.chars and one_of(prev, numerals.chars):
        return None
    return match.group(), match.end()


def numeral_pair_at(
    numerals: Numerals, joiner: re.Pattern[str], s: str, i: int
) -> tuple[tuple[str, int], tuple[str, int], int] | None:
    """Two numerals joined by a range sign (1999∼2001, 9-11, 11 至 12): both (text, end) tokens and
    where the second starts."""
    token = numeral_at(numerals, s, i)
    if not token:
        return None
    joined = joiner.match(s, token[1])
    if not joined or joined.end() == token[1]:
        return None
    second = numeral_at(numerals, s, joined.end())
    return (token, second, joined.end()) if second else None


def one_of(char: str, chars: str) -> bool:
    """`char` is one of `chars` ('' never is, unlike `'' in chars`)."""
    return bool(char) and char in chars
