"""Footnotes whose numbers the extractor printed on lines of their own (pdftotext on LaTeX pages).

A superscript note number in the footnote area comes out as a bare number line, next to its note
or gathered elsewhere in the page's note block (`〈…〉，…` / `2` / `《…》…` / `1` / `113`). Per
page: the bare numbers that continue the note sequence, and that the body cited, are the page's
notes; the note block is what follows the first of them, plus the lines just before it that no
full body line separates from it; its text splits into notes at number lines and at finished
note ends, and the pieces take the numbers in ascending order (a piece before them all continues
a note the previous page left open).
"""

from __future__ import annotations

import re

from .lines import LayoutProfile, Line, display_width
from .notes import NoteDraft
from .pages import is_page_number
from .structure import heading_level

BARE_NUMBER = re.compile(r"^\d{1,3}$")


def collect_loose_notes(lines: list[Line], profile: LayoutProfile, notes: list[NoteDraft]) -> list[NoteDraft]:
    """Read the notes of pages whose note numbers stand alone on their lines; mark their lines."""
    found: list[NoteDraft] = []
    if not any(line.page_break for line in lines):
        return found
    expected = max((note.n for note in notes), default=0) + 1 if notes else None
    last = notes[-1] if notes else None
    for page in _pages(lines):
        numbers = _page_numbers(lines, page, expected)
        if not numbers:
            continue
        read = _read_page(lines, page, numbers, profile, last is not None and not last.finished)
        if read is None:
            continue
        continuation, drafts = read
        if continuation and last is not None:
            last.pieces.extend(continuation)
        found.extend(drafts)
        last, expected = drafts[-1], drafts[-1].n + 1
    return found


def _pages(lines: list[Line]) -> list[list[int]]:
    pages: list[list[int]] = [[]]
    for i, line in enumerate(lines):
        if line.page_break and pages[-1]:
            pages.append([])
        pages[-1].append(i)
    return pages


def _page_numbers(lines: list[Line], page: list[int], expected: int | None) -> dict[int, int]:
    """Line index -> note number: the page's bare numbers running on from `expected` (from the
    smallest when no note came before), each cited by the page's body above it."""
    bare = {i: int(lines[i].content) for i in page if lines[i].role == "body" and BARE_NUMBER.match(lines[i].content)}
    if not bare:
        return {}
    values = sorted(bare.values())
    if len(set(values)) != len(values):
        return {}
    n = expected if expected is not None else values[0]
    run: list[int] = []
    while n in values:
        run.append(n)
        n += 1
    first = min((i for i, v in bare.items() if v in run), default=None)
    if first is None:
        return {}
    cited = " ".join(lines[i].text for i in page if i < first and lines[i].role == "body" and i not in bare)
    if not all(str(v) in cited for v in run):
        return {}
    return {i: v for i, v in bare.items() if v in run}


def _read_page(
    lines: list[Line], page: list[int], numbers: dict[int, int], profile: LayoutProfile, open_note: bool
) -> tuple[list[tuple[int, str]], list[NoteDraft]] | None:
    """The page's continuation pieces and notes, or None when the block does not add up."""
    first = min(numbers)
    after = [i for i in page if i > first and lines[i].role == "body" and not lines[i].is_blank]
    after = _trim_tail(lines, after, numbers)
    groups = _split(lines, sorted(after + list(numbers)), numbers)
    need = len(numbers) - len(groups)
    if need < 0:
        return None
    before = _block_before(lines, page, first, profile)
    head = _split(lines, before, numbers)
    want = need + (1 if open_note else 0)
    if len(head) > want:
        head = head[len(head) - want :]
    if len(head) == need + 1 and open_note:
        continuation, head = head[0], head[1:]
    elif len(head) == need:
        continuation = []
    else:
        return None
    pieces = head + groups
    drafts = [NoteDraft(n, _texts(lines, piece)) for n, piece in zip(sorted(numbers.values()), pieces)]
    for piece in [continuation, *pieces]:
        for i in piece:
            lines[i].role = "note"
    for i in numbers:
        lines[i].role = "marker"
    return _texts(lines, continuation), drafts


def _trim_tail(lines: list[Line], after: list[int], numbers: dict[int, int]) -> list[int]:
    """Drop the page number (a bare number that is no note's) and what follows it."""
    for k, i in enumerate(after):
        if i not in numbers and is_page_number(lines[i].content):
            return after[:k]
    return after


def _split(lines: list[Line], indices: list[int], numbers: dict[int, int]) -> list[list[int]]:
    """Text lines in groups, one per note: a number line or a finished note ends a group."""
    groups: list[list[int]] = []
    current: list[int] = []
    for i in indices:
        if i in numbers:
            if current:
                groups.append(current)
            current = []
            continue
        current.append(i)
        if NoteDraft(0, [(0, lines[i].content)]).finished:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _block_before(lines: list[Line], page: list[int], first: int, profile: LayoutProfile) -> list[int]:
    """The note lines above the first number line: back to a full body line, a heading, a blank
    line or the page top (a note line is set smaller, so wider than a body line, or is short)."""
    taken: list[int] = []
    for i in reversed([i for i in page if i < first]):
        line = lines[i]
        if line.is_blank and taken:
            break
        if line.is_blank:
            continue
        width = display_width(line.content)
        if (
            line.role != "body"
            or heading_level(line.content) is not None
            or is_page_number(line.content)
            or 0.9 * profile.full_width <= width <= 1.1 * profile.full_width
        ):
            break
        taken.append(i)
    return sorted(taken)


def _texts(lines: list[Line], piece: list[int]) -> list[tuple[int, str]]:
    return [(lines[i].start + len(lines[i].text) - len(lines[i].text.lstrip()), lines[i].content) for i in piece]
