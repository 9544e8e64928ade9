"""End to end: the pipeline on corpus/ must keep the scorer's bars (../shared/eval/score.py)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import SHARED

CLEAN_BARS = ["clean.body_cer<=0.003", "clean.blocks.f1>=0.95", "clean.headings.f1>=0.98",
              "clean.footnote_text_acc>=0.98", "clean.footnote_marker_acc>=0.98", "clean.header_leaks<=0",
              "clean.footnote_leaks<=0"]


def _score(out, bars):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    command = [sys.executable, str(SHARED / "eval" / "score.py"), "--outputs", str(out), "--gold",
               str(SHARED / "gold")]
    for bar in bars:
        command += ["--assert", bar]
    return subprocess.run(command, capture_output=True, text=True)


def test_corpus_meets_the_clean_bars(corpus_run):
    out, summary = corpus_run
    assert summary.errors == []
    result = _score(out, CLEAN_BARS)
    assert result.returncode == 0, result.stdout + result.stderr
