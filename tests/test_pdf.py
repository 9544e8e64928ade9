"""PDF input: chapters read from the page layout (pipeline/pdf), made here with pymupdf or taken from
the typeset fixtures, and the bad PDFs a user may hand in."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline import ingest, run
from pipeline.cli import app

from conftest import ROOT, SHARED

pymupdf = pytest.importorskip("pymupdf")
FIXTURES = ROOT / "tests" / "fixtures"
NOTO = Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")
FILLER = "國際關係的研究需要仔細閱讀原始文獻並且比較各國政府的立場與說法"  # 31 characters


def _font(page) -> str:
    if NOTO.exists():
        page.insert_font(fontname="cjk", fontfile=str(NOTO))
    else:
        page.insert_font(fontname="cjk", fontbuffer=pymupdf.Font("cjk").buffer)
    return "cjk"


def _line(page, x, y, text, size=12.0, marks=()):
    """One line at baseline y; `marks` are (index in text, mark): a 7pt mark raised after that character."""
    font = _font(page)
    page.insert_text((x, y), text, fontname=font, fontsize=size)
    for at, mark in marks:
        page.insert_text((x + size * at, y - 0.4 * size), mark, fontname=font, fontsize=0.58 * size)


def _body(page, y, first_indent=True, lines=3, marks=()):
    """A justified paragraph of full 37-character lines (the last one short), marks on its first line."""
    for k in range(lines):
        text = (FILLER * 2)[k : k + (35 if k == 0 and first_indent else 37)]
        if k == lines - 1:
            text = text[:12] + "。"
        x = 96 if k == 0 and first_indent else 72
        _line(page, x, y + 20 * k, text, marks=marks if k == 0 else ())
    return y + 20 * lines


def make_chapter(path: Path, circled: bool = False) -> Path:
    """Two A4 pages numbered 45-46: header, chapter heading, a paragraph with a superscript anchor that
    runs over the page break, a 一、 heading, footnotes under a rule (note 2 continues on page 46)."""
    doc = pymupdf.open()
    m1, m2 = ("①", "②") if circled else ("1", "2")
    for number in (45, 46):
        page = doc.new_page(width=595, height=842)
        _line(page, 72, 50, "冷戰後國際關係之研究", size=9)
        _line(page, 290, 810, str(number), size=10)
        page.draw_line((72, 690), (180, 690), width=0.5)
        if number == 45:
            _line(page, 200, 110, "第一章 測試之章", size=16)
            _line(page, 96, 150, (FILLER * 2)[:35], marks=[(5, m1)])
            for k in range(1, 6):  # full lines to the foot of the page: the paragraph runs on
                _line(page, 72, 150 + 20 * k, (FILLER * 2)[k : k + 37], marks=[(10, m2)] if k == 3 else ())
            _line(page, 72, 710, f"{m1}第一個註釋的內容。", size=10)
            _line(page, 72, 724, f"{m2}第二個註釋的開頭，", size=10)
        else:
            _body(page, 80, first_indent=False, lines=2, marks=[(3, "①")] if circled else ())
            _line(page, 72, 140, "一、小節的標題", size=12)
            _body(page, 170, marks=[(8, "②")] if circled else ())
            if circled:
                _line(page, 72, 710, "①第二頁的第一個註釋。", size=10)
                _line(page, 72, 724, "②第二頁的第二個註釋。", size=10)
            else:
                _line(page, 72, 710, "延續到下一頁的部分。", size=10)
    doc.save(path)
    return path


def test_a_made_chapter_is_read_from_its_layout(tmp_path):
    document = ingest.read(make_chapter(tmp_path / "ch.pdf"))
    assert document.status == "ok", document.error
    assert document.layout == "pdf" and [p.label for p in document.pages] == ["45", "46"]
    assert "\f" in document.raw
    kinds = [(b.kind, b.level) for b in document.blocks]
    assert kinds == [("heading", 1), ("paragraph", 0), ("heading", 4), ("paragraph", 0)]
    assert document.blocks[0].text == "第一章 測試之章"
    first = document.blocks[1]
    assert "冷戰後國際關係之研究" not in first.text and "45" not in first.text
    assert first.markers[0] == (6, 1) and [n for _, n in first.markers] == [1, 2]
    assert first.text.count("。") == 1  # one paragraph across the page break
    assert all(document.raw[o] == c for c, o in zip(first.text, first.offsets) if o >= 0)
    notes = {f.n: f.text for f in document.footnotes}
    assert notes == {1: "第一個註釋的內容。", 2: "第二個註釋的開頭，延續到下一頁的部分。"}
    assert document.block_page(first) == "45" and document.block_page(document.blocks[3]) == "46"


def test_circled_marks_are_numbered_through_the_chapter(tmp_path):
    document = ingest.read(make_chapter(tmp_path / "ch.pdf", circled=True))
    notes = [(f.n, f.mark, f.text) for f in document.footnotes]
    assert [n for n, _, _ in notes] == [1, 2, 3, 4]
    assert [m for _, m, _ in notes] == ["①", "②", "①", "②"]
    markers = [n for b in document.blocks for _, n in b.markers]
    assert markers == [1, 2, 3, 4]


def _score(out: Path, gold: Path) -> dict:
    report = out.parent / "scores.json"
    subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "--outputs",
            str(out),
            "--gold",
            str(gold),
            "--json",
            str(report),
        ],
        check=True,
        capture_output=True,
    )
    return json.loads(report.read_text(encoding="utf-8"))["clean"]


@pytest.mark.slow
@pytest.mark.parametrize("fixture", ["typeset", "typeset2"])
def test_typeset_pdf_scores_at_least_as_well_as_the_extractions(tmp_path, fixture):
    if not (SHARED / "eval" / "score.py").exists():
        pytest.skip("../shared/eval/score.py is not beside the checkout")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(FIXTURES / fixture / "chapter.pdf", corpus)
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "chapter").symlink_to(FIXTURES / fixture / "gold" / "chapter.pdftotext")
    run([corpus], tmp_path / "out")
    metrics = _score(tmp_path / "out", gold)["chapter"]
    assert metrics["body_cer"] <= 0.002
    assert metrics["footnote_text_acc"] >= 0.95 and metrics["footnote_marker_acc"] >= 0.95
    assert metrics["header_leaks"] == 0 and metrics["footnote_leaks"] == 0
    assert metrics["headings"]["f1"] >= 0.95
    sentences = pd.read_csv(tmp_path / "out" / "sentences.csv", dtype=str, keep_default_na=False)
    footnotes = pd.read_csv(tmp_path / "out" / "footnotes.csv", dtype=str, keep_default_na=False)
    assert sentences["page"].iloc[0] in ("23", "57") and sentences["page"].str.fullmatch(r"\d+").all()
    assert footnotes["page"].str.fullmatch(r"\d+").all()


def _bad_pdfs(folder: Path) -> dict[str, str]:
    """The bad PDFs of the brief, made here, with the error code each must get."""
    source = FIXTURES / "typeset" / "chapter.pdf"
    subprocess.run(["qpdf", "--encrypt", "u", "o", "256", "--", str(source), str(folder / "encrypted.pdf")], check=True)
    data = source.read_bytes()
    (folder / "truncated.pdf").write_bytes(data[: len(data) // 2])
    original = pymupdf.open(source)
    scan = pymupdf.open()
    for k in range(2):
        page = scan.new_page(width=595, height=842)
        page.insert_image(page.rect, pixmap=original[k].get_pixmap(dpi=30))
    scan.save(folder / "scanned.pdf")
    empty = pymupdf.open()
    empty.new_page().insert_text((300, 800), "12", fontsize=10)
    empty.save(folder / "nobody.pdf")
    return {"encrypted": "E010", "truncated": "E012", "scanned": "E011", "nobody": "E013"}


def test_bad_pdfs_get_error_rows_and_the_run_exits_1(tmp_path):
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    codes = _bad_pdfs(corpus)
    result = CliRunner().invoke(app, ["run", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    rows = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False).set_index("doc_id")
    for doc_id, code in codes.items():
        assert rows.loc[doc_id, "status"] == "error"
        error = rows.loc[doc_id, "error"]
        assert f"[{code}]" in error and f"{doc_id}.pdf" in error and "\n" not in error
    assert "qpdf --decrypt" in rows.loc["encrypted", "error"]
    assert "pages 1–2 have no text layer" in rows.loc["scanned", "error"]


def test_a_partly_scanned_pdf_is_read_with_a_warning(tmp_path):
    chapter = pymupdf.open(make_chapter(tmp_path / "ch.pdf"))
    page = chapter.new_page(width=595, height=842)
    page.insert_image(page.rect, pixmap=chapter[0].get_pixmap(dpi=30))
    chapter.save(tmp_path / "partly.pdf")
    document = ingest.read(tmp_path / "partly.pdf")
    assert document.status == "ok" and document.blocks
    assert document.warnings == ["page 3: no text layer (scanned), skipped; OCR the PDF to include them"]


def test_a_pdf_is_recognised_by_its_bytes_and_text_keeps_empty_pages(tmp_path):
    make_chapter(tmp_path / "chapter.bin")
    assert ingest.read(tmp_path / "chapter.bin").layout == "pdf"
    (tmp_path / "t.txt").write_text("第一章 測試\n\n本文。\n", encoding="utf-8")
    assert ingest.read(tmp_path / "t.txt").layout == ""
