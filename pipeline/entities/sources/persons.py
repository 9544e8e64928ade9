"""Sources of personal names the context vouches for: after a title (國務卿|鮑威爾), before a
speech verb or a title (張志明|表示), or listed with another person (蔡宗憲、劉冠廷)."""

from __future__ import annotations

from ...text import HAN_RUN
from ..context import Context
from ..view import Candidate, SentenceView

PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
# jieba tags (by first letter) of words that are never part of a personal name: verbs, prepositions,
# conjunctions, particles, adverbs, pronouns, numbers, measure words, localisers, time words, idioms.
NOT_IN_NAMES = frozenset("vpcudrmqftyeoxwil")
FUNCTION_TAGS = frozenset("pcud")
LONGEST_FOREIGN_NAME = 8
LONGEST_FOREIGN_NAME_BEFORE = 10


def title_before(view: SentenceView, context: Context, end: int) -> int:
    """Length of the title ending at `end`, 0 if none (the longest: 國防部長 rather than 部長)."""
    key, titles = view.key, context.rules.titles
    sizes = context.entities.title_lengths.get(key[end - 1 : end], ())
    return next((n for n in sizes if n <= end and key[end - n : end] in titles), 0)


def is_transliteration(view: SentenceView, context: Context, position: int) -> bool:
    """Whether the character at `position` is one transliterated names are written with (or a middle dot)."""
    return view.key[position] in context.rules.transliteration or view.key[position] == "·"


def foreign_name_before(view: SentenceView, context: Context, end: int) -> int:
    """Start of the run of transliteration characters ending at `end`, cut after any title
    and aligned to a word start (國防部長|倫斯斐, 副主席|阿爾巴托夫)."""
    start = end
    while start > 0 and end - start < LONGEST_FOREIGN_NAME_BEFORE and is_transliteration(view, context, start - 1):
        start -= 1
    for position in range(start, end):
        if title_before(view, context, position):
            start = position
    while start < end and start not in view.starts:
        start += 1
    return start


def foreign_name_end(view: SentenceView, context: Context, start: int) -> int:
    """End of the run of transliteration characters from `start`, cut back to a word end and
    before a counting or function word that happens to be written with them (奧班|多次)."""
    end = start
    while end < len(view.key) and end - start < LONGEST_FOREIGN_NAME and is_transliteration(view, context, end):
        end += 1
    while end > start:
        token_start, _, tag = view.tokens[view.token_of[end - 1]]
        # jieba tags single transliteration characters at random (茲/rg); only true function words cut
        function_word = tag[:1] in (NOT_IN_NAMES if end - token_start > 1 else FUNCTION_TAGS)
        if end in view.ends and not function_word:
            break
        end = token_start if end in view.ends else end - 1
    return end


def titled_persons(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """The name right after a title is a PERSON, without the title: 國務卿|鮑威爾, 外長|王毅,
    外相|上川陽子. It is a known person's name, or else a surname and a given name or a run of
    transliteration characters, whichever is longer."""
    result = []
    known = {c.start for c in found if c.label == "PERSON" and c.method == "lexicon"}
    title_ends = context.entities.title_lengths  # no title ends in a character not among these
    for start in sorted(view.starts):
        if start in known or view.key[start - 1 : start] not in title_ends or not title_before(view, context, start):
            continue
        ends = personal_name_ends(view, context, start, japanese=True)[:1] + [foreign_name_end(view, context, start)]
        end = max(ends)
        if end - start >= 2 and view.key[start:end] not in context.rules.jieba_false_positives:
            result.append(Candidate(start, end, "PERSON", "rule"))
    return result


def personal_name_ends(view: SentenceView, context: Context, start: int, japanese: bool = False) -> list[int]:
    """Where a Chinese (with `japanese`, also a Japanese) personal name starting at `start` may
    end, longest first: a known surname and a given name of one or two characters (Japanese: up
    to three) that jieba's words allow (陳|文章 and 翁章|梁 may be names; 任期 is a word)."""
    key, rules = view.key, context.rules
    shapes: list[tuple[int, tuple[int, ...]]] = [
        (n, (2, 1)) for n in (2, 1) if key[start : start + n] in rules.surnames
    ]
    if japanese:
        shapes += [(n, (3, 2, 1)) for n in (3, 2) if key[start : start + n] in rules.japanese_surnames]
    if not shapes or start not in view.starts:
        return []
    if key.startswith(context.cues.state_suffix, start + 1) and key[start] in context.lexicon.abbreviations:
        return []  # 馬國, 韓國: a state
    ends = {
        start + surname + given
        for surname, givens in shapes
        for given in givens
        if has_name_shape(view, context, start, start + surname, start + surname + given)
    }
    return sorted(ends, reverse=True)


def has_name_shape(view: SentenceView, context: Context, start: int, given_start: int, end: int) -> bool:
    """Whether jieba's words allow a name with this surname and given name: one word it tags as
    a name (or does not know), or the surname (with part of the given name, tagged a name)
    followed by words that are not verbs, particles or numbers (包括|美國 is no name)."""
    given = view.key[given_start:end]
    excluded = any(char in context.rules.given_name_exclusions for char in given)
    if end not in view.ends or not HAN_RUN.fullmatch(given) or excluded or given in context.rules.titles:
        return False  # 王|的, 賴|總統
    _, first_end, first_tag = view.tokens[view.token_of[start]]
    if first_end == end:
        return first_tag in PERSON_TAGS or not context.is_word(view.key[start:end])
    if first_end != given_start and first_tag not in PERSON_TAGS:
        return False
    return all(
        view.tokens[i][2][:1] not in NOT_IN_NAMES for i in range(view.token_of[first_end], view.token_of[end - 1] + 1)
    )


def reported_persons(view: SentenceView, context: Context, found: list[Candidate]) -> list[Candidate]:
    """Chinese names without a title before them: the subject of a speech verb or followed by
    their title (張志明|表示, 賴清德|總統), a whole word jieba reads as a three-character name
    (王滬寧/nr), or listed with another person (記者蔡宗憲、劉冠廷)."""
    key, surnames = view.key, context.rules.surnames  # a name starts with a surname of one or two characters
    shaped = {
        start: ends
        for start in sorted(view.starts)
        if (key[start] in surnames or key[start : start + 2] in surnames)
        and (ends := personal_name_ends(view, context, start))
    }
    accepted = {}
    for start, ends in shaped.items():
        end = next((end for end in ends if reported_after(view, context, end)), None)
        if end is None and is_tagged_name(view, context, start, ends):
            end = view.tokens[view.token_of[start]][1]
        if end is not None:
            accepted[start] = end
    persons = {(c.start, c.end) for c in found if c.label == "PERSON"} | set(accepted.items())
    while True:  # names listed with a person are persons
        added = {
            start: ends[0]
            for start, ends in shaped.items()
            if start not in accepted
            and any(listed_together(view, context, (start, ends[0]), person) for person in persons)
        }
        if not added:
            break
        accepted.update(added)
        persons |= set(added.items())
    return [Candidate(start, end, "PERSON", "rule") for start, end in accepted.items()]


def is_tagged_name(view: SentenceView, context: Context, start: int, ends: list[int]) -> bool:
    """Whether jieba's name tag alone makes the word at `start` a name: three characters or more,
    a name shape, and first two characters that are no word (安全|法 is)."""
    _, word_end, tag = view.tokens[view.token_of[start]]
    return (
        word_end - start >= 3
        and word_end in ends
        and tag in PERSON_TAGS
        and not context.is_word(view.key[start : start + 2])
        and view.key[start:word_end] not in context.rules.jieba_false_positives
    )


def reported_after(view: SentenceView, context: Context, end: int) -> bool:
    """Whether a speech verb or a title follows `end` as a word (表示, 指出, 總統)."""
    if end not in view.starts:
        return False
    word = view.word(view.token_of[end])
    return word in context.rules.name_followers or word in context.rules.titles


def listed_together(view: SentenceView, context: Context, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans are joined by 、 or a conjunction (A、B, A與B, A和B)."""
    first, second = sorted((a, b))
    return view.key[first[1] : second[0]] in context.cues.list_joiners
