"""The events stage's data: the CAMEO trigger lexicon, the cue words by role and the CAMEO code
table, read once into a frozen `EventTables` with the indexes the rules look words up in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..datafiles import read_tsv
from ..text import WordIndex


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry: `word` (Traditional), the CAMEO `code` it reports, how it reads its context."""

    word: str
    code: str
    frame: str
    needs: str


@dataclass(frozen=True)
class EventTables:
    """The CAMEO trigger lexicon (by Simplified form), the cue words by role (Simplified) and the
    CAMEO code table, with a `WordIndex` of the triggers and of each role's cue words."""

    triggers: Mapping[str, Trigger]
    cues: Mapping[str, frozenset[str]]
    cameo: Mapping[str, Mapping[str, str]]
    trigger_index: WordIndex
    cue_index: Mapping[str, WordIndex]
    numeral: re.Pattern[str]
    measure: re.Pattern[str]
    nominal_tail: re.Pattern[str]
    treaty_gap: re.Pattern[str]
    plover: Mapping[str, str]  # CAMEO code -> PLOVER event type (data/cameo_plover.tsv)
    confidence: Mapping[str, float]  # rule name -> confidence weight, `base` the start (data/event_confidence.tsv)
    cue_search: Mapping[str, re.Pattern[str]]  # role -> its cue words, longest first: the next cue from a position
    trigger_start: re.Pattern[str]  # a character a trigger starts with: where the trigger scan stops next

    def word(self, role: str) -> str:
        """The one word of a one-word role (`attributive` is 的)."""
        (only,) = self.cues[role]
        return only

    def cue(self, role: str, text: str, position: int) -> str:
        """The longest cue word of `role` starting at `position` of `text`, '' if none."""
        return self.cue_index[role].longest_at(text, position)

    def next_cue(self, role: str, text: str, position: int) -> re.Match[str] | None:
        """The first cue word of `role` at or after `position`, the longest one where it starts:
        the same word `cue` finds there, without a lookup at every position in between.

        >>> tables = load_tables()
        >>> found = tables.next_cue("pronoun", "昨日他们说", 0)
        >>> found.start(), found.group() == tables.cue("pronoun", "昨日他们说", found.start())
        (2, True)
        """
        return self.cue_search[role].search(text, position)

    def trigger_suffix(self, text: str) -> str:
        """The longest trigger (Simplified) `text` ends with, '' if none."""
        return next((text[-n:] for n in range(len(text), 0, -1) if text[-n:] in self.triggers), "")

    def trigger_at(self, text: str, position: int) -> tuple[str, int]:
        """The longest trigger at `position` and where it ends; a verb-object trigger may hold an
        aspect particle (交換了意見, 舉行過會談)."""
        word = self.trigger_word(text, position)
        split = text[position : position + 2] + text[position + 3 : position + 5]
        if (
            text[position + 2 : position + 3] in self.cues["aspect"]
            and len(split) == 4
            and split in self.triggers
            and len(word) < 4
        ):
            return split, position + 5
        return word, position + len(word)

    def holds_trigger(self, text: str, meetings: list[str]) -> bool:
        """Whether a trigger stands anywhere in `text` or ends one of its named `meetings`: where
        none does, the sentence reports no event.

        >>> tables = load_tables()
        >>> tables.holds_trigger("双方举行了会谈", []), tables.holds_trigger("天气很好", [])
        (True, False)
        """
        if any(self.trigger_suffix(meeting) for meeting in meetings):
            return True
        pos = 0
        while (start := self.trigger_start.search(text, pos)) is not None:
            if self.trigger_at(text, start.start())[0]:
                return True
            pos = start.start() + 1
        return False

    def trigger_word(self, text: str, position: int) -> str:
        """The longest trigger (Simplified) starting at `position` of `text`, '' if none."""
        return self.trigger_index.longest_at(text, position)


def read_cameo_codes() -> dict[str, dict[str, str]]:
    """CAMEO codes (roots and finer) with label, Goldstein value, quad class and intent code."""
    return {row["code"]: row for row in read_tsv("cameo_codes.tsv")}


def load_tables() -> EventTables:
    """Read `cameo_triggers.tsv`, `event_cues.tsv`, `cameo_codes.tsv`, `cameo_plover.tsv`
    and `event_confidence.tsv`: the stage's one loader."""
    triggers = {
        row["simplified"]: Trigger(row["trigger"], row["code"], row["frame"], row["needs"])
        for row in read_tsv("cameo_triggers.tsv")
    }
    roles: dict[str, set[str]] = {}
    for row in read_tsv("event_cues.tsv"):
        roles.setdefault(row["role"], set()).add(row["simplified"])
    cues = {role: frozenset(words) for role, words in roles.items()}
    return EventTables(
        triggers,
        cues,
        read_cameo_codes(),
        WordIndex(triggers),
        {role: WordIndex(words) for role, words in cues.items()},
        *_patterns(cues),
        {row["cameo"]: row["plover"] for row in read_tsv("cameo_plover.tsv")},
        {row["rule"]: float(row["weight"]) for row in read_tsv("event_confidence.tsv")},
        {role: longest_first(words) for role, words in cues.items()},
        re.compile(f"[{''.join(sorted(re.escape(word[0]) for word in triggers if word))}]"),
    )


def longest_first(words: frozenset[str]) -> re.Pattern[str]:
    """An alternation of `words`, longest first, so a match is the longest word where it starts
    (a word that never matches for a role without words)."""
    ordered = sorted((word for word in words if word), key=lambda word: (-len(word), word))
    return re.compile("|".join(map(re.escape, ordered)) or "(?!)")


Patterns = tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]


def _patterns(cues: Mapping[str, frozenset[str]]) -> Patterns:
    """The rules' patterns over cue characters: a numeral with its counter (19個), a measured noun
    before a verb (一份, 此次), a nominalising 的 near the verb, and what may stand between two treaty titles."""

    def chars(*roles: str) -> str:
        """The characters of these roles' one-character words, as a regex class body."""
        return "".join(sorted(set().union(*(cues[role] for role in roles))))

    de = "".join(cues["attributive"])
    return (
        re.compile(f"[0-9０-９{chars('numeral')}]+[{chars('counter')}]?"),
        re.compile(
            f"([{chars('numeral', 'vague_numeral')}0-9]+[{chars('measure')}]|"
            f"[{chars('demonstrative')}][{chars('event_measure')}])$"
        ),
        re.compile(f"{de}([^{de}]{{0,4}})$"),
        re.compile(f"[」』”]?([、{chars('list_join')}][^，。；：]{{0,8}})?[「『“]?"),
    )


def cameo_info(tables: EventTables, code: str) -> tuple[str, float, str]:
    """Label, Goldstein value and quad class of a CAMEO code (root or finer), for GDELT-style sums.

    >>> tables = load_tables()
    >>> cameo_info(tables, "057")
    ('Sign formal agreement', 8.0, 'verbal_cooperation')
    >>> cameo_info(tables, "19")
    ('Fight', -10.0, 'material_conflict')
    """
    row = tables.cameo[code]
    return row["label"], float(row["goldstein"]), row["quad_class"]


def intent_code(tables: EventTables, code: str) -> str:
    """The code for stating one will do `code` (03x for cooperation, 13x for conflict), '' if none."""
    return tables.cameo[code[:2]]["intent_code"]
