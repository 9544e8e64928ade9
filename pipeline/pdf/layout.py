"""What each line of a page is: body text, page furniture or footnote, judged from the layout.

- The body size is the largest font size that carries a fifth of the characters (the most
  common size, unless the notes outweigh the body); the body margins of a page are the
  leftmost edge a tenth of the body-size lines of all odd or all even pages start at, and their
  most common right edge (mirrored margins differ by page; a page of indented list items still
  has its margin).
- Running headers, footers and page numbers stand in the top or bottom band of the page and
  either read as a page number (`23`, `- 57 -`, `iv`) or repeat, digits folded and at the same
  size, on two or more pages (a chapter heading set in the header's words but in its own size is
  kept). The page number gives `Page.label`.
- The footnote zone is what lies under a drawn rule when everything under it is smaller than the
  body, or else the run of smaller lines at the foot of the page that opens with a note number.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..clean.structure import HEADING_NUMBER
from ..model import Page
from .lines import Line
from .reader import PageChars

BAND = 0.13  # the top and bottom bands (fraction of the page height) where furniture stands
BODY_SHARE = 0.2  # the body size carries at least this share of the characters
MARGIN_SHARE = 0.1  # the left margin is where at least this share of the body-size lines start
SMALL = 0.95  # lines under this fraction of the body size are "smaller" (notes, quotes)
PAGE_NUMBER = re.compile(r"^[-–—\s(（第]*(\d{1,4}|[ivxlcdm]{1,7}|[IVXLCDM]{1,7})[-–—\s)）頁页]*$")
# A note mark written inline, same size as the text: （註一） (註12) 〔注3〕.
INLINE_MARK = re.compile(r"[（(〔\[]\s*[註注]\s*[一二三四五六七八九十百〇零\d]{1,4}\s*[）)〕\]]")
NOTE_START = re.compile(rf"^(?:\d{{1,3}}|[①-⑳]|\[\d{{1,3}}\]|{INLINE_MARK.pattern})")


@dataclass
class Layout:
    """The document's body size and each page's body margins (left, right)."""

    size: float
    margins: dict[int, tuple[float, float]] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)

    def left(self, line: Line) -> float:
        return self.margins.get(line.page, (line.x0, line.x1))[0]

    def right(self, line: Line) -> float:
        return self.margins.get(line.page, (line.x0, line.x1))[1]


def measure(pages: list[list[Line]]) -> Layout:
    """Body size and margins of every page."""
    sizes: Counter[float] = Counter()
    for lines in pages:
        for line in lines:
            sizes[line.size] += len(line.text)
    total = sum(sizes.values())
    # the largest size that carries a fair share of the text: notes may outweigh the body in
    # characters, headings never carry a fifth of them
    common = [size for size, count in sizes.items() if count >= BODY_SHARE * total]
    layout = Layout(size=max(common) if common else 0.0)
    lefts: dict[int, Counter[int]] = {0: Counter(), 1: Counter()}
    rights: dict[int, Counter[int]] = {0: Counter(), 1: Counter()}
    for lines in pages:
        for line in lines:
            if line.size == layout.size:
                lefts[line.page % 2][round(line.x0)] += 1
                rights[line.page % 2][round(line.x1)] += 1
    for lines in pages:  # margins mirror between odd and even pages; a page of list items keeps them
        if any(line.size == layout.size for line in lines):
            page = lines[0].page
            left = _left_margin(lefts[page % 2])
            right = max(rights[page % 2].most_common(3))[0]
            layout.margins[page] = (float(left), float(right))
    return layout


def _left_margin(lefts: Counter[int]) -> int:
    """The leftmost edge that a fair share of the lines start at (within a point): continuation
    lines start at the margin, first lines, list items and quotes to its right, however many."""
    total = sum(lefts.values())
    near = {x: lefts[x - 1] + lefts[x] + lefts[x + 1] for x in lefts}
    return min((x for x, n in near.items() if n >= max(2, MARGIN_SHARE * total)), default=lefts.most_common(1)[0][0])


def mark_furniture(pages: list[list[Line]], sheets: list[PageChars], layout: Layout) -> None:
    """Set `role = "furniture"` on running headers, footers and page numbers; record page labels."""
    candidates: list[tuple[Line, str]] = []
    for lines, sheet in zip(pages, sheets):
        for line in _banded(lines, sheet.height):
            candidates.append((line, f"{re.sub(r'[0-9]+', '#', line.text.replace(' ', ''))}@{line.size}"))
    seen = Counter(key for _, key in {(line.page, key): None for line, key in candidates})
    for line, key in candidates:
        number = PAGE_NUMBER.match(line.text.strip())
        if number or (seen[key] >= 2 and len(pages) >= 2):
            line.role = "furniture"
            if number and line.page not in layout.labels:
                layout.labels[line.page] = number.group(1)
    _mark_title_headers([line for line, _ in candidates if line.role == "body"], pages, layout)


def _mark_title_headers(banded: list[Line], pages: list[list[Line]], layout: Layout) -> None:
    """A banded line that reads as a heading of the chapter (spaces and numbering folded) set
    elsewhere in the heading's own face is a running header (a section title in the odd pages'
    header, `\\markright`), however few pages repeat it."""
    titles: dict[str, list[Line]] = {}
    for lines in pages:
        for line in lines:
            if line.role == "body" and (line.size > 1.05 * layout.size or line.weight >= 600):
                titles.setdefault(fold_title(line.text) or "-", []).append(line)
    for line in banded:
        headings = titles.get(fold_title(line.text) or "-", [])
        if any(h is not line and (abs(h.size - line.size) > 0.5 or h.weight != line.weight) for h in headings):
            line.role = "furniture"


def fold_title(text: str) -> str:
    """A title without its spaces, its heading number and a page number beside it."""
    text = re.sub(r"\s+", "", text)
    text = HEADING_NUMBER.sub("", text, count=1) if HEADING_NUMBER.match(text) else text
    text = re.sub(r"^\d+|\d+$", "", text)
    return text if len(text) >= 2 else ""


def _banded(lines: list[Line], height: float) -> list[Line]:
    """The first two and last two lines of a page where they stand in its top or bottom band."""
    edge = lines[:2] + lines[-2:]
    return [line for line in dict.fromkeys(edge) if line.y > height * (1 - BAND) or line.y < height * BAND]


def mark_notes(lines: list[Line], sheet: PageChars, layout: Layout) -> None:
    """Set `role = "note"` on the lines of the page's footnote zone."""
    text = [line for line in lines if line.role == "body"]
    if not text:
        return
    zone = _under_rule(text, sheet, layout) or _small_foot(text, layout)
    for line in zone:
        line.role = "note"


def _under_rule(lines: list[Line], sheet: PageChars, layout: Layout) -> list[Line]:
    """The lines under the lowest rule that has only smaller lines under it (a table's own rules
    stand higher), where it is a short separator or a line under it opens a note."""
    rules = sorted((r for r in sheet.rules if r[3] - r[1] <= 2 and r[2] - r[0] > 20), key=lambda r: r[3])
    width = max((line.x1 for line in lines), default=0) - min((line.x0 for line in lines), default=0)
    for rule in rules:
        below = [line for line in lines if line.y < rule[1]]
        above = [line for line in lines if line.y >= rule[1]]
        if not (below and above and all(line.size < SMALL * layout.size for line in below)):
            continue
        if rule[2] - rule[0] < 0.5 * width or any(starts_note(line) for line in below):
            return below
    return []


def _small_foot(lines: list[Line], layout: Layout) -> list[Line]:
    run: list[Line] = []
    for line in reversed(lines):
        if line.size >= SMALL * layout.size:
            break
        run.insert(0, line)
    while run and not starts_note(run[0]):
        run.pop(0)
    return run


def starts_note(line: Line) -> bool:
    """Whether a footnote-zone line opens with a note number (plain, circled, bracketed or superscript)."""
    if line.spans and line.spans[0][0] == 0:
        return True
    return bool(NOTE_START.match(line.text))


def assemble(pages: list[list[Line]]) -> tuple[str, list[Page]]:
    """`Document.raw` (lines joined by newlines, pages by form feeds) and the page starts; sets
    each line's `raw_start`."""
    parts: list[str] = []
    starts: list[int] = []
    at = 0
    for index, lines in enumerate(pages):
        if index:
            parts.append("\f")
            at += 1
        starts.append(at)
        for k, line in enumerate(lines):
            if k:
                parts.append("\n")
                at += 1
            line.raw_start = at
            parts.append(line.text)
            at += len(line.text)
    return "".join(parts), [Page(start, "") for start in starts]
