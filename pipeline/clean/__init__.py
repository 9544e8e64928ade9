"""Clean stage: give an extracted chapter its structure back.

    lines  -> layout profile (which signals this extraction carries)
           -> footnote zones and definitions (notes.collect_footnotes)
           -> running headers, footers, page numbers (pages.mark_running_furniture)
           -> blocks with markers lifted out (paragraphs.build_blocks)

Every clean character keeps its raw offset (`Block.offsets`), and everything the cleaner dropped
is in `Document.edits` with the rule that dropped it, so any row can be traced to its source line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from ..config import DEFAULT, Config
from ..model import Block, Document, Edit, Footnote
from .checks import chapter_warnings
from .lines import Line, measure_layout, split_lines
from .loose import collect_loose_notes
from .markers import MarkerSequence
from .notes import NoteDraft, collect_footnotes, number_sequences
from .pages import infer_page_breaks, mark_running_furniture, page_list
from .paragraphs import BlockDraft, build_blocks, tidy
from .structure import HEADING_PATTERNS, heading_level

if TYPE_CHECKING:
    from ..resources import Resources

CHAPTER_NUMBER = HEADING_PATTERNS[0][1]
URL = re.compile(r"https?://[^\s，。；、」』）)]+[^\s，。；、」』）).,;]")


def clean(document: Document, resources: Resources | None = None, config: Config = DEFAULT) -> Document:
    """Fill `document.blocks`, `document.footnotes` and `document.edits` from `document.raw`.

    A document the PDF reader built from the page layout (`document.layout == "pdf"`) already has
    its blocks and footnotes: it is returned as it is.
    """
    if document.layout == "pdf":
        document.warnings += chapter_warnings(document)
        return document
    lines = split_lines(document.raw)
    drafts: list[BlockDraft] = []
    notes: list[NoteDraft] = []
    repeated: list[int] = []
    for part in (piece for chapter in chapter_parts(lines) for piece in _restarted_parts(chapter)):
        part_drafts, part_notes, part_repeated = _clean_part(part)
        offset = max((note.n for note in notes), default=0)
        repeated += [n + offset for n in part_repeated]
        for note in part_notes:  # numbered through the document; the printed number stays the mark
            note.mark, note.n = (note.mark or str(note.n), note.n + offset) if offset else (note.mark, note.n)
        for draft in part_drafts:
            draft.markers = [(at, n + offset) for at, n in draft.markers]
        drafts += part_drafts
        notes += part_notes
    document.blocks = finish_blocks(drafts)
    document.footnotes = [_finish_note(note) for note in notes]
    document.edits = _edit_log(document.raw, lines, document.blocks)
    document.pages = page_list(lines)
    heading = next((b for b in document.blocks if b.kind == "heading"), None)
    document.title = heading.text if heading else ""
    document.warnings += chapter_warnings(document, repeated)
    return document


def chapter_parts(lines: list[Line]) -> list[list[Line]]:
    """A file holding several chapters, cut where a chapter heading of another number (第四章
    after 第三章) opens a chapter: each part is read with its own layout profile, footnote style and
    note numbering. A running header repeats its own chapter's number, so it cuts nothing."""
    starts, number, filled = [0], None, 0  # filled: text lines in the part so far
    for i, line in enumerate(lines):
        match = CHAPTER_NUMBER.match(line.content)
        filled += not line.is_blank
        if match is None or heading_level(line.content) != 1:
            continue
        value = re.sub(r"\s+", "", match.group())
        if number is not None and value != number and filled > 20:
            starts.append(i)
            number, filled = value, 1
        number = number or value
    return [lines[a:b] for a, b in zip(starts, starts[1:] + [len(lines)])]


def _restarted_parts(lines: list[Line]) -> list[list[Line]]:
    """A part whose note numbers start again at a chapter heading (the same chapter twice in one
    file) is cut at that heading too: read whole, its repeated lines would pass for running headers.
    """
    profile = measure_layout(lines, is_heading=lambda text: heading_level(text) is not None)
    infer_page_breaks(lines)
    notes = collect_footnotes(lines, profile)
    starts = [line.start for line in lines]
    cuts = []
    for before, note in zip(notes, notes[1:]):
        if note.mark or before.mark or note.n >= before.n:
            continue
        first = bisect_right(starts, note.pieces[0][0]) - 1
        last = bisect_right(starts, before.pieces[-1][0]) - 1
        heading = next((k for k in range(first, last, -1) if heading_level(lines[k].content) == 1), None)
        if heading is not None:
            cuts.append(heading)
    for line in lines:
        line.role = "body"
    return [lines[a:b] for a, b in zip([0, *cuts], [*cuts, len(lines)])]


def _clean_part(lines: list[Line]) -> tuple[list[BlockDraft], list[NoteDraft], list[int]]:
    """One chapter's lines: profile, footnotes, furniture, blocks; its notes numbered as printed
    (several sequences when the numbering restarts within the part), and the numbers defined twice."""
    profile = measure_layout(lines, is_heading=lambda text: heading_level(text) is not None)
    infer_page_breaks(lines)
    notes = collect_footnotes(lines, profile)
    notes += collect_loose_notes(lines, profile, notes)
    mark_running_furniture(lines, profile)
    styled = any(note.mark for note in notes)
    sequences = number_sequences(notes)
    first, last = (sequences[0].first, sequences[0].last) if sequences else (1, 0)
    drafts = build_blocks(lines, profile, MarkerSequence(first, last, styled, sequences))
    counts = Counter(note.n for note in notes)
    return drafts, _unique(notes), sorted(n for n, count in counts.items() if count > 1)


def finish_blocks(drafts: list[BlockDraft]) -> list[Block]:
    """Blocks from drafts: heading paths, indices, source bounds (the PDF reader's blocks too)."""
    blocks: list[Block] = []
    path: dict[int, str] = {}
    for draft in drafts:
        if not draft.chars:
            continue
        if draft.kind == "heading":
            _space_after_number(draft)
            path = {lvl: t for lvl, t in path.items() if lvl < draft.level}
            path[draft.level] = draft.text
        offsets = [o for o in draft.offsets if o >= 0]
        blocks.append(
            Block(
                kind=draft.kind,
                text=draft.text,
                level=draft.level,
                markers=list(draft.markers),
                section=" > ".join(path[lvl] for lvl in sorted(path)),
                index=len(blocks),
                source_start=min(offsets, default=0),
                source_end=max(offsets, default=-1) + 1,
                offsets=list(draft.offsets),
            )
        )
    return blocks


def _space_after_number(draft: BlockDraft) -> None:
    """`第一節裁減核武問題` reads as `第一節 裁減核武問題`, as the source typeset it."""
    text = draft.text
    for _, pattern in HEADING_PATTERNS:
        match = pattern.match(text)
        if match:
            at = match.end()
            if at < len(text) and text[at] != " " and text[at - 1] not in "、）)":
                draft.chars.insert(at, " ")
                draft.offsets.insert(at, -1)
                draft.markers = [(p + (p >= at), n) for p, n in draft.markers]
            return


def _unique(notes: list[NoteDraft]) -> list[NoteDraft]:
    """One definition per number: a repeated number continues the first (a misread restart)."""
    seen: dict[int, NoteDraft] = {}
    for note in notes:
        if note.n in seen:
            seen[note.n].pieces.extend(note.pieces)
        else:
            seen[note.n] = note
    return sorted(seen.values(), key=lambda n: n.n)


def _finish_note(note: NoteDraft) -> Footnote:
    draft = BlockDraft("note")
    for start, text in note.pieces:
        draft.append(tidy(text, start))
    text = draft.text
    start = note.pieces[0][0]
    return Footnote(n=note.n, text=text, urls=URL.findall(text), source_start=start, mark=note.mark)


def _edit_log(raw: str, lines, blocks: list[Block]) -> list[Edit]:
    """Every stretch of raw text that no clean character came from, with the rule that dropped it."""
    kept = bytearray(len(raw))
    for block in blocks:
        for offset in block.offsets:
            if offset >= 0:
                kept[offset] = 1
    edits = []
    for line in lines:
        line_end = min(len(raw), line.end + 1)  # with its newline
        start = None
        for pos in range(line.start - (line.page_break and line.start > 0), line_end + 1):
            dropped = pos < line_end and not kept[pos]
            if dropped and start is None:
                start = pos
            elif not dropped and start is not None:
                edits.append(Edit(start, pos, "", _rule_for(raw[start:pos], line.role)))
                start = None
    for block in blocks:
        for i, offset in enumerate(block.offsets):
            if offset < 0:
                anchor = next((o for o in block.offsets[i:] if o >= 0), len(raw))
                edits.append(Edit(anchor, anchor, " ", "latin_line_join"))
    return sorted(edits, key=lambda e: (e.start, e.end))


def _rule_for(removed: str, role: str) -> str:
    if not removed.strip():
        return "line_join" if removed == "\n" and role == "body" else "whitespace"
    if role == "body":
        return "footnote_marker" if removed.strip().isdigit() else "debris"
    return {
        "note": "footnote",
        "separator": "footnote_separator",
        "furniture": "page_furniture",
        "marker": "footnote_marker",
    }.get(role, "debris")
