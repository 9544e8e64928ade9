"""Page furniture: running headers and footers, page numbers, and the pages themselves.

Nothing here knows a header string. Headers and footers are found by where they stand (next to a
page number, after a finished footnote, at a page edge) and by repetition across pages. The
footnote zones at page bottoms are found first (notes.py).
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Page
from .lines import FOOTNOTE_SEPARATOR, SENTENCE_END, LayoutProfile, Line, display_width
from .structure import HEADING_NUMBER, heading_level, is_table_row

PAGE_NUMBER = re.compile(
    r"^[-–—(（\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,6}|第\s*\d{1,4}\s*頁)\s*[-–—)）\]]?\.?$", re.IGNORECASE
)


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.strip()))


def starts_next_page(line: Line, profile: LayoutProfile) -> bool:
    return profile.leading_space_starts_page and line.text[:1] == " " and line.text[1:2] not in (" ", "")


def is_short_label(line: Line, profile: LayoutProfile) -> bool:
    """A short line with no sentence punctuation: a header, footer or chart label."""
    text = line.content
    return (
        display_width(text) < 0.7 * profile.full_width
        and not any(c in text for c in SENTENCE_END + "，,；;")
        and heading_level(text) is None
    )


def infer_page_breaks(lines: list[Line]) -> None:
    """Extractions joined without form feeds or separators (pdfplumber pages joined by newlines)
    still print page numbers: a chain of three or more lone numbers rising one page at a time
    marks where pages end, and the line after each number starts a page."""
    if any(line.page_break for line in lines) or any(FOOTNOTE_SEPARATOR.match(line.text) for line in lines):
        return
    numbers = [
        (i, int(re.sub(r"\D", "", line.content)))
        for i, line in enumerate(lines)
        if is_page_number(line.content) and any(c.isdigit() for c in line.content)
    ]
    chain: list[tuple[int, int]] = []
    for i, value in numbers:
        if chain and 1 <= value - chain[-1][1] <= 2:
            chain.append((i, value))
        elif len(chain) < 3:
            chain = [(i, value)]
    if len(chain) < 3:
        return
    for i, _ in chain:
        following = next((line for line in lines[i + 1 :] if not line.is_blank), None)
        if following is not None:
            following.page_break = True


def mark_running_furniture(lines: list[Line], profile: LayoutProfile) -> None:
    """Mark page numbers and running headers/footers among the remaining body lines.

    A page number stands alone at a page edge; it is told from a footnote marker alone on a line
    later, by the marker sequence. Here: short lines repeated on several pages (digits folded, so
    'page 3'/'page 4' count as one) and short lines standing right beside a page-number line at a
    page edge. A heading that repeats an earlier heading at a page edge is a running header too
    (the chapter title printed atop each page); its first occurrence survives.
    """
    body = [line for line in lines if line.role == "body"]
    labels = [
        line
        for line in body
        if is_short_label(line, profile) and not is_page_number(line.content) and not is_table_row(line.content)
    ]
    shape = Counter(_fold(line.content) for line in labels)
    pages = 1 + sum(line.page_break for line in lines)
    threshold = max(3, pages // 3) if pages > 1 else 3
    for line in labels:
        if shape[_fold(line.content)] >= threshold:
            line.role = "furniture"
    _mark_repeated_edge_lines(lines)
    _mark_section_title_headers(lines)
    seen_headings: set[str] = set()
    titles = {_title_of(line.content) for line in body if heading_level(line.content) is not None}
    for i, line in enumerate(lines):
        if line.role != "body":
            continue
        if is_short_label(line, profile) and _fold(line.content) in titles and _at_page_edge(lines, i):
            line.role = "furniture"  # the chapter title printed as a running header
            continue
        if heading_level(line.content) is not None:
            key = re.sub(r"\s+", "", line.content)
            if key in seen_headings and _at_page_edge(lines, i):
                line.role = "furniture"
            seen_headings.add(key)
            continue
        if is_page_number(line.content) and _at_page_edge(lines, i):
            line.role = "furniture"
            for j in _neighbours(lines, i):
                if (
                    lines[j].role == "body"
                    and is_short_label(lines[j], profile)
                    and not is_page_number(lines[j].content)
                ):
                    lines[j].role = "furniture"


def _mark_repeated_edge_lines(lines: list[Line]) -> None:
    """A line standing at a page edge on two or more pages, word for word, that is no heading and
    ends no sentence: a running header however long (a thesis title `…：從…到…（1990-1998）`)."""
    edge = [
        i
        for i, line in enumerate(lines)
        if line.role == "body"
        and not line.is_blank
        and heading_level(line.content) is None
        and line.content[-1] not in SENTENCE_END + "，,、；;"
        and not is_page_number(line.content)
        and _at_page_edge(lines, i)
    ]
    counts = Counter(_fold(lines[i].content) for i in edge)
    for i in edge:
        if counts[_fold(lines[i].content)] >= 2 and len(lines[i].content) >= 4:
            lines[i].role = "furniture"


def _mark_section_title_headers(lines: list[Line]) -> None:
    """A running header that prints the title of the section the page opens (LaTeX's odd-page
    `\\markright`) stands at the page top before the heading itself, word for word: the line at
    the page top whose heading repeats further down the same page, away from its edges, is the
    header (the heading below is the one that stays)."""
    for i, line in enumerate(lines):
        if line.role != "body" or heading_level(line.content) is None or not _opens_page(lines, i):
            continue
        key = re.sub(r"\s+", "", line.content)
        for j in range(i + 1, len(lines)):
            if lines[j].page_break:
                break
            if lines[j].role == "body" and re.sub(r"\s+", "", lines[j].content) == key:
                if not _at_page_edge(lines, j):
                    line.role = "furniture"
                break


def _opens_page(lines: list[Line], i: int) -> bool:
    """Is line i the first text of its page (after a page number or other furniture, if any)?"""
    for j in range(i, -1, -1):
        if lines[j].page_break:
            return True
        if j < i and not lines[j].is_blank and lines[j].role == "body" and not is_page_number(lines[j].content):
            return False
    return False


def page_list(lines: list[Line]) -> list[Page]:
    """The pages of the extraction: each starts at a line after a page break (a form feed or one
    inferred from the page-number chain) and is labelled with the page number printed on it, or,
    where a page shows none, the number its neighbours imply (`87` after `86`), else its position.
    A stretch holding no text (a header page number cut off by an inferred break, a final form
    feed) belongs to the page after it.

    >>> from .lines import split_lines
    >>> lines = split_lines("正文\\n86\\n\\f正文\\n\\f正文\\n88\\n\\f")
    >>> for line in lines:
    ...     line.role = "furniture" if line.text.isdigit() else "body"
    >>> [(p.start, p.label) for p in page_list(lines)]
    [(0, '86'), (6, '87'), (10, '88')]
    """
    if not any(line.page_break for line in lines[1:]):
        return []
    stretches: list[list] = []  # [start, printed number or None, holds text]
    for index, line in enumerate(lines):
        if index == 0 or line.page_break:
            stretches.append([max(line.start - (1 if line.page_break else 0), 0), None, False])
        digits = re.sub(r"\D", "", line.content)
        if line.role == "furniture" and digits and is_page_number(line.content) and _at_page_edge(lines, index):
            stretches[-1][1] = stretches[-1][1] or int(digits)
        elif line.role in ("body", "note") and not line.is_blank:
            stretches[-1][2] = True
    if not stretches[0][2] and stretches[0][1] is not None:
        # Numbers printed atop the page, and the breaks inferred after them: each stretch ends with
        # the number of the page after it.
        numbers = [stretch[1] for stretch in stretches]
        stretches = [[start, numbers[k], text] for k, (start, _, text) in enumerate(stretches[1:])]
        stretches[0][0] = 0
    pages: list[list] = []
    pending: list | None = None
    for stretch in stretches:
        if pending is not None:
            stretch = [pending[0], stretch[1] or pending[1], stretch[2]]
        pending = None if stretch[2] else stretch
        if stretch[2]:
            pages.append(stretch)
    return [Page(start, label) for (start, _, _), label in zip(pages, _labels([p[1] for p in pages]))]


def _labels(printed: list[int | None]) -> list[str]:
    """Each page's printed number, or one counted from the nearest page that prints one."""
    known = [(k, n) for k, n in enumerate(printed) if n is not None]
    labels = []
    for k in range(len(printed)):
        if not known:
            labels.append(str(k + 1))
            continue
        anchor, number = min(known, key=lambda item: abs(item[0] - k))
        labels.append(str(number + k - anchor) if number + k - anchor > 0 else str(k + 1))
    return labels


def _title_of(heading: str) -> str:
    """A heading without its numbering, folded: `第三章 普欽對美政策` -> `普欽對美政策`."""
    return _fold(HEADING_NUMBER.sub("", heading.strip()))


def _fold(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _neighbours(lines: list[Line], i: int) -> list[int]:
    """The nearest non-blank line on each side of line i (blank lines skipped, at most 3)."""
    found = []
    for step in (-1, 1):
        j, skipped = i + step, 0
        while 0 <= j < len(lines) and lines[j].is_blank and skipped < 3:
            j, skipped = j + step, skipped + 1
        if 0 <= j < len(lines) and not lines[j].is_blank:
            found.append(j)
    return found


def _at_page_edge(lines: list[Line], i: int) -> bool:
    """Next to a form feed, a footnote zone, other furniture, or the start/end of the text."""
    if lines[i].page_break or i + 1 < len(lines) and lines[i + 1].page_break:
        return True
    for j in _neighbours(lines, i):
        if (
            lines[j].role in ("note", "separator", "furniture")
            or lines[j].page_break
            or j + 1 < len(lines)
            and lines[j + 1].page_break
        ):
            return True
        if is_page_number(lines[j].content):
            return True
    text_before = any(not lines[k].is_blank for k in range(i))
    text_after = any(not lines[k].is_blank for k in range(i + 1, len(lines)))
    return not text_before or not text_after
