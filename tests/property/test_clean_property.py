"""Property-based tests of the cleaner: never a crash, offsets always valid."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.clean import clean
from pipeline.model import Document
from pipeline.sentences import split_sentences

PIECES = st.sampled_from(
    [
        "俄羅斯",
        "美國",
        "。",
        "，",
        "」",
        "「",
        "（",
        "）",
        "(",
        ")",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\f",
        "1",
        "12",
        "113",
        "2001",
        " 年",
        "月",
        "日",
        "第一節 ",
        "一、",
        "（一）",
        "\ufffd ",
        " " * 49 + "\n",
        "Putin ",
        "Путин",
        "p. ",
        "http://x.org/a ",
        "50\n",
        "表 2-1 ",
        "資料來源：",
        "1996 年 1675.6 1209.1 466.5\n",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=120).map("".join))


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_cleaner_never_crashes_and_offsets_point_at_their_source(raw):
    document = split_sentences(clean(Document(doc_id="p", source="p.txt", raw=raw)))
    for block in document.blocks:
        assert len(block.offsets) == len(block.text)
        for char, offset in zip(block.text, block.offsets):
            assert offset == -1 or raw[offset] == char or (char == " " and raw[offset].isspace())
        assert all(0 <= at <= len(block.text) for at, _ in block.markers)
        for sentence in block.sentences:
            assert block.text[sentence.start : sentence.start + len(sentence.text)] == sentence.text
    for edit in document.edits:
        assert 0 <= edit.start <= edit.end <= len(raw)


@settings(max_examples=60, deadline=None)
@given(TEXTS)
def test_cleaner_is_deterministic(raw):
    first = clean(Document(doc_id="p", source="p.txt", raw=raw))
    second = clean(Document(doc_id="p", source="p.txt", raw=raw))
    assert [(b.kind, b.text, b.markers) for b in first.blocks] == [(b.kind, b.text, b.markers) for b in second.blocks]
    assert [(f.n, f.text) for f in first.footnotes] == [(f.n, f.text) for f in second.footnotes]
