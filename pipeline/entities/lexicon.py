"""The entity data: lexicon rows, rule tables and context words, read once into one `EntityLexicon`.

`load_lexicon` is the one loader (called by `Resources.build`); everything the recognizer and the
linker need more than once (the words a name may be glued to, the longest title, the ordinal
patterns) is computed here, once, rather than per sentence or per component.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..datafiles import DATA, read_tsv
from ..script import to_simplified
from ..text import HAN_RUN, WordIndex, aligned_simplified
from .actors import ActorCodes

if TYPE_CHECKING:
    from .namesakes import Namesakes

LEXICON_DIR = DATA / "lexicon"
PATTERN_DIR = LEXICON_DIR / "patterns"
JIEBA_TAGS = {
    "PERSON": "nr",
    "GPE": "ns",
    "LOC": "ns",
    "ORG": "nt",
    "FAC": "nz",
    "NORP": "nz",
    "LAW": "nz",
    "EVENT": "nz",
}
MIDDLE_DOTS = "·・‧．•･"
DASHES = "－‐‑‒–—―"
# One kind of middle dot and of dash, as `str.translate` applies it (one character for one).
MATCH_FORM = str.maketrans({**dict.fromkeys(MIDDLE_DOTS, "·"), **dict.fromkeys(DASHES, "-")})


def match_key(text: str) -> str:
    """The form names are matched in: Simplified, one kind of middle dot, same length as `text`.

    >>> match_key("奧薩瑪．賓拉登")
    '奥萨玛·宾拉登'
    """
    return aligned_simplified(text).translate(MATCH_FORM)


def link_key(text: str) -> str:
    """The form aliases are compared in for linking: NFKC, Simplified, case-folded, without
    spaces, dots or hyphens.

    >>> link_key("North Atlantic Treaty Organization") == link_key("NorthAtlantic Treaty-Organization")
    True
    """
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s·・‧．•･.\-–—_'’]", "", to_simplified(text)).casefold()


def latin_words(name: str) -> frozenset[str]:
    """The words of a Latin name, case-folded, without initials and apostrophes.

    >>> sorted(latin_words("Ivanov Igor’ Sergeyevich"))
    ['igor', 'ivanov', 'sergeyevich']
    """
    if HAN_RUN.search(name):
        return frozenset()
    words = re.findall(r"[^\W\d_]+", unicodedata.normalize("NFKC", name).casefold())
    return frozenset(w for w in words if len(w) > 1)


@dataclass(frozen=True)
class LexiconEntry:
    """One lexicon row: an entity's label, English name and aliases (the English name last)."""

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
        self.name_index = WordIndex(self.names)
        # A person's Latin names as sets of words, so a gloss in another order or with a patronymic
        # (Ivanov Igor' Sergeyevich, Igor S. Ivanov) finds the row of Igor Ivanov.
        self.person_words: dict[frozenset[str], list[LexiconEntry]] = defaultdict(list)
        for entry in entries:
            for alias in entry.aliases if entry.label == "PERSON" else ():
                words = latin_words(alias)
                if len(words) >= 2 and entry not in self.person_words[words]:
                    self.person_words[words].append(entry)
        self.by_link_key: dict[str, LexiconEntry] = {}
        for entry in entries:
            for alias in (*entry.aliases, entry.name_en):
                if len(alias) > 1:
                    self.by_link_key.setdefault(link_key(alias), entry)

    @classmethod
    def from_files(cls, paths: list[Path]) -> Lexicon:
        """The rows of these lexicon files, in order (an earlier row wins a shared alias)."""
        entries = []
        for path in paths:
            for row in read_tsv(path):
                aliases = [a.strip() for a in row.get("aliases", "").split("|") if a.strip()]
                name_en = row.get("name_en", "").strip()
                if row.get("label") and aliases:
                    forms = [*aliases, name_en] if name_en else aliases
                    entries.append(LexiconEntry(row["label"], name_en, tuple(dict.fromkeys(forms))))
        return cls(entries)

    def person_of_gloss(self, name_en: str) -> LexiconEntry | None:
        """The one person whose Latin name's words are all among a gloss's words, None if not one.

        >>> lexicon = Lexicon([LexiconEntry("PERSON", "Igor Ivanov", ("伊凡諾夫", "Igor Ivanov"))])
        >>> lexicon.person_of_gloss("Ivanov Igor’ Sergeyevich").name_en, lexicon.person_of_gloss("Ivanov Sergey")
        ('Igor Ivanov', None)
        """
        words = sorted(latin_words(name_en))
        found = {
            id(entry): entry
            for size in range(2, min(len(words), 4) + 1)
            for subset in itertools.combinations(words, size)
            for entry in self.person_words.get(frozenset(subset), ())
        }
        return next(iter(found.values())) if len(found) == 1 else None

    def jieba_words(self) -> list[tuple[str, str]]:
        """(word, jieba tag) for every Han name, so the segmenter keeps names whole."""
        words: dict[str, str] = {}
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
    institution_roles: dict[str, str]
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
        """Read every rule table of `folder`."""

        def column(name: str, field: str) -> frozenset[str]:
            return frozenset(match_key(row[field]) for row in read_tsv(folder / name) if row.get(field))

        contexts = read_tsv(folder / "abbreviation_contexts.tsv")
        return cls(
            titles=column("titles.tsv", "title"),
            institutions={
                match_key(r["word"]): r["standalone"] == "yes" for r in read_tsv(folder / "institutions.tsv")
            },
            institution_roles={
                match_key(r["word"]): r["cameo_role"] for r in read_tsv(folder / "institutions.tsv") if r["cameo_role"]
            },
            suffixes={
                match_key(r["suffix"]): (r["label"], r["condition"]) for r in read_tsv(folder / "name_suffixes.tsv")
            },
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


@dataclass(frozen=True)
class Cues:
    """Single characters and short context words the rules test (`character_classes.tsv`,
    `context_words.tsv`, `linking_suffixes.tsv`; each file's header says what a row means)."""

    measures: frozenset[str]
    affixes: frozenset[str]
    time_characters: frozenset[str]
    place_characters: frozenset[str]
    numerals: frozenset[str]
    numbering: frozenset[str]
    region_suffixes: tuple[str, ...]
    state_forms: tuple[str, ...]
    meeting_heads: tuple[str, ...]
    congress_not_before: frozenset[str]
    office_titles: frozenset[str]
    locatives: tuple[str, ...]
    list_joiners: frozenset[str]
    operations: tuple[str, ...]
    demonym_suffix: str
    state_suffix: str
    title_suffix: str
    possessives: frozenset[str]
    familiar_prefixes: tuple[str, ...]
    ordinal_word: re.Pattern[str]
    ordinal: re.Pattern[str]
    strippable: dict[str, tuple[str, ...]]
    definition_cue: re.Pattern[str]

    @classmethod
    def from_folder(cls, folder: Path = PATTERN_DIR) -> Cues:
        """Read the three cue tables of `folder`."""
        classes = {row["class"]: row["characters"] for row in read_tsv(folder / "character_classes.tsv")}
        roles: dict[str, list[str]] = defaultdict(list)
        for row in read_tsv(folder / "context_words.tsv"):
            roles[row["role"]].append(row["word"])
        strippable: dict[str, list[str]] = defaultdict(list)
        for row in read_tsv(folder / "linking_suffixes.tsv"):
            strippable[row["label"]].append(row["suffix"])
        return cls(
            measures=frozenset(classes["measure"]),
            affixes=frozenset(classes["affix"]),
            time_characters=frozenset(classes["time"]),
            place_characters=frozenset(classes["place"]),
            numerals=frozenset(classes["numeral"]),
            numbering=frozenset(classes["numbering"]),
            region_suffixes=tuple(roles["region_suffix"]),
            meeting_heads=tuple(sorted(roles["meeting_head"], key=len, reverse=True)),
            congress_not_before=frozenset(roles["congress_short_not_before"]),
            state_forms=tuple(sorted(roles["state_form"] + roles["admin_suffix"], key=len, reverse=True)),
            office_titles=frozenset(roles["office_title"]),
            locatives=tuple(roles["locative"]),
            list_joiners=frozenset(roles["list_joiner"]),
            operations=tuple(roles["operation"]),
            demonym_suffix=roles["demonym_suffix"][0],
            state_suffix=roles["state_suffix"][0],
            title_suffix=roles["title_suffix"][0],
            possessives=frozenset(roles["possessive"]),
            familiar_prefixes=tuple(roles["familiar_prefix"]),
            ordinal_word=ordinal_pattern(roles, classes["ordinal_numeral"], "*", ("ordinal_counter", "ordinal_period")),
            ordinal=ordinal_pattern(roles, classes["ordinal_numeral"], "+", ("ordinal_counter",)),
            strippable={label: tuple(suffixes) for label, suffixes in strippable.items()},
            definition_cue=word_pattern(folder / "definition_cues.tsv"),
        )


def word_pattern(path: Path) -> re.Pattern[str]:
    """The `word` column of a cue table as one pattern in the Simplified match form, longest first."""
    words = sorted({match_key(row["word"]) for row in read_tsv(path)}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


def ordinal_pattern(
    roles: dict[str, list[str]], numerals: str, repeat: str, counters: tuple[str, ...]
) -> re.Pattern[str]:
    """An ordinal: its prefix, numerals (`repeat` is `*` or `+`) and a counter word, which is
    optional when the numerals may be absent (a bare 第 before a word is still an ordinal word)."""
    prefix = "|".join(map(re.escape, roles["ordinal_prefix"]))
    counter = "|".join(re.escape(word) for role in counters for word in roles[role])
    optional = "?" if repeat == "*" else ""
    return re.compile(f"(?:{prefix})[{''.join(map(re.escape, numerals))}]{repeat}(?:{counter}){optional}")


@dataclass(frozen=True)
class EntityLexicon:
    """The bundled and user lexicons with the rule tables and cues: what the recognizer and the
    linker read, with what they would otherwise recompute."""

    lexicon: Lexicon
    rules: Rules
    cues: Cues
    # Words a name may be glued to in one jieba word (英國首相, 美國國防部, 北約組織), besides
    # the segmenter's whole dictionary.
    known_words: frozenset[str]
    longest_title: int
    institution_index: WordIndex
    actors: ActorCodes
    namesakes: Namesakes
    # The lengths of the titles ending in each character, longest first: the title before a name
    # in one lookup per length of the titles that can end there.
    title_lengths: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, lexicon: Lexicon, rules: Rules, cues: Cues, actors: ActorCodes | None = None) -> EntityLexicon:
        """The tables with their derived indexes."""
        known = (
            rules.titles
            | set(rules.institutions)
            | set(rules.suffixes)
            | set(lexicon.names)
            | rules.abbreviation_after
            | set(cues.region_suffixes)
        )
        longest_title = max(map(len, rules.titles), default=0)
        title_lengths: dict[str, set[int]] = defaultdict(set)
        for title in rules.titles:
            title_lengths[title[-1]].add(len(title))
        from .namesakes import Namesakes  # it reads Lexicon entries, defined in this module

        actors = actors or ActorCodes.from_files()
        return cls(
            lexicon,
            rules,
            cues,
            frozenset(known),
            longest_title,
            WordIndex(rules.institutions),
            actors,
            Namesakes.of(lexicon, actors),
            {last: tuple(sorted(sizes, reverse=True)) for last, sizes in title_lengths.items()},
        )

    def jieba_words(self) -> list[tuple[str, str]]:
        """Names and rule words the segmenter must keep whole."""
        return self.lexicon.jieba_words() + self.rules.jieba_words()


def lexicon_paths(extra: tuple[str, ...] = ()) -> list[Path]:
    """User lexicon files (a folder stands for its *.tsv files) first, then the bundled ones."""
    paths = []
    for item in map(Path, extra):
        paths.extend(sorted(item.glob("*.tsv")) if item.is_dir() else [item])
    return paths + sorted(LEXICON_DIR.glob("*.tsv"))


def load_lexicon(extra_lexicons: tuple[str, ...] = ()) -> EntityLexicon:
    """User lexicons (read first, so their rows win), the bundled lexicons, the rule tables and cues,
    and the actor codes (a user row's own `country`/`cameo_actor` columns win over the bundled codes)."""
    paths = lexicon_paths(tuple(extra_lexicons))
    lexicon = Lexicon.from_files(paths)
    user_rows = [row for path in paths[: len(paths) - len(lexicon_paths())] for row in read_tsv(path)]
    return EntityLexicon.of(lexicon, Rules.from_folder(), Cues.from_folder(), ActorCodes.from_files(user_rows))
