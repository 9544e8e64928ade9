"""The cleaner on chapters we typeset ourselves and extracted with three tools (tests/fixtures/typeset*).

Neither chapter was seen while writing the cleaner's rules; both are scored with the project scorer
against gold written from the same source the PDF was typeset from.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from pipeline import run

from conftest import ROOT, SHARED

pytestmark = pytest.mark.slow  # whole-pipeline runs

FIXTURES = ROOT / "tests" / "fixtures"
BARS = {
    "body_cer": ("<=", 0.01),
    "footnote_text_acc": (">=", 0.85),
    "footnote_marker_acc": (">=", 0.85),
    "header_leaks": ("<=", 0),
    "footnote_leaks": ("<=", 1),
}
HARD = pytest.mark.xfail(
    reason="table cells one per line are lost (body_cer 0.05); a note continued at the top of the "
    "next page's note block after a finished note (47) is not joined; marker glued to G20",
    strict=False,
)


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.fail("../shared/eval/score.py is not beside the checkout: the bars cannot be checked")
    results = {}
    for fixture in ("typeset", "typeset2"):
        work = tmp_path_factory.mktemp(fixture)
        corpus = work / "corpus"
        corpus.mkdir()
        for extraction in ("pdftotext", "layout", "pdfplumber"):
            shutil.copy(FIXTURES / fixture / f"chapter.{extraction}.txt", corpus)
        run([corpus], work / "out")
        report = work / "scores.json"
        subprocess.run(
            [
                sys.executable,
                str(SHARED / "eval" / "score.py"),
                "--outputs",
                str(work / "out"),
                "--gold",
                str(FIXTURES / fixture / "gold"),
                "--json",
                str(report),
            ],
            check=True,
            capture_output=True,
        )
        results[fixture] = json.loads(report.read_text(encoding="utf-8"))["clean"]
    return results


@pytest.mark.parametrize(
    "fixture,extraction",
    [
        ("typeset", "pdftotext"),
        ("typeset", "layout"),
        ("typeset", "pdfplumber"),
        pytest.param("typeset2", "pdftotext", marks=HARD),
        ("typeset2", "layout"),
        ("typeset2", "pdfplumber"),
    ],
)
def test_typeset_chapter_is_cleaned(scores, fixture, extraction):
    metrics = scores[fixture][f"chapter.{extraction}"]
    for name, (op, bar) in BARS.items():
        value = metrics[name]
        assert value <= bar if op == "<=" else value >= bar, f"{name} = {value}"
    assert metrics["headings"]["f1"] >= 0.95
