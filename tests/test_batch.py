"""Batch semantics: byte-identical re-runs, atomic files, incremental processing."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from pipeline import run
from pipeline.tables import atomic_write

from conftest import CORPUS

pytestmark = pytest.mark.slow  # whole-pipeline runs

DATA_FILES = [
    "documents.csv",
    "sentences.csv",
    "footnotes.csv",
    "entities.csv",
    "entity_index.csv",
    "dates.csv",
    "events.csv",
]


def _snapshot(out):
    files = [out / name for name in DATA_FILES] + sorted((out / "clean").glob("*.md"))
    return {f.name: f.read_bytes() for f in files}


def test_rerun_is_byte_identical_and_cached(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = sorted(CORPUS.glob("*.txt"))[0]
    shutil.copy(first, corpus)
    run(
        [corpus],
        tmp_path / "out",
    )
    before = _snapshot(tmp_path / "out")
    run([corpus], tmp_path / "out")
    assert _snapshot(tmp_path / "out") == before
    run(
        [corpus],
        tmp_path / "fresh",
    )
    assert _snapshot(tmp_path / "fresh") == before


def test_added_chapter_is_processed_and_tables_updated(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first, second = sorted(CORPUS.glob("*.txt"))[:2]
    shutil.copy(first, corpus)
    run([corpus], tmp_path / "out")
    shutil.copy(second, corpus)
    run([corpus], tmp_path / "out")
    documents = pd.read_csv(tmp_path / "out" / "documents.csv")
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv")
    assert sorted(documents.doc_id) == [first.stem, second.stem]
    assert set(sentences.doc_id) == {first.stem, second.stem}
    entries = [p.name for p in (tmp_path / "out" / ".cache").glob("*.json")]
    assert len([name for name in entries if not name.startswith("chapter-")]) == 2  # each chapter read once


def test_atomic_write_leaves_no_partial_file(tmp_path):
    target = tmp_path / "table.csv"
    atomic_write(target, "a,b\n1,2\n")

    class Boom(str):
        def encode(self, *args):
            raise KeyboardInterrupt

    try:
        atomic_write(target, Boom("x"))
    except KeyboardInterrupt:
        pass
    assert target.read_text() == "a,b\n1,2\n"
    assert [p.name for p in tmp_path.iterdir()] == ["table.csv"]


@pytest.mark.slow
def test_tables_are_the_same_for_one_and_two_workers_and_a_dask_cluster(tmp_path):
    """Issue (a thousand chapters): byte-identical tables for --workers 1, --workers 2 and a Dask
    LocalCluster of two workers."""
    from pipeline.config import Config

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(CORPUS.glob("*.txt")):
        shutil.copy(path, corpus)
    runs = {"one": Config(use_cache=False, workers=1), "two": Config(use_cache=False, workers=2)}
    runs["dask"] = Config(use_cache=False, workers=2, scheduler="local")
    for name, config in runs.items():
        run([corpus], tmp_path / name, config)
    tables = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.csv"))
    assert len(tables) >= 12
    for name in tables:
        one = (tmp_path / "one" / name).read_bytes()
        assert one == (tmp_path / "two" / name).read_bytes() == (tmp_path / "dask" / name).read_bytes(), name
