"""The cleaner's evaluation matrix (tests/fixtures/matrix/README.md): six typeset layouts, each read
from four text extractions and from the PDF itself, scored with the project scorer.

Bars: text extractions (issue: clean chapters nobody tuned for) and PDF input (issue: PDF in). A
cell that does not meet its bar yet is listed in KNOWN_SHORT with what is missing; it is a strict
xfail, so fixing it fails the test until the list is updated. The held-out layout is not scored here.
"""

from __future__ import annotations

import pytest
from matrix import score_matrix

from conftest import ROOT, SHARED

pytestmark = pytest.mark.slow

MATRIX = ROOT / "tests" / "fixtures" / "matrix"
LAYOUTS = ["l1_word_tw", "l3_xelatex_tw", "l4_xelatex_cn", "l5_endnotes_cn", "l6_word_tables"]
EXTRACTORS = ["pdftotext", "layout", "pdfplumber", "pdfium"]
TEXT_BAR = {"body_cer": ("<=", 0.01), "footnote_marker_acc": (">=", 0.97), "footnote_text_acc": (">=", 0.95),
            "header_leaks": ("<=", 0), "footnote_leaks": ("<=", 0), "headings.f1": (">=", 0.95)}  # fmt: skip
PDF_BAR = {"body_cer": ("<=", 0.005), "footnote_marker_acc": (">=", 0.99), "footnote_text_acc": (">=", 0.98),
           "header_leaks": ("<=", 0), "footnote_leaks": ("<=", 0), "headings.f1": (">=", 0.97)}  # fmt: skip
# Cells short of their bar, with why. The l1 PDF loses one full stop before a marker at a line end
# (LibreOffice sets it in the margin; no extractor, pdfium included, gets it from the text layer).
KNOWN_SHORT = {
    **{f"l1_word_tw.{e}": "the full stop before marker 3 is in no text layer: markers 18/19" for e in EXTRACTORS},
    "l1_word_tw.pdf": "the full stop before marker 3 is not in the text layer",
}  # fmt: skip
CELLS = [f"{lay}.{e}" for lay in LAYOUTS for e in EXTRACTORS] + [f"{lay}.pdf" for lay in LAYOUTS]


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    scorer = SHARED / "eval" / "score.py"
    if not scorer.exists():
        pytest.fail("../shared/eval/score.py is not beside the checkout: the matrix cannot be scored")
    return score_matrix(MATRIX, scorer, tmp_path_factory.mktemp("matrix"))


def _short_of(figures: dict[str, float], bar: dict[str, tuple[str, float]]) -> list[str]:
    return [
        f"{name} = {figures[name]}"
        for name, (op, limit) in bar.items()
        if not (figures[name] <= limit if op == "<=" else figures[name] >= limit)
    ]


@pytest.mark.parametrize(
    "cell",
    [pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_SHORT[c], strict=True)) if c in KNOWN_SHORT else c
     for c in CELLS],
)  # fmt: skip
def test_matrix_cell_meets_its_bar(scores, cell):
    bar = PDF_BAR if cell.endswith(".pdf") else TEXT_BAR
    assert _short_of(scores[cell], bar) == []


# The text cleaner now reads l6's pdftotext extraction exactly (body_cer 0) while the PDF reader
# (pipeline/pdf, not this branch's) still wraps table cells (0.0057).
PDF_BEHIND: dict[str, str] = {}  # layouts where some text extraction still scores better than the PDF


@pytest.mark.parametrize(
    "layout",
    [pytest.param(lay, marks=pytest.mark.xfail(reason=PDF_BEHIND[lay], strict=True)) if lay in PDF_BEHIND else lay
     for lay in LAYOUTS],
)  # fmt: skip
def test_pdf_input_beats_every_text_extraction(scores, layout):
    pdf = scores[f"{layout}.pdf"]
    for extractor in EXTRACTORS:
        text = scores[f"{layout}.{extractor}"]
        assert pdf["body_cer"] <= text["body_cer"] and pdf["footnote_text_acc"] >= text["footnote_text_acc"]
        assert pdf["footnote_marker_acc"] >= text["footnote_marker_acc"] and pdf["headings.f1"] >= text["headings.f1"]
        assert pdf["header_leaks"] <= text["header_leaks"] and pdf["footnote_leaks"] <= text["footnote_leaks"]
