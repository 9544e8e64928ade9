"""The type of every column of every table: one declaration that the CSV writer (column order),
the Parquet and DuckDB exports (column types, NULL for a missing value) and the README use.

Types: `text`; `code`, text that looks like a number but is not one (CAMEO `04`, `057`: the
leading zeros matter); `integer`; `number` (a float); `date` (ISO `YYYY-MM-DD`, a DATE in DuckDB
and Parquet); `list`, `;`-joined text. In the CSVs a missing value is an empty cell; in Parquet and
DuckDB it is NULL.

    >>> column_type("events", "goldstein"), column_type("events", "cameo"), column_type("dates", "start_date")
    ('number', 'code', 'date')
    >>> column_type("corpus_stats", "n_mentions_PERSON")
    'integer'
"""

from __future__ import annotations

TEXT, CODE, INTEGER, NUMBER, DATE, LIST = "text", "code", "integer", "number", "date", "list"

TABLES: dict[str, dict[str, str]] = {
    "documents": {
        "doc_id": TEXT, "source": TEXT, "title": TEXT, "script": TEXT, "n_chars": INTEGER,
        "n_paragraphs": INTEGER, "n_sentences": INTEGER, "n_footnotes": INTEGER, "n_entities": INTEGER,
        "n_dates": INTEGER, "n_events": INTEGER, "sha256": TEXT, "status": TEXT, "error": TEXT, "encoding": TEXT,
    },
    "sentences": {
        "sentence_id": TEXT, "doc_id": TEXT, "section": TEXT, "paragraph": INTEGER, "kind": TEXT, "text": TEXT,
        "text_trad": TEXT, "text_simp": TEXT, "footnote_refs": LIST,
    },
    "footnotes": {
        "doc_id": TEXT, "n": INTEGER, "text": TEXT, "sentence_id": TEXT, "urls": LIST, "pub_start": DATE,
        "pub_end": DATE,
    },
    "entities": {
        "mention_id": TEXT, "doc_id": TEXT, "sentence_id": TEXT, "start": INTEGER, "end": INTEGER, "text": TEXT,
        "label": TEXT, "entity_id": TEXT, "method": TEXT,
    },
    "entity_index": {
        "entity_id": TEXT, "label": TEXT, "name": TEXT, "name_en": TEXT, "aliases": LIST, "n_mentions": INTEGER,
        "n_docs": INTEGER,
    },
    "dates": {
        "date_id": TEXT, "doc_id": TEXT, "sentence_id": TEXT, "start": INTEGER, "end": INTEGER, "text": TEXT,
        "start_date": DATE, "end_date": DATE, "granularity": TEXT, "kind": TEXT, "value": CODE,
    },
    "events": {
        "event_id": TEXT, "doc_id": TEXT, "sentence_id": TEXT, "start_date": DATE, "end_date": DATE,
        "date_text": TEXT, "cameo": CODE, "cameo_label": TEXT, "trigger": TEXT, "source": TEXT, "source_id": TEXT,
        "target": TEXT, "target_id": TEXT, "location": TEXT, "object": TEXT, "mode": TEXT, "footnote_refs": LIST,
        "confidence": NUMBER, "cameo_code": CODE, "goldstein": NUMBER, "quad_class": TEXT,
    },
    "corpus_stats": {
        "doc_id": TEXT, "n_chars": INTEGER, "n_sentences": INTEGER, "n_footnotes": INTEGER, "n_tokens": INTEGER,
        "n_types": INTEGER, "type_token_ratio": NUMBER, "n_mentions": INTEGER, "n_entities": INTEGER,
        "n_dates": INTEGER, "n_events": INTEGER,
    },
    "term_frequencies": {"term": TEXT, "pos": TEXT, "count": INTEGER, "doc_freq": INTEGER},
    "entity_frequencies": {"entity_id": TEXT, "name": TEXT, "label": TEXT, "doc_id": TEXT, "n_mentions": INTEGER},
    "cooccurrence": {
        "entity_a": TEXT, "name_a": TEXT, "label_a": TEXT, "entity_b": TEXT, "name_b": TEXT, "label_b": TEXT,
        "n_sentences": INTEGER, "n_docs": INTEGER,
    },
    "timeline": {
        "doc_id": TEXT, "year": INTEGER, "cameo": CODE, "cameo_label": TEXT, "quad_class": TEXT, "mode": TEXT,
        "n_events": INTEGER,
    },
}  # fmt: skip
# Columns a table may grow with the data (one per entity label): typed by their prefix.
PREFIX_TYPES = {"n_mentions_": INTEGER}


def columns(table: str) -> list[str]:
    """The columns of `table` in contract order."""
    return list(TABLES[table])


def column_type(table: str, column: str) -> str:
    """The declared type of a column; text for anything not declared."""
    declared = TABLES.get(table, {}).get(column)
    if declared:
        return declared
    return next((kind for prefix, kind in PREFIX_TYPES.items() if column.startswith(prefix)), TEXT)


def markdown() -> str:
    """The schema as the README's table: one line per table, each column with its type."""
    lines = ["| table | columns (type) |", "| --- | --- |"]
    for table, declared in TABLES.items():
        cells = ", ".join(f"`{name}` ({kind})" for name, kind in declared.items())
        lines.append(f"| `{table}` | {cells} |")
    return "\n".join(lines)
