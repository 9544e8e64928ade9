"""Segmentation: jieba words as spaCy tokens, with exact offsets into the source text.

jieba's dictionary and statistics are Simplified Chinese, so a Traditional sentence is segmented
through its Simplified conversion (`to_simplified`), which keeps one character per character; the
words are cut from the source text at the same offsets. Only runs of Han characters go to jieba:
Latin and Cyrillic words, numbers and punctuation are split by a regular expression, so a gloss
such as `(Путин Владимир)` gives two words rather than one token per letter. jieba's part-of-speech
flag (`n`, `v`, `nr` person name, `ns` place name, `nt` organisation ...) is on `token.tag_`.

    >>> import spacy
    >>> tokenizer = JiebaTokenizer(spacy.blank("zh").vocab)
    >>> [(t.text, t.tag_) for t in tokenizer("普欽訪問北京")]
    [('普欽', 'nr'), ('訪問', 'v'), ('北京', 'ns')]
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import jieba
import jieba.posseg
import srsly
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .script import to_simplified

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
COMPATIBILITY_IDEOGRAPH = re.compile(r"[\uf900-\ufaff]")
# Outside Han runs: words in any alphabet (with inner apostrophes), numbers, whitespace, one symbol.
OTHER_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d+(?:[.,]\d+)*|\s|[^\w\s]|_")

NAME_FREQUENCY = 10

jieba.setLogLevel(logging.WARNING)


def aligned_simplified(text: str) -> str:
    """`to_simplified(text)`, converted character by character wherever a phrase rule changed the length.

    CJK compatibility ideographs, which PDF extraction leaves in the text (U+F9E9 for 里), are first
    replaced by the unified ideographs they stand for, one character for one.

    >>> aligned_simplified("倫斯斐")
    '伦斯斐'
    >>> aligned_simplified("布\uf9e9茲") == "布里兹"
    True
    """
    text = COMPATIBILITY_IDEOGRAPH.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    simplified = to_simplified(text)
    if len(simplified) == len(text):
        return simplified
    pieces = [to_simplified(char) for char in text]
    return "".join(p if len(p) == 1 else c for p, c in zip(pieces, text))


def tag_for_other(word: str) -> str:
    """jieba's own flags for what it does not segment: `eng` words, `m` numbers, `x` the rest."""
    if word[0].isdigit():
        return "m"
    if word[0].isalpha():
        return "eng"
    return "x"


class JiebaTokenizer:
    """A spaCy tokenizer segmenting with its own jieba instance (dictionary plus user words).

    `user_dicts` are jieba user dictionary files (`word [freq] [tag]` per line); `words` are
    (word, tag) pairs added on top, e.g. the entity lexicon's names so they stay one token.
    """

    def __init__(self, vocab: Vocab, user_dicts: Iterable[str | Path] = (),
                 words: Iterable[tuple[str, str]] = ()):
        self.vocab = vocab
        self.user_dicts = [str(p) for p in user_dicts]
        self.words = [tuple(w) for w in words]
        self.segmenter = self._build_segmenter()

    def _build_segmenter(self) -> jieba.posseg.POSTokenizer:
        words = jieba.Tokenizer()
        words.initialize()
        for path in self.user_dicts:
            words.load_userdict(path)
        for word, tag in self.words:
            simplified = to_simplified(word)
            # A low frequency: enough to keep the name one word where its characters stand alone,
            # too low to break a longer dictionary word that contains it (高尔夫 keeps 高尔).
            words.add_word(simplified, freq=max(words.FREQ.get(simplified, 0), NAME_FREQUENCY), tag=tag or None)
        return jieba.posseg.POSTokenizer(words)

    def is_word(self, word: str) -> bool:
        """Whether `word` (either script) is in the segmenter's dictionary."""
        return self.segmenter.tokenizer.FREQ.get(aligned_simplified(word), 0) > 0

    def segment(self, text: str) -> list[tuple[str, str]]:
        """(word, tag) pairs covering `text` exactly, in order."""
        pieces = []
        position = 0
        for han in HAN_RUN.finditer(text):
            pieces.extend(self._segment_other(text[position:han.start()]))
            simplified = aligned_simplified(han.group())
            offset = han.start()
            for word, tag in self.segmenter.cut(simplified):
                pieces.append((text[offset:offset + len(word)], tag))
                offset += len(word)
            position = han.end()
        pieces.extend(self._segment_other(text[position:]))
        return pieces

    @staticmethod
    def _segment_other(text: str) -> list[tuple[str, str]]:
        return [(m.group(), tag_for_other(m.group())) for m in OTHER_TOKEN.finditer(text)]

    def __call__(self, text: str) -> Doc:
        words, spaces, tags = [], [], []
        for word, tag in self.segment(text):
            # A single space after a word is that word's trailing whitespace, as spaCy keeps it.
            if word == " " and words and not spaces[-1] and not words[-1].isspace():
                spaces[-1] = True
                continue
            words.append(word)
            spaces.append(False)
            tags.append(tag)
        return Doc(self.vocab, words=words, spaces=spaces, tags=tags)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def _config(self) -> dict:
        return {"user_dicts": self.user_dicts, "words": [list(w) for w in self.words]}

    def to_bytes(self, **kwargs) -> bytes:
        return srsly.msgpack_dumps(self._config())

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        config = srsly.msgpack_loads(data)
        self.user_dicts = config["user_dicts"]
        self.words = [tuple(w) for w in config["words"]]
        self.segmenter = self._build_segmenter()
        return self

    def to_disk(self, path: str | Path, **kwargs) -> None:
        Path(path).write_bytes(self.to_bytes())

    def from_disk(self, path: str | Path, **kwargs) -> "JiebaTokenizer":
        return self.from_bytes(Path(path).read_bytes())

    def __reduce__(self):
        return (type(self), (self.vocab, self.user_dicts, self.words))
