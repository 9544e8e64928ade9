"""The spaCy `Language` of the pipeline: jieba tokenizer, entity recognizer, date recognizer.

`load()` builds it once per set of user resources (it is cached): `spacy.blank("zh")` with the
jieba tokenizer of `segment.py` (whose dictionary also gets the lexicon names, titles and
institution words, so they stay whole words), the `entities` component of `entities.py`
(`doc.ents`) and the `dates` component of `dates.py` (`doc.spans["dates"]`).

    >>> nlp = load()
    >>> [(e.text, e.label_) for e in nlp("美國國務卿鮑威爾訪問莫斯科").ents]
    [('美國', 'GPE'), ('鮑威爾', 'PERSON'), ('莫斯科', 'GPE')]

User resources, without touching code: `extra_lexicons` are lexicon files (or folders of
`*.tsv` files) in the format documented in `entities.py`; `user_dict` is a jieba user dictionary
(one `word [frequency] [tag]` per line, UTF-8) for words the segmenter should keep whole.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from . import dates, entities  # noqa: F401  (importing them registers their spaCy components)
from .segment import JiebaTokenizer


def load(extra_lexicons: list[str | Path] | tuple = (), user_dict: str | Path | None = None) -> Language:
    """The pipeline's spaCy `Language`, built once per set of user lexicons and user dictionary."""
    return build(tuple(str(p) for p in extra_lexicons), str(user_dict) if user_dict else None)


@lru_cache(maxsize=4)
def build(extra_lexicons: tuple[str, ...], user_dict: str | None) -> Language:
    nlp = spacy.blank("zh")
    recognizer = nlp.add_pipe("entities", config={"extra_lexicons": list(extra_lexicons)})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab, user_dicts=[user_dict] if user_dict else [],
                                   words=recognizer.lexicon.jieba_words() + recognizer.rules.jieba_words())
    recognizer.dictionary = nlp.tokenizer.is_word
    nlp.add_pipe("dates")
    return nlp
