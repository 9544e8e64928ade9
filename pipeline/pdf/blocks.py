"""Blocks from the body lines: paragraphs by first-line indent and short last lines, headings by
their numbering (`structure.heading_level`) set apart on a line of their own or in a larger or
bolder face, list items, captions and table rows by the `structure` classifiers, block
quotations as lines in a smaller size indented on both sides; a table cell wrapped onto a line of
its own joins its row (`tables`). Superscript marks become `Block.markers`.
"""

from __future__ import annotations

from ..clean.paragraphs import BlockDraft, tidy
from ..clean.structure import (
    BULLET,
    CAPTION,
    ENUMERATED,
    SOURCE_LINE,
    UNIT_LINE,
    heading_level,
    is_table_header,
    is_table_row,
)
from .layout import INLINE_MARK, SMALL, Layout
from .lines import Line
from .notes import Notes
from .reader import PageChars
from .tables import Row

ENDNOTE_TITLES = ("註釋", "注釋", "注释", "附註", "附注", "註解", "注解", "尾註", "尾注")
INDENT = (0.8, 4.5)  # a paragraph's first line is indented by this many ems (min, max)
STARTS = ("heading", "table", "caption", "list_item")


def split_endnotes(lines: list[Line]) -> None:
    """A section titled 註釋/注释/附註 ends the chapter: its title is dropped, its lines are notes."""
    for k, line in enumerate(lines):
        if line.role == "body" and line.text.replace(" ", "").strip("：:") in ENDNOTE_TITLES:
            line.role = "furniture"
            for rest in lines[k + 1 :]:
                if rest.role == "body":
                    rest.role = "note"
            return


def build(lines: list[Line], layout: Layout, sheets: dict[int, PageChars], notes: Notes) -> list[BlockDraft]:
    """Block drafts, in reading order, from the body lines."""
    drafts: list[BlockDraft] = []
    current: BlockDraft | None = None
    prev: Line | None = None
    row: Row | None = None
    for line in lines:
        alone = prev is None or not _full(prev, layout)
        kind, level = classify(line, layout, sheets[line.page], drafts[-1].kind if drafts else "", alone)
        if kind == "table" and row is not None and row.draft is current and row.continued_by(line, prev, sheets):
            row.extend(line)
            prev = line
            continue
        emphasised = kind == "heading" and _emphasised(line, layout)
        if current is not None and prev is not None and _runs_on(current, prev, line, layout):
            if kind != "table" and not emphasised:
                kind, level = current.kind, current.level  # `表2-1）。` after a full line is no caption
        if current is None or _opens(kind, line, prev, current, layout):
            current = BlockDraft(kind, level)
            drafts.append(current)
        start = len(current.chars)
        _append(current, line, notes)
        row = Row(current, line, start) if kind == "table" and start == 0 else None
        prev = line
    return drafts


def classify(line: Line, layout: Layout, sheet: PageChars, previous: str, alone: bool = True) -> tuple[str, int]:
    """(kind, heading level) of the block a line opens or continues; `alone`: the line before it
    ended short (or there is none), so this one stands on a line of its own."""
    text = _plain(line).strip()
    if _in_grid(line, sheet) or line.cells >= 3 and (is_table_row(text) or is_table_header(text)):
        return "table", 0
    if BULLET.match(text):
        return "list_item", 0
    if CAPTION.match(text) or UNIT_LINE.match(text) or previous in ("table", "caption") and SOURCE_LINE.match(text):
        return "caption", 0
    if ENUMERATED.match(text) and line.x0 > layout.left(line) + INDENT[0] * line.size and not _emphasised(line, layout):
        return "list_item", 0  # an indented `1.` item is a numbered list, not a heading
    level = heading_level(text)
    short = line.x1 < layout.right(line) - 2 * line.size
    if level is not None and short and (_emphasised(line, layout) or _unindented(line, layout) or alone):
        return "heading", level
    if _quoted(line, layout):
        return "quote", 0
    return "paragraph", 0


def _opens(kind: str, line: Line, prev: Line | None, current: BlockDraft, layout: Layout) -> bool:
    """Whether the line starts a new block rather than continuing `current`."""
    if prev is None:
        return True
    if kind == current.kind == "caption":
        return not _full(prev, layout)  # a caption that wraps
    if kind in STARTS or current.kind in ("heading", "table"):
        return True
    if current.kind == "list_item":
        return kind != "paragraph" or not _full(prev, layout) or _unindented(line, layout)
    if kind != current.kind:
        return True
    if kind == "quote":
        return False
    indent = line.x0 - layout.left(line)
    return not _full(prev, layout) or INDENT[0] * line.size <= indent <= INDENT[1] * line.size


def _quoted(line: Line, layout: Layout) -> bool:
    """A block quotation's line: smaller than the body and indented on both sides (a first line
    indented like a paragraph's, or a line that is small only because of its Latin, is no quote)."""
    indented = line.x0 > layout.left(line) + line.size and line.x1 < layout.right(line) - line.size
    return indented and line.size < SMALL * layout.size


def _emphasised(line: Line, layout: Layout) -> bool:
    """Set in a larger or bolder face than the body."""
    return line.size > 1.05 * layout.size or line.weight >= 600


def _runs_on(current: BlockDraft, prev: Line, line: Line, layout: Layout) -> bool:
    """A line that continues a running paragraph: the one before ran to the margin, and this one
    is neither indented nor set apart in another size."""
    return (
        current.kind == "paragraph"
        and _full(prev, layout)
        and abs(line.x0 - layout.left(line)) < 0.5 * line.size
        and abs(line.size - prev.size) < 0.5
    )


def _full(line: Line, layout: Layout) -> bool:
    """A line that runs to the right margin (a paragraph continues after it)."""
    return line.x1 >= layout.right(line) - 1.5 * line.size


def _unindented(line: Line, layout: Layout) -> bool:
    return abs(line.x0 - layout.left(line)) < 0.5 * line.size or line.x0 > layout.left(line) + 6 * line.size


def _in_grid(line: Line, sheet: PageChars) -> bool:
    """Inside a ruled table: between two vertical rules that span the line's baseline."""
    verticals = [r for r in sheet.rules if r[2] - r[0] <= 2 and r[1] < line.y < r[3]]
    return len(verticals) >= 2 and min(r[0] for r in verticals) <= line.x0 and max(r[2] for r in verticals) >= line.x1


def _plain(line: Line) -> str:
    """The line's text without its superscript marks."""
    text = line.text
    for start, end in reversed(line.spans):
        text = text[:start] + text[end:]
    return text


def _append(draft: BlockDraft, line: Line, notes: Notes) -> None:
    """The line's characters (whitespace tidied) onto the draft, its note marks as markers; a list
    item's bullet glyph is dropped."""
    bullet = BULLET.match(line.text) if draft.kind == "list_item" and not draft.chars else None
    pos = bullet.end() if bullet else 0
    spans = line.spans + [m.span() for m in INLINE_MARK.finditer(line.text)] if notes.by_mark else line.spans
    for start, end in sorted(spans):
        number = notes.number(line.page, line.text[start:end])
        if number is None or start < pos:
            continue
        draft.append(_tidy(draft, line.text[pos:start], line.raw_start + pos))
        draft.markers.append((len(draft.chars), number))
        pos = end
    draft.append(_tidy(draft, line.text[pos:], line.raw_start + pos))


def _tidy(draft: BlockDraft, text: str, start: int) -> list[tuple[str, int]]:
    """`paragraphs.tidy`, except in table rows, whose cells keep the single spaces between them."""
    if draft.kind != "table":
        return tidy(text, start)
    return [(c, start + i) for i, c in enumerate(text) if not (c == " " and text[i - 1 : i] in (" ", ""))]
