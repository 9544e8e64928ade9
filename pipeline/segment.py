"""Segmentation: jieba words as spaCy tokens, with exact offsets into the source text.

jieba's dictionary and statistics are Simplified Chinese, so a Traditional sentence is segmented
through its Simplified conversion (`to_simplified`), which keeps one character per character; the
words are cut from the source text at the same offsets. Only runs of Han characters go to jieba:
Latin and Cyrillic words, numbers and punctuation are split by a regular expression, so a gloss
such as `(Путин Владимир)` gives two words rather than one token per letter. jieba's part-of-speech
flag (`n`, `v`, `nr` person name, `ns` place name, `nt` organisation ...) is on `token.tag_`.

One `Segmenter` (one jieba dictionary with the user dictionaries and the lexicon's names) serves
every stage, so entities, events and term frequencies cut the same words:

    >>> segmenter = Segmenter()
    >>> segmenter.segment("普欽訪問北京")
    [('普欽', 'nr'), ('訪問', 'v'), ('北京', 'ns')]
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import jieba
import jieba.posseg
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from .script import to_simplified
from .text import HAN_RUN, aligned_simplified

# Outside Han runs: words in any alphabet (with inner apostrophes), numbers, whitespace, one symbol.
OTHER_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|\s|[^\w\s]|_")

NAME_FREQUENCY = 10


def tag_for_other(word: str) -> str:
    """jieba's own flags for what it does not segment: `eng` words, `m` numbers, `x` the rest."""
    if word[0].isdigit():
        return "m"
    if word[0].isalpha():
        return "eng"
    return "x"


class Segmenter:
    """jieba's dictionary plus user words, segmenting either script with exact offsets.

    `user_dicts` are jieba user dictionary files (`word [freq] [tag]` per line); `words` are
    (word, tag) pairs added on top, e.g. the entity lexicon's names so they stay one word.
    """

    def __init__(self, user_dicts: Iterable[str | Path] = (), words: Iterable[tuple[str, str]] = ()):
        self.user_dicts = [str(p) for p in user_dicts]
        self.words = [(word, tag) for word, tag in words]
        jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not ours to print
        self.dictionary = jieba.Tokenizer()
        self.dictionary.initialize()
        for path in self.user_dicts:
            for word, frequency, tag in user_words(path):
                self.dictionary.add_word(to_simplified(word), freq=frequency, tag=tag)
        for word, tag in self.words:
            simplified = to_simplified(word)
            # A low frequency: enough to keep the name one word where its characters stand alone,
            # too low to break a longer dictionary word that contains it (高尔夫 keeps 高尔).
            frequency = max(self.dictionary.FREQ.get(simplified, 0), NAME_FREQUENCY)
            self.dictionary.add_word(simplified, freq=frequency, tag=tag or None)
        self.tagger = Tagger(self.dictionary)

    def __reduce__(self) -> tuple[type[Segmenter], tuple[list[str], list[tuple[str, str]]]]:
        """Pickled as its recipe (jieba's tokenizer holds a lock): a worker process rebuilds it."""
        return (Segmenter, (self.user_dicts, self.words))

    def is_word(self, word: str) -> bool:
        """Whether `word` (either script) is in the dictionary."""
        return self.dictionary.FREQ.get(aligned_simplified(word), 0) > 0

    def segment(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs covering `text` exactly, in order."""
        pieces = []
        position = 0
        for han in HAN_RUN.finditer(text):
            pieces.extend(segment_other(text[position : han.start()]))
            offset = han.start()
            for word, tag in self.tagger.cut(aligned_simplified(han.group())):
                pieces.append((text[offset : offset + len(word)], tag))
                offset += len(word)
            position = han.end()
        pieces.extend(segment_other(text[position:]))
        return pieces

    def words_of(self, simplified: str) -> list[tuple[str, int]]:
        """(word, start) of the dictionary words of Simplified text, without jieba's HMM guesses
        for unknown words: the event rules match cue words and triggers against these."""
        return [(word, start) for word, start, _ in self.dictionary.tokenize(simplified, HMM=False)]

    def tags_of(self, text: str) -> list[str]:
        """jieba's part-of-speech tag of each word of Simplified `text`."""
        return [tag for _, tag in self.tagger.cut(text)]


def user_words(path: str | Path) -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of a jieba user dictionary (`word [frequency] [tag]` per line).

    The segmenter cuts the Simplified form of the text, so a word is added in its Simplified form:
    a user word written in Traditional script (克沙皮奧里) must cut Traditional and Simplified text
    alike, which jieba's own `load_userdict` would not do.
    """
    words: list[tuple[str, int | None, str | None]] = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        parts = line.split()
        if not parts or line.startswith("#"):
            continue
        frequency = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        rest = parts[2:] if frequency is not None else parts[1:]
        words.append((parts[0], frequency, rest[0] if rest else None))
    return words


class Tagger(jieba.posseg.POSTokenizer):
    """jieba's part-of-speech tokenizer with a faster Viterbi for the runs of characters its
    dictionary does not know (the HMM that finds new words): the same paths and tags, found by
    trying only the transitions the model has instead of every pair of states. jieba's decoder was
    half of a chapter's segmentation time (issue: a thousand chapters in ten minutes)."""

    def __init__(self, tokenizer: jieba.Tokenizer):
        super().__init__(tokenizer)
        self.decoder = Viterbi(
            jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P
        )

    def _POSTokenizer__cut(self, sentence: str) -> Iterator[jieba.posseg.pair]:
        """jieba's `POSTokenizer.__cut` (the B/M/E/S states to words), with `self.decoder`."""
        _, pos_list = self.decoder(sentence)
        begin, nexti = 0, 0
        for i, char in enumerate(sentence):
            pos = pos_list[i][0]
            if pos == "B":
                begin = i
            elif pos == "E":
                yield jieba.posseg.pair(sentence[begin : i + 1], pos_list[i][1])
                nexti = i + 1
            elif pos == "S":
                yield jieba.posseg.pair(char, pos_list[i][1])
                nexti = i + 1
        if nexti < len(sentence):
            yield jieba.posseg.pair(sentence[nexti:], pos_list[nexti][1])


State = tuple[str, str]  # (B/M/E/S, part of speech)
MIN_FLOAT = -3.14e100  # jieba's floor for an unseen emission


class Viterbi:
    """jieba's `posseg.viterbi` with each state's incoming transitions indexed: a state is reached
    only from the states the model lets precede it, so the maximum is taken over those (a missing
    transition has probability 0, log -inf, and can win only where no transition exists, which
    falls back to jieba's own expression). Same float sums in the same order: the same route.

    >>> v = Viterbi(jieba.posseg.char_state_tab_P, jieba.posseg.start_P, jieba.posseg.trans_P, jieba.posseg.emit_P)
    >>> v("韦傑夫")[1] == jieba.posseg.viterbi("韦傑夫", jieba.posseg.char_state_tab_P, jieba.posseg.start_P,
    ...     jieba.posseg.trans_P, jieba.posseg.emit_P)[1]
    True
    """

    def __init__(self, states: dict, start_p: dict, trans_p: dict, emit_p: dict):
        self.states, self.start_p, self.trans_p, self.emit_p = states, start_p, trans_p, emit_p
        self.incoming: dict[State, list[tuple[State, float]]] = {}
        for before, successors in trans_p.items():
            for state, p in successors.items():
                self.incoming.setdefault(state, []).append((before, p))
        self.leads_on = {state for state, successors in trans_p.items() if successors}

    def __call__(self, obs: str) -> tuple[float, list[State]]:
        """(log probability, state per character) of the best path for `obs`."""
        states, trans_p, emit_p = self.states, self.trans_p, self.emit_p
        all_states = trans_p.keys()
        scores = [{y: self.start_p[y] + emit_p[y].get(obs[0], MIN_FLOAT) for y in states.get(obs[0], all_states)}]
        came_from: list[dict[State, State | str]] = [dict.fromkeys(scores[0], "")]
        for char in obs[1:]:
            before = scores[-1]
            previous = [x for x in came_from[-1] if x in self.leads_on]
            expected = {y for x in previous for y in trans_p[x]}
            candidates = set(states.get(char, all_states)) & expected or expected or set(all_states)
            now: dict[State, float] = {}
            path: dict[State, State | str] = {}
            for y in candidates:
                emit = emit_p[y].get(char, MIN_FLOAT)
                reached = [
                    (before[x] + p + emit, x) for x, p in self.incoming.get(y, ()) if x in self.leads_on and x in before
                ]
                now[y], path[y] = max(
                    reached or ((before[x] + trans_p[x].get(y, float("-inf")) + emit, x) for x in previous)
                )
            scores.append(now)
            came_from.append(path)
        probability, state = max((scores[-1][y], y) for y in came_from[-1])
        route: list[State] = [state] * len(obs)
        for i in range(len(obs) - 1, -1, -1):
            route[i] = state
            state = came_from[i][state]  # type: ignore[assignment]  # '' only before the first character
        return probability, route


def segment_other(text: str) -> list[tuple[str, str]]:
    """Words, numbers and symbols outside Han runs, with jieba-style tags."""
    return [(m.group(), tag_for_other(m.group())) for m in OTHER_TOKEN.finditer(text)]


class JiebaTokenizer:
    """The spaCy tokenizer: a `Segmenter`'s words as tokens, its tags on `token.tag_`.

    Registered as `pipeline.jieba_tokenizer.v1`, so `nlp.config` names it and `spacy.load` rebuilds
    it from the same user resources (`lexicons`, `user_dict`).
    """

    def __init__(self, vocab: Vocab, segmenter: Segmenter):
        self.vocab = vocab
        self.segmenter = segmenter

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        for word, tag in self.segmenter.segment(text):
            # A single space after a word is that word's trailing whitespace, as spaCy keeps it.
            if word == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                continue
            words.append(word)
            spaces.append(False)
            tags.append(tag)
        return Doc(self.vocab, words=words, spaces=spaces, tags=tags)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    # The tokenizer's state is its user resources, which the registered function rebuilds from
    # `nlp.config`; nothing else needs saving.
    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> JiebaTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: object) -> None:
        Path(path).write_bytes(b"")

    def from_disk(self, path: str | Path, **kwargs: object) -> JiebaTokenizer:
        return self


@registry.tokenizers("pipeline.jieba_tokenizer.v1")
def create_jieba_tokenizer(lexicons: list[str], user_dict: str | None) -> Callable[[Language], JiebaTokenizer]:
    """The tokenizer factory `nlp.config` names: the shared `Resources` segmenter of these user resources."""

    def make(nlp: Language) -> JiebaTokenizer:
        from .resources import shared

        return JiebaTokenizer(nlp.vocab, shared(tuple(lexicons), user_dict).segmenter)

    return make
