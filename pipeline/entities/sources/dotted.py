"""Transliterated names joined by a dot (馬丁.杜里荷, 雪克来提·扎克尔, 賈西姆．布代維): where a
person the other sources found stands next to a dot, the name runs on over the words on the
dot's other side, and the whole is one PERSON (the pieces are no names of their own)."""

from __future__ import annotations

from ...text import HAN_RUN
from ..context import Context
from ..view import Candidate, SentenceView

NAME_DOTS = ".·"
LONGEST_PART = 6


def dotted_names(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """A found PERSON and the name part across a dot before or after it, as one PERSON."""
    result = []
    key = view.key
    for c in found:
        if c.label != "PERSON" or not HAN_RUN.match(key[c.start : c.end]):
            continue
        start, end = c.start, c.end - (key[c.end - 1] in NAME_DOTS)  # a title rule may keep the dot (艾尔肯·)
        while end + 1 < len(key) and key[end] in NAME_DOTS and (after := part_end(view, context, end + 1)) > end + 1:
            end = after
        while start > 1 and key[start - 1] in NAME_DOTS:
            if (before := part_start(view, context, start - 1)) == start - 1:
                break
            start = before
        if start < c.start or end > c.end:
            result.append(Candidate(start, end, "PERSON", "rule", c.name_en))
    return result


def is_name_word(view: SentenceView, context: Context, index: int) -> bool:
    """Whether token `index` may be part of a transliterated name: a Han word jieba tags as a
    person's name, or one of transliteration characters only (jieba cuts transliterations at
    random: 扎/v 克尔/nrt), and no title."""
    start, end, tag = view.tokens[index]
    word = view.key[start:end]
    if not HAN_RUN.fullmatch(word) or word in context.rules.titles or word in context.rules.boundaries:
        return False
    return tag.startswith("nr") or all(char in context.rules.transliteration for char in word)


def part_end(view: SentenceView, context: Context, position: int) -> int:
    """End of the name part from `position` (right after a dot), `position` if there is none."""
    end = position
    while end < len(view.key) and end in view.starts and is_name_word(view, context, view.token_of[end]):
        token_end = view.tokens[view.token_of[end]][1]
        if token_end - position > LONGEST_PART:
            break
        end = token_end
    return end


def part_start(view: SentenceView, context: Context, position: int) -> int:
    """Start of the name part ending at `position` (right before a dot), `position` if there is none."""
    start = position
    while start > 0 and start in view.ends and is_name_word(view, context, view.token_of[start - 1]):
        token_start = view.tokens[view.token_of[start - 1]][0]
        if position - token_start > LONGEST_PART:
            break
        start = token_start
    return start
