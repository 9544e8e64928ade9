"""What every candidate source reads besides the sentence: the entity data, the segmenter's
dictionary, the stage policy and the names the document introduced (its memory)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from ..config import EntitiesConfig
from .lexicon import Cues, EntityLexicon, Lexicon, Rules
from .view import SentenceView

# A name the document introduced (by a gloss or a title), keyed in its match form: (label, name_en).
Memory = Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class Context:
    """The tables and predicates one recognition run reads."""

    entities: EntityLexicon
    dictionary: Callable[[str], bool]
    policy: EntitiesConfig = field(default_factory=EntitiesConfig)
    memory: Memory = field(default_factory=dict)

    @property
    def lexicon(self) -> Lexicon:
        return self.entities.lexicon

    @property
    def rules(self) -> Rules:
        return self.entities.rules

    @property
    def cues(self) -> Cues:
        return self.entities.cues

    def remembering(self, memory: Memory) -> Context:
        """The same context with the document's memory."""
        return replace(self, memory=memory)

    def is_word(self, word: str) -> bool:
        """Whether `word` is a word a name may be glued to: a rule word, a name, or in the dictionary."""
        return word in self.entities.known_words or self.dictionary(word)

    def fits_words(self, view: SentenceView, start: int, end: int) -> bool:
        """Whether a name at [start, end) of `view` is not just a piece of a longer word."""
        return view.fits_words(start, end, self.is_word, self.cues.affixes)

    def rank(self, method: str) -> int:
        """How reliable a source is among equally long spans (0 the most)."""
        return self.policy.source_order.index(method)
