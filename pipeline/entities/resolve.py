"""Overlap resolution, as the output contract asks: the longest span wins and nothing nests;
between equally long spans the more reliable source wins. One-character state abbreviations
(美俄, 訪俄) and jieba's own names only fill the gaps the chosen names leave."""

from __future__ import annotations

import re

from .context import Context
from .view import Candidate, SentenceView

ABBREVIATION_LIST = re.compile(r"(.)(?:[-、/](.))+")  # 美-日-中, 泰、越、馬
MODEL_NUMBER = re.compile(r"-[0-9]")  # 蘇-30


def resolve(view: SentenceView, context: Context, candidates: list[Candidate]) -> list[Candidate]:
    """Longest span first, more reliable source first; then abbreviations and jieba's names in the gaps."""
    chosen: list[Candidate] = []
    taken = [False] * len(view.text)

    def take(ordered: list[Candidate]) -> None:
        for c in ordered:
            if not any(taken[c.start : c.end]):
                chosen.append(c)
                taken[c.start : c.end] = [True] * (c.end - c.start)

    listed = {(c.start, c.end): c.name_en for c in candidates if c.method == "lexicon"}

    def rank(c: Candidate) -> int:
        # A gloss that names its Chinese name's entity beats the lexicon row of the same acronym
        # when they disagree: in 東亞共同體（EAC）, EAC is not the East African Community.
        overruled = c.method == "gloss" and listed.get((c.start, c.end), c.name_en) != c.name_en
        return -1 if overruled else context.rank(c.method)

    take(
        sorted(
            (c for c in candidates if c.method != "model"),
            key=lambda c: (c.start - c.end, c.start not in view.starts or c.end not in view.ends, rank(c), c.start),
        )
    )
    take(abbreviations(view, context, taken) + [c for c in candidates if c.method == "model"])
    return sorted(chosen)


def usable_abbreviations(view: SentenceView, context: Context, taken: list[bool]) -> list[bool]:
    """Per character, whether it may be a state abbreviation: in the table, not taken, not part of
    a common word (美德, 非法) and not in a date, a number or a model name (14日, 一中, 蘇-30)."""
    key = view.key
    usable = [c in context.lexicon.abbreviations and not taken[i] for i, c in enumerate(key)]
    if not any(usable):  # what follows only rules characters out
        return usable
    for word in context.rules.abbreviation_exclusions:
        for match in re.finditer(re.escape(word), key) if word in key else ():
            usable[match.start() : match.end()] = [False] * len(word)
    for i in [i for i, candidate in enumerate(usable) if candidate]:
        if (i and (key[i - 1].isdigit() or key[i - 1] in context.cues.numerals)) or MODEL_NUMBER.match(
            key[i + 1 : i + 3]
        ):
            usable[i] = False
    return usable


def abbreviations(view: SentenceView, context: Context, taken: list[bool]) -> list[Candidate]:
    """One-character state abbreviations where they stand for the state: in pairs (美俄, 中美兩國),
    after or before a relation word (訪俄, 俄外長), or as X國 (馬國)."""
    key = view.key
    usable = usable_abbreviations(view, context, taken)
    result: list[Candidate] = []
    if not any(usable):
        return result
    for match in ABBREVIATION_LIST.finditer(key):
        members = range(match.start(), match.end(), 2)
        if all(usable[k] for k in members):
            result.extend(abbreviation(context, key[k], k) for k in members)
            for k in members:
                usable[k] = False
    state = context.cues.state_suffix
    i = 0
    while i < len(key):
        if not usable[i]:
            i += 1
            continue
        j = i
        while j < len(key) and usable[j]:
            j += 1
        start, end = trim_run(view, i, j, context.rules.boundaries)
        if end - start >= 2:
            result.extend(abbreviation(context, key[k], k) for k in range(start, end))
        elif j - i == 1 and key.startswith(state, j) and j + len(state) in view.ends and not taken[j]:
            result.append(abbreviation(context, key[i], i, j + len(state)))
        else:
            result.extend(abbreviation(context, key[k], k) for k in range(i, j) if stands_alone(view, context, k))
        i = j
    return result


def abbreviation(context: Context, char: str, start: int, end: int | None = None) -> Candidate:
    """The candidate of an abbreviation; its English name only when the character names one entity."""
    entries = context.lexicon.abbreviations[char]
    name_en = entries[0].name_en if len({e.name_en for e in entries}) == 1 else ""
    return Candidate(start, end or start + 1, entries[0].label, "rule", name_en)


def trim_run(view: SentenceView, start: int, end: int, boundaries: frozenset[str]) -> tuple[int, int]:
    """Drop run ends that belong to a word reaching outside the run (其中|美俄 -> 美俄)."""
    while start < end and start not in view.starts:
        start += 1
    while end > start and end not in view.ends:
        token_end = view.tokens[view.token_of[end - 1]][1]
        if token_end - end > 1 or view.key[end:token_end] in boundaries:  # 中美|關係, 美俄|都
            break
        end -= 1
    return start, end


def stands_alone(view: SentenceView, context: Context, position: int) -> bool:
    """Whether a lone abbreviation character stands for its state: jieba reads it as a word of
    its own (俄/j 將繼續), or a relation word is next to it (訪|俄, 對|美的, 俄|外長)."""
    key, rules = view.key, context.rules
    token_start, token_end, tag = view.tokens[view.token_of[position]]
    if token_start != position:  # glued to the relation word before it: 訪美, 對俄
        return token_end == position + 1 and key[token_start:position] in rules.abbreviation_before
    if token_end == position + 1 and tag in ("j", "ns"):
        return True
    if (
        token_end - position > 1
        and key[position + 1 : token_end] not in rules.abbreviation_after | context.cues.possessives
    ):
        return False
    before = key[max(0, position - 2) : position]
    return any(before.endswith(w) for w in rules.abbreviation_before) or any(
        key.startswith(w, position + 1) for w in rules.abbreviation_after
    )
