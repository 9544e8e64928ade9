"""A file holding several chapters (issue: a run is all or nothing — several chapters in one file):
every chapter keeps its notes and its body, and note numbers that start again at 1 open a new note
sequence, numbered through the document (`[^N]`) with the printed number kept as `mark`."""

from __future__ import annotations

import pytest

from pipeline import ingest

from conftest import CORPUS, cleaned

CHAPTERS = sorted(CORPUS.glob("*.txt"))


def _raw(path):
    return ingest.read(path).raw


@pytest.fixture(scope="module")
def chapters():
    return [cleaned(_raw(path)) for path in CHAPTERS]


def _blocks(document, offset=0):
    return [(b.kind, b.text, [n + offset for _, n in b.markers]) for b in document.blocks]


def _concatenated(chapters_raw, times):
    return cleaned("".join(raw.rstrip("\n") + "\n\n\n" for raw in chapters_raw * times))


def test_concatenated_chapters_keep_every_note_and_every_body(chapters):
    times = 3
    document = _concatenated([_raw(path) for path in CHAPTERS], times)
    alone = [chapter for _ in range(times) for chapter in chapters]
    assert len(document.footnotes) == sum(len(chapter.footnotes) for chapter in alone)
    expected, offset = [], 0
    for chapter in alone:
        expected += _blocks(chapter, offset)
        offset += len(chapter.footnotes)
    assert _blocks(document) == expected
    assert [f.text for f in document.footnotes] == [f.text for chapter in alone for f in chapter.footnotes]
    assert [f.n for f in document.footnotes] == list(range(1, offset + 1))
    assert document.warnings == []  # restarted numbering is no gap, no repeat


def test_restarted_notes_keep_their_printed_number_as_mark(chapters):
    first = len(chapters[0].footnotes)
    document = _concatenated([_raw(path) for path in CHAPTERS], 1)
    assert [f.mark for f in document.footnotes[:first]] == [""] * first  # the first sequence prints n
    assert [(f.n, f.mark) for f in document.footnotes[first : first + 2]] == [(first + 1, "1"), (first + 2, "2")]


def test_the_same_chapter_twice_is_two_note_sequences(chapters):
    document = _concatenated([_raw(CHAPTERS[0])], 2)
    n = len(chapters[0].footnotes)
    assert len(document.footnotes) == 2 * n
    assert _blocks(document) == _blocks(chapters[0]) + _blocks(chapters[0], n)
