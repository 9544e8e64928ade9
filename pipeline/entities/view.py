"""One sentence as the recognition rules see it, and the candidate spans they propose."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc

from .lexicon import match_key

SPACES = re.compile(r"\s+")
LATINISH = re.compile(r"[0-9A-Za-zÀ-ɏЀ-ӿ.,;:'’\"()&/-]")


@dataclass(frozen=True, order=True)
class Candidate:
    """A proposed entity span with its label, the source that proposed it and its English name."""

    start: int
    end: int
    label: str
    method: str
    name_en: str = ""


class SentenceView:
    """A sentence as the rules see it: Simplified, with the spaces around Chinese removed
    (`北約 - 俄羅斯理事會`, `1441 號決議` as PDF extraction spaces them), and its jieba words.

    Rules work in these compact coordinates; `to_original` maps a span back to the sentence.
    Spaces between two Latin words stay (`Donald Henry Rumsfeld`).
    """

    def __init__(self, text: str, tokens: list[tuple[int, int, str]], key: str | None = None):
        """`key` is `match_key(text)` when the caller has it already."""
        self.text = text
        simplified = match_key(text) if key is None else key
        keep = [True] * len(text)
        removed = False
        for run in SPACES.finditer(text):
            before, after = text[run.start() - 1 : run.start()], text[run.end() : run.end() + 1]
            if not (LATINISH.match(before) and LATINISH.match(after)):
                keep[run.start() : run.end()] = [False] * (run.end() - run.start())
                removed = True
        if removed:
            self.origin = [i for i, kept in enumerate(keep) if kept]
            self.key = "".join(simplified[i] for i in self.origin)
            kept_before = list(itertools.accumulate(keep, initial=0))  # compact(p) for every position p
            compacted = ((kept_before[start], kept_before[end], tag) for start, end, tag in tokens)
            self.tokens = [(start, end, tag) for start, end, tag in compacted if end > start]
        else:  # every character kept: compact positions are the original ones
            self.origin = list(range(len(text)))
            self.key = simplified
            self.tokens = [(start, end, tag) for start, end, tag in tokens if end > start]
        self.starts = {start for start, _, _ in self.tokens}
        self.ends = {end for _, end, _ in self.tokens}
        self.token_of = [0] * len(self.key)
        for index, (start, end, _) in enumerate(self.tokens):
            self.token_of[start:end] = [index] * (end - start)

    def compact(self, position: int) -> int:
        """The compact position of an original one (of the next kept character)."""
        return bisect.bisect_left(self.origin, position)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The original span of a compact one."""
        return self.origin[start], self.origin[end - 1] + 1

    def word(self, index: int) -> str:
        """The compact text of token `index`."""
        start, end, _ = self.tokens[index]
        return self.key[start:end]

    def fits_words(self, start: int, end: int, is_word: Callable[[str], bool], affixes: frozenset[str]) -> bool:
        """Whether a name at [start, end) is not just a piece of a longer word.

        A name may end inside a jieba word when the rest is a word of its own (英國|首相 and
        美國|市場 cut as one word) or an affix (美國|人), never otherwise (沿|海地|區, 高爾|夫球)."""
        inside = []
        if start not in self.starts and start > 0:
            token_start = self.tokens[self.token_of[start]][0]
            inside.append(self.key[token_start:start])
        if end not in self.ends and end < len(self.key):
            token_end = self.tokens[self.token_of[end - 1]][1]
            inside.append(self.key[end:token_end])
        if len(inside) == 2:
            return False
        return all(rest in affixes or (len(rest) > 1 and is_word(rest)) for rest in inside)


def doc_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, tag) of the tokens of a spaCy `Doc`, a token's trailing space a word of its own:
    the `word_spans` of the segmenter's words the jieba tokenizer made the `Doc` from."""
    tokens = []
    for t in doc:
        end = t.idx + len(t.text)
        tokens.append((t.idx, end, t.tag_))
        if t.whitespace_:
            tokens.append((end, end + len(t.whitespace_), "x"))
    return tokens


def word_spans(words: Iterable[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """(start, end, tag) of consecutive words.

    >>> word_spans([("普欽", "nr"), ("訪華", "v")])
    [(0, 2, 'nr'), (2, 4, 'v')]
    """
    spans, position = [], 0
    for word, tag in words:
        spans.append((position, position + len(word), tag))
        position += len(word)
    return spans


def split_at(tokens: list[tuple[int, int, str]], edges: set[int]) -> list[tuple[int, int, str]]:
    """Tokens cut where an edge falls inside one, each piece keeping the token's tag: the words
    of a sentence after its entities were set (as `set_entities` retokenizes a `Doc`).

    >>> split_at([(0, 4, "nr"), (4, 5, "x")], {2, 4})
    [(0, 2, 'nr'), (2, 4, 'nr'), (4, 5, 'x')]
    """
    pieces: list[tuple[int, int, str]] = []
    for start, end, tag in tokens:
        bounds = [start, *sorted(e for e in edges if start < e < end), end]
        pieces.extend((a, b, tag) for a, b in zip(bounds, bounds[1:]))
    return pieces
