"""Options of a run and the policy of each stage: one immutable dataclass, recorded in manifest.json.

Run options say what to read and write; the stage sections hold thresholds and windows that are
choices rather than facts (how far a date carries, how sure a rule must be), each documented where
it is declared, so a user can see and change them without touching a rule.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class CleanConfig:
    """Policy of the cleaning stage."""


@dataclass(frozen=True)
class DatesConfig:
    """Policy of the dates stage.

    dateline_lines: how many of a document's first non-empty lines may hold its dateline (the date
        deictic words such as 今天 count from).
    dateline_rest: at most this many non-space characters besides the date on a dateline (a source
        or a place: `中央社 2023/05/04`); a longer line is a sentence that mentions a date.
    """

    dateline_lines: int = 3
    dateline_rest: int = 20


@dataclass(frozen=True)
class EntitiesConfig:
    """Policy of the entities stage.

    max_name_length: how many characters a name read leftwards from its head word may span
        (全面禁止核試驗條約); longer runs are prose, not a name.
    max_glossed_name_length: the same for the Chinese name before a Latin gloss, which vouches for
        it less far than a head word does.
    source_order: among equally long spans, the source whose candidate wins, most reliable first;
        jieba's own name tags (`model`) are unranked: they only fill gaps the others leave.
    """

    max_name_length: int = 32
    max_glossed_name_length: int = 20
    source_order: tuple[str, ...] = ("lexicon", "gloss", "memory", "rule")


@dataclass(frozen=True)
class EventsConfig:
    """Policy of the events stage.

    max_sentence_chars: a longer "sentence" is read for no events, with a warning in
        documents.csv: real sentences stay far below (the longest of the dev chapters has 398
        characters), while an extraction that lost its punctuation can make one of tens of
        thousands, which the role rules would read in quadratic time.
    """

    max_sentence_chars: int = 3000


@dataclass(frozen=True)
class Config:
    """Options of a run.

    use_cache: reuse per-document results from `<out>/.cache` when the file, the pipeline's code
        and data, and the user resources are unchanged.
    formats: table formats besides the CSVs, which are always written: `parquet` (`parquet/*.parquet`)
        and `duckdb` (`corpus.duckdb`, every table in one database).
    excel: also write `excel/*.csv`, UTF-8 with BOM and formula-like cells neutralised, for spreadsheets.
    lexicons: user lexicon files or folders of `*.tsv` (format in README), read before the bundled ones.
    user_dict: a jieba user dictionary for words the segmenter should keep whole.
    workers: processes the chapters are spread over; 0 (the default) means one per core. The
        tables are the same for any number.
    scheduler: a Dask scheduler's address (`tcp://host:8786`) to spread the chapters over its
        workers instead, or `local` for a Dask cluster of `workers` processes on this machine
        (needs the `dask` extra); '' for the process pool.
    """

    use_cache: bool = True
    formats: tuple[str, ...] = ("csv",)
    excel: bool = False
    lexicons: tuple[str, ...] = ()
    user_dict: str | None = None
    workers: int = 0
    scheduler: str = ""
    clean: CleanConfig = field(default_factory=CleanConfig)
    dates: DatesConfig = field(default_factory=DatesConfig)
    entities: EntitiesConfig = field(default_factory=EntitiesConfig)
    events: EventsConfig = field(default_factory=EventsConfig)

    def resources_key(self) -> str:
        """A digest of the user resources' contents: cached chapters depend on them."""
        digest = hashlib.sha256()
        for name in (*self.lexicons, self.user_dict or ""):
            for path in sorted(Path(name).rglob("*.tsv")) if Path(name).is_dir() else [Path(name)]:
                if path.is_file():
                    digest.update(path.read_bytes())
        return digest.hexdigest()[:12]


DEFAULT = Config()
