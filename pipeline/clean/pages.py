"""Page furniture: footnote zones at page bottoms, running headers and footers, page numbers.

Nothing here knows a header string. Zones start at a separator line (or, for extractions that lose
the separator, at the next expected footnote number once its marker has appeared in the body) and
end where the next page's body starts. Headers and footers are found by where they stand (next to a
page number, after a finished footnote, at a page edge) and by repetition across pages.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..model import Page
from .lines import ABBREVIATION_AT_END, FOOTNOTE_SEPARATOR, SENTENCE_END, LayoutProfile, Line, display_width
from .markers import STYLED_MARK, mark_value, printed_mark
from .structure import DATE_UNITS, HEADING_NUMBER, heading_level, is_table_row

PAGE_NUMBER = re.compile(
    r"^[-–—(（\[]?\s*(?:\d{1,4}|[ivxlcdm]{1,6}|第\s*\d{1,4}\s*頁)\s*[-–—)）\]]?\.?$", re.IGNORECASE
)
NOTE_START = re.compile(r"^\s*(\d{1,4})(?:\s+|(?=[^\d\s.,:/)\]]))(\S.*)?$")
# A number that a date unit makes a date (`2004年`, `2004 年`, `6月15日`, `15日，`) opens a sentence,
# never a note, however well it would continue the note sequence; `5 日本…` is note 5 on Japan.
YEAR, MONTH, DAY = DATE_UNITS[0], DATE_UNITS[1], DATE_UNITS[2]
DATE_AFTER_NUMBER = re.compile(rf"^\s*(?:{YEAR}|{MONTH}\s*\d|{DAY}(?![\u3400-\u9fff]))")
NOTE_FINISHED = SENTENCE_END + ".)）」』]"
STYLED_NOTE = re.compile(rf"^\s*({STYLED_MARK.pattern})\s*(.*)$")
ENDNOTE_HEADING = re.compile(r"^(?:注|註|注释|注釋|註釋|註解|尾注|附注|附註)$")


@dataclass
class NoteDraft:
    """A footnote definition as collected from the page bottoms, with its source pieces."""

    n: int
    pieces: list[tuple[int, str]] = field(default_factory=list)  # (raw offset, text)
    mark: str = ""  # the printed mark when it is not the number: `①`, `[7]`, `（註三）`

    @property
    def finished(self) -> bool:
        """Does the text so far end a note? `p.` or `Vol.` at a line end wait for their number."""
        last = self.pieces[-1][1].rstrip() if self.pieces else ""
        if not last or last[-1] not in NOTE_FINISHED:
            return False
        return not ABBREVIATION_AT_END.search(last)


def note_number_at(text: str) -> re.Match | None:
    """The match of a line-initial note number and the note's text, unless the number is a date's.

    >>> texts = ["12 參見《聯合報》", "2004年11月29日，", "6月15日，", "2004 年", "5 日本官方"]
    >>> [bool(note_number_at(t)) for t in texts]
    [True, False, False, False, True]
    """
    match = NOTE_START.match(text)
    if match is None or not match.group(2) or DATE_AFTER_NUMBER.match(text[match.end(1) :]):
        return None
    return match


def note_start(line: Line, expected: int) -> re.Match | None:
    """The match if `line` opens footnote `expected` (or the one after, when one was lost).

    Some extractors glue the number to the note's text, even to a year it starts with:
    `442003年10月13日，…` opens note 44.
    """
    match = note_number_at(line.text)
    if match and int(match.group(1)) in (expected, expected + 1):
        return match
    for n in (expected, expected + 1):
        glued = re.match(rf"^\s*({n})((?:1[89]|20)\d\d\D.*)$", line.text)
        if glued:
            return glued
    return None


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.strip()))


def _starts_next_page(line: Line, profile: LayoutProfile) -> bool:
    return profile.leading_space_starts_page and line.text[:1] == " " and line.text[1:2] not in (" ", "")


def _is_short_label(line: Line, profile: LayoutProfile) -> bool:
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


def collect_footnotes(lines: list[Line], profile: LayoutProfile) -> list[NoteDraft]:
    """Mark footnote lines (role 'note') and furniture inside zones; return the definitions."""
    has_separator = any(FOOTNOTE_SEPARATOR.match(line.text) for line in lines)
    notes: list[NoteDraft] = []
    expected = _first_note_number(lines, has_separator)
    in_zone = False
    body_since_zone: list[str] = []
    page_since_note = False
    paged = any(line.page_break for line in lines)  # form feeds: the notes run to the page end
    cited: Counter = Counter()  # styled marks seen in the body
    endnotes = False
    for k, line in enumerate(lines):
        if line.page_break and not endnotes:
            in_zone, page_since_note = False, True
        styled = _styled_note(line, cited, notes)
        if styled is not None:
            notes.append(styled)
            in_zone, expected, page_since_note, line.role = True, styled.n + 1, False, "note"
            continue
        if ENDNOTE_HEADING.match(line.content) and _endnotes_follow(lines, k, cited):
            line.role, in_zone, endnotes = "separator", True, True
            continue
        if endnotes and is_page_number(line.content):
            line.role = "furniture"
            continue
        if has_separator and FOOTNOTE_SEPARATOR.match(line.text):
            line.role, in_zone = "separator", True
            body_since_zone = []
            continue
        if line.is_blank:
            line.role = "blank"
            continue
        if (
            not in_zone
            and not has_separator
            and note_start(line, expected)
            and _marker_seen(str(expected), body_since_zone)
        ):
            in_zone = True
            if notes and page_since_note:
                _reclaim_continuation(lines, line.index, notes[-1])
        if in_zone:
            match = note_start(line, expected)
            if match and not _starts_next_page(line, profile):
                n = int(match.group(1))
                notes.append(NoteDraft(n, [(line.start + match.start(2), match.group(2))]))
                expected, page_since_note = n + 1, False
                line.role = "note"
                continue
            role = _zone_role(line, notes, profile, paged)
            if role is not None:
                line.role = role
                continue
            in_zone = False
        line.role = "body"
        body_since_zone.append(line.text)
        cited.update(_mark_key(m.group()) for m in STYLED_MARK.finditer(line.text))
    return notes


def _zone_role(line: Line, notes: list[NoteDraft], profile: LayoutProfile, paged: bool) -> str | None:
    """Inside a footnote zone, a line that opens no note: it continues the open note ('note',
    joined to it), is furniture, or ends the zone (None)."""
    note_open = bool(notes) and not notes[-1].finished
    if _starts_next_page(line, profile) or is_page_number(line.content) and not note_open:
        return None
    if note_open or notes and (paged or profile.leading_space_starts_page) and not _is_short_label(line, profile):
        notes[-1].pieces.append((line.start + len(line.text) - len(line.text.lstrip()), line.content))
        return "note"
    return "furniture" if _is_short_label(line, profile) else None


def _styled_note(line: Line, cited: Counter, notes: list[NoteDraft]) -> NoteDraft | None:
    """The note a line opens with a styled mark (`①`, `[7]`, `（註三）`) that the body has cited
    more often than notes have opened with it so far; numbered by its printed number where it
    prints one, else as the next note of the chapter."""
    styled = STYLED_NOTE.match(line.text)
    if styled is None:
        return None
    key = _mark_key(styled.group(1))
    if cited[key] <= sum(_mark_key(note.mark) == key for note in notes):
        return None
    value = mark_value(styled.group(1))
    n = value if value is not None and value > len(notes) else len(notes) + 1
    return NoteDraft(n, [(line.start + styled.start(2), styled.group(2))], printed_mark(styled.group(1)))


def _mark_key(mark: str) -> str:
    """Marks that cite the same note: `[11]` and a `11]` whose `[` ended the line before."""
    value = mark_value(mark)
    return str(value) if value is not None else printed_mark(mark)


def _endnotes_follow(lines: list[Line], k: int, cited: Counter) -> bool:
    """A `注释` heading whose next line opens a note the body cited: the chapter's endnotes."""
    following = next((line for line in lines[k + 1 :] if not line.is_blank), None)
    styled = STYLED_NOTE.match(following.text) if following else None
    return styled is not None and cited[_mark_key(styled.group(1))] > 0


def _reclaim_continuation(lines: list[Line], index: int, note: NoteDraft) -> None:
    """A note that runs over a page end continues at the top of the next page's notes, which the
    extractor sets off from the body by a blank line: take those lines back from the body."""
    run: list[Line] = []
    for j in range(index - 1, max(-1, index - 4), -1):
        if lines[j].is_blank:
            if run:
                for line in reversed(run):
                    note.pieces.append((line.start + len(line.text) - len(line.text.lstrip()), line.content))
                    line.role = "note"
            return
        if lines[j].role != "body" or lines[j].page_break:
            return
        run.append(lines[j])


def _first_note_number(lines: list[Line], has_separator: bool) -> int:
    """Chapters may continue the thesis's numbering (notes 41, 42 ...): take the first number after
    a separator, or else the first line-initial number that the next line-initial number follows."""
    if has_separator:
        for prev, line in zip(lines, lines[1:]):
            if FOOTNOTE_SEPARATOR.match(prev.text):
                match = note_number_at(line.text)
                if match:
                    return int(match.group(1))
        return 1
    starts = [(line.index, int(m.group(1))) for line in lines if (m := note_number_at(line.text))]
    for k, (index, n) in enumerate(starts):
        if any(m == n + 1 and 0 < j - index <= 40 for j, m in starts[k + 1 : k + 8]):
            return n
    return 1


def _marker_seen(number: str, body: list[str]) -> bool:
    return any(number in text for text in body[-80:])


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
        if _is_short_label(line, profile) and not is_page_number(line.content) and not is_table_row(line.content)
    ]
    shape = Counter(_fold(line.content) for line in labels)
    pages = 1 + sum(line.page_break for line in lines)
    threshold = max(3, pages // 3) if pages > 1 else 3
    for line in labels:
        if shape[_fold(line.content)] >= threshold:
            line.role = "furniture"
    _mark_repeated_edge_lines(lines)
    seen_headings: set[str] = set()
    titles = {_title_of(line.content) for line in body if heading_level(line.content) is not None}
    for i, line in enumerate(lines):
        if line.role != "body":
            continue
        if _is_short_label(line, profile) and _fold(line.content) in titles and _at_page_edge(lines, i):
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
                    and _is_short_label(lines[j], profile)
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
