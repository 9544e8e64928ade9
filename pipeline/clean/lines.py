"""Lines of extracted text, their raw offsets, and what a line's shape says about layout.

PDF extractors disagree on almost everything (form feeds, blank lines, indentation, trailing
spaces), so the cleaner never trusts one signal: `LayoutProfile` measures, per document, which
signals this extraction actually carries before the other modules rely on them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from statistics import median

SENTENCE_END = "。！？!?"
CLOSERS = "」』）)】》〉\"'”’"
CJK_PUNCT = "，。、；：？！「」『』（）《》〈〉【】…—～·‧"
# `p.`, `Vol.`, an initial `S.`: a full stop that does not end anything.
ABBREVIATION_AT_END = re.compile(
    r"(?:^|[\s(,])(?:pp?|[Nn]o|[Vv]ol|[Ee]ds?|[Cc]h|[Ss]ec|[Ff]ig|[Dd]r|[Mm]r|[Mm]s|"
    r"[A-ZА-Я])\.$"
)
FOOTNOTE_SEPARATOR = re.compile(r"^(?:\s{10,}|\s*[-_─━—–=]{8,}\s*)$")


@dataclass
class Line:
    """One extracted line: `text` without its newline, `start` its offset in the raw text."""

    index: int
    text: str
    start: int
    page_break: bool = False
    role: str = "body"

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def content(self) -> str:
        return self.text.strip()

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def split_lines(raw: str) -> list[Line]:
    """Split raw text into lines; a form feed (a page break) flags the line after it.

    pdftotext ends each page with a form feed and a newline; pypdfium2's pages are joined by a bare
    form feed, so the next page's first line follows it on the same line (`113\\f第五章…`): that
    form feed ends a line as well.

    >>> [(line.text, line.page_break) for line in split_lines("a\\n\\fb")]
    [('a', False), ('b', True)]
    >>> [(line.text, line.start, line.page_break) for line in split_lines("113\\f第五章\\nx")]
    [('113', 0, False), ('第五章', 4, True), ('x', 8, False)]
    """
    lines: list[Line] = []
    pos, page_break = 0, False
    for piece in raw.split("\n"):
        start = pos
        pos += len(piece) + 1
        while piece.startswith("\f"):
            piece, start, page_break = piece[1:], start + 1, True
        parts = piece.split("\f")
        for k, part in enumerate(parts):
            if k and not part and k == len(parts) - 1:
                page_break = True  # a form feed closing the line: the next line starts a page
                break
            lines.append(Line(len(lines), part, start, page_break or k > 0))
            start += len(part) + 1
            page_break = False
    return lines


def is_cjk(char: str) -> bool:
    """Han ideographs (incl. compatibility ones and extension A), kana and CJK symbols."""
    if not char:
        return False
    code = ord(char)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x3040 <= code <= 0x30FF
        or 0x20000 <= code <= 0x2FA1F
        or code == 0x3007
    )


def is_wide(char: str) -> bool:
    """CJK characters and full-width punctuation: they need no space around them."""
    return is_cjk(char) or char in CJK_PUNCT or unicodedata.east_asian_width(char) in "WF"


def display_width(text: str) -> int:
    """Columns a line takes on the page: wide characters count two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def is_latin_word_char(char: str) -> bool:
    """Letters and digits of alphabetic scripts (Latin, Cyrillic, Greek ...)."""
    return bool(char) and (char.isalnum() and not is_wide(char))


@dataclass(frozen=True)
class LayoutProfile:
    """Which layout signals this extraction carries.

    - `trailing_space_ends_paragraph`: some extractors (and Word's PDF export read back) leave a
      space after the last line of a paragraph and none after a wrapped line.
    - `leading_space_starts_page`: the first line of a page starts with one space.
    - `blank_line_is_break`: blank lines separate paragraphs (otherwise they are layout noise).
    - `full_width`: the display width of a full body line.
    - `indent`: the common left margin (pdftotext -layout).
    - `line_per_paragraph`: not a PDF extraction at all but text with one paragraph per line (most
      lines end a sentence), so every line is a block.
    """

    trailing_space_ends_paragraph: bool
    leading_space_starts_page: bool
    blank_line_is_break: bool
    full_width: int
    indent: int
    line_per_paragraph: bool = False


def measure_layout(lines: list[Line], is_heading=lambda text: False) -> LayoutProfile:
    """Measure the layout signals of one document's lines (headings, which end no sentence and
    stand between blank lines in any layout, are left out of the counts)."""
    lines = [line for line in lines if line.is_blank or not is_heading(line.content)]
    content = [line for line in lines if not line.is_blank]
    if not content:
        return LayoutProfile(False, False, False, 80, 0)
    ends_sentence = sum(1 for line in content if line.text.rstrip()[-1] in SENTENCE_END + CLOSERS)
    ends_stop_space = ends_stop_bare = ends_cjk_space = ends_cjk_bare = 0
    for line in content:
        stripped = line.text.rstrip()
        trailing = len(line.text) > len(stripped)
        last = stripped[-1]
        if last in SENTENCE_END:
            ends_stop_space += trailing
            ends_stop_bare += not trailing
        elif is_cjk(last):
            ends_cjk_space += trailing
            ends_cjk_bare += not trailing
    trailing_signal = ends_stop_space >= 2 * max(1, ends_stop_bare) and ends_cjk_bare >= 3 * max(1, ends_cjk_space)

    indents = [len(line.text) - len(line.text.lstrip(" ")) for line in content]
    indent = min(indents)
    one_space = sum(1 for i in indents if i - indent == 1)
    # where form feeds mark the pages, a one-space indent is layout noise (`pdftotext -layout`)
    paged = any(line.page_break for line in lines)
    leading_signal = indent == 0 and 0 < one_space <= 0.15 * len(content) and not paged

    blank_after_stop = blank_after_other = 0
    for prev, line in zip(lines, lines[1:]):
        if line.is_blank and not prev.is_blank:
            last = prev.text.rstrip()[-1]
            if last in SENTENCE_END or last in CLOSERS or last in "：:":
                blank_after_stop += 1
            else:
                blank_after_other += 1
    blank_signal = blank_after_stop > 2 * blank_after_other

    widths = sorted(display_width(line.text.strip()) for line in content)
    top = widths[int(len(widths) * 0.6) :] or widths
    full_width = int(median(top))
    line_per_paragraph = ends_sentence >= 0.6 * len(content)
    return LayoutProfile(trailing_signal, leading_signal, blank_signal, max(full_width, 10), indent, line_per_paragraph)
