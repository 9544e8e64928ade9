"""Country and CAMEO actor codes of entities, at a date for people whose office the lexicon knows.

The codes live in `data/lexicon/codes/` (`actors.tsv`: country and code of a lexicon row; `offices.tsv`:
a person's terms), keyed by the lexicon row's label and English name, so they are looked up by the
entity id the linker gives that row (`PERSON:sergei_ivanov`). `ActorCodes.code` is what the events
stage calls: the code of an entity at a date, None when the tables do not know the entity.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..datafiles import DATA, read_tsv

CODES_DIR = DATA / "lexicon" / "codes"
# CAMEO's role for former officials and other elites (actor codebook, table 3.1): a person the
# tables know an office of, at a date outside every term.
ELITE_ROLE = "ELI"


def english_id(label: str, name_en: str) -> str:
    """The id an English name gives an entity of this label, '' if the name has no Latin letters.

    >>> english_id("PERSON", "Vladimir Putin"), english_id("GPE", "Москва")
    ('PERSON:vladimir_putin', '')
    """
    slug = re.sub(
        r"[^0-9a-z]+", "_", unicodedata.normalize("NFKD", name_en).encode("ascii", "ignore").decode().casefold()
    ).strip("_")
    return f"{label}:{slug}" if slug else ""


@dataclass(frozen=True)
class Office:
    """One term of one office: ISO dates, `end` empty while it lasts."""

    office: str
    start: str
    end: str
    code: str

    def covers(self, date: str) -> bool:
        """Whether the term covers this ISO date (a year or month compares by its first day)."""
        return self.start <= date and (not self.end or date < self.end)


@dataclass(frozen=True)
class ActorCodes:
    """Country and actor code per entity id, and the offices of people by entity id."""

    countries: dict[str, str] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    offices: dict[str, tuple[Office, ...]] = field(default_factory=dict)

    @classmethod
    def from_files(cls, lexicon_rows: Sequence[dict[str, str]] = (), folder: Path = CODES_DIR) -> ActorCodes:
        """The bundled code tables; `lexicon_rows` (user lexicon rows, read first) may carry their
        own `country` and `cameo_actor` columns, which win."""
        countries: dict[str, str] = {}
        codes: dict[str, str] = {}
        for row in [*lexicon_rows, *read_tsv(folder / "actors.tsv")]:
            key = english_id(row.get("label", ""), row.get("name_en", ""))
            if key and key not in countries and (row.get("country") or row.get("cameo_actor")):
                countries[key] = row.get("country", "")
                codes[key] = row.get("cameo_actor", "")
        offices: dict[str, list[Office]] = defaultdict(list)
        for row in read_tsv(folder / "offices.tsv"):
            offices[english_id("PERSON", row["name_en"])].append(
                Office(row["office"], row["office_start"], row["office_end"], row["cameo_actor"])
            )
        return cls(countries, codes, {k: tuple(sorted(v, key=lambda o: o.start)) for k, v in offices.items()})

    def country(self, entity_id: str) -> str | None:
        """The ISO-3 country of an entity, None when unknown (IGOs have none).

        >>> ActorCodes.from_files().country("GPE:russia")
        'RUS'
        """
        return self.countries.get(entity_id) or None

    def code(self, entity_id: str, date: str = "") -> str | None:
        """The CAMEO actor code of an entity at an ISO date (`2003-05-01`, `2003`), None when unknown.

        A person is coded as the office he holds on the date; at a date outside every term he
        knows, as his country's elite (`RUSELI`); without a date, as his last office.

        >>> codes = ActorCodes.from_files()
        >>> codes.code("PERSON:sergei_ivanov", "2005-01-01"), codes.code("PERSON:igor_ivanov", "2005-01-01")
        ('RUSGOVMIL', 'RUSGOV')
        >>> codes.code("GPE:russia"), codes.code("ORG:north_atlantic_treaty_organization"), codes.code("GPE:nowhere")
        ('RUS', 'IGOWSTNAT', None)
        """
        offices = self.offices.get(entity_id, ())
        if offices and date:
            held = [o for o in offices if o.covers(date)]
            if held:
                return held[-1].code
            country = self.countries.get(entity_id)
            return country + ELITE_ROLE if country else None
        if self.codes.get(entity_id):
            return self.codes[entity_id]
        return offices[-1].code if offices else None
