"""End to end: the pipeline on corpus/ must keep the scorer's bars (../shared/eval/score.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SHARED

pytestmark = pytest.mark.slow

CLEAN_BARS = [
    "clean.body_cer<=0.003",
    "clean.blocks.f1>=0.95",
    "clean.headings.f1>=0.98",
    "clean.footnote_text_acc>=0.98",
    "clean.footnote_marker_acc>=0.98",
    "clean.header_leaks<=0",
    "clean.footnote_leaks<=0",
]
ENTITY_BARS = [
    "entities.f1>=0.85",
    "entities.span_only.f1>=0.88",
    "aliases.f1>=0.85",
    "entities.per_label.PERSON.f1>=0.80",
    "entities.per_label.GPE.f1>=0.80",
    "entities.per_label.ORG.f1>=0.80",
    "entities.per_label.LAW.f1>=0.80",
]
EVENT_BARS = ["events.r>=0.75", "events.p>=0.70", "events.type_acc>=0.75", "events.full_f1>=0.55"]
DATE_BARS = ["dates.f1>=0.96", "dates.norm_acc>=0.95", "dates.e2e_f1>=0.92"]


def _score(out, bars, gold=SHARED / "gold"):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.fail("../shared/eval/score.py is not beside the checkout: the bars cannot be checked")
    command = [sys.executable, str(SHARED / "eval" / "score.py"), "--outputs", str(out), "--gold", str(gold)]
    for bar in bars:
        command += ["--assert", bar]
    return subprocess.run(command, capture_output=True, text=True)


def test_corpus_meets_the_clean_bars(corpus_run):
    out, summary = corpus_run
    assert summary.errors == []
    result = _score(out, CLEAN_BARS)
    assert result.returncode == 0, result.stdout + result.stderr


def _gold_with(layer: str, tmp_path):
    """A view of the gold holding only the chapters annotated in `layer`: the scorer counts every
    system row of a scored chapter, so a chapter whose gold for the layer is held back must not be in
    the view (its rows would all count as false positives)."""
    view = tmp_path / f"gold-{layer}"
    view.mkdir()
    for folder in (SHARED / "gold").iterdir():
        if folder.is_dir() and (folder / layer).exists() or folder.name == "aliases.jsonl":
            (view / folder.name).symlink_to(folder)
    return view


def test_corpus_meets_the_date_bars(corpus_run, tmp_path):
    result = _score(corpus_run[0], DATE_BARS, _gold_with("dates.jsonl", tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_corpus_meets_the_entity_bars(corpus_run, tmp_path):
    result = _score(corpus_run[0], ENTITY_BARS, _gold_with("entities.jsonl", tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_corpus_meets_the_event_bars(corpus_run, tmp_path):
    result = _score(corpus_run[0], EVENT_BARS, _gold_with("events.jsonl", tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
