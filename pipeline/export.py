"""Exports: every table of an outputs folder as Parquet, in one DuckDB file, and as Excel-safe CSV.

The CSVs stay the reference; the other formats are copies made from them, so they hold the same
rows, each column typed as `schema.py` declares it (numbers as numbers, dates as DATE, NULL for a
missing value; codes stay text, so CAMEO `04` keeps its leading zero).

`write_derived` is what a run does at its end and what `pipeline stats` does on its own: the
statistics, the HTML report and the formats asked for.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd

from . import publish, report, schema, stats, tables

FORMATS = ("csv", "parquet", "duckdb")
DUCKDB_FILE = "corpus.duckdb"
PARQUET_DIR = "parquet"
EXCEL_DIR = "excel"
# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def table_paths(out: Path) -> dict[str, Path]:
    """Every CSV table of `out` and `out/stats`, by table name (the file stem)."""
    out = Path(out)
    found = sorted(out.glob("*.csv")) + sorted((out / stats.STATS_DIR).glob("*.csv"))
    return {path.stem: path for path in found}


def typed(frame: pd.DataFrame, table: str) -> pd.DataFrame:
    """`frame` (every cell text, as read from the CSV) with the schema's types and None for ''."""
    frame = frame.copy()
    for column in frame.columns:
        kind = schema.column_type(table, column)
        values = frame[column].replace("", None)
        if kind == schema.INTEGER:
            frame[column] = pd.to_numeric(values, errors="coerce").astype("Int64")
        elif kind == schema.NUMBER:
            frame[column] = pd.to_numeric(values, errors="coerce").astype("Float64")
        elif kind == schema.DATE:
            frame[column] = pd.to_datetime(values, format="%Y-%m-%d", errors="coerce").dt.date
        else:
            frame[column] = values.astype(object).where(values.notna(), None)
    return frame


def neutralise_formula(cell: str) -> str:
    """A text cell a spreadsheet would run as a formula, prefixed with ' so it shows as text.

    >>> [neutralise_formula(c) for c in ["=HYPERLINK(1)", "-1", "@x", "普欽"]]
    ["'=HYPERLINK(1)", "'-1", "'@x", '普欽']
    """
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def write_parquet(frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    paths = []
    for name, frame in frames.items():
        buffer = io.BytesIO()
        typed(frame, name).to_parquet(buffer, index=False)
        path = Path(out) / PARQUET_DIR / f"{name}.parquet"
        tables.atomic_write(path, buffer.getvalue())
        paths.append(path)
    return paths


def write_duckdb(frames: dict[str, pd.DataFrame], out: Path) -> Path:
    """All tables in one DuckDB database, built in a temporary file and renamed into place."""
    import duckdb

    path = Path(out) / DUCKDB_FILE
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    try:
        with duckdb.connect(str(temporary)) as connection:
            for name, frame in frames.items():
                connection.register("frame", typed(frame, name))
                connection.execute(f'CREATE TABLE "{name}" AS SELECT {_duckdb_columns(frame, name)} FROM frame')
                connection.unregister("frame")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
        temporary.with_name(temporary.name + ".wal").unlink(missing_ok=True)
    return path


def _duckdb_columns(frame: pd.DataFrame, table: str) -> str:
    """The select list casting date columns to DATE (pandas hands them over as objects)."""
    return ", ".join(
        f'CAST("{c}" AS DATE) AS "{c}"' if schema.column_type(table, c) == schema.DATE else f'"{c}"'
        for c in frame.columns
    )


def write_excel_copies(frames: dict[str, pd.DataFrame], out: Path) -> list[Path]:
    """UTF-8-with-BOM CSVs that Excel opens in the right encoding, formulas neutralised in text cells."""
    paths = []
    for name, frame in frames.items():
        safe = frame.copy()
        for column in safe.columns:
            if schema.column_type(name, column) not in (schema.INTEGER, schema.NUMBER):
                safe[column] = safe[column].map(neutralise_formula)
        path = Path(out) / EXCEL_DIR / f"{name}.csv"
        tables.atomic_write(path, "\ufeff" + safe.to_csv(index=False, lineterminator="\r\n"))
        paths.append(path)
    return paths


def write_exports(out: Path, formats: tuple[str, ...] = ("csv",), excel: bool = False) -> list[Path]:
    """The tables of `out` in the other `formats` (CSV is always there) and, with `excel`, Excel copies."""
    unknown = set(formats) - set(FORMATS)
    if unknown:
        raise ValueError(f"unknown output format {', '.join(sorted(unknown))}; choose from {', '.join(FORMATS)}")
    if not ({"parquet", "duckdb"} & set(formats) or excel):
        return []
    frames = {name: stats.read_csv(path) for name, path in table_paths(out).items()}
    paths = []
    if "parquet" in formats:
        paths += write_parquet(frames, out)
    if "duckdb" in formats:
        paths.append(write_duckdb(frames, out))
    if excel:
        paths += write_excel_copies(frames, out)
    return paths


def write_derived(
    out: Path, formats: tuple[str, ...] = ("csv",), excel: bool = False, known: stats.WordTally | None = None
) -> list[Path]:
    """Everything made from the tables of `out`: statistics, report.html and the other formats
    (`known`: the word tally a run already has, see `stats.word_tally`)."""
    data = stats.read_tables(out)
    frames = stats.compute(out, data, known)
    paths = stats.write(out, frames)
    paths.append(report.write(out, data, frames))
    paths += write_exports(out, formats, excel)
    return [*paths, publish.write_success(out)]
