"""Entities: recognise named entities in body sentences and link their mentions across the corpus.

Recognition runs as the spaCy component `entities` after the jieba tokenizer and combines, per
sentence, candidates from several sources (the `method` of a mention says which one won):

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
entity (美俄, 訪俄). Rows of a user lexicon are read before the bundled ones, so they win.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from .config import Config
from .datafiles import DATA, read_tsv
from .model import Document, Entity, Mention
from .script import to_simplified
from .text import HAN_RUN, aligned_simplified

if TYPE_CHECKING:
    from .resources import Resources

LEXICON_DIR = DATA / "lexicon"
PATTERN_DIR = LEXICON_DIR / "patterns"
LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "LAW", "EVENT")
# Among spans of equal length, the more reliable source wins.
RANK = {"lexicon": 0, "gloss": 1, "memory": 2, "rule": 3, "model": 9}
JIEBA_TAGS = {"PERSON": "nr", "GPE": "ns", "LOC": "ns", "ORG": "nt", "FAC": "nz", "NORP": "nz",
              "LAW": "nz", "EVENT": "nz"}
MIDDLE_DOTS = "·・‧．•･"
DASHES = "－‐‑‒–—―"
LATINISH = re.compile(r"[0-9A-Za-zÀ-ɏЀ-ӿ.,;:'’\"()&/-]")
ALPHABETIC = re.compile(r"[A-Za-zÀ-ɏЀ-ӿ]")
CYRILLIC = re.compile(r"[Ѐ-ӿ]")
GLOSS = re.compile(r"[(（]\s*([^()（）]{2,300}?)\s*[)）]")
QUOTED = re.compile(r"[「『“《]([^「」『』“”《》]{2,60})[」』”》]")
QUOTE_PAIRS = {"」": "「", "』": "『", "”": "“", "》": "《"}
ORDINAL_WORD = re.compile(r"第[0-9０-９一二三四五六七八九十百]*(?:[屆届次回期]|阶段|階段)?")
ORDINAL = re.compile(r"第[0-9０-９一二三四五六七八九十百]+[屆届次回]")
ACRONYM = re.compile(r"[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:[ -]?(?:[IVX]+|[0-9]+))?")
LATIN_RUN = re.compile(r"[0-9A-Za-zÀ-ɏЀ-ӿ][0-9A-Za-zÀ-ɏЀ-ӿ'’.\-&/ ]*")
NAME_PARTICLES = {"de", "da", "di", "do", "dos", "du", "la", "le", "van", "von", "der", "den", "bin",
                  "ibn", "al", "el", "y", "of"}
# Characters after a number that make it a date or a quantity, not part of a name (911事件 vs 2001年).
MEASURES = set("年月日时時点點分秒岁歲万萬亿億千百个個名人枚架艘辆輛倍吨噸元%％")
# A word a name may stick to without the name being part of a longer word (美國人, 英國籍, 日本隊).
AFFIXES = set("人籍军軍方裔族队隊")
REGION_SUFFIX = "地区"
# Titles of a place's head that begin with the place's own suffix (臺北|市長, 屏東|縣長).
OFFICE_TITLES = {"市长", "县长", "州长", "省长", "区长", "镇长", "乡长"}
STOP_TAGS = {"x", "p", "c", "r", "rr", "rz", "d", "y", "e", "o", "w", "tg", "f"}
GLUED_NAME_TAGS = {"n", "nr", "nrt", "ns", "nt", "j"}
PROPER_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "j", "eng"}
PERSON_TAGS = {"nr", "nrfg", "nrt"}
# jieba tags (by first letter) of words that are never part of a personal name: verbs, prepositions,
# conjunctions, particles, adverbs, pronouns, numbers, measure words, localisers, time words, idioms.
NOT_IN_NAMES = set("vpcudrmqftyeoxwil")
FUNCTION_TAGS = set("pcud")
LIST_JOINERS = {"、", "与", "和", "及", "跟", "以及"}
# jieba tags some words `t` (time) by mistake (元首/t); a real time word has one of these.
TIME_CHARACTERS = set("年月日时時今昨明当當前后後期代纪紀初底末现現近早晚")
MAX_NAME = 32
LOCATIVES = ("在", "于", "赴", "抵", "至", "到", "往", "从", "自", "经")
PLACE_ENDING = re.compile(r"(?:sk|grad|burg|bourg|pol|stan|ville|shire|sk[aiy]y?)$", re.IGNORECASE)
PLACE_CHARACTERS = set("亚亞斯堡港岛島湾灣城市州省县縣村镇鎮兰蘭洲")
NUMERALS = set("〇○零一二三四五六七八九十廿卅月")


# ---------------------------------------------------------------- data files


def match_key(text: str) -> str:
    """The form names are matched in: Simplified, one kind of middle dot, same length as `text`.

    >>> match_key("奧薩瑪．賓拉登")
    '奥萨玛·宾拉登'
    """
    simplified = aligned_simplified(text)
    return "".join("·" if char in MIDDLE_DOTS else "-" if char in DASHES else char for char in simplified)


def link_key(text: str) -> str:
    """The form aliases are compared in for linking: NFKC, Simplified, case-folded, without
    spaces, dots or hyphens.

    >>> link_key("North Atlantic Treaty Organization") == link_key("NorthAtlantic Treaty-Organization")
    True
    """
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s·・‧．•･.\-–—_'’]", "", to_simplified(text)).casefold()


@dataclass(frozen=True)
class LexiconEntry:
    label: str
    name_en: str
    aliases: tuple[str, ...]


class Lexicon:
    """Lexicon rows indexed for matching: Han names, Latin/Cyrillic names, one-character abbreviations."""

    def __init__(self, entries: list[LexiconEntry]):
        self.entries = entries
        self.names: dict[str, list[LexiconEntry]] = defaultdict(list)
        self.latin: dict[str, list[LexiconEntry]] = defaultdict(list)
        self.abbreviations: dict[str, list[LexiconEntry]] = defaultdict(list)
        for entry in entries:
            for alias in entry.aliases:
                if not HAN_RUN.search(alias):
                    self.latin[" ".join(alias.split())].append(entry)
                elif len(alias) == 1:
                    self.abbreviations[match_key(alias)].append(entry)
                else:
                    key = match_key(alias)
                    self.names[key].append(entry)
                    if "·" in key:
                        self.names[key.replace("·", "")].append(entry)
        self.prefixes = {key[:i] for key in self.names for i in range(1, len(key) + 1)}
        self.by_link_key: dict[str, LexiconEntry] = {}
        for entry in entries:
            for alias in (*entry.aliases, entry.name_en):
                if len(alias) > 1:
                    self.by_link_key.setdefault(link_key(alias), entry)

    @classmethod
    def from_files(cls, paths: list[Path]) -> Lexicon:
        entries = []
        for path in paths:
            for row in read_tsv(path):
                aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
                name_en = row.get("name_en", "").strip()
                if row.get("label") and aliases:
                    entries.append(LexiconEntry(row["label"], name_en, tuple(dict.fromkeys(
                        [*aliases, name_en] if name_en else aliases))))
        return cls(entries)

    def jieba_words(self) -> list[tuple[str, str]]:
        """(word, jieba tag) for every Han name, so the segmenter keeps names whole."""
        words = {}
        for entry in self.entries:
            for alias in entry.aliases:
                if len(alias) > 1 and HAN_RUN.search(alias) and not any(d in alias for d in MIDDLE_DOTS):
                    words.setdefault(alias, JIEBA_TAGS.get(entry.label, "nz"))
        return sorted(words.items())


@dataclass(frozen=True)
class Rules:
    """The rule tables of `data/lexicon/patterns/`, keyed in their Simplified form."""

    titles: frozenset[str]
    institutions: dict[str, bool]
    suffixes: dict[str, tuple[str, str]]
    boundaries: frozenset[str]
    name_verbs: frozenset[str]
    generic_modifiers: frozenset[str]
    transliteration: frozenset[str]
    jieba_false_positives: frozenset[str]
    abbreviation_before: frozenset[str]
    abbreviation_after: frozenset[str]
    abbreviation_exclusions: frozenset[str]
    gloss_keywords: dict[str, str]
    surnames: frozenset[str]
    japanese_surnames: frozenset[str]
    given_name_exclusions: frozenset[str]
    name_followers: frozenset[str]

    @classmethod
    def from_folder(cls, folder: Path = PATTERN_DIR) -> Rules:
        def column(name, field):
            return frozenset(match_key(row[field]) for row in read_tsv(folder / name) if row.get(field))

        contexts = read_tsv(folder / "abbreviation_contexts.tsv")
        return cls(
            titles=column("titles.tsv", "title"),
            institutions={match_key(r["word"]): r["standalone"] == "yes"
                          for r in read_tsv(folder / "institutions.tsv")},
            suffixes={match_key(r["suffix"]): (r["label"], r["condition"])
                      for r in read_tsv(folder / "name_suffixes.tsv")},
            boundaries=column("name_boundaries.tsv", "word"),
            name_verbs=column("name_verbs.tsv", "word"),
            generic_modifiers=column("generic_modifiers.tsv", "word"),
            transliteration=frozenset("".join(column("transliteration_chars.tsv", "characters"))),
            jieba_false_positives=column("jieba_false_positives.tsv", "word"),
            abbreviation_before=frozenset(match_key(r["word"]) for r in contexts if r["position"] == "before"),
            abbreviation_after=frozenset(match_key(r["word"]) for r in contexts if r["position"] == "after"),
            abbreviation_exclusions=column("abbreviation_exclusions.tsv", "word"),
            gloss_keywords={r["keyword"].casefold(): r["label"] for r in read_tsv(folder / "gloss_keywords.tsv")},
            surnames=column("chinese_surnames.tsv", "surname"),
            japanese_surnames=column("japanese_surnames.tsv", "surname"),
            given_name_exclusions=frozenset("".join(column("given_name_exclusions.tsv", "characters"))),
            name_followers=column("name_followers.tsv", "word"),
        )

    def jieba_words(self) -> list[tuple[str, str]]:
        """Titles and institutions as jieba words, so a name after a title starts a new word."""
        return [(w, "n") for w in sorted(self.titles)] + [(w, "nt") for w in sorted(self.institutions)]


def lexicon_paths(extra: tuple[str, ...] = ()) -> list[Path]:
    """User lexicon files (a folder stands for its *.tsv files) first, then the bundled ones."""
    paths = []
    for item in map(Path, extra):
        paths.extend(sorted(item.glob("*.tsv")) if item.is_dir() else [item])
    return paths + sorted(LEXICON_DIR.glob("*.tsv"))


# ---------------------------------------------------------------- one sentence


@dataclass(frozen=True, order=True)
class Candidate:
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

    def __init__(self, text: str, tokens: list[tuple[int, int, str]]):
        self.text = text
        keep = [True] * len(text)
        for run in re.finditer(r"\s+", text):
            before, after = text[run.start() - 1:run.start()], text[run.end():run.end() + 1]
            if not (LATINISH.match(before) and LATINISH.match(after)):
                keep[run.start():run.end()] = [False] * (run.end() - run.start())
        self.origin = [i for i, kept in enumerate(keep) if kept]
        simplified = match_key(text)
        self.key = "".join(simplified[i] for i in self.origin)
        self.tokens = []
        for start, end, tag in tokens:
            compact_start, compact_end = self.compact(start), self.compact(end)
            if compact_end > compact_start:
                self.tokens.append((compact_start, compact_end, tag))
        self.starts = {start for start, _, _ in self.tokens}
        self.ends = {end for _, end, _ in self.tokens}
        self.token_of = [0] * len(self.key)
        for index, (start, end, _) in enumerate(self.tokens):
            self.token_of[start:end] = [index] * (end - start)

    @classmethod
    def from_doc(cls, doc: Doc) -> SentenceView:
        """The view of a spaCy sentence; a token's trailing space counts as a word of its own."""
        tokens = []
        for t in doc:
            end = t.idx + len(t.text)
            tokens.append((t.idx, end, t.tag_))
            if t.whitespace_:
                tokens.append((end, end + len(t.whitespace_), "x"))
        return cls(doc.text, tokens)

    def compact(self, position: int) -> int:
        """The compact position of an original one (of the next kept character)."""
        return bisect.bisect_left(self.origin, position)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.origin[start], self.origin[end - 1] + 1

    def word(self, index: int) -> str:
        start, end, _ = self.tokens[index]
        return self.key[start:end]

    def fits_words(self, start: int, end: int, is_word: Callable[[str], bool]) -> bool:
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
        return all(rest in AFFIXES or (len(rest) > 1 and is_word(rest)) for rest in inside)


@dataclass(frozen=True)
class EntityLexicon:
    """The bundled and user lexicons with the rule tables: what the recognizer and linker read."""

    lexicon: Lexicon
    rules: Rules

    def jieba_words(self) -> list[tuple[str, str]]:
        """Names and rule words the segmenter must keep whole."""
        return self.lexicon.jieba_words() + self.rules.jieba_words()


def load_lexicon(extra_lexicons: tuple[str, ...] = ()) -> EntityLexicon:
    """User lexicons (read first, so their rows win), the bundled lexicons and the rule tables."""
    return EntityLexicon(Lexicon.from_files(lexicon_paths(tuple(extra_lexicons))), Rules.from_folder())


class EntityRecognizer:
    """The spaCy component: sets `doc.ents` (with `._.entity_method`, `._.name_en`) on a sentence."""

    def __init__(self, lexicon: Lexicon, rules: Rules, dictionary: Callable[[str], bool]):
        self.lexicon = lexicon
        self.rules = rules
        # Words a name may be glued to in one jieba word (英國首相, 美國國防部, 北約組織), besides
        # the segmenter's whole dictionary.
        self.known_words = frozenset(rules.titles | set(rules.institutions) | set(rules.suffixes)
                                     | set(lexicon.names) | rules.abbreviation_after | {REGION_SUFFIX})
        self.dictionary = dictionary
        self.longest_title = max(map(len, rules.titles), default=0)
        for name in ("entity_method", "name_en"):
            if not Span.has_extension(name):
                Span.set_extension(name, default="")

    def is_word(self, word: str) -> bool:
        return word in self.known_words or self.dictionary(word)

    def __call__(self, doc: Doc) -> Doc:
        return self.recognise(doc, {})

    def recognise(self, doc: Doc, memory: dict[str, tuple[str, str]]) -> Doc:
        """Find the entities of `doc`, also recognising the document-level `memory` names."""
        view = SentenceView.from_doc(doc)
        chosen = self.resolve(view, self.candidates(view, memory))
        return set_entities(doc, [Candidate(*view.to_original(c.start, c.end), c.label, c.method, c.name_en)
                                  for c in chosen])

    # ---- candidates

    def candidates(self, view: SentenceView, memory: dict[str, tuple[str, str]]) -> list[Candidate]:
        """Every source's candidates; later sources see the earlier ones (a gloss its name)."""
        found = [*self.lexicon_matches(view), *self.latin_matches(view), *self.memory_matches(view, memory)]
        found += self.demonyms(view, found)
        found += self.institutions(view, found)
        found += self.quoted_names(view, found)
        found += self.suffixed_names(view, found)
        titled = self.titled_persons(view, found)
        person_starts = {c.start for c in titled}
        found = [c for c in found if not (c.end in person_starts and view.key[c.start:c.end] in self.rules.titles)]
        found += titled
        found += self.reported_persons(view, found)
        found += self.glossed_names(view, found)
        found += self.jieba_names(view)
        return found

    def lexicon_matches(self, view: SentenceView) -> list[Candidate]:
        """Every lexicon name in the sentence that is not a piece of a longer word. Before the title
        of its head the place gives up its 市 or 縣 to the title, as segmentation standards cut it
        (臺北|市長, 屏東|縣長), whichever way jieba cut it."""
        found = []
        key, prefixes, names = view.key, self.lexicon.prefixes, self.lexicon.names
        for start in range(len(key)):
            end = start + 1
            while end <= len(key) and key[start:end] in prefixes:
                entries = names.get(key[start:end])
                if entries and key[end - 1:end + 1] in OFFICE_TITLES and key[start:end - 1] in names:
                    short = names[key[start:end - 1]][0]
                    found.append(Candidate(start, end - 1, short.label, "lexicon", short.name_en))
                elif entries and view.fits_words(start, end, self.is_word):
                    found.append(Candidate(start, end, entries[0].label, "lexicon", entries[0].name_en))
                end += 1
        return found

    def latin_matches(self, view: SentenceView) -> list[Candidate]:
        """Latin/Cyrillic names and acronyms (NATO, Putin), whole words only."""
        found = []
        for run in LATIN_RUN.finditer(view.text):
            words = [m for m in re.finditer(r"[^\s'’.\-&/]+(?:['’][^\s'’.\-&/]+)*\.?", run.group())]
            for i, first in enumerate(words):
                for last in words[i:i + 8]:
                    start, end = run.start() + first.start(), run.start() + last.end()
                    for text_end in {end, end - (view.text[end - 1] == ".")}:
                        entries = self.lexicon.latin.get(" ".join(view.text[start:text_end].split()))
                        if entries:
                            found.append(Candidate(view.compact(start), view.compact(text_end), entries[0].label,
                                                   "lexicon", entries[0].name_en))
        return found

    def memory_matches(self, view: SentenceView, memory: dict[str, tuple[str, str]]) -> list[Candidate]:
        """The names the document introduced elsewhere (see `document_memory`)."""
        found = []
        for name, (label, name_en) in memory.items():
            if HAN_RUN.search(name):
                spans = [m.span() for m in re.finditer(re.escape(name), view.key)
                         if view.fits_words(*m.span(), self.is_word)]
            else:
                spans = [(view.compact(m.start()), view.compact(m.end()))
                         for m in re.finditer(r"(?<![\w])" + re.escape(name) + r"(?![\w])", view.text)]
            found.extend(Candidate(start, end, label, "memory", name_en) for start, end in spans)
        return found

    def demonyms(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """A country or region followed by 人 is a NORP (俄羅斯人); a region followed by 地區 is
        still that region (中亞地區)."""
        result = []
        for c in found:
            if c.label not in ("GPE", "LOC") or c.end - c.start < 2:
                continue
            if view.key[c.end:c.end + 1] == "人" and c.end + 1 in view.ends:
                result.append(Candidate(c.start, c.end + 1, "NORP", "rule", ""))
            if c.label == "LOC" and view.key.startswith(REGION_SUFFIX, c.end) and c.end + 2 in view.ends:
                result.append(Candidate(c.start, c.end + 2, "LOC", "rule", c.name_en))
        return result

    def institutions(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """A state followed by institution words is one ORG (法國國防部); some stand alone (國會)."""
        words = self.rules.institutions
        longest = max(map(len, words), default=0)
        result = []

        def institution_at(position: int) -> int:
            for length in range(min(longest, len(view.key) - position), 0, -1):
                end = position + length
                if view.key[position:end] in words and end in view.ends and view.key[end:end + 1] != "长":
                    return end
            return position

        for c in found:
            if c.label != "GPE" or c.end - c.start < 2:
                continue
            end = c.end
            while (following := institution_at(end)) > end:
                end = following
            if end > c.end:  # a known name of the whole institution gives its English name (美國商務部|出口管理局)
                known = [self.lexicon.names[view.key[c.start:j]][0].name_en for j in range(end, c.end, -1)
                         if view.key[c.start:j] in self.lexicon.names]
                result.append(Candidate(c.start, end, "ORG", "rule", known[0] if known else ""))
        for start, end, _ in view.tokens:
            if words.get(view.key[start:end]) and view.key[end:end + 1] != "长":
                result.append(Candidate(start, end, "ORG", "rule"))
        return result

    def quoted_names(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """「…」-quoted titles ending in a head word (「關於地區反恐怖機構的協定」, LAW) and quoted
        operation names (「沙漠風暴」行動, EVENT)."""
        result = []
        for match in QUOTED.finditer(view.key):
            start, end = match.span(1)
            if "，" in match.group(1) or "," in match.group(1):
                continue
            label = self.head_label(match.group(1))
            if label and not self.is_name(view, start, end, label, [(c.start, c.end) for c in found]):
                label = None
            following = view.key[match.end():match.end() + 3]
            name_en = ""
            if label is None and following[:2] in ("作战", "行动"):
                label = "EVENT"
            elif label is None and (head := next((following[:n] for n in (3, 2) if self.rules.suffixes.get(
                    following[:n], ("",))[0] == "ORG"), "")):  # 「基地」組織
                label = "ORG"
                entries = self.lexicon.names.get(match.group(1) + head)
                name_en = entries[0].name_en if entries else ""
            if label:
                result.append(Candidate(start, end, label, "rule", name_en))
        return result

    def head_label(self, name: str) -> str | None:
        """The label the head word ending a quoted or glossed `name` gives it, if any."""
        for length in range(min(6, len(name) - 1), 0, -1):
            rule = self.rules.suffixes.get(name[-length:])
            if rule:
                return rule[0]
        return None

    def name_start(self, view: SentenceView, end: int, limit: int = MAX_NAME, glossed: bool = False) -> int:
        """Where a name ending at `end` begins, reading leftwards over name-like words; a gloss
        vouches for a name, so then verbs other than predicates may be part of it (反恐中心)."""
        position = end
        if end not in view.starts:  # the head word is glued to a word: 聯大會議 (a name), 發動戰爭 (not)
            start, _, tag = view.tokens[view.token_of[end]]
            if tag not in GLUED_NAME_TAGS:
                return end
            position = start
        while position > 0 and end - position < limit:
            index = view.token_of[position - 1]
            start, token_end, tag = view.tokens[index]
            word = view.key[start:token_end]
            if self.stops_name(view, index, word, "n" if glossed and tag.startswith("v") else tag):
                break
            position = start
        return position

    def stops_name(self, view: SentenceView, index: int, word: str, tag: str) -> bool:
        """Whether a word cannot be part of a name read leftwards: punctuation, function words,
        predicates (any verb not known inside names), a date or a quantity."""
        if word == "-" or word == "·" or ALPHABETIC.search(word):
            return False
        if word.isspace() or word in self.rules.boundaries or word in self.rules.titles:
            return True
        if word[0].isdigit():
            end = view.tokens[index][1]
            return view.key[end:end + 1] in MEASURES or end == len(view.key)
        if word in self.lexicon.abbreviations or word in self.rules.name_verbs:
            return False
        after_number = index and view.word(index - 1)[-1:].isdigit()
        if after_number and len(word) == 1 and HAN_RUN.match(word) and word not in MEASURES:
            return False  # a counter after a number: 第57屆, 20國
        if tag == "m":
            return not ORDINAL_WORD.fullmatch(word)
        if tag == "t":
            return any(char in TIME_CHARACTERS for char in word)
        return tag in STOP_TAGS or tag.startswith("u") or (tag.startswith("v") and tag != "vn")

    def suffixed_names(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """Names read leftwards from a head word: 全面禁止核試驗條約, 東協區域論壇, 車臣戰爭.

        A name that only adds words before a known name ending at the same place (上海|亞太經合組織,
        撞擊|世貿大廈) is not made: the known name is the whole name."""
        result = []
        spans = [(c.start, c.end) for c in found]
        known_ends = defaultdict(list)
        for c in found:
            if c.method in ("lexicon", "memory"):
                known_ends[c.end].append(c.start)
        for suffix, (label, condition) in self.rules.suffixes.items():
            if condition == "quoted" or suffix not in view.key:
                continue
            for match in re.finditer(re.escape(suffix), view.key):
                suffix_start, end = match.span()
                if end not in view.ends:
                    continue
                start = self.name_start(view, suffix_start)
                if suffix_start - start < 2 or any(start < known for known in known_ends[end]):
                    continue
                if condition == "ordinal" and not ORDINAL.search(view.key[start:suffix_start]):
                    continue
                if condition == "proper" and not self.has_proper_part(view, start, suffix_start, spans):
                    continue
                if self.is_name(view, start, suffix_start, label, spans):
                    result.append(Candidate(start, end, label, "rule"))
        return result

    def is_name(self, view: SentenceView, start: int, end: int, label: str, spans: list[tuple[int, int]]) -> bool:
        """Whether the words before a head word make a name rather than a kind of thing: a LAW needs
        more than generic modifiers (和平條約 is a kind of treaty), other labels a proper part."""
        if label == "LAW":  # 和平條約 is a kind of treaty; 巴黎條約, a known place before it, is a name
            return not self.is_generic(view, start, end) or (start, end) in spans
        return self.has_proper_part(view, start, end, spans)

    def is_generic(self, view: SentenceView, start: int, end: int) -> bool:
        """Whether `[start, end)` is only modifiers such as 和平, 雙邊 (a kind of treaty, not a name)."""
        if ALPHABETIC.search(view.key[start:end]):
            return False
        words = [view.word(i) for i in range(view.token_of[start], view.token_of[end - 1] + 1)]
        return end - start < 3 or all(w in self.rules.generic_modifiers for w in words)

    def has_proper_part(self, view: SentenceView, start: int, end: int, proper: list[tuple[int, int]]) -> bool:
        """Whether a name has a proper-noun part (a known name, a jieba name tag, Latin, a number)."""
        if any(s < end and start < e for s, e in proper):
            return True
        if re.search(r"[0-9A-Za-z]", view.key[start:end]) or ORDINAL.search(view.key[start:end]):
            return True
        return any(view.tokens[i][2] in PROPER_TAGS
                   for i in range(view.token_of[start], view.token_of[end - 1] + 1))

    def foreign_name_before(self, view: SentenceView, end: int) -> int:
        """Start of the run of transliteration characters ending at `end`, cut after any title
        and aligned to a word start (國防部長|倫斯斐, 副主席|阿爾巴托夫)."""
        start = end
        while start > 0 and end - start < 10 and (
                view.key[start - 1] in self.rules.transliteration or view.key[start - 1] == "·"):
            start -= 1
        for position in range(start, end):
            if any(view.key[max(0, position - len(t)):position] == t for t in self.rules.titles
                   if len(t) <= position):
                start = position
        while start < end and start not in view.starts:
            start += 1
        return start

    def titled_persons(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """The name right after a title is a PERSON, without the title: 國務卿|鮑威爾, 外長|王毅,
        外相|上川陽子. It is a known person's name, or else a surname and a given name or a run of
        transliteration characters, whichever is longer."""
        result = []
        known = {c.start for c in found if c.label == "PERSON" and c.method == "lexicon"}
        for start in sorted(view.starts):
            if start in known or not self.title_before(view, start):
                continue
            end = max(self.personal_name_ends(view, start, japanese=True)[:1] + [self.foreign_name_end(view, start)])
            if end - start >= 2 and view.key[start:end] not in self.rules.jieba_false_positives:
                result.append(Candidate(start, end, "PERSON", "rule"))
        return result

    def foreign_name_end(self, view: SentenceView, start: int) -> int:
        """End of the run of transliteration characters from `start`, cut back to a word end and
        before a counting or function word that happens to be written with them (奧班|多次)."""
        end = start
        while end < len(view.key) and end - start < 8 and (
                view.key[end] in self.rules.transliteration or view.key[end] == "·"):
            end += 1
        while end > start:
            token_start, _, tag = view.tokens[view.token_of[end - 1]]
            # jieba tags single transliteration characters at random (茲/rg); only true function words cut
            function_word = tag[:1] in (NOT_IN_NAMES if end - token_start > 1 else FUNCTION_TAGS)
            if end in view.ends and not function_word:
                break
            end = token_start if end in view.ends else end - 1
        return end

    def personal_name_ends(self, view: SentenceView, start: int, japanese: bool = False) -> list[int]:
        """Where a Chinese (with `japanese`, also a Japanese) personal name starting at `start` may
        end, longest first: a known surname and a given name of one or two characters (Japanese: up
        to three) that jieba's words allow (陳|文章 and 翁章|梁 may be names; 任期 is a word)."""
        key = view.key
        if start not in view.starts or (key[start + 1:start + 2] == "国" and key[start] in self.lexicon.abbreviations):
            return []  # 馬國, 韓國: a state
        shapes = [(n, (2, 1)) for n in (2, 1) if key[start:start + n] in self.rules.surnames]
        if japanese:
            shapes += [(n, (3, 2, 1)) for n in (3, 2) if key[start:start + n] in self.rules.japanese_surnames]
        ends = {start + surname + given for surname, givens in shapes for given in givens
                if self.has_name_shape(view, start, start + surname, start + surname + given)}
        return sorted(ends, reverse=True)

    def has_name_shape(self, view: SentenceView, start: int, given_start: int, end: int) -> bool:
        """Whether jieba's words allow a name with this surname and given name: one word it tags as
        a name (or does not know), or the surname (with part of the given name, tagged a name)
        followed by words that are not verbs, particles or numbers (包括|美國 is no name)."""
        given = view.key[given_start:end]
        if end not in view.ends or not HAN_RUN.fullmatch(given) or any(
                char in self.rules.given_name_exclusions for char in given) or given in self.rules.titles:
            return False  # 王|的, 賴|總統
        _, first_end, first_tag = view.tokens[view.token_of[start]]
        if first_end == end:
            return first_tag in PERSON_TAGS or not self.is_word(view.key[start:end])
        if first_end != given_start and first_tag not in PERSON_TAGS:
            return False
        return all(view.tokens[i][2][:1] not in NOT_IN_NAMES
                   for i in range(view.token_of[first_end], view.token_of[end - 1] + 1))

    def reported_persons(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """Chinese names without a title before them: the subject of a speech verb or followed by
        their title (張志明|表示, 賴清德|總統), a whole word jieba reads as a three-character name
        (王滬寧/nr), or listed with another person (記者蔡宗憲、劉冠廷)."""
        key = view.key
        shaped = {start: ends for start in sorted(view.starts) if (ends := self.personal_name_ends(view, start))}
        accepted = {}
        for start, ends in shaped.items():
            end = next((end for end in ends if self.reported_after(view, end)), None)
            _, word_end, tag = view.tokens[view.token_of[start]]
            # jieba's name tag alone, on a word whose first two characters are no word (安全|法 is)
            if end is None and word_end - start >= 3 and word_end in ends and tag in PERSON_TAGS and \
                    not self.is_word(key[start:start + 2]) and key[start:word_end] not in self.rules.jieba_false_positives:
                end = word_end
            if end is not None:
                accepted[start] = end
        persons = {(c.start, c.end) for c in found if c.label == "PERSON"} | set(accepted.items())
        while True:  # names listed with a person are persons
            added = {start: ends[0] for start, ends in shaped.items() if start not in accepted and any(
                self.listed_together(view, (start, ends[0]), person) for person in persons)}
            if not added:
                break
            accepted.update(added)
            persons |= set(added.items())
        return [Candidate(start, end, "PERSON", "rule") for start, end in accepted.items()]

    def reported_after(self, view: SentenceView, end: int) -> bool:
        """Whether a speech verb or a title follows `end` as a word (表示, 指出, 總統)."""
        if end not in view.starts:
            return False
        word = view.word(view.token_of[end])
        return word in self.rules.name_followers or word in self.rules.titles

    @staticmethod
    def listed_together(view: SentenceView, a: tuple[int, int], b: tuple[int, int]) -> bool:
        """Whether two spans are joined by 、 or a conjunction (A、B, A與B, A和B)."""
        first, second = sorted((a, b))
        return view.key[first[1]:second[0]] in LIST_JOINERS

    def glossed_names(self, view: SentenceView, found: list[Candidate]) -> list[Candidate]:
        """A Chinese name and its parenthesised gloss: `倫斯斐 (Donald Henry Rumsfeld)`. A personal
        name glossed right after a title alone (`印尼外長（Ali Alatas）`) is a PERSON in Latin letters."""
        result = []
        known = {(c.start, c.end): c.name_en for c in found if c.method == "lexicon" and c.name_en}
        for match in GLOSS.finditer(view.text):
            content = match.group(1)
            if HAN_RUN.search(content) or len(ALPHABETIC.findall(content)) < 2:
                continue
            parts = [(view.compact(s), view.compact(e), view.text[s:e])
                     for s, e in gloss_parts(view.text, match.start(1), match.end(1))]
            texts = [text for _, _, text in parts]
            name_end = view.compact(match.start())
            chinese = self.glossed_chinese(view, name_end, texts, found)
            if chinese is None:
                full_names = all(is_personal_name(t) and len(t.split()) > 1 for t in texts)
                if full_names and self.title_before(view, name_end):
                    result.extend(Candidate(s, e, "PERSON", "gloss", english_name(texts)) for s, e, _ in parts)
                continue
            name_en = chinese.name_en or next((known[s, e] for s, e, _ in parts if (s, e) in known), "") \
                or english_name(texts)
            result.append(Candidate(chinese.start, chinese.end, chinese.label, "gloss", name_en))
            result.extend(Candidate(s, e, chinese.label, "gloss", name_en) for s, e, _ in parts)
        return result

    def title_before(self, view: SentenceView, end: int) -> int:
        """Length of the title ending at `end`, 0 if none (the longest: 國防部長 rather than 部長)."""
        return next((n for n in range(min(self.longest_title, end), 0, -1)
                     if view.key[end - n:end] in self.rules.titles), 0)

    def glossed_chinese(self, view: SentenceView, name_end: int, texts: list[str],
                        found: list[Candidate]) -> Candidate | None:
        """The Chinese name a gloss explains, with its label, or None if the gloss names nothing."""
        if name_end and view.key[name_end - 1] in QUOTE_PAIRS:
            opening = view.key.rfind(QUOTE_PAIRS[view.key[name_end - 1]], 0, name_end - 1)
            start, end = opening + 1, name_end - 1
            label = self.head_label(view.key[start:end]) or self.gloss_label(texts)
            known = [c for c in found if (c.start, c.end) == (start, end) and c.method == "lexicon"]
            if opening >= 0 and (known or label):
                return known[0] if known else Candidate(start, end, label, "gloss")
            return None
        ending_here = [c for c in found if c.end == name_end and c.method != "model"]
        if ending_here:
            return min(ending_here, key=lambda c: (c.start, RANK[c.method]))
        if not name_end or not HAN_RUN.match(view.key[name_end - 1]):
            return None
        label = self.gloss_label(texts)
        if label:
            start = self.name_start(view, name_end, limit=20, glossed=True)
            return Candidate(start, name_end, label, "gloss") if name_end - start >= 2 else None
        if all(is_personal_name(t) for t in texts):
            title = self.title_before(view, name_end)  # 蘇哈托總統 (Suharto)
            end = name_end - title
            start = self.foreign_name_before(view, end)
            if end - start < 2:
                return None
            label = "PERSON" if title else self.personal_or_place(view, start, end, texts)
            return Candidate(start, end, label, "gloss")
        return None

    def personal_or_place(self, view: SentenceView, start: int, end: int, texts: list[str]) -> str:
        """PERSON, unless a one-word gloss names a place: jieba calls it one, a locative word
        precedes it (在|克拉斯諾雅爾斯克), or the Latin form has a place ending (-sk, -grad, -burg)."""
        if not all(len(t.split()) == 1 for t in texts):
            return "PERSON"
        tag = view.tokens[view.token_of[end - 1]][2]
        before = view.key[max(0, start - 2):start]
        if tag == "ns" or before.endswith(LOCATIVES) or any(PLACE_ENDING.search(t) for t in texts):
            return "GPE"
        return "PERSON"

    def gloss_label(self, texts: list[str]) -> str | None:
        """The label a gloss's head words give (Treaty -> LAW, Organization -> ORG), if any."""
        for text in texts:
            for word in reversed(re.findall(r"[^\W\d_]+", text)):
                label = self.rules.gloss_keywords.get(word.casefold())
                if label:
                    return label
        return None

    def jieba_names(self, view: SentenceView) -> list[Candidate]:
        """jieba's person and place tags on transliterated words, for names no other source knows;
        a person's name takes in the transliteration characters jieba left beside it (布里|茲列夫)."""
        result = []
        translit = self.rules.transliteration
        for start, end, tag in view.tokens:
            word = view.key[start:end]
            if word in self.rules.jieba_false_positives or not all(c in translit for c in word):
                continue
            if tag in ("nr", "nrt") and end - start >= 2:
                while start > 0:
                    before_start, _, before_tag = view.tokens[view.token_of[start - 1]]
                    before = view.key[before_start:start]
                    if any(c not in translit for c in before) or (len(before) > 1 and before_tag not in ("nr", "nrt")):
                        break
                    start = before_start
                if end - start >= 3:
                    result.append(Candidate(start, end, "PERSON", "model"))
            elif tag == "ns" and end - start >= 3 and word[-1] in PLACE_CHARACTERS:
                result.append(Candidate(start, end, "GPE", "model"))
        return result

    # ---- resolution

    def resolve(self, view: SentenceView, candidates: list[Candidate]) -> list[Candidate]:
        """Longest span first, more reliable source first; then abbreviations and jieba's names in the gaps."""
        chosen: list[Candidate] = []
        taken = [False] * len(view.text)
        ordered = sorted((c for c in candidates if c.method != "model"),
                         key=lambda c: (c.start - c.end, c.start not in view.starts or c.end not in view.ends,
                                        RANK[c.method], c.start))
        for c in ordered:
            if not any(taken[c.start:c.end]):
                chosen.append(c)
                taken[c.start:c.end] = [True] * (c.end - c.start)
        for c in self.abbreviations(view, taken) + [c for c in candidates if c.method == "model"]:
            if not any(taken[c.start:c.end]):
                chosen.append(c)
                taken[c.start:c.end] = [True] * (c.end - c.start)
        return sorted(chosen)

    def abbreviations(self, view: SentenceView, taken: list[bool]) -> list[Candidate]:
        """One-character state abbreviations where they stand for the state: in pairs (美俄, 中美兩國),
        after or before a relation word (訪俄, 俄外長), or as X國 (馬國)."""
        key, table = view.key, self.lexicon.abbreviations
        usable = [c in table and not taken[i] for i, c in enumerate(key)]
        for word in self.rules.abbreviation_exclusions:
            for match in re.finditer(re.escape(word), key) if word in key else ():
                usable[match.start():match.end()] = [False] * len(word)
        for i in range(len(key)):
            if (i and (key[i - 1].isdigit() or key[i - 1] in NUMERALS)) or re.match(r"-[0-9]", key[i + 1:i + 3]):
                usable[i] = False  # 14日, 一中, 蘇-30: dates, numbers and model names
        result = []
        for match in re.finditer(r"(.)(?:[-、/](.))+", key):  # 美-日-中, 泰、越、馬
            members = range(match.start(), match.end(), 2)
            if all(usable[k] for k in members):
                result.extend(self.abbreviation(key[k], k) for k in members)
                for k in members:
                    usable[k] = False
        i = 0
        while i < len(key):
            if not usable[i]:
                i += 1
                continue
            j = i
            while j < len(key) and usable[j]:
                j += 1
            start, end = self.trim_run(view, i, j, self.rules.boundaries)
            if end - start >= 2:
                result.extend(self.abbreviation(key[k], k) for k in range(start, end))
            elif j - i == 1 and key[j:j + 1] == "国" and j + 1 in view.ends and not taken[j]:
                result.append(self.abbreviation(key[i], i, j + 1))
            else:
                result.extend(self.abbreviation(key[k], k) for k in range(i, j) if self.stands_alone(view, k))
            i = j
        return result

    def abbreviation(self, char: str, start: int, end: int | None = None) -> Candidate:
        entries = self.lexicon.abbreviations[char]
        name_en = entries[0].name_en if len({e.name_en for e in entries}) == 1 else ""
        return Candidate(start, end or start + 1, entries[0].label, "rule", name_en)

    @staticmethod
    def trim_run(view: SentenceView, start: int, end: int, boundaries: frozenset[str]) -> tuple[int, int]:
        """Drop run ends that belong to a word reaching outside the run (其中|美俄 -> 美俄)."""
        while start < end and start not in view.starts:
            start += 1
        while end > start and end not in view.ends:
            token_end = view.tokens[view.token_of[end - 1]][1]
            if token_end - end > 1 or view.key[end:token_end] in boundaries:  # 中美|關係, 美俄|都
                break
            end -= 1
        return start, end

    def stands_alone(self, view: SentenceView, position: int) -> bool:
        """Whether a lone abbreviation character stands for its state: jieba reads it as a word of
        its own (俄/j 將繼續), or a relation word is next to it (訪|俄, 對|美的, 俄|外長)."""
        key = view.key
        token_start, token_end, tag = view.tokens[view.token_of[position]]
        if token_start != position:  # glued to the relation word before it: 訪美, 對俄
            return token_end == position + 1 and key[token_start:position] in self.rules.abbreviation_before
        if token_end == position + 1 and tag in ("j", "ns"):
            return True
        if token_end - position > 1 and key[position + 1:token_end] not in self.rules.abbreviation_after | {"的"}:
            return False
        before = key[max(0, position - 2):position]
        return (any(before.endswith(w) for w in self.rules.abbreviation_before)
                or any(key.startswith(w, position + 1) for w in self.rules.abbreviation_after))


def gloss_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the names inside a gloss: split at ';', and a trailing acronym after ',' apart.

    >>> t = "(Anti-Ballistic Missile Treaty, ABM)"
    >>> [t[s:e] for s, e in gloss_parts(t, 1, len(t) - 1)]
    ['Anti-Ballistic Missile Treaty', 'ABM']
    """
    spans = []
    position = start
    for piece in re.split(r"([;；])", text[start:end]):
        if piece not in (";", "；"):
            head, comma, tail = piece.rpartition(",")
            if comma and ACRONYM.fullmatch(tail.strip()):
                spans.append((position, position + len(head)))
                spans.append((position + len(head) + 1, position + len(piece)))
            else:
                spans.append((position, position + len(piece)))
        position += len(piece)
    stripped = []
    for s, e in spans:
        while s < e and text[s] in " ,，":
            s += 1
        while e > s and text[e - 1] in " ,，":
            e -= 1
        if e - s >= 2:
            stripped.append((s, e))
    return stripped


def is_personal_name(text: str) -> bool:
    """Whether a gloss looks like a personal name: capitalised words or initials, no acronym.

    >>> is_personal_name("Mihail, S. Gorbachev"), is_personal_name("Mutual Assured Destruction, MAD")
    (True, False)
    """
    words = [w for w in re.split(r"[\s,]+", text) if w]
    if not 1 <= len(words) <= 5 or re.search(r"\d", text):
        return False
    for word in words:
        core = word.strip(".")
        if core.casefold() in NAME_PARTICLES or re.fullmatch(r"[A-ZА-ЯЁ]\.?", word):
            continue
        if not core[:1].isupper() or (len(core) > 1 and core.isupper()):
            return False
    return True


def english_name(texts: list[str]) -> str:
    """The gloss part to use as `name_en`: a Latin-script name before an acronym or Cyrillic."""
    latin = [t for t in texts if not CYRILLIC.search(t)]
    full = [t for t in latin if not ACRONYM.fullmatch(t)]
    return " ".join((full or latin or texts or [""])[0].split())


def set_entities(doc: Doc, chosen: list[Candidate]) -> Doc:
    """Put `chosen` on `doc.ents`, splitting tokens where a span edge falls inside one."""
    edges = {edge for c in chosen for edge in (c.start, c.end)}
    cuts = {}
    for token in doc:
        inner = sorted(e - token.idx for e in edges if token.idx < e < token.idx + len(token.text))
        if inner:
            cuts[token.i] = inner
    if cuts:
        with doc.retokenize() as retokenizer:
            for i, inner in cuts.items():
                token = doc[i]
                bounds = [0, *inner, len(token.text)]
                pieces = [token.text[a:b] for a, b in zip(bounds, bounds[1:])]
                retokenizer.split(token, pieces, heads=[(token, 0)] * len(pieces),
                                  attrs={"TAG": [token.tag_] * len(pieces)})
    spans = []
    for c in chosen:
        span = doc.char_span(c.start, c.end, label=c.label)
        if span is None:
            continue
        span._.entity_method = c.method
        span._.name_en = c.name_en
        spans.append(span)
    others = [e for e in doc.ents if e.label_ not in LABELS
              and not any(e.start_char < c.end and c.start < e.end_char for c in chosen)]
    doc.ents = sorted(spans + others, key=lambda s: s.start)
    return doc


@Language.factory("entities", default_config={"lexicons": [], "user_dict": None})
def make_entity_recognizer(nlp: Language, name: str, lexicons: list[str], user_dict: str | None) -> EntityRecognizer:
    """The component `nlp.config` names, reading the shared `Resources` of these user resources."""
    from .resources import shared

    resources = shared(tuple(lexicons), user_dict)
    return EntityRecognizer(resources.entities.lexicon, resources.entities.rules, resources.segmenter.is_word)


# ---------------------------------------------------------------- documents


def mentions_of(doc: Doc) -> list[Mention]:
    return [Mention(e.start_char, e.end_char, e.text, e.label_, e._.entity_method, name_en=e._.name_en)
            for e in doc.ents if e.label_ in LABELS]


def document_memory(mentions: list[Mention]) -> dict[str, tuple[str, str]]:
    """Names a gloss or a title introduced, to be recognised bare elsewhere in the document."""
    memory = {}
    for m in mentions:
        if m.method == "gloss" or (m.method == "rule" and m.label == "PERSON"):
            if HAN_RUN.search(m.text) and len(m.text.strip()) >= (2 if m.label == "PERSON" else 3):
                memory.setdefault(match_key(m.text), (m.label, m.name_en))
            elif ACRONYM.fullmatch(m.text):
                memory.setdefault(m.text, (m.label, m.name_en))
    return memory


def annotate(document: Document, resources: Resources, config: Config) -> Document:
    """Fill every sentence's `mentions`; names glossed or titled once are recognised everywhere."""
    from .nlp import load

    nlp = load(config.lexicons, config.user_dict)
    recognizer = nlp.get_pipe("entities")
    sentences = list(document.sentences())
    others = [name for name in nlp.pipe_names if name != "entities"]  # dates have their own stage
    docs = list(nlp.pipe((s.text for s in sentences), disable=others))
    memory = document_memory([m for doc in docs for m in mentions_of(doc)])
    for sentence, doc in zip(sentences, docs):
        key = match_key(doc.text)
        if any(name in (key if HAN_RUN.search(name) else doc.text) for name in memory):
            doc = recognizer.recognise(doc, memory)
        sentence.mentions = mentions_of(doc)
    return document


# ---------------------------------------------------------------- linking


class UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


STRIPPABLE = {"LAW": ("条约", "协定", "协议"), "ORG": ("组织",), "LOC": ("地区",), "GPE": ("州", "省", "市"),
              "EVENT": ("事件", "恐怖攻击", "恐怖袭击", "攻击", "袭击", "怖袭击")}


def one_edit_apart(a: str, b: str) -> bool:
    """Whether two long names differ by one character, not a numeral (削減/裁減 yes, 第一/第二 no)."""
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 6 or a == b:
        return False
    numerals = set("0123456789一二三四五六七八九十第")
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] and a[i] not in numerals and b[i] not in numerals
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[i + 1:] == shorter[i:] and longer[i] not in numerals


def link(documents: list[Document], resources: Resources, config: Config) -> list[Entity]:
    """Give every mention its `entity_id` and return the canonical entities, most mentioned first."""
    lexicon = resources.entities.lexicon
    mentions = [(doc.doc_id, m) for doc in documents for s in doc.sentences() for m in s.mentions]
    groups = UnionFind()
    labels_of: dict[str, Counter] = defaultdict(Counter)
    for _, m in mentions:
        key = link_key(m.text)
        labels_of[key][m.label] += 1
        groups.find(key)
        if m.name_en:
            groups.union(key, "en:" + link_key(m.name_en))
        entry = lexicon.by_link_key.get(key) if len(m.text) > 1 else None
        if entry:
            groups.union(key, "en:" + link_key(entry.name_en))
    keys = set(labels_of)
    for key in keys:
        label = labels_of[key].most_common(1)[0][0]
        for suffix in STRIPPABLE.get(label, ()):
            if key.endswith(suffix) and key[:-len(suffix)] in keys:
                groups.union(key, key[:-len(suffix)])
    link_reordered(documents, keys, groups)
    link_typos(keys, labels_of, groups)
    for doc in documents:
        link_within_document(doc, lexicon, groups)
    return build_entities(mentions, groups, lexicon)


def link_reordered(documents: list[Document], keys: set[str], groups: UnionFind) -> None:
    """北約-俄羅斯理事會 and 俄羅斯-北約理事會 name the same body: A-B… and B-A… with the same rest."""
    for doc in documents:
        for sentence in doc.sentences():
            for m in sentence.mentions:
                left, dash, right = match_key(m.text).partition("-")
                if not dash or not left.strip():
                    continue
                first, rest = link_key(left), link_key(right)
                for cut in range(1, len(rest)):
                    swapped = rest[:cut] + first + rest[cut:]
                    if swapped in keys:
                        groups.union(link_key(m.text), swapped)


def link_typos(keys: set[str], labels_of: dict[str, Counter], groups: UnionFind) -> None:
    by_label = defaultdict(list)
    for key in keys:
        label = labels_of[key].most_common(1)[0][0]
        if label in ("LAW", "ORG", "EVENT") and HAN_RUN.search(key):
            by_label[label].append(key)
    for names in by_label.values():
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                if one_edit_apart(a, b):
                    groups.union(a, b)


def link_within_document(document: Document, lexicon: Lexicon, groups: UnionFind) -> None:
    """Links that hold inside one document: a surname after its full name (喬治羅伯遜 -> 羅伯遜,
    奧薩瑪．賓拉登 -> 賓拉登), and a one-character abbreviation to the state the document names
    most among those it may stand for (印 -> 印尼 in a chapter on Southeast Asia)."""
    mentions = [m for s in document.sentences() for m in s.mentions]
    persons = {link_key(m.text) for m in mentions if m.label == "PERSON" and HAN_RUN.search(m.text)}
    for short in persons:
        longer = {p for p in persons if p.endswith(short) and len(p) - len(short) >= 2
                  and not p.startswith(("小", "老"))}
        if len(short) >= 2 and len({groups.find(p) for p in longer}) == 1:
            groups.union(short, longer.pop())
    counts = Counter(link_key(m.text) for m in mentions)
    for m in mentions:
        entries = lexicon.abbreviations.get(match_key(m.text), []) if len(m.text) == 1 else []
        if entries:
            def weight(entry):
                return sum(counts[link_key(a)] for a in entry.aliases if len(a) > 1)
            best = max(entries, key=weight)
            groups.union(link_key(m.text) + "@" + document.doc_id, "en:" + link_key(best.name_en))


def build_entities(mentions: list[tuple[str, Mention]], groups: UnionFind, lexicon: Lexicon) -> list[Entity]:
    members: dict[str, list[tuple[str, Mention]]] = defaultdict(list)
    for doc_id, m in mentions:
        key = link_key(m.text)
        abbreviated = f"{key}@{doc_id}"
        root = groups.find(abbreviated) if abbreviated in groups.parent else groups.find(key)
        members[root].append((doc_id, m))
    entities, used_ids = [], set()
    for root, group in sorted(members.items(), key=lambda item: (-len(item[1]), item[0])):
        label = Counter(m.label for _, m in group).most_common(1)[0][0]
        surfaces = Counter(m.text for _, m in group)
        chinese = [s for s in surfaces if HAN_RUN.search(s)] or list(surfaces)
        name = max(chinese, key=lambda s: (len(s) > 1, surfaces[s], len(s)))
        entry = next((lexicon.by_link_key.get(link_key(s)) for s in chinese
                      if len(s) > 1 and lexicon.by_link_key.get(link_key(s))), None)
        glossed = Counter(m.name_en for _, m in group if m.name_en)
        name_en = entry.name_en if entry else (glossed.most_common(1)[0][0] if glossed else "")
        entity_id = make_entity_id(label, name_en, name, used_ids)
        for _, m in group:
            m.entity_id = entity_id
        entities.append(Entity(entity_id, label, name, name_en,
                               [s for s, _ in surfaces.most_common()], len(group), len({d for d, _ in group})))
    return entities


def make_entity_id(label: str, name_en: str, name: str, used: set[str]) -> str:
    """A stable id from the canonical name: `PERSON:vladimir_putin`, `ORG:北约` when no English name.

    >>> make_entity_id("PERSON", "Vladimir Putin", "普欽", set())
    'PERSON:vladimir_putin'
    """
    slug = re.sub(r"[^0-9a-z]+", "_", unicodedata.normalize("NFKD", name_en).encode("ascii", "ignore")
                  .decode().casefold()).strip("_")
    entity_id = f"{label}:{slug or ''.join(match_key(name).split())}"
    if entity_id in used:
        entity_id += "_" + hashlib.sha1(name.encode()).hexdigest()[:6]
    used.add(entity_id)
    return entity_id
