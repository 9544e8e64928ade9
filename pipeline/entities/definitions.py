"""Short forms defined in the text: 上海合作組織（簡稱上合組織）, 「…」（以下簡稱「反恐機構」）, …，以下稱「X」.

The short form right after a cue word of `patterns/definition_cues.tsv` (`Cues.definition_cue`) names the entity whose
mention ends right before the cue (an opening bracket or a comma may stand between them). The
document then recognises the short form with the long form's label everywhere (`annotate`) and
links it to the long form's entity within that document (`link`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING = "（(，,、"
QUOTES = {"「": "」", "“": "”", '"': '"', "『": "』", "《": "》", "〈": "〉"}
SHORT_FORM_STOPS = "）)，,。；;：:、「」“”『』《》 "
MAX_SHORT_FORM = 12


@dataclass(frozen=True)
class Definition:
    """A short form (`short_start`, `short_end`) defined after the mention ending at `long_end`."""

    long_start: int
    long_end: int
    short_start: int
    short_end: int


def definitions(
    key: str, mentions: list[tuple[int, int]], cues: re.Pattern[str], joiners: frozenset[str] = frozenset()
) -> list[Definition]:
    """The short forms `key` (a sentence in its match form) defines after its `mentions` (start, end).
    A mention right after a list joiner ends a list (中國和俄羅斯（以下稱「雙方」）): the short form
    stands for the list, not for its last member, and is no definition.

    >>> from pipeline.entities.lexicon import Cues, match_key
    >>> cues = Cues.from_folder().definition_cue
    >>> text = match_key("上海合作組織（簡稱上合組織）成立")
    >>> [text[d.short_start : d.short_end] for d in definitions(text, [(0, 6)], cues)]
    ['上合组织']
    >>> text = match_key("設立地區反恐怖機構（以下簡稱「反恐機構」）。")
    >>> [text[d.short_start : d.short_end] for d in definitions(text, [(2, 9)], cues)]
    ['反恐机构']
    """
    found = []
    for start, end in mentions:
        position = end
        while position < len(key) and key[position] in OPENING and position - end < 2:
            position += 1
        cue = cues.match(key, position)
        if not cue or any(key[:start].endswith(joiner) for joiner in joiners):
            continue
        position = cue.end()
        while position < len(key) and key[position] in "：: ":
            position += 1
        closing = QUOTES.get(key[position : position + 1])
        if closing:
            short_end = key.find(closing, position + 1)
            short_start = position + 1
        else:
            short_start = short_end = position
            while short_end < len(key) and key[short_end] not in SHORT_FORM_STOPS:
                short_end += 1
        if 0 < short_end - short_start <= MAX_SHORT_FORM and short_end - short_start < end - start:
            found.append(Definition(start, end, short_start, short_end))
    return found
