"""Exports: Parquet, DuckDB and Excel copies hold exactly the rows of the CSVs."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import export
from pipeline.cli import app

from conftest import CORPUS
from test_stats import synthetic  # noqa: F401  (fixture)

TABLES = {
    "documents",
    "sentences",
    "footnotes",
    "entities",
    "entity_index",
    "dates",
    "events",
    "corpus_stats",
    "term_frequencies",
    "entity_frequencies",
    "cooccurrence",
    "timeline",
    "events_unique",
}


def _csv(path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_every_table_is_exported(synthetic):
    assert set(export.table_paths(synthetic)) == TABLES


def test_parquet_and_duckdb_hold_the_rows_of_the_csvs(synthetic):
    export.write_exports(synthetic, ("csv", "parquet", "duckdb"))
    with duckdb.connect(str(synthetic / export.DUCKDB_FILE), read_only=True) as connection:
        stored = {name for (name,) in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert stored == TABLES
        for name, path in export.table_paths(synthetic).items():
            rows = len(_csv(path))
            assert len(pd.read_parquet(synthetic / export.PARQUET_DIR / f"{name}.parquet")) == rows, name
            assert connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] == rows, name


def test_codes_stay_text_and_counts_become_numbers(synthetic):
    export.write_exports(synthetic, ("parquet", "duckdb"))
    with duckdb.connect(str(synthetic / export.DUCKDB_FILE), read_only=True) as connection:
        codes = [code for (code,) in connection.execute("SELECT DISTINCT cameo FROM events ORDER BY 1").fetchall()]
        assert codes == ["04", "05", "11", "13", "16", "19"]
        assert connection.execute("SELECT sum(n_events) FROM timeline").fetchone()[0] == 7
        assert connection.execute('SELECT max("end") FROM entities').fetchone()[0] > 0
        undated = connection.execute("SELECT count(*) FROM timeline WHERE year IS NULL").fetchone()[0]
        assert undated == 1
    corpus = pd.read_parquet(synthetic / export.PARQUET_DIR / "corpus_stats.parquet")
    assert corpus["type_token_ratio"].dtype.kind == "f" and corpus["n_tokens"].dtype.kind == "i"
    assert pd.read_parquet(synthetic / export.PARQUET_DIR / "documents.parquet")["doc_id"].tolist()[0] == "t01_trad"


def test_duckdb_columns_are_typed_with_null_for_missing_values(synthetic):
    export.write_exports(synthetic, ("duckdb",))
    with duckdb.connect(str(synthetic / export.DUCKDB_FILE), read_only=True) as connection:
        earliest = connection.execute("SELECT avg(goldstein), min(start_date) FROM events").fetchone()[1]
        assert earliest is None or hasattr(earliest, "isoformat")
        types = dict(
            connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'events'"
            ).fetchall()
        )
        assert types["start_date"] == "DATE" and types["goldstein"] == "DOUBLE" and types["cameo"] == "VARCHAR"
        events = _csv(synthetic / "events.csv")
        missing = int((events["target"] == "").sum())
        assert connection.execute("SELECT count(*) FROM events WHERE target IS NULL").fetchone()[0] == missing
        assert connection.execute("SELECT count(*) FROM events WHERE target = ''").fetchone()[0] == 0


def test_readme_lists_the_schema():
    from pipeline import schema

    from conftest import ROOT

    assert schema.markdown() in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+886 2", "'+886 2"),
        ("-見 BBC", "'-見 BBC"),
        ("@美國", "'@美國"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("普欽", "普欽"),
        ("2001-06-16", "2001-06-16"),
        ("", ""),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
    ],
)
def test_formula_like_cells_are_neutralised(cell, expected):
    assert export.neutralise_formula(cell) == expected


def test_excel_copies_have_a_bom_and_neutralised_formulas_while_the_csvs_stay_plain(synthetic):
    export.write_exports(synthetic, ("csv",), excel=True)
    for name, path in export.table_paths(synthetic).items():
        copy = synthetic / export.EXCEL_DIR / f"{name}.csv"
        assert copy.read_bytes().startswith(b"\xef\xbb\xbf"), name
        assert len(_csv(copy)) == len(_csv(path)), name
    plain = _csv(synthetic / "footnotes.csv")["text"].tolist()
    excel = _csv(synthetic / export.EXCEL_DIR / "footnotes.csv")["text"].tolist()
    assert [p[:1] for p in plain] == ["-", "=", "@", "+"]
    assert excel == ["'" + text for text in plain]
    numbers = _csv(synthetic / export.EXCEL_DIR / "corpus_stats.csv")
    assert not numbers["n_tokens"].str.startswith("'").any()


def test_duckdb_file_is_replaced_whole(synthetic):
    export.write_exports(synthetic, ("duckdb",))
    export.write_exports(synthetic, ("duckdb",))
    leftovers = [p.name for p in synthetic.iterdir() if p.name.startswith(".") and "duckdb" in p.name]
    assert leftovers == []


def test_unknown_format_is_refused():
    with pytest.raises(ValueError, match="xlsx"):
        export.write_exports(".", ("csv", "xlsx"))
    result = CliRunner().invoke(app, ["stats", "--format", "csv,xlsx"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_run_writes_the_formats_asked_for(tmp_path):
    chapter = sorted(CORPUS.glob("*.txt"))[0]
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["run", str(chapter), "--out", str(out), "--format", "csv,parquet,duckdb", "--excel"]
    )
    assert result.exit_code == 0, result.output
    assert (out / export.DUCKDB_FILE).exists()
    assert (out / export.PARQUET_DIR / "sentences.parquet").exists()
    assert (out / export.EXCEL_DIR / "corpus_stats.csv").exists()
    assert (out / "stats" / "term_frequencies.csv").exists() and (out / "report.html").exists()
