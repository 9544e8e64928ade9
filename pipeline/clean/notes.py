"""Footnote definitions at page bottoms: where the note zone of a page starts and ends, and the
notes in it.

Zones start at a separator line (or, for extractions that lose the separator, at the next
expected footnote number once its marker has appeared in the body) and end where the next page's
body starts. A definition must continue the note sequence plausibly *and* stand where notes stand.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .lines import ABBREVIATION_AT_END, FOOTNOTE_SEPARATOR, SENTENCE_END, LayoutProfile, Line, display_width
from .markers import STYLED_MARK, mark_value, printed_mark
from .pages import is_page_number, is_short_label, starts_next_page
from .structure import DATE_UNITS, heading_level

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
        if line.is_blank or line.role in ("note", "marker"):  # note lines a number line opened
            line.role = "blank" if line.is_blank else line.role
            continue
        expected = 1 if notes and _restarts(lines, k, expected, profile) else expected  # a new chapter's notes
        numbered = _number_line_note(lines, k, expected, body_since_zone)
        opens = numbered is not None or not has_separator and bool(note_start(line, expected))
        if not in_zone and opens and _marker_seen(str(expected), body_since_zone):
            in_zone = True
            if notes and page_since_note:
                _reclaim_continuation(lines, k, notes[-1], profile)
        if numbered is not None:
            notes.append(numbered)
            expected, page_since_note = numbered.n + 1, False
            continue
        if in_zone:
            match = note_start(line, expected)
            if match and not starts_next_page(line, profile):
                n = int(match.group(1))
                notes.append(NoteDraft(n, [(line.start + match.start(2), match.group(2))]))
                expected, page_since_note = n + 1, False
                line.role = "note"
                continue
            role = _zone_role(line, notes, profile, paged, _ends_page(lines, k))
            if role is not None:
                line.role = role
                continue
            in_zone = False
        line.role = "body"
        body_since_zone.append(line.text)
        cited.update(_mark_key(m.group()) for m in STYLED_MARK.finditer(line.text))
    return notes


def _restarts(lines: list[Line], k: int, expected: int, profile: LayoutProfile) -> bool:
    """Does line k open note 1 of a new note sequence (a file holding several chapters)? It opens
    note 1 where note `expected` was due, note 2 opens soon after, and a chapter heading (第X章)
    stands in the body since the last note."""
    line = lines[k]
    match = note_number_at(line.text)
    if expected <= 2 or match is None or int(match.group(1)) != 1 or starts_next_page(line, profile):
        return False
    if note_start(line, expected) or heading_level(line.content) is not None:
        return False
    if not any(
        (m := note_number_at(lines[j].text)) and int(m.group(1)) == 2 for j in range(k + 1, min(len(lines), k + 200))
    ):
        return False
    for j in range(k - 1, -1, -1):
        if lines[j].role == "note":
            return False
        if lines[j].role == "body" and heading_level(lines[j].content) == 1:
            return True
    return False


@dataclass(frozen=True)
class NoteSequence:
    """Notes numbered 1, 2, 3 … once; a file holding several chapters holds several sequences.
    Body markers from raw offset `start` on are printed numbers `first`..`last` of this sequence,
    which the document numbers `offset` + printed number (CONTRACT.md `[^N]`)."""

    start: int
    first: int
    last: int
    offset: int


def number_sequences(notes: list[NoteDraft]) -> list[NoteSequence]:
    """Split the notes where their printed numbers start again, and number them through the
    document in reading order; a note after the first sequence keeps its printed number as `mark`.

    >>> notes = [NoteDraft(n, [(o, "")]) for n, o in ((1, 10), (2, 20), (1, 40), (2, 50))]
    >>> number_sequences(notes)[1], [(note.n, note.mark) for note in notes]
    (NoteSequence(start=21, first=1, last=2, offset=2), [(1, ''), (2, ''), (3, '1'), (4, '2')])
    """
    groups: list[list[NoteDraft]] = []
    for note in notes:
        if groups and not note.mark and not groups[-1][-1].mark and note.n < groups[-1][-1].n:
            groups.append([])
        elif not groups:
            groups.append([])
        groups[-1].append(note)
    sequences: list[NoteSequence] = []
    offset = start = 0
    for group in groups:
        printed = [note.n for note in group]
        sequences.append(NoteSequence(start, min(printed), max(printed), offset))
        if offset:
            for note in group:
                note.mark, note.n = note.mark or str(note.n), note.n + offset
        offset = max(note.n for note in group)
        start = max(at for note in group for at, _ in note.pieces) + 1
    return sequences


def _number_line_note(lines: list[Line], k: int, expected: int, body: list[str]) -> NoteDraft | None:
    """Note `expected` when line k holds only its number and the note's text follows on the next
    line, as pypdfium2 prints the first note of a page (`3` / `Treaty Between …` / `4〈美俄…〉`): the
    body cited the number, and the next note opens further down the same page, its number glued to
    its text as usual."""
    if lines[k].content != str(expected) or not _marker_seen(str(expected), body):
        return None
    following = [j for j in range(k + 1, min(len(lines), k + 12)) if not lines[j].is_blank]
    if not following or lines[following[0]].page_break or note_number_at(lines[following[0]].text):
        return None
    text = lines[following[0]]
    for j in following[1:]:
        if lines[j].page_break or is_page_number(lines[j].content):
            return None
        match = note_number_at(lines[j].text)
        if match and int(match.group(1)) == expected + 1:
            lines[k].role, text.role = "marker", "note"
            return NoteDraft(expected, [(text.start + len(text.text) - len(text.text.lstrip()), text.content)])
    return None


def _zone_role(line: Line, notes: list[NoteDraft], profile: LayoutProfile, paged: bool, last: bool) -> str | None:
    """Inside a footnote zone, a line that opens no note: it continues the open note ('note',
    joined to it), is furniture, or ends the zone (None). A page number ends the zone, also under
    a note that runs on to the next page, when it is the page's `last` line."""
    note_open = bool(notes) and not notes[-1].finished
    if starts_next_page(line, profile) or is_page_number(line.content) and (not note_open or last):
        return None
    if note_open or notes and (paged or profile.leading_space_starts_page) and not is_short_label(line, profile):
        notes[-1].pieces.append((line.start + len(line.text) - len(line.text.lstrip()), line.content))
        return "note"
    return "furniture" if is_short_label(line, profile) else None


def _ends_page(lines: list[Line], k: int) -> bool:
    """Is line k the last text of its page (the next text line starts a page, or none follows)?"""
    following = next((line for line in lines[k + 1 : k + 6] if not line.is_blank), None)
    return following is None or following.page_break


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


def _reclaim_continuation(lines: list[Line], index: int, note: NoteDraft, profile: LayoutProfile) -> None:
    """A note that runs over a page end continues at the top of the next page's notes: take those
    lines back from the body. pdftotext sets them off from the body by a blank line; pdfplumber and
    pypdfium2 leave no blank line, but an unfinished note's continuation is set in the note font,
    so its full lines are wider than any body line (a short last line may finish the note)."""
    run: list[Line] = []
    for j in range(index - 1, max(-1, index - 4), -1):
        if lines[j].is_blank:
            if run:
                _take_back(run, note)
            return
        if lines[j].role != "body" or lines[j].page_break:
            break
        run.append(lines[j])
    if note.finished:
        return
    run = []
    for j in range(index - 1, max(-1, index - 12), -1):
        line = lines[j]
        if line.is_blank or line.role != "body" or heading_level(line.content) is not None:
            break
        wide = display_width(line.content) > 1.1 * profile.full_width
        if not wide and not (not run and NoteDraft(0, [(0, line.content)]).finished):
            break
        run.append(line)
        if line.page_break:
            break
    if any(display_width(line.content) > 1.1 * profile.full_width for line in run):
        _take_back(run, note)


def _take_back(run: list[Line], note: NoteDraft) -> None:
    """Lines (last first) that continue `note`: its pieces, in reading order."""
    for line in reversed(run):
        note.pieces.append((line.start + len(line.text) - len(line.text.lstrip()), line.content))
        line.role = "note"


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
