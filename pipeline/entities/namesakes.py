"""Namesakes: a bare surname after a title (外長伊凡諾夫, 國防部長伊凡諾夫) is the lexicon person of that
surname who held the office the title names, at the sentence's date when it has one.

The titles and the offices they name are `data/lexicon/codes/title_offices.tsv`; the offices and terms
are `codes/offices.tsv` (see `actors.ActorCodes`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..datafiles import read_tsv
from ..model import Sentence
from ..text import HAN_RUN
from .actors import CODES_DIR, ActorCodes, english_id
from .lexicon import Lexicon, LexiconEntry, link_key, match_key


@dataclass(frozen=True)
class Namesakes:
    """Lexicon people by the surnames they share, and the offices each title names."""

    by_surname: dict[str, tuple[LexiconEntry, ...]]
    titles: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, lexicon: Lexicon, actors: ActorCodes) -> Namesakes:
        """People with known offices, filed under each Han alias's last two to four characters."""
        by_surname: dict[str, list[LexiconEntry]] = defaultdict(list)
        for entry in lexicon.entries:
            if entry.label != "PERSON" or english_id("PERSON", entry.name_en) not in actors.offices:
                continue
            endings = {link_key(a)[-n:] for a in entry.aliases if HAN_RUN.search(a) for n in (2, 3, 4)}
            for ending in endings:
                by_surname[ending].append(entry)
        titles: dict[str, list[str]] = defaultdict(list)
        for row in read_tsv(CODES_DIR / "title_offices.tsv"):
            titles[match_key(row["title"])].append(row["office_prefix"])
        return cls(
            {k: tuple(v) for k, v in by_surname.items() if len(v) > 1},
            {k: tuple(v) for k, v in sorted(titles.items(), key=lambda kv: -len(kv[0]))},
        )

    def resolve(self, sentence: Sentence, start: int, surname: str, actors: ActorCodes) -> LexiconEntry | None:
        """The one namesake of `surname` (a mention at `start` of `sentence`) whose office the title
        before it names, at the sentence's first date if it has one; None when not exactly one.

        >>> from pipeline.entities.lexicon import load_lexicon
        >>> entities = load_lexicon()
        >>> namesakes = Namesakes.of(entities.lexicon, entities.actors)
        >>> namesakes.resolve(Sentence("s", "俄羅斯外長伊凡諾夫訪問北京", 0), 5, "伊凡諾夫", entities.actors).name_en
        'Igor Ivanov'
        """
        entries = self.by_surname.get(link_key(surname), ())
        before = match_key(sentence.text[:start])
        title = next((t for t in self.titles if before.endswith(t)), None)
        if not entries or title is None:
            return None
        date = next((d.start_date for d in sentence.dates if d.start_date), "")
        fitting = [
            entry
            for entry in entries
            if any(
                office.office.startswith(self.titles[title]) and (not date or office.covers(date))
                for office in actors.offices[english_id("PERSON", entry.name_en)]
            )
        ]
        return fitting[0] if len(fitting) == 1 else None
