"""Encodings, NFC, and bad input that must give an error row without stopping the batch."""

from __future__ import annotations

import codecs

import pandas as pd
import pytest

from pipeline import run
from pipeline.ingest import read

TEXT = "第一節 俄羅斯與東協關係\n2001 年 12 月 13 日，美國宣佈退出條約。\n"


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("big5", b""),
        ("gb18030", b""),
    ],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_encodings_are_detected(tmp_path, encoding, bom, newline):
    path = tmp_path / "chapter.txt"
    path.write_bytes(bom + TEXT.replace("\n", newline).encode(encoding))
    document = read(path)
    assert document.status == "ok", document.error
    assert document.raw == TEXT


def test_compatibility_ideographs_fold_under_nfc_without_changing_length(tmp_path):
    path = tmp_path / "c.txt"
    path.write_text("2001 \uf98e 俄\uf90f斯", encoding="utf-8")
    raw = read(path).raw
    assert raw == "2001 年 俄羅斯"
    assert len(raw) == len("2001 \uf98e 俄\uf90f斯")


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_bad_input_gets_an_error_row_and_the_batch_goes_on(tmp_path, content, reason):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_bytes(content)
    (corpus / "good.txt").write_text("第一章 測試\n這是正文。 \n", encoding="utf-8")
    summary = run([corpus], tmp_path / "out")
    documents = pd.read_csv(tmp_path / "out" / "documents.csv", dtype=str, keep_default_na=False)
    row = documents.set_index("doc_id").loc["bad"]
    assert row.status == "error" and reason in row.error and "bad.txt" in row.error
    assert "\n" not in row.error
    assert documents.set_index("doc_id").loc["good"].status == "ok"
    assert len(summary.errors) == 1
