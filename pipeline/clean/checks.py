"""Sanity checks on a cleaned chapter: what looks wrong, for `documents.csv` `warnings`.

A chapter the cleaner could not read well must say so rather than pass as `ok`. Each warning is a
stable identifier, a colon and what was found (`note_gap: 4, 7`); README.md lists them. They
describe the cleaned result, so they hold for text and PDF input alike.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from statistics import median

from ..model import Document

# A note this many times longer than the chapter's median note (and longer than LONG_NOTE
# characters) holds more than a citation: body text a misread note start swallowed.
LONG_NOTE_FACTOR, LONG_NOTE = 8, 600
BODY_IN_NOTES_SHARE = 0.03  # the share of the chapter's text in such notes that is worth a warning
SHOWN = 5  # numbers listed in a warning


def chapter_warnings(document: Document, repeated: list[int] | None = None) -> list[str]:
    """The warnings for a cleaned chapter; `repeated` are note numbers defined more than once
    (a number cited by two markers repeats too).

    >>> from ..model import Block, Footnote
    >>> blocks = [Block(kind="paragraph", text="正文", markers=[(1, 1), (2, 3)])]
    >>> notes = [Footnote(n=1, text="注"), Footnote(n=2, text="注")]
    >>> chapter_warnings(Document("d", "d.txt", blocks=blocks, footnotes=notes))
    ['note_gap: 3', 'note_uncited: 2', 'marker_without_note: 3']
    """
    warnings = []
    numbers = sorted(note.n for note in document.footnotes)
    markers = Counter(n for block in document.blocks for _, n in block.markers)
    cited = set(markers)
    repeated = sorted(set(repeated or []) | {n for n, count in markers.items() if count > 1})
    gaps = sorted(set(range(numbers[0], max(numbers[-1], max(cited, default=0)) + 1)) - set(numbers)) if numbers else []
    checks = [
        ("body_in_notes", _body_in_notes(document)),
        ("note_gap", _numbers(gaps)),
        ("note_repeat", _numbers(repeated)),
        ("note_uncited", _numbers(sorted(set(numbers) - cited))),
        ("marker_without_note", _numbers(sorted(cited - set(numbers)))),
        ("page_without_body", _pages_without_body(document)),
    ]
    for name, found in checks:
        if found:
            warnings.append(f"{name}: {found}")
    return warnings


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:SHOWN])
    return shown + (f" and {len(numbers) - SHOWN} more" if len(numbers) > SHOWN else "")


def _body_in_notes(document: Document) -> str:
    """Notes far longer than the chapter's others, when they hold more than a few percent of
    its text: `12% of the text in notes 2004` (a line opening with a year read as a note)."""
    if not document.footnotes:
        return ""
    typical = median(len(note.text) for note in document.footnotes)
    limit = max(LONG_NOTE, LONG_NOTE_FACTOR * typical)
    long_notes = [note for note in document.footnotes if len(note.text) > limit]
    held = sum(len(note.text) for note in long_notes)
    total = held + sum(len(block.text) for block in document.blocks)
    if not long_notes or held <= BODY_IN_NOTES_SHARE * total:
        return ""
    return f"{round(100 * held / total)}% of the text in notes {_numbers([note.n for note in long_notes])}"


def _pages_without_body(document: Document) -> str:
    """Pages between the chapter's first and last body text that hold none of it (all notes, or
    a page the extraction lost): `pages 43, 44`."""
    if len(document.pages) < 3:
        return ""
    starts = [page.start for page in document.pages]
    offsets = [o for block in document.blocks for o in block.offsets if o >= 0]
    if not offsets:
        return ""
    with_body = {bisect_right(starts, o) - 1 for o in offsets}
    first, last = min(with_body), max(with_body)
    empty = [document.pages[k].label for k in range(first + 1, last) if k not in with_body]
    if not empty:
        return ""
    return ("page " if len(empty) == 1 else "pages ") + ", ".join(empty[:SHOWN]) + (" …" if len(empty) > SHOWN else "")
