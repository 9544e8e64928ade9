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


def _numbered(page, y, n, text):
    """A numbered item with a hanging indent: `n. ` at 96, its wrapped lines at 118."""
    _line(page, 96, y, f"{n}. {text[:33]}")
    _line(page, 118, y + 20, text[33:])
    return y + 40


def test_a_section_title_in_the_page_header_is_furniture_and_quotes_need_both_signs(tmp_path):
    """Odd pages carry the current section's title as running header (set small, once per page,
    no repetition to learn from); it must not split the paragraph running over the page break. A
    paragraph set small whose first line is indented like any paragraph's is no quote; a small
    block indented on both sides is."""
    doc = pymupdf.open()
    for _ in range(3):
        doc.new_page(width=595, height=842)
    pages = list(doc)
    for number, page in enumerate(pages, start=1):
        _line(page, 290, 810, str(number + 100), size=10)
    _line(pages[0], 200, 90, "第一章 測試之章", size=16)  # in the top band, and a heading
    _body(pages[0], 150)
    _line(pages[0], 200, 260, "第一節 條約的簽署", size=14)
    y = _body(pages[0], 300)
    for k in range(5):  # small (11 pt) full lines, the first indented: a paragraph
        text = (FILLER * 2)[k : k + (40 if k else 38)]
        _line(pages[0], 96 if k == 0 else 72, y + 20 + 20 * k, text if k < 4 else text[:9] + "。", size=11)
    for k in range(12):  # runs on over the page break
        _line(pages[0], 96 if k == 0 else 72, 520 + 20 * k, (FILLER * 2)[k : k + (35 if k == 0 else 37)])
    _line(pages[1], 72, 50, "第五章 測試之章", size=9)
    _line(pages[1], 72, 90, "延續上一頁的段落到此結束。")
    _line(pages[1], 96, 130, "引文如下：")
    for k in range(3):
        _line(pages[1], 100, 160 + 16 * k, FILLER[k : k + 30] if k < 2 else "引文的最後一行。", size=10.5)
    _body(pages[1], 230)
    _line(pages[2], 400, 50, "第一節 條約的簽署", size=9)
    _body(pages[2], 90)
    path = tmp_path / "headers.pdf"
    doc.save(path)
    document = ingest.read(path)
    assert document.status == "ok", document.error
    kinds = [b.kind for b in document.blocks]
    assert kinds == ["heading", "paragraph", "heading", "paragraph", "paragraph", "paragraph", "paragraph",
                     "quote", "paragraph", "paragraph"]  # fmt: skip
    texts = [b.text for b in document.blocks]
    assert texts[0] == "第一章 測試之章" and texts[2] == "第一節 條約的簽署"
    assert texts[5].endswith("延續上一頁的段落到此結束。") and not any("第五章" in t for t in texts)
    assert texts[7].endswith("引文的最後一行。")


def test_wrapped_table_cells_join_their_row_and_rules_split_cells(tmp_path):
    """A ruled table: the first cell's text runs up to the column rule (no gap to tell the cells
    apart), and its last character wraps onto a line of its own under that cell."""
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    _body(page, 100)
    _line(page, 240, 200, "表 2-1 入會時間")
    columns, rows = (72, 200, 330, 460), (210, 230, 270, 290)
    for x in columns:
        page.draw_line((x, rows[0]), (x, rows[-1]), width=0.5)
    for y in rows:
        page.draw_line((columns[0], y), (columns[-1], y), width=0.5)
    for x, text in zip((110, 240, 380), ("會員國", "入會日期", "備註")):
        _line(page, x, 224, text, size=10)
    _line(page, 79, 244, "印尼、馬來西亞、菲律賓泰", size=10)  # 12 characters: ends at the rule
    _line(page, 202, 244, "1967 年 8 月", size=10)
    _line(page, 340, 244, "創始會員國", size=10)
    _line(page, 131, 258, "國", size=10)
    for x, text in zip((110, 240, 380), ("汶萊", "1984 年", "後來加入")):
        _line(page, x, 284, text, size=10)
    _line(page, 72, 310, "資料來源：筆者整理。", size=10)
    _body(page, 340)
    path = tmp_path / "table.pdf"
    doc.save(path)
    document = ingest.read(path)
    rows_read = [b.text for b in document.blocks if b.kind == "table"]
    assert rows_read == [
        "會員國 入會日期 備註",
        "印尼、馬來西亞、菲律賓泰國 1967 年 8 月 創始會員國",
        "汶萊 1984 年 後來加入",
    ]
    row = document.blocks[[b.text for b in document.blocks].index(rows_read[1])]
    assert all(document.raw[o] == c for c, o in zip(row.text, row.offsets) if o >= 0)


def test_numbered_items_on_a_page_of_items_are_list_items(tmp_path):
    """Margins come from all odd (or all even) pages: a page that is mostly indented numbered items
    still has its margin, so the items are list items, joined across their wrapped lines."""
    doc = pymupdf.open()
    for _ in range(3):
        doc.new_page(width=595, height=842)
    pages = list(doc)
    for number, page in enumerate(pages, start=1):
        _line(page, 290, 810, str(number), size=10)
    _body(pages[0], 150)
    _body(pages[0], 250)
    _body(pages[1], 150)
    y = _body(pages[2], 150, lines=2)
    for n in range(1, 5):
        y = _numbered(
            pages[2],
            y + 10,
            n,
            f"東協領導人在第{n}次會議簽署宣言，並指定一個由十人組成的小組負責為憲章的制定提供建議；",
        )
    path = tmp_path / "items.pdf"
    doc.save(path)
    document = ingest.read(path)
    items = [b.text for b in document.blocks if b.kind == "list_item"]
    assert (
        len(items) == 4
        and items[0] == "1. 東協領導人在第1次會議簽署宣言，並指定一個由十人組成的小組負責為憲章的制定提供建議；"
    )
