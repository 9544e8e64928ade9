"""Corpus statistics: the tables under `outputs/stats/`, recomputed from the written tables.

Everything here reads the CSVs a run wrote, never the document model, so `pipeline stats` can redo
the figures on an existing outputs folder and they always agree with the tables users open:

- `corpus_stats.csv`: one row per document and an `ALL` row (characters, sentences, footnotes,
  tokens, types, type-token ratio, mentions by label, distinct entities, dates, events);
- `term_frequencies.csv`: term, pos, count, doc_freq (stop words, function words, numbers and
  punctuation left out; terms in the source script, the POS jieba gives a term most often);
- `entity_frequencies.csv`: mentions of each entity per document, with an `ALL` row per entity;
- `cooccurrence.csv`: entity pairs named in the same sentence, with counts;
- `timeline.csv`: events per document, year, CAMEO root, quad class and mode;
- `events_unique.csv`: one row per `event_key` (the first telling's fields, n_tellings, the doc_ids
  and sentence_ids that tell it): the one-a-day filter of event datasets, with provenance.

Tokens are jieba words (`segment.JiebaTokenizer`) containing a letter or digit; segmentation is
cached per sentence text in `outputs/.cache/stats/`, so re-running stats on unchanged text is fast.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from . import tables
from .datafiles import code_digest
from .events.dedup import events_unique
from .events.lexicon import read_cameo_codes
from .model import ENTITY_LABELS
from .script import to_simplified

if TYPE_CHECKING:
    from .segment import Segmenter

STOPWORDS = Path(__file__).parent / "data" / "stopwords_zh.txt"
STATS_DIR = "stats"
ALL = "ALL"
# jieba tag initials of closed word classes, left out of term lists: conjunctions, adverbs,
# interjections, locatives, numerals, onomatopoeia, prepositions, measure words, pronouns,
# particles, punctuation, non-words, modal particles ('eng', Latin words, is kept).
FUNCTION_TAG_INITIALS = frozenset("cdefmopqruwxy")
YEAR = re.compile(r"^(\d{4})-")


@dataclass
class Tables:
    """The pipeline's tables as read back from an outputs folder (every cell a string)."""

    documents: pd.DataFrame
    sentences: pd.DataFrame
    footnotes: pd.DataFrame
    entities: pd.DataFrame
    entity_index: pd.DataFrame
    dates: pd.DataFrame
    events: pd.DataFrame


def read_csv(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    """A CSV with every cell as text ('' when empty), or an empty table with `columns` if it is missing.

    Text keeps codes such as CAMEO `04` and ids such as `000_...` intact.
    """
    if not path.exists():
        return pd.DataFrame({column: pd.Series(dtype=str) for column in columns or []})
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def read_tables(out: Path) -> Tables:
    """The contract tables of `out`; a missing table reads as empty with its contract columns."""
    out = Path(out)
    return Tables(
        documents=read_csv(out / "documents.csv", tables.DOCUMENT_COLUMNS),
        sentences=read_csv(out / "sentences.csv", tables.SENTENCE_COLUMNS),
        footnotes=read_csv(out / "footnotes.csv", tables.FOOTNOTE_COLUMNS),
        entities=read_csv(out / "entities.csv", tables.ENTITY_COLUMNS),
        entity_index=read_csv(out / "entity_index.csv", tables.INDEX_COLUMNS),
        dates=read_csv(out / "dates.csv", tables.DATE_COLUMNS),
        events=read_csv(out / "events.csv", tables.EVENT_COLUMNS),
    )


def run_config(out: Path) -> dict:
    """The `config` section of the manifest of the run that wrote `out` ({} without one)."""
    manifest = Path(out) / "manifest.json"
    return json.loads(manifest.read_text(encoding="utf-8")).get("config", {}) if manifest.exists() else {}


def run_segmenter(out: Path) -> Segmenter:
    """The segmenter of the run that wrote `out`: the shared one of its user resources, so term
    frequencies cut the words the entities and events stages cut.

    Imported here, not at the top: the resources are needed only for text missing from the
    segmentation cache, and loading them costs `pipeline stats` more than the statistics themselves.
    """
    from .resources import shared

    config = run_config(out)
    return shared(tuple(config.get("lexicons") or ()), config.get("user_dict")).segmenter


@cache
def stopwords() -> frozenset[str]:
    """Stop words in Simplified form, from `data/stopwords_zh.txt`."""
    lines = STOPWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def segmented(texts: list[str], out: Path) -> list[list[tuple[str, str]]]:
    """jieba (word, tag) pairs for each text, remembered in `out/.cache/stats/` between calls.

    The cache is keyed by the exact text and named after a digest of the pipeline's code and data
    and of the run's options, so it can never return another segmentation than a fresh run would.
    """
    settings = hashlib.sha256(f"{code_digest()}|{json.dumps(run_config(out), sort_keys=True)}".encode())
    path = Path(out) / ".cache" / STATS_DIR / f"segments-{settings.hexdigest()[:16]}.json"
    known: dict[str, list[tuple[str, str]]] = {}
    if path.exists():
        try:
            known = {text: [(w, t) for w, t in pairs] for text, pairs in json.loads(path.read_text("utf-8")).items()}
        except (ValueError, TypeError, AttributeError):
            known = {}
    wanted = dict.fromkeys(texts)
    missing = [text for text in wanted if text not in known]
    if missing:
        segmenter = run_segmenter(out)
        for text in missing:
            known[text] = segmenter.segment(text)
    if missing or len(known) != len(wanted):
        tables.atomic_write(path, json.dumps({text: known[text] for text in wanted}, ensure_ascii=False))
    return [known[text] for text in texts]


def is_token(word: str) -> bool:
    """A word counts as a token when it has a letter or a digit (punctuation and spaces do not).

    >>> [is_token(w) for w in ["普欽", "2001", "ABM", "，", " "]]
    [True, True, True, False, False]
    """
    return any(char.isalnum() for char in word)


def is_term(word: str, tag: str) -> bool:
    """A content word for term lists: has a letter, is not a stop word or a closed-class word.

    >>> words = [("條約", "n"), ("簽署", "v"), ("的", "uj"), ("2001", "m"), ("我們", "r"), ("NATO", "eng")]
    >>> [is_term(word, tag) for word, tag in words]
    [True, True, False, False, False, True]
    """
    if not any(char.isalpha() for char in word):
        return False
    if tag != "eng" and tag[:1] in FUNCTION_TAG_INITIALS:
        return False
    return to_simplified(word).lower() not in stopwords()


def document_ids(data: Tables) -> list[str]:
    """Documents that were processed, in documents.csv order, then any others the tables name."""
    ok = data.documents.loc[data.documents["status"].isin(["ok", ""]), "doc_id"].tolist()
    seen = dict.fromkeys(ok)
    for frame in (data.sentences, data.entities, data.dates, data.events):
        seen.update(dict.fromkeys(frame["doc_id"]))
    return list(seen)


def entity_keys(entities: pd.DataFrame) -> pd.Series:
    """The entity a mention refers to: its entity_id, or `label:text` for a mention left unlinked."""
    return entities["entity_id"].where(entities["entity_id"] != "", entities["label"] + ":" + entities["text"])


@dataclass
class WordTally:
    """What the statistics need of the segmentation, summed chapter by chapter so a run keeps one
    corpus-wide count, not every chapter's words: tokens and types per document, the corpus's
    token types, and each term's tags and documents."""

    per_doc: dict[str, tuple[int, int]] = field(default_factory=dict)  # doc -> (tokens, types)
    corpus_types: set[str] = field(default_factory=set)
    corpus_tokens: int = 0
    term_tags: dict[str, Counter[str]] = field(default_factory=dict)
    term_docs: Counter[str] = field(default_factory=Counter)

    def add(self, doc_id: str, counts: Iterable[tuple[str, str, int]]) -> None:
        """Count one document's (word, jieba tag, count) triples."""
        tokens: Counter[str] = Counter()
        terms: set[str] = set()
        for word, tag, n in counts:
            if is_token(word):
                tokens[word] += n
            if is_term(word, tag):
                self.term_tags.setdefault(word, Counter())[tag] += n
                terms.add(word)
        self.per_doc[doc_id] = (sum(tokens.values()), len(tokens))
        self.corpus_types.update(tokens)
        self.corpus_tokens += self.per_doc[doc_id][0]
        self.term_docs.update(terms)


def word_tally(data: Tables, out: Path, known: WordTally | None = None) -> WordTally:
    """The tally a run passes in (its entities stage segmented the same sentence texts), with any
    document it lacks counted from segmenting `data.sentences` (`segmented`, cached)."""
    tally = known or WordTally()
    missing = data.sentences[~data.sentences["doc_id"].isin(list(tally.per_doc))]
    counts: dict[str, Counter[tuple[str, str]]] = {}
    for doc, pairs in zip(missing["doc_id"], segmented(missing["text"].tolist(), out)):
        counts.setdefault(doc, Counter()).update((word, tag) for word, tag in pairs)
    for doc in document_ids(data):
        if doc not in tally.per_doc:
            tally.add(doc, ((w, t, n) for (w, t), n in counts.get(doc, Counter()).items()))
    return tally


def corpus_stats(data: Tables, tally: WordTally) -> pd.DataFrame:
    """One row per document and an ALL row; tokens and types from the `tally`."""
    docs = document_ids(data)
    # The CONTRACT's labels always get a column, so the schema does not depend on what a corpus contains.
    labels = list(ENTITY_LABELS) + sorted(set(data.entities["label"]) - set(ENTITY_LABELS) - {""})
    sentences, entities = data.sentences, data.entities
    per_doc = {
        "n_chars": sentences["text"].str.len().groupby(sentences["doc_id"]).sum(),
        "n_sentences": sentences["doc_id"].value_counts(),
        "n_footnotes": data.footnotes["doc_id"].value_counts(),
        "n_mentions": entities["doc_id"].value_counts(),
        "n_dates": data.dates["doc_id"].value_counts(),
        "n_events": data.events["doc_id"].value_counts(),
    }
    by_label = Counter(zip(entities["doc_id"], entities["label"]))
    keys = entity_keys(entities)
    keys_by_doc = {doc: set(group) for doc, group in keys.groupby(entities["doc_id"])}

    def row(doc_id: str, selected: list[str]) -> dict:
        n_tokens, types = (tally.corpus_tokens, len(tally.corpus_types)) if doc_id == ALL else tally.per_doc[doc_id]
        counted = {name: sum(int(series.get(doc, 0)) for doc in selected) for name, series in per_doc.items()}
        return {
            "doc_id": doc_id,
            "n_chars": counted["n_chars"],
            "n_sentences": counted["n_sentences"],
            "n_footnotes": counted["n_footnotes"],
            "n_tokens": n_tokens,
            "n_types": types,
            "type_token_ratio": round(types / n_tokens, 4) if n_tokens else 0.0,
            "n_mentions": counted["n_mentions"],
            **{f"n_mentions_{label}": sum(by_label[doc, label] for doc in selected) for label in labels},
            "n_entities": len(set().union(*(keys_by_doc.get(doc, set()) for doc in selected))),
            "n_dates": counted["n_dates"],
            "n_events": counted["n_events"],
        }

    return pd.DataFrame([row(doc, [doc]) for doc in docs] + [row(ALL, docs)])


def term_frequencies(tally: WordTally) -> pd.DataFrame:
    """Content words: corpus count, number of documents using them, and their usual jieba tag.

    One row per term, with the tag it gets most often: jieba may tag a name `nt` in one sentence
    and `j` in the next, and a reader wants one count.
    """
    rows = [
        {
            "term": term,
            "pos": min(tagged, key=lambda tag: (-tagged[tag], tag)),
            "count": sum(tagged.values()),
            "doc_freq": tally.term_docs[term],
        }
        for term, tagged in tally.term_tags.items()
    ]
    frame = pd.DataFrame(rows, columns=["term", "pos", "count", "doc_freq"])
    return frame.sort_values(["count", "doc_freq", "term"], ascending=[False, False, True], ignore_index=True)


def _named_mentions(data: Tables) -> pd.DataFrame:
    """Mentions with their entity key and one name and label per entity.

    Name and label come from entity_index.csv; an entity missing there takes its most frequent
    surface form and label, so each key has exactly one name.
    """
    mentions = data.entities.assign(key=entity_keys(data.entities))
    for column, source in (("name", "text"), ("label", "label")):
        mentions[column] = mentions["key"].map(mentions.groupby("key")[source].agg(most_common))
    index = data.entity_index.drop_duplicates("entity_id").set_index("entity_id")
    linked = mentions["entity_id"].isin(index.index)
    for column in ("name", "label"):
        mentions.loc[linked, column] = index.loc[mentions.loc[linked, "entity_id"], column].to_numpy()
    return mentions


def most_common(values: pd.Series) -> str:
    """The most frequent value, ties broken alphabetically so the result does not depend on order.

    >>> most_common(pd.Series(["普丁", "普京", "普京", "普丁"]))
    '普丁'
    """
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value))


def entity_frequencies(data: Tables) -> pd.DataFrame:
    """Mentions per entity and document, plus an ALL row per entity; most mentioned first."""
    columns = ["entity_id", "name", "label", "doc_id", "n_mentions"]
    mentions = _named_mentions(data)
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    keys = ["key", "entity_id", "name", "label"]
    per_doc = mentions.groupby(keys + ["doc_id"], sort=False).size().rename("n_mentions").reset_index()
    total = mentions.groupby(keys, sort=False).size().rename("n_mentions").reset_index().assign(doc_id=ALL)
    frame = pd.concat([total, per_doc], ignore_index=True)
    frame["total"] = frame["key"].map(total.set_index("key")["n_mentions"])
    frame["is_total"] = frame["doc_id"] == ALL
    frame = frame.sort_values(["total", "key", "is_total", "doc_id"], ascending=[False, True, False, True])
    return frame[columns].reset_index(drop=True)


def cooccurrence(data: Tables) -> pd.DataFrame:
    """Pairs of entities named in the same sentence: sentences and documents they share."""
    columns = ["entity_a", "name_a", "label_a", "entity_b", "name_b", "label_b", "n_sentences", "n_docs"]
    mentions = _named_mentions(data)
    described = {
        key: (entity_id, name, label)
        for key, entity_id, name, label in mentions[["key", "entity_id", "name", "label"]].itertuples(index=False)
    }
    sentences: Counter = Counter()
    documents: dict[tuple[str, str], set[str]] = {}
    for (doc, _), keys in mentions.groupby(["doc_id", "sentence_id"], sort=False)["key"]:
        for pair in combinations(sorted(set(keys)), 2):
            sentences[pair] += 1
            documents.setdefault(pair, set()).add(doc)
    rows = [
        {
            "entity_a": described[a][0],
            "name_a": described[a][1],
            "label_a": described[a][2],
            "entity_b": described[b][0],
            "name_b": described[b][1],
            "label_b": described[b][2],
            "n_sentences": n,
            "n_docs": len(documents[a, b]),
            "key_a": a,
            "key_b": b,
        }
        for (a, b), n in sentences.items()
    ]
    frame = pd.DataFrame(rows, columns=columns + ["key_a", "key_b"])
    frame = frame.sort_values(["n_sentences", "key_a", "key_b"], ascending=[False, True, True])
    return frame[columns].reset_index(drop=True)


def timeline(data: Tables) -> pd.DataFrame:
    """Events per document, year (of the start date; '' if undated), CAMEO root, quad class and mode."""
    columns = ["doc_id", "year", "cameo", "cameo_label", "quad_class", "mode", "n_events"]
    if data.events.empty:
        return pd.DataFrame(columns=columns)
    codes = read_cameo_codes()
    events = data.events.assign(
        year=data.events["start_date"].str.extract(YEAR, expand=False).fillna(""),
        cameo=data.events["cameo"].str.zfill(2).str[:2],
    )
    events["cameo_label"] = events["cameo"].map(lambda code: codes.get(code, {}).get("label", ""))
    events["quad_class"] = events["cameo"].map(lambda code: codes.get(code, {}).get("quad_class", ""))
    keys = ["doc_id", "year", "cameo", "cameo_label", "quad_class", "mode"]
    frame = events.groupby(keys, sort=False).size().rename("n_events").reset_index()
    order = {doc: k for k, doc in enumerate(document_ids(data))}
    frame["doc_order"] = frame["doc_id"].map(order)
    return frame.sort_values(["doc_order", "year", "cameo", "mode"])[columns].reset_index(drop=True)


def compute(out: Path, data: Tables | None = None, known: WordTally | None = None) -> dict[str, pd.DataFrame]:
    """Every statistics table for the outputs folder `out`, by file stem; `known` is the word
    tally a run already has (see `word_tally`)."""
    out = Path(out)
    data = data if data is not None else read_tables(out)
    tally = word_tally(data, out, known)
    return {
        "corpus_stats": corpus_stats(data, tally),
        "term_frequencies": term_frequencies(tally),
        "entity_frequencies": entity_frequencies(data),
        "cooccurrence": cooccurrence(data),
        "timeline": timeline(data),
        "events_unique": events_unique(data.events),
    }


def write(out: Path, frames: dict[str, pd.DataFrame]) -> list[Path]:
    """Write the statistics tables into `out/stats/`, each atomically."""
    paths = []
    for name, frame in frames.items():
        path = Path(out) / STATS_DIR / f"{name}.csv"
        tables.write_csv(frame, path)
        paths.append(path)
    return paths
