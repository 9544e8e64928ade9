"""The candidate sources of entity recognition, one function each.

Every source is `(view, context, found) -> list[Candidate]`: it reads the sentence view, the
`Context` (entity data, dictionary, policy, the document's memory) and the candidates the earlier
sources found, and returns its own. `recognize.SOURCES` lists them in the order they run.
"""

from __future__ import annotations

from .dotted import dotted_names
from .glosses import glossed_names
from .heads import quoted_names, suffixed_names
from .names import demonyms, institutions, latin_matches, lexicon_matches, memory_matches
from .numbered import numbered_names
from .persons import reported_persons, titled_persons
from .tagged import jieba_names

__all__ = [
    "demonyms",
    "dotted_names",
    "glossed_names",
    "institutions",
    "jieba_names",
    "latin_matches",
    "lexicon_matches",
    "memory_matches",
    "numbered_names",
    "quoted_names",
    "reported_persons",
    "suffixed_names",
    "titled_persons",
]
