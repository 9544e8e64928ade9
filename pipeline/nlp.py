"""The spaCy `Language` of the pipeline: jieba tokenizer, entity recognizer, date recognizer.

`load()` builds `spacy.blank("zh")` with the registered tokenizer `pipeline.jieba_tokenizer.v1`
(`segment.py`: one jieba whose dictionary also holds the lexicon names, titles and institution
words, so they stay whole words), the `entities` component (`doc.ents`, `span.kb_id_`) and the
`dates` component (`doc._.dates`, `doc.spans["dates"]`). Every part takes its data from the
process's shared `Resources`, and `nlp.config` names the user resources, so a pipeline saved with
`nlp.to_disk(path)` comes back whole from `spacy.load(path)` in any process that can import
`pipeline`.

    >>> nlp = load()
    >>> [(e.text, e.label_) for e in nlp("美國國務卿鮑威爾訪問莫斯科").ents]
    [('美國', 'GPE'), ('鮑威爾', 'PERSON'), ('莫斯科', 'GPE')]

User resources, without touching code: `extra_lexicons` are lexicon files (or folders of
`*.tsv` files) in the format documented in the README; `user_dict` is a jieba user dictionary
(one `word [frequency] [tag]` per line, UTF-8) for words the segmenter should keep whole.
"""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language

from . import dates, entities, segment  # noqa: F401  (importing them registers their spaCy parts)

_LOADED: dict[tuple[tuple[str, ...], str | None], Language] = {}


def load(
    extra_lexicons: list[str | Path] | tuple[str | Path, ...] = (), user_dict: str | Path | None = None
) -> Language:
    """The pipeline's spaCy `Language`, built once per set of user lexicons and user dictionary."""
    key = (tuple(str(p) for p in extra_lexicons), str(user_dict) if user_dict else None)
    if key not in _LOADED:
        _LOADED[key] = build(*key)
    return _LOADED[key]


def build(lexicons: tuple[str, ...], user_dict: str | None) -> Language:
    """A new `Language` over the shared resources of these user resources."""
    resources = {"lexicons": list(lexicons), "user_dict": user_dict}
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "pipeline.jieba_tokenizer.v1", **resources}}})
    nlp.add_pipe("entities", config=resources)
    nlp.add_pipe("dates", config=resources)
    return nlp
