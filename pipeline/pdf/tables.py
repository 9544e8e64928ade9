"""Table rows whose cells wrap: a line of a table that has fewer cells than the row above it, each
of them under one of that row's cells, and no horizontal rule between the two, continues the row;
each piece joins the end of the cell it stands under (`泰` / `國` reads `泰國`).
"""

from __future__ import annotations

from ..clean.paragraphs import BlockDraft
from .lines import Line, is_wide
from .reader import PageChars

# how far (em) outside a cell's first line a wrapped piece may stand and still be under it
CELL_SLACK = 1.0


class Row:
    """A table row's draft, the line that opened it and where each of its cells ends in the draft."""

    def __init__(self, draft: BlockDraft, line: Line, start: int) -> None:
        self.draft, self.line = draft, line
        self.ends = [_end(draft, start, line.raw_start + end) for _, end, _, _ in line.cell_spans]

    def continued_by(self, line: Line, prev: Line | None, sheets: dict[int, PageChars]) -> bool:
        """Whether `line` holds the wrapped parts of this row's cells."""
        if prev is None or prev.page != line.page or line.page != self.line.page or line.spans:
            return False
        if not 0 < len(line.cell_spans) < len(self.line.cell_spans) or prev.y - line.y > 2 * line.size:
            return False
        if _rule_between(sheets[line.page], line, prev):
            return False
        columns = [k for k in self._columns(line) if k is not None]
        return len(columns) == len(line.cell_spans) and columns == sorted(set(columns))

    def extend(self, line: Line) -> None:
        """Each piece of `line` onto the end of the cell it stands under."""
        placed = [(span, column) for span, column in zip(line.cell_spans, self._columns(line)) if column is not None]
        for (start, end, _, _), column in reversed(placed):
            text = line.text[start:end].strip()
            lead = len(line.text[start:end]) - len(line.text[start:end].lstrip())
            pieces = [(c, line.raw_start + start + lead + i) for i, c in enumerate(text)]
            at = self.ends[column]
            left = self.draft.chars[at - 1] if at else " "
            if pieces and left != " " and not (is_wide(left) or is_wide(pieces[0][0])):
                pieces.insert(0, (" ", -1))
            self.draft.chars[at:at] = [c for c, _ in pieces]
            self.draft.offsets[at:at] = [o for _, o in pieces]
            self.draft.markers = [(k + len(pieces) if k >= at else k, n) for k, n in self.draft.markers]
            self.ends = [e + len(pieces) if k >= column else e for k, e in enumerate(self.ends)]

    def _columns(self, line: Line) -> list[int | None]:
        """The row cell each cell of `line` stands under (None: under none)."""
        slack = CELL_SLACK * line.size
        cells = [(x0 - slack, x1 + slack) for _, _, x0, x1 in self.line.cell_spans]
        spans = line.cell_spans
        return [next((k for k, (a, b) in enumerate(cells) if a <= x0 and x1 <= b), None) for *_, x0, x1 in spans]


def _end(draft: BlockDraft, start: int, raw_end: int) -> int:
    """The draft index just after the last character (from `start` on) whose raw offset is before `raw_end`."""
    ends = [i + 1 for i in range(start, len(draft.offsets)) if 0 <= draft.offsets[i] < raw_end]
    return max(ends, default=start)


def _rule_between(sheet: PageChars, line: Line, prev: Line) -> bool:
    """A horizontal rule across the line between the two baselines (a ruled table's row border)."""
    return any(r[3] - r[1] <= 2 and line.y < r[1] < prev.y and r[0] <= line.x1 and r[2] >= line.x0 for r in sheet.rules)
