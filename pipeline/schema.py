"""The type of every column of every table, declared once in `data/schema.tsv` for the CSV writer
(column order), the Parquet and DuckDB exports (column types, NULL for a missing value) and the README.

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

from .datafiles import read_tsv

TEXT, CODE, INTEGER, NUMBER, DATE, LIST = "text", "code", "integer", "number", "date", "list"


def _read_tables() -> dict[str, dict[str, str]]:
    tables: dict[str, dict[str, str]] = {}
    for row in read_tsv("schema.tsv"):
        tables.setdefault(row["table"], {})[row["column"]] = row["type"]
    return tables


TABLES = _read_tables()  # data/schema.tsv, read once: the tables' layout is fixed for a process
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
