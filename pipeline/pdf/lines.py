"""Lines from characters: glyphs grouped by baseline, superscripts attached, spacing decided.

A line's characters share a baseline (within a quarter of their size). A cluster of smaller glyphs
whose baseline sits raised inside the em box of the line below it is that line's superscripts
(footnote anchors, note numbers); a lone cluster of small digits just under a line (an anchor
wrapped onto a line of its own) belongs to the line above. Spacing: never between two CJK
characters, one space between Latin words when the gap between their boxes is wider than a
fraction of the font size or a real space stood there, one space between table cells (a gap of
more than 1.5 em).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..clean.lines import is_cjk
from .reader import Char, PageChars

SMALLER = 0.85  # a glyph this much smaller than its line's size is small
RAISED = 0.15  # ... and raised by this fraction of the line's size is a superscript
WORD_GAP = 0.15  # a gap wider than this (em) between two Latin glyphs is a word space
CELL_GAP = 1.5  # a gap wider than this (em) separates table cells, whatever the script
MARK = re.compile(r"^(?:\d{1,3}|[①-⑳㉑-㉟㊱-㊿]|\[\d{1,3}\]|[*＊†‡])$")


@dataclass(eq=False)
class Line:
    """A line of one page: its characters left to right and the text they read as.

    `text[i]` came from `chars[source[i]]` (-1 for a space the builder put in); `spans` lists
    (start, end) in `text` of every superscript run; `raw_start` is set when the line is placed in
    `Document.raw`.
    """

    page: int
    chars: list[Char]
    size: float = 0.0
    y: float = 0.0
    x0: float = 0.0
    x1: float = 0.0
    weight: int = 400
    text: str = ""
    source: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    cells: int = 1
    cell_spans: list[tuple[int, int, float, float]] = field(default_factory=list)  # (start, end, x0, x1)
    raw_start: int = 0
    role: str = "body"

    def marks(self) -> list[tuple[int, int, str]]:
        """(start, end, mark) of each superscript run that reads as a note mark (`12`, `③`, `[4]`)."""
        return [(a, b, self.text[a:b]) for a, b in self.spans if MARK.match(self.text[a:b])]


def page_lines(page: PageChars) -> list[Line]:
    """The page's lines, top to bottom."""
    clusters = _clusters(page.chars)
    clusters = _attach_superscripts(clusters)
    verticals = [r for r in page.rules if r[2] - r[0] <= 2 < r[3] - r[1]]
    lines = []
    for chars in clusters:
        chars.sort(key=lambda c: c.x0)
        line = Line(page.number, chars)
        _measure(line)
        _build_text(line, [(r[0] + r[2]) / 2 for r in verticals if r[1] < line.y < r[3]])
        if line.text.strip():
            lines.append(line)
    lines.sort(key=lambda line: -line.y)
    return lines


def _clusters(chars: list[Char]) -> list[list[Char]]:
    """Characters grouped by baseline."""
    clusters: list[list[Char]] = []
    for char in sorted(chars, key=lambda c: (-c.y, c.x0)):
        if clusters:
            last = clusters[-1]
            tolerance = 0.25 * max(min(char.size, last[0].size), 1.0)
            if abs(last[0].y - char.y) <= tolerance:
                last.append(char)
                continue
        clusters.append([char])
    return clusters


def _body_size(chars: list[Char]) -> float:
    counts = Counter(c.size for c in chars)
    return counts.most_common(1)[0][0] if counts else 0.0


def _attach_superscripts(clusters: list[list[Char]]) -> list[list[Char]]:
    """Merge clusters of small raised glyphs into the line they belong to."""
    sizes = [_body_size(c) for c in clusters]
    keep = [True] * len(clusters)
    for i, chars in enumerate(clusters):
        size = max(c.size for c in chars)
        y = chars[0].y
        below = next((j for j in range(i + 1, len(clusters)) if keep[j]), None)
        if below is not None and size < SMALLER * sizes[below]:
            base = clusters[below][0].y
            if base < y <= base + 0.8 * sizes[below] and _overlaps(chars, clusters[below]):
                _merge(clusters[below], chars)
                keep[i] = False
                continue
        above = next((j for j in range(i - 1, -1, -1) if keep[j]), None)
        text = "".join(c.text for c in chars)
        if (
            above is not None
            and text.isdigit()
            and size < SMALLER * sizes[above]
            and clusters[above][0].y - y <= 1.2 * sizes[above]
        ):
            end = max(c.x1 for c in clusters[above])
            for k, char in enumerate(chars):  # an anchor wrapped onto a line of its own ends the line above
                char.x0, char.x1 = end + k * 0.01, end + (k + 1) * 0.01
            _merge(clusters[above], chars)
            keep[i] = False
    return [c for c, k in zip(clusters, keep) if k]


def _overlaps(small: list[Char], line: list[Char]) -> bool:
    left = min(c.x0 for c in line) - 2 * small[0].size
    right = max(c.x1 for c in line) + 2 * small[0].size
    return all(left <= c.x0 <= right for c in small)


def _merge(line: list[Char], small: list[Char]) -> None:
    for char in small:
        char.sup = True
    line.extend(small)


def _measure(line: Line) -> None:
    body = [c for c in line.chars if not c.sup] or line.chars
    # the size of the line's CJK glyphs where it has any: Latin set in a smaller font beside them
    # (xeCJK) does not make a body line small
    line.size = _body_size([c for c in body if is_cjk(c.text)] or body)
    line.y = Counter(round(c.y, 1) for c in body if c.size == line.size).most_common(1)[0][0]
    line.x0 = min(c.x0 for c in line.chars)
    line.x1 = max(c.x1 for c in line.chars)
    line.weight = Counter(c.weight for c in body).most_common(1)[0][0]
    for char in line.chars:  # a smaller glyph raised above the baseline is a superscript too
        if char.size < SMALLER * line.size and char.y > line.y + RAISED * line.size:
            char.sup = True


def _build_text(line: Line, rules: list[float]) -> None:
    """The line's text, its superscript spans and its cells: a cell ends at a gap wider than
    CELL_GAP or at a vertical rule (`rules`: their x) between two glyphs, however close they stand."""
    pieces: list[str] = []
    source: list[int] = []
    spans: list[tuple[int, int]] = []
    cells = [[0, 0, line.chars[0].x0, line.chars[0].x1]] if line.chars else []
    prev: Char | None = None
    for i, char in enumerate(line.chars):
        if prev is not None:
            gap = char.x0 - prev.x1
            ruled = any(prev.x0 + prev.x1 < 2 * x < char.x0 + char.x1 for x in rules)
            if gap > CELL_GAP * line.size or ruled:
                line.cells += 1
                cells[-1][1] = len(pieces)
                cells.append([len(pieces) + 1, 0, char.x0, char.x1])
            if ruled or _space_between(prev, char, gap, line.size):
                pieces.append(" ")
                source.append(-1)
            elif cells[-1][0] == len(pieces) + 1:
                cells[-1][0] -= 1
        cells[-1][3] = char.x1
        if char.sup and (prev is None or not prev.sup):
            spans.append((len(pieces), len(pieces)))
        pieces.append(char.text)
        source.append(i)
        if char.sup:
            spans[-1] = (spans[-1][0], len(pieces))
        prev = char
    line.text, line.source, line.spans = "".join(pieces), source, spans
    if cells:
        cells[-1][1] = len(pieces)
    line.cell_spans = [(int(a), int(b), x0, x1) for a, b, x0, x1 in cells]


def _space_between(left: Char, right: Char, gap: float, size: float) -> bool:
    if left.sup or right.sup:
        return False
    if gap > CELL_GAP * size:
        return True
    if is_wide(left.text) and is_wide(right.text):
        return False
    if right.space_before:
        return True
    return not (is_wide(left.text) or is_wide(right.text)) and gap > WORD_GAP * size


def is_wide(char: str) -> bool:
    """CJK ideographs and full-width punctuation: no space beside them unless the source had one."""
    return is_cjk(char) or 0xFF00 <= ord(char) <= 0xFFEF or 0x3000 <= ord(char) <= 0x303F
