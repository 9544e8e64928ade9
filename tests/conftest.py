"""Shared fixtures: paths to the corpus and the read-only shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean import clean
from pipeline.model import Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"


def cleaned(raw: str, doc_id: str = "t") -> Document:
    """Run the cleaner on a raw string."""
    return clean(Document(doc_id=doc_id, source=f"{doc_id}.txt", raw=raw))


@pytest.fixture(scope="session")
def corpus_run(tmp_path_factory):
    """One pipeline run over corpus/ shared by the end-to-end tests."""
    from pipeline import run

    out = tmp_path_factory.mktemp("outputs")
    summary = run([CORPUS], out)
    return out, summary
