"""A sentence prepared for the event rules: its Simplified shadow, clauses, quoted and bracketed
spans, dictionary words, 在-phrases, and the actors and triggers found in it; and the `Context` a
sentence inherits from the sentences before it in its paragraph."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace

from ..model import Sentence, TimeExpression
from ..script import to_simplified
from ..segment import Segmenter
from .lexicon import EventTables, Trigger

CLAUSE_STOPS = set("，,；;：:。！？!?︰")
QUOTES = {"「": "」", "『": "』", "“": "”"}
BRACKETS = {"(": ")", "（": "）"}
ACTOR_LABELS = {"PERSON", "GPE", "ORG", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Actor:
    """An actor as written: `text` may span a title (美國國務卿); `entity_id` is its named head's id."""

    text: str
    entity_id: str
    start: int
    end: int
    label: str
    role: str = "subject"  # subject, place, target, with, agent, per, relative, other, possessive, quoted


@dataclass
class Hit:
    """A trigger occurrence; `kept` is False for quoted, nominal and relative-clause uses, and
    `modifier` names the rule that read it as a modifier."""

    start: int
    end: int
    trigger: Trigger
    surface: str
    clause: int
    quoted: bool
    kept: bool = True
    nominal: bool = False
    governor: Hit | None = None
    modifier: str | None = None
    found_by: str = "trigger.lexicon"  # or trigger.named_meeting: the rule that found the trigger


class Words:
    """The segmenter's dictionary words and part-of-speech tags of a document's texts, each text cut
    once: the pieces between names (的, 表示, 在) and the words tested for adverbs recur from
    sentence to sentence, and jieba gives the same answer each time. One per document.

    >>> from pipeline.resources import shared
    >>> words = Words(shared().segmenter)
    >>> words.of("双方会谈") is words.of("双方会谈")
    True
    """

    def __init__(self, segmenter: Segmenter):
        self.segmenter = segmenter
        self.words: dict[str, list[tuple[str, int]]] = {}
        self.tags: dict[str, list[str]] = {}

    def of(self, simplified: str) -> list[tuple[str, int]]:
        """(word, start) of the dictionary words of Simplified text (`Segmenter.words_of`)."""
        found = self.words.get(simplified)
        if found is None:
            found = self.words[simplified] = self.segmenter.words_of(simplified)
        return found

    def tags_of(self, text: str) -> list[str]:
        """jieba's part-of-speech tag of each word of Simplified `text` (`Segmenter.tags_of`)."""
        found = self.tags.get(text)
        if found is None:
            found = self.tags[text] = self.segmenter.tags_of(text)
        return found


@dataclass
class View:
    """A sentence prepared for reading: Simplified text, clauses, shielded spans, tokens, actors, triggers."""

    sentence: Sentence
    tables: EventTables
    words: Words
    norm: str
    clauses: list[tuple[int, int]]
    in_quote: list[bool]
    in_bracket: list[bool]
    tokens: dict[int, str]
    actors: list[Actor] = field(default_factory=list)
    laws: list[tuple[int, int, str]] = field(default_factory=list)
    hits: list[Hit] = field(default_factory=list)
    phrases: list[tuple[int, int, str]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)  # the token starts in order, for bisecting
    eventful: bool = True  # False where no trigger stands: then only the words after dates are cut

    clause_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.starts = sorted(self.tokens)
        self.clause_starts = [start for start, _ in self.clauses]

    def token_holding(self, i: int) -> tuple[int, str] | None:
        """(start, word) of the token that holds character `i`: one lookup, not a scan, so long
        sentences stay linear."""
        k = bisect_right(self.starts, i) - 1
        if k < 0:
            return None
        start = self.starts[k]
        word = self.tokens[start]
        return (start, word) if i < start + len(word) else None

    def tokens_within(self, start: int, end: int) -> list[int]:
        """Starts of the tokens lying wholly within [start, end), in order."""
        inside = self.starts[bisect_left(self.starts, start) : bisect_left(self.starts, end)]
        return [p for p in inside if p + len(self.tokens[p]) <= end]

    def clause_of(self, pos: int) -> int:
        """The index of the clause holding `pos` (the last clause for a position past the end)."""
        k = bisect_right(self.clause_starts, pos) - 1
        if 0 <= k < len(self.clauses) and self.clauses[k][0] <= pos < self.clauses[k][1]:
            return k
        return next((k for k, (start, end) in enumerate(self.clauses) if start <= pos < end), len(self.clauses) - 1)

    def cue_at(self, role: str, start: int, end: int) -> list[int]:
        """Starts of cue tokens of `role` lying within [start, end)."""
        words = self.tables.cues[role]
        return [p for p in self.tokens_within(start, end) if self.tokens[p] in words]

    def gap(self, start: int, end: int) -> str:
        """The text between two positions without brackets and whitespace: what joins two actors."""
        return "".join(
            c for i, c in enumerate(self.norm[start:end], start) if not self.in_bracket[i] and not c.isspace()
        )

    def kept_hits(self, clause: int) -> list[Hit]:
        """The triggers of a clause that report events (not quoted, not modifiers)."""
        return [h for h in self.hits if h.clause == clause and h.kept]

    def token_before(self, pos: int) -> str:
        """The word that ends at `pos`, whitespace skipped: the function word in front of an actor.

        When jieba glued the word to the name (各盟邦), the glued part is the word.
        """
        while pos > 0 and self.norm[pos - 1].isspace():
            pos -= 1
        held = self.token_holding(pos - 1) if pos > 0 else None
        if held is None:
            return ""
        start, word = held
        return word if start + len(word) == pos else self.norm[start:pos]

    def tags(self, text: str) -> list[str]:
        """jieba's part-of-speech tags of the words of Simplified `text`."""
        return self.words.tags_of(text)

    def is_adverb(self, text: str) -> bool:
        """Whether jieba reads `text` as an adverb or adjective: glued before a verb it is a manner (嚴厲批評)."""
        flags = self.tags(text)
        return bool(flags) and all(flag in {"d", "ad", "a", "z"} for flag in flags)

    def bare(self, start: int, end: int) -> str:
        """The text in [start, end) without dates, 在-phrases, brackets, names and whitespace."""
        spans = [(date.start, date.end) for date in self.sentence.dates]
        spans += [(pos, phrase_end) for pos, phrase_end, _ in self.phrases]
        spans += [(actor.start, actor.end) for actor in self.actors]
        spans += [(m.start, m.end) for m in self.sentence.mentions]  # a named meeting too (舉行第二次南北高峰會)
        skip = {i for span_start, span_end in spans for i in range(span_start, span_end)}
        return "".join(
            c
            for i, c in enumerate(self.norm[start:end], start)
            if i not in skip and not self.in_bracket[i] and not c.isspace()
        )

    def clause_zone(self, clause: int) -> tuple[int, int]:
        """A clause's pre-verbal zone: from its start to its first kept trigger."""
        start, end = self.clauses[clause]
        first = next((h for h in self.kept_hits(clause) if h.governor is None), None)
        return start, first.start if first else end


@dataclass
class Context:
    """What a sentence inherits from the sentences before it in its paragraph.

    `topic`: the actor the paragraph goes on about (the last event's source), for a sentence that
    names nobody; `parties`: the two sides of the last meeting, visit or agreement, for 雙方/兩國/兩人;
    `date`: the narrative date. Carried actors have offsets -1: they stand in another sentence.
    """

    topic: list[Actor] = field(default_factory=list)
    parties: list[Actor] = field(default_factory=list)
    date: TimeExpression | None = None


def carried(actors: list[Actor]) -> list[Actor]:
    """Copies of actors carried into the next sentence, with offsets -1."""
    return [replace(a, start=-1, end=-1) for a in actors]


def shields(text: str, pairs: dict[str, str]) -> list[bool]:
    """True inside a quotation or bracket; a closer with no opener covers the sentence's start.

    >>> "".join("x" if inside else "." for inside in shields("a)b(c)d", BRACKETS))
    'xx.xxx.'
    """
    inside = [False] * len(text)
    closers = set(pairs.values())
    marks = re.compile(f"[{re.escape(''.join(sorted(closers | set(pairs))))}]")
    found = [(m.start(), m.group()) for m in marks.finditer(text)]  # only the marks change the depth
    first_closer = next((i for i, c in found if c in closers), -1)
    first_opener = next((i for i, c in found if c in pairs), len(text))
    if 0 <= first_closer < first_opener:
        inside[: first_closer + 1] = [True] * (first_closer + 1)
    depth, opened = 0, 0
    for i, c in found:
        if c in pairs:
            opened = i if depth == 0 else opened
            depth += 1
        if c in closers and depth:
            depth -= 1
            if depth == 0:
                inside[opened : i + 1] = [True] * (i + 1 - opened)
    if depth:
        inside[opened:] = [True] * (len(text) - opened)
    return inside


def clauses(text: str, in_bracket: list[bool]) -> list[tuple[int, int]]:
    """Clause spans between clause stops outside brackets; the whole text if it has none.

    >>> clauses("甲，乙(丙，丁)。", shields("甲，乙(丙，丁)。", BRACKETS))
    [(0, 1), (2, 8)]
    """
    spans, start = [], 0
    for i, c in enumerate(text):
        if c in CLAUSE_STOPS and not in_bracket[i]:
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(text)))
    return [s for s in spans if s[1] > s[0]] or [(0, len(text))]


def new_view(sentence: Sentence, tables: EventTables, words: Words) -> View:
    """The sentence's shadow, clauses, shields, words and 在-phrases; actors and triggers come later."""
    norm = to_simplified(sentence.text)
    if len(norm) != len(sentence.text):
        norm = sentence.text
    in_bracket = shields(norm, BRACKETS)
    eventful = tables.holds_trigger(norm, [norm[m.start : m.end] for m in sentence.mentions if m.label == "EVENT"])
    # a sentence without a trigger is read only for its dates (`usable_dates` looks at the word after each)
    after_dates = [word_after(norm, date.end) for date in sentence.dates if date.start < len(norm)]
    bounds = sorted({0, len(norm), *[p for m in sentence.mentions for p in (m.start, m.end)]})
    tokens = {}
    for a, b in zip(bounds, bounds[1:]):  # segment between mentions so a name never merges with a cue (美將)
        if eventful or any(a <= p < b for p in after_dates):
            for word, start in words.of(norm[a:b]):
                tokens[a + start] = word
    quoted = shields(norm, QUOTES)
    view = View(sentence, tables, words, norm, clauses(norm, in_bracket), quoted, in_bracket, tokens, eventful=eventful)
    view.phrases = place_phrases(view) if eventful else []
    return view


def word_after(norm: str, end: int) -> int:
    """Where the word after position `end` starts, whitespace skipped.

    >>> word_after("1999年 以後", 5)
    6
    """
    return end + len(norm[end:]) - len(norm[end:].lstrip())


def place_phrases(view: View) -> list[tuple[int, int, str]]:
    """在/於 phrases as (start, end, localizer): up to a localizer (在...上, 在...時) met before any trigger,
    else up to the trigger (localizer '')."""
    cues = view.tables.cues
    phrases = []
    for pos, word in sorted(view.tokens.items()):
        if word not in cues["place_opener"]:
            continue
        clause_end = view.clauses[view.clause_of(pos)][1]
        for p in range(pos + 1, clause_end):
            localizer = view.tokens.get(p, "")
            if localizer in cues["localizer"]:
                phrases.append((pos, p + len(localizer), localizer))
                break
            word_at = view.tables.trigger_word(view.norm, p)
            if word_at:
                after = view.tokens.get(p + len(word_at), "")
                if after in cues["place_localizer"]:
                    phrases.append((pos, p + len(word_at) + len(after), after))
                else:
                    phrases.append((pos, p, ""))  # 在北京大學發表演講: the place runs up to the verb
                break
    return phrases
