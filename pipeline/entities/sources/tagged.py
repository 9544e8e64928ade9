"""The model source: jieba's statistical person and place tags on transliterated words, for
names no other source knows; these only fill the gaps the other sources leave."""

from __future__ import annotations

from ..context import Context
from ..view import Candidate, SentenceView

PERSON_TAGS = ("nr", "nrt")


def jieba_names(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """jieba's person and place tags on words of transliteration characters, minus its known false
    positives; a person's name takes in the transliteration characters jieba left beside it (布里|茲列夫)."""
    result = []
    translit = context.rules.transliteration
    for start, end, tag in view.tokens:
        if tag not in PERSON_TAGS and tag != "ns":
            continue
        word = view.key[start:end]
        if word in context.rules.jieba_false_positives or not all(c in translit for c in word):
            continue
        if tag in PERSON_TAGS and end - start >= 2:
            start = transliterated_start(view, context, start)
            if end - start >= 3:
                result.append(Candidate(start, end, "PERSON", "model"))
        elif tag == "ns" and end - start >= 3 and word[-1] in context.cues.place_characters:
            result.append(Candidate(start, end, "GPE", "model"))
    return result


def transliterated_start(view: SentenceView, context: Context, start: int) -> int:
    """Where a tagged person's name begins: earlier words of transliteration characters join it if
    they are single characters or tagged as names themselves."""
    translit = context.rules.transliteration
    while start > 0:
        before_start, _, before_tag = view.tokens[view.token_of[start - 1]]
        before = view.key[before_start:start]
        if any(c not in translit for c in before) or (len(before) > 1 and before_tag not in PERSON_TAGS):
            break
        start = before_start
    return start
