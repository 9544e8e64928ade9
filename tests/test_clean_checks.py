"""Per-chapter sanity warnings of the cleaner (`documents.csv` `warnings`), on real excerpts: the
corpus chapters and the matrix extractions, each with one realistic defect, and no warning on the
chapters read well."""

from __future__ import annotations

import dataclasses

import pytest

from pipeline import ingest
from pipeline.clean.checks import chapter_warnings

from conftest import CORPUS, ROOT, cleaned

MATRIX = ROOT / "tests" / "fixtures" / "matrix" / "inputs"


def _raw(name: str) -> str:
    path = CORPUS / name if (CORPUS / name).exists() else MATRIX / name
    return ingest.read(path).raw


@pytest.mark.parametrize(
    "name",
    ["000_b3886f15280fecea.txt", "004_c3dd1627d94750e5.txt", "l3_xelatex_tw.pdfium.txt", "l6_word_tables.layout.txt"],
)
def test_chapters_read_well_get_no_warning(name):
    assert cleaned(_raw(name)).warnings == []


def test_a_marker_missing_from_every_text_layer_leaves_its_note_uncited():
    # l1: LibreOffice set the full stop and marker 3 in the margin, outside the text layer
    assert cleaned(_raw("l1_word_tw.pdftotext.txt")).warnings == ["note_uncited: 3"]


def test_a_lost_page_start_that_lets_a_note_swallow_the_next_page_is_body_in_notes():
    lines = _raw("000_b3886f15280fecea.txt").split("\n")
    page_starts = [i for i, line in enumerate(lines) if line.startswith(" ") and line[1:2].strip()]
    lines[page_starts[3]] = lines[page_starts[3]][1:]  # the extraction lost the page's leading space
    warnings = cleaned("\n".join(lines)).warnings
    assert warnings[0].startswith("body_in_notes: 4% of the text in notes 11")
    assert "note_uncited: 12, 13" in warnings  # their markers are in the swallowed page


def test_a_lost_note_definition_is_a_gap_and_a_marker_without_note():
    lines = [line for line in _raw("l3_xelatex_tw.pdfplumber.txt").split("\n") if not line.startswith("4〈美俄")]
    assert cleaned("\n".join(lines)).warnings == ["note_gap: 4", "marker_without_note: 4"]


def test_a_page_whose_body_the_extraction_lost_is_a_page_without_body():
    pages = _raw("l3_xelatex_tw.pdfium.txt").split("\f")
    lines = pages[3].split("\n")
    notes = next(i for i, line in enumerate(lines) if line.startswith("11"))
    pages[3] = "\n".join([lines[0], *lines[notes:]])  # header, notes, page number: the body is gone
    warnings = cleaned("\f".join(pages)).warnings
    assert "page_without_body: page 116" in warnings
    assert warnings[0].startswith("note_uncited: 11, 12")


def test_a_note_cited_twice_is_a_repeat():
    document = cleaned(_raw("l4_xelatex_cn.pdftotext.txt"))
    first = document.blocks[1]
    twice = dataclasses.replace(first, markers=[*first.markers, first.markers[0]])
    document.blocks = [document.blocks[0], twice, *document.blocks[2:]]
    assert chapter_warnings(document) == [f"note_repeat: {first.markers[0][1]}"]
