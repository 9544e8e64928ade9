"""Numbered bodies and their sessions: a term of a body (第七屆|立法會, ORG), a numbered session
of it (中国共产党|第十五次|全国代表大会, 第九届全国人民代表大会|第一次会议, EVENT) and the PRC
shorthand of party congresses and plenums (十五大, 十一届三中全会, 九届全国人大会议)."""

from __future__ import annotations

import re

from ..context import Context
from ..view import Candidate, SentenceView

NUMERALS = "一二三四五六七八九十百0-9０-９"
ORDINAL = re.compile(f"第?[{NUMERALS}]+[届屆次]")
PLENUM = re.compile(f"(?<![{NUMERALS}第])[{NUMERALS}]+[届屆][{NUMERALS}]+中全[会會]")
CONGRESS = re.compile(r"(?<![一二三四五六七八九十百第0-9])(?:[一二]?十[一二三四五六七八九]|二十)大")


def numbered_names(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """Terms and sessions of the ORGs found, and the congress shorthand."""
    result = []
    for c in found:
        if c.label != "ORG" or c.end - c.start < 2:
            continue
        start = c.start
        before = [m for m in ORDINAL.finditer(view.key[max(0, c.start - 6) : c.start]) if m.end() == min(6, c.start)]
        if before and c.start - len(before[-1].group()) in view.starts:
            start = c.start - len(before[-1].group())
            result.append(Candidate(start, c.end, "ORG", "rule", c.name_en))
        end = session_end(view, context, c.end, numbered=start < c.start)
        if end:
            result.append(Candidate(start, end, "EVENT", "rule"))
    for pattern in (PLENUM, CONGRESS):
        for match in pattern.finditer(view.key):
            if is_session(view, context, *match.span(), shorthand=pattern is CONGRESS):
                result.append(Candidate(*match.span(), "EVENT", "rule"))
    return result


def session_end(view: SentenceView, context: Context, position: int, numbered: bool) -> int:
    """End of an ordinal and a meeting head at `position` (第十五次|全国代表大会), 0 if none;
    after a numbered term of the body the ordinal may be left out (九届全国人大|会议)."""
    key = view.key
    ordinal = ORDINAL.match(key, position)
    at = ordinal.end() if ordinal else position
    for head in context.cues.meeting_heads:
        if key.startswith(head, at) and at + len(head) in view.ends and (ordinal or (numbered and head == "会议")):
            return at + len(head)
    return 0


def is_session(view: SentenceView, context: Context, start: int, end: int, shorthand: bool) -> bool:
    """Whether a plenum or congress shorthand is a whole word, and 十五大 not a count (十五大|城市)."""
    if start not in view.starts or end not in view.ends:
        return False
    if not shorthand:
        return True
    following = view.tokens[view.token_of[end]] if end < len(view.key) else None
    return following is None or (
        following[2] != "ns" and view.key[following[0] : following[1]] not in context.cues.congress_not_before
    )
