"""Footnote and endnote definitions from the note lines of the layout.

A note opens where a line of the footnote zone starts with its mark at the zone's left edge: a
superscript number (then only superscripts open notes, so a continuation line beginning with a
year stays a continuation), or a plain number, circled number (①) or `[n]`. A plain number must
follow the numbering (a hanging continuation `1984 年 1 月加入。` is no note 1984), and where the
number runs into a text beginning with digits (`152009 年`) the expected number is cut off.
Lines that open no note continue the last one, across pages. Circled marks restart on every
page; notes are numbered through the chapter in reading order and keep the printed `mark`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clean.paragraphs import BlockDraft, tidy
from ..model import Footnote
from .layout import INLINE_MARK, NOTE_START
from .lines import Line

URL = re.compile(r"https?://[^\s，。；、」』）)]+[^\s，。；、」』）).,;]")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MAX_SKIP = 10  # a plain note number may jump at most this far ahead of the last one


@dataclass
class NoteDraft:
    n: int
    mark: str
    page: int
    pieces: list[tuple[int, str]] = field(default_factory=list)  # (raw offset, text)


@dataclass
class Notes:
    """The notes of a document and how body marks resolve to their numbers."""

    drafts: list[NoteDraft] = field(default_factory=list)
    by_page_mark: dict[tuple[int, str], int] = field(default_factory=dict)
    by_mark: dict[str, int] = field(default_factory=dict)

    def number(self, page: int, mark: str) -> int | None:
        """The note number a body mark on `page` refers to, None if no note has it."""
        mark = mark.strip("[]")
        if mark.isascii() and mark.isdigit():
            n = int(mark)
            return n if any(d.n == n for d in self.drafts) else None
        return self.by_page_mark.get((page, mark)) or self.by_mark.get(mark)


def collect(lines: list[Line]) -> Notes:
    """Notes from the note lines (in reading order)."""
    notes = Notes()
    superscripted = any(line.spans and line.spans[0][0] == 0 for line in lines)
    lefts: dict[int, float] = {}
    for line in lines:
        lefts[line.page] = min(lefts.get(line.page, line.x0), line.x0)
    current: NoteDraft | None = None
    for line in lines:
        opened = _opening(line, superscripted, lefts[line.page], current.n if current else 0)
        if opened is not None:
            mark, cut = opened
            plain = mark.strip("[]")
            n = int(plain) if plain.isascii() and plain.isdigit() else (current.n if current else 0) + 1
            current = NoteDraft(n, mark, line.page)
            notes.drafts.append(current)
            notes.by_page_mark.setdefault((line.page, mark), n)
            if INLINE_MARK.fullmatch(mark):  # （註一） is numbered through the chapter: one note per mark
                notes.by_mark.setdefault(mark, n)
            current.pieces.append((line.raw_start + cut, line.text[cut:]))
        elif current is not None:
            current.pieces.append((line.raw_start, line.text))
    return notes


def _opening(line: Line, superscripted: bool, left: float, last: int) -> tuple[str, int] | None:
    """(mark, where the note's text starts in the line) if the line opens a note."""
    if line.spans and line.spans[0][0] == 0:
        start, end = line.spans[0]
        mark = line.text[start:end]
        return (mark, end) if NOTE_START.match(mark) else None
    if superscripted or line.x0 > left + 0.3 * line.size:
        return None
    match = NOTE_START.match(line.text)
    if not match:
        return None
    mark = match.group(0)
    if not (mark.isascii() and mark.isdigit()):  # circled, bracketed, （註一）
        return mark, match.end()
    expected = str(last + 1)
    if mark != expected and mark.startswith(expected) and (last > 0 or len(mark) > 3):
        mark = expected  # the number runs into a text that begins with digits (`152009 年`)
    if last and not last < int(mark) <= last + MAX_SKIP:
        return None
    return mark, len(mark)


def footnotes(notes: Notes) -> list[Footnote]:
    """One definition per number (a repeated number continues the first), in number order."""
    seen: dict[int, NoteDraft] = {}
    for draft in notes.drafts:
        if draft.n in seen:
            seen[draft.n].pieces.extend(draft.pieces)
        else:
            seen[draft.n] = draft
    result = []
    for draft in sorted(seen.values(), key=lambda d: d.n):
        block = BlockDraft("note")
        for start, text in draft.pieces:
            block.append(tidy(text, start))
        text = block.text.strip()
        mark = "" if draft.mark == str(draft.n) else draft.mark
        result.append(Footnote(draft.n, text, urls=URL.findall(text), source_start=draft.pieces[0][0], mark=mark))
    return result
