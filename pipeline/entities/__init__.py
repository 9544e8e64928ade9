"""Entities: recognise named entities in body sentences and link their mentions across the corpus.

Recognition (`annotate` in the batch, the spaCy component `entities` after the jieba tokenizer in
`pipeline.load()`; both run `recognize.recognize`) combines, per sentence, candidates from several
sources (the `method` of a mention says which one won; `recognize.SOURCES` lists them in order):

- `lexicon`: general lexicons under `data/lexicon/*.tsv` (countries, cities, regions,
  organisations, media, people, treaties, events ...), matched in the Simplified conversion of
  the sentence so Traditional and Simplified text both match;
- `gloss`: a Chinese name followed by a parenthesised Latin or Cyrillic gloss,
  `倫斯斐 (Donald Henry Rumsfeld)`; the gloss gives the English name, an alias and, from its
  shape, the type (a personal name, "... Treaty", "... Organization, NATO");
- `rule`: a name after a title (國務卿鮑威爾, 記者林佳慧), a Chinese name the context vouches for
  (a surname and a given name before a speech verb or in a list with a person: 張志明表示,
  蔡宗憲、劉冠廷), a name ending in a head word (…條約, …委員會, …事件, …醫院, …錦標賽,
  「…」-quoted document titles), a country followed by an institution (美國國防部), a demonym
  (俄羅斯人), one-character state abbreviations (美俄, 訪俄);
- `memory`: a name that a gloss or a title introduced earlier in the same document, seen bare;
- `model`: jieba's statistical person/place/organisation tags, filtered against their known
  false positives; these only fill gaps the other sources leave.

Overlaps are resolved as the output contract asks: the longest span wins and nothing nests;
between equally long spans the more reliable source wins. Titles stay outside PERSON spans.

Linking (`link`) gives every mention the id of one canonical entity, merging aliases through
shared lexicon rows and glosses (普欽 / Putin / Путин), suffix variants (ABM條約 / ABM,
中亞地區 / 中亞), reordered hyphenated names, one-character typos in long names, given name +
surname forms, and one-character abbreviations resolved by what the document talks about.

User lexicons have the same format as the bundled ones and are passed to `pipeline.load`
(`load(extra_lexicons=["my_names.tsv"])`, or a folder of them)::

    # What the file holds and where it was compiled from (lines starting with '#' are comments).
    label	name_en	aliases
    PERSON	Vladimir Putin	普欽|普丁|普京|Putin|Путин
    ORG	Association of Southeast Asian Nations	東協|東盟|ASEAN

Columns are tab-separated: an OntoNotes label (PERSON, NORP, FAC, ORG, GPE, LOC, LAW, EVENT),
the English name (used for `name_en` and the entity id) and the aliases, `|`-separated, in any
script. A one-character alias is an abbreviation, recognised only where it stands for its
entity (美俄, 訪俄). Rows of a user lexicon are read before the bundled ones, so they win, and may
carry `country` (ISO-3) and `cameo_actor` columns. Entities get their country and CAMEO actor code from
`data/lexicon/codes/` (`actors.ActorCodes`; `code(entity_id, date)` is what the events stage calls).
"""

from __future__ import annotations

from ..model import ENTITY_LABELS
from .annotate import annotate
from .component import EntityRecognizer, make_entity_recognizer
from .lexicon import LEXICON_DIR, EntityLexicon, Lexicon, lexicon_paths, link_key, load_lexicon, match_key
from .link import link

LABELS = ENTITY_LABELS

__all__ = [
    "LABELS",
    "LEXICON_DIR",
    "EntityLexicon",
    "EntityRecognizer",
    "Lexicon",
    "annotate",
    "lexicon_paths",
    "link",
    "link_key",
    "load_lexicon",
    "make_entity_recognizer",
    "match_key",
]
