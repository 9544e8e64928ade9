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
from typing import TYPE_CHECKING

from ..config import DEFAULT, Config
from ..model import Block, Document, Edit, Footnote
from .lines import measure_layout, split_lines
from .loose import collect_loose_notes
from .markers import MarkerSequence
from .notes import NoteDraft, collect_footnotes
from .pages import infer_page_breaks, mark_running_furniture, page_list
from .paragraphs import BlockDraft, build_blocks, tidy
from .structure import HEADING_PATTERNS, heading_level

if TYPE_CHECKING:
    from ..resources import Resources

URL = re.compile(r"https?://[^\s，。；、」』）)]+[^\s，。；、」』）).,;]")


def clean(document: Document, resources: Resources | None = None, config: Config = DEFAULT) -> Document:
    """Fill `document.blocks`, `document.footnotes` and `document.edits` from `document.raw`.

    A document the PDF reader built from the page layout (`document.layout == "pdf"`) already has
    its blocks and footnotes: it is returned as it is.
    """
    if document.layout == "pdf":
        return document
    lines = split_lines(document.raw)
    profile = measure_layout(lines, is_heading=lambda text: heading_level(text) is not None)
    infer_page_breaks(lines)
    notes = collect_footnotes(lines, profile)
    notes += collect_loose_notes(lines, profile, notes)
    mark_running_furniture(lines, profile)
    numbers = [note.n for note in notes]
    markers = MarkerSequence(min(numbers, default=1), max(numbers, default=0), any(note.mark for note in notes))
    drafts = build_blocks(lines, profile, markers)
    document.blocks = finish_blocks(drafts)
    document.footnotes = [_finish_note(note) for note in _unique(notes)]
    document.edits = _edit_log(document.raw, lines, document.blocks)
    document.pages = page_list(lines)
    heading = next((b for b in document.blocks if b.kind == "heading"), None)
    document.title = heading.text if heading else ""
    return document


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
