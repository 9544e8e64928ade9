"""What pdfplumber, pypdfium2 and `pdftotext -layout` leave of a page, read back (real excerpts:
the matrix extractions, tests/fixtures/matrix). The matrix test scores them; these name the rules."""

from __future__ import annotations

import pytest

from pipeline import ingest

from conftest import ROOT, cleaned

MATRIX = ROOT / "tests" / "fixtures" / "matrix" / "inputs"


def _clean(cell: str):
    return cleaned(ingest.read(MATRIX / f"{cell}.txt").raw)


def test_a_form_feed_inside_a_line_starts_the_next_page():
    # pypdfium2 joins pages with a bare form feed: `- 15 -\f東協區域整合…` (the header of page 16)
    document = _clean("l6_word_tables.pdfium")
    assert document.blocks[0].text == "第二章 東協的擴大與制度化"
    assert [page.label for page in document.pages] == ["15", "16", "17", "18", "19", "20"]


@pytest.mark.parametrize("cell", ["l3_xelatex_tw.pdfium", "l3_xelatex_tw.pdfplumber"])
def test_a_note_continued_atop_the_next_pages_notes_without_a_blank_line_is_joined(cell):
    document = _clean(cell)
    note = next(f for f in document.footnotes if f.n == 6)
    text = note.text.replace(" ", "")  # pdfplumber drops some spaces of the note font
    assert text.startswith("U.S.DepartmentofState") and text.endswith(
        "oftheUnitedStatesofAmericaandthePresident"
        "oftheRussianFederationontheExpirationoftheStrategicArmsReductionTreaty,”December4,2009."
    )
    assert not any("Expiration of the Strategic" in block.text for block in document.blocks)


def test_a_note_number_alone_before_its_text_opens_the_note():
    document = _clean("l3_xelatex_tw.pdfium")  # `3` / `Treaty Between …` / `4〈美俄擬訂…〉`
    assert next(f for f in document.footnotes if f.n == 3).text.startswith("Treaty Between the United States")
    assert len(document.footnotes) == 17


@pytest.mark.parametrize("cell", ["l3_xelatex_tw.pdftotext", "l3_xelatex_tw.pdfplumber", "l3_xelatex_tw.pdfium"])
def test_a_header_printing_the_section_the_page_opens_goes(cell):
    headings = [block.text for block in _clean(cell).blocks if block.kind == "heading"]
    assert headings.count("第二節 條約的簽署與主要內容") == 1 and headings.count("第四節 條約的評估") == 1
    assert not any("通電第二節" in block.text for block in _clean(cell).blocks)


def test_layout_punctuation_set_off_under_a_closing_mark_continues_the_paragraph():
    document = _clean("l4_xelatex_cn.layout")
    assert not any(block.text.startswith(("，", "。")) for block in document.blocks)
    assert next(f for f in document.footnotes if f.n == 11).text.endswith("t20110812_7491674.shtml。")


@pytest.mark.parametrize("cell", ["l6_word_tables.pdftotext", "l6_word_tables.pdfium", "l6_word_tables.pdfplumber"])
def test_numbered_list_items_after_a_clause_end_are_items(cell):
    items = [block.text for block in _clean(cell).blocks if block.kind == "list_item"]
    assert [item[:2] for item in items] == ["1.", "2.", "3.", "4.", "5.", "1.", "2.", "3."]


@pytest.mark.parametrize("cell", ["l6_word_tables.pdfium", "l3_xelatex_tw.pdfplumber", "l4_xelatex_cn.layout"])
def test_edit_log_accounts_for_every_character_of_each_extraction(cell):
    document = _clean(cell)
    kept = {o for b in document.blocks for o in b.offsets if o >= 0}
    dropped = {i for e in document.edits for i in range(e.start, e.end)}
    assert kept | dropped == set(range(len(document.raw)))
