"""Body lines back into blocks: paragraphs joined across wraps and page breaks, headings, list
items, captions and table rows, with footnote markers lifted out and every character's source
offset kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import (
    ABBREVIATION_AT_END,
    CLOSERS,
    SENTENCE_END,
    LayoutProfile,
    Line,
    display_width,
    is_latin_word_char,
    is_wide,
)
from .markers import MarkerSequence
from .pages import is_page_number
from .structure import (
    BULLET,
    CAPTION,
    ENUMERATED,
    SOURCE_LINE,
    UNIT_LINE,
    bare_heading_number,
    heading_level,
    is_table_header,
    is_table_row,
)

OPENERS = "（(「『《【〈“‘"
CLOSING = "）)」』》】〉”’"
CONTINUES_LINE = CLOSING + "，。、；：？！,.;:?!"  # a line opening with these carries on a sentence
# A lone Latin letter between single spaces: a sign of letter-spaced (justified) Latin text.
LETTER_SPACED = re.compile(r"(?<=[A-Za-z] )[A-Za-z](?= [A-Za-z])|(?<= )[A-Za-z](?= |$)")
# A long parenthetical in an alphabetic script: the original of a translated quotation.
ORIGINAL_TEXT = re.compile(r"[(（][^()（）]*[A-Za-zА-Яа-яЁё][^()（）]{30,}[)）]")
NUMBERED_ITEM = re.compile(r"^\d{1,2}\.(?!\d)\s*\S")
ITEM_BEFORE = "；;：:。"
DEBRIS = re.compile(r"^[\s()（）\[\]\ufffd]*$")


@dataclass
class BlockDraft:
    """A block being assembled: characters with their raw offsets (-1 for an inserted space)."""

    kind: str
    level: int = 0
    chars: list[str] = field(default_factory=list)
    offsets: list[int] = field(default_factory=list)
    markers: list[tuple[int, int]] = field(default_factory=list)
    ended: bool = False

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def append(self, chars: list[tuple[str, int]]) -> None:
        if self.chars and chars and _needs_space(self.chars[-1], chars[0][0]):
            self.chars.append(" ")
            self.offsets.append(-1)
        for char, offset in chars:
            self.chars.append(char)
            self.offsets.append(offset)


def _needs_space(left: str, right: str) -> bool:
    """Lines rejoin with no space between CJK characters and one between Latin words."""
    if left == " " or right == " ":
        return False
    return not (is_wide(left) or is_wide(right) or left in OPENERS or right in CLOSING or left == "-" or left == "/")


def tidy(text: str, start: int) -> list[tuple[str, int]]:
    """Characters of a line with whitespace normalised, each with its raw offset.

    Runs of spaces fold to one; a space between two wide characters (CJK, full-width punctuation)
    goes, which also collapses spaced-out justified text (`簽 署 條 約`); a space just inside a
    bracket goes; U+FFFD (an undecodable glyph) goes. In letter-spaced Latin (`t h e  F i r s t`)
    the single spaces go and the double ones separate words.
    """
    chars = [(c, start + i) for i, c in enumerate(text) if c != "\ufffd"]
    letter_spaced = len(LETTER_SPACED.findall(text)) >= 2 and "  " in text
    out: list[tuple[str, int]] = []
    for i, (char, offset) in enumerate(chars):
        if (
            letter_spaced
            and char == " "
            and 0 < i < len(chars) - 1
            and chars[i - 1][0] != " "
            and chars[i + 1][0] != " "
            and is_latin_word_char(chars[i - 1][0])
            and is_latin_word_char(chars[i + 1][0])
        ):
            continue
        if char.isspace():
            if not out or out[-1][0] == " ":
                continue
            nxt = next((c for c, _ in chars[i + 1 :] if not c.isspace()), "")
            prev = out[-1][0]
            if (
                not nxt
                or (is_wide(prev) and is_wide(nxt))
                or prev in OPENERS
                or nxt in CLOSING
                or (is_wide(prev) and nxt in "（「『《【")
                or (prev in "）」』》】，。、；：" and is_wide(nxt))
            ):
                continue
            out.append((" ", offset))
        else:
            out.append((char, offset))
    while out and out[-1][0] == " ":
        out.pop()
    return out


def build_blocks(lines: list[Line], profile: LayoutProfile, markers: MarkerSequence) -> list[BlockDraft]:
    """Assemble body lines (role 'body') into blocks in reading order."""
    body = [i for i, line in enumerate(lines) if line.role == "body"]
    blocks: list[BlockDraft] = []
    prev_line: Line | None = None
    for k, i in enumerate(body):
        line = lines[i]
        content = line.content
        markers.enter(line.start)
        nxt = lines[body[k + 1]] if k + 1 < len(body) else None
        if DEBRIS.match(content):
            line.role = "debris"
            continue
        before = blocks[-1].chars[-1] if blocks and blocks[-1].chars else ""
        after = nxt.content[:1] if nxt else ""
        if is_page_number(content) and content.isdigit():
            _place_bare_number(line, blocks, markers.find(content, before, after), profile)
            continue

        lead = len(line.text) - len(line.text.lstrip())
        text = line.text.strip()
        opener = _opening_kind(text, blocks, nxt, profile)
        continues = (
            bool(blocks)
            and not blocks[-1].ended
            and opener is None
            and not _opens_paragraph(line, prev_line, blocks[-1], profile)
        )
        kind, level = (blocks[-1].kind, blocks[-1].level) if continues else (opener or ("paragraph", 0))
        bullet = BULLET.match(text) if opener and kind == "list_item" else None
        skip = bullet.end() if bullet else 0
        found = markers.find(text[skip:], before if not skip else "", after)
        pieces, marker_at = _line_pieces(text, skip, line.start + lead, found)

        if not continues:
            blocks.append(BlockDraft(kind, level))
        block = blocks[-1]
        base = len(block.chars)
        block.append(pieces)
        shift = len(block.chars) - base - len(pieces)
        block.markers.extend((base + shift + at, n) for at, n in marker_at)
        title_follows = kind == "heading" and not continues and bare_heading_number(text) is not None
        block.ended = (kind in ("heading", "table") and not title_follows) or _closes_paragraph(
            line, text, pieces, nxt, profile
        )
        prev_line = line
    mark_quotations(blocks)
    return blocks


def _place_bare_number(
    line: Line, blocks: list[BlockDraft], found: list[tuple[int, int, int]], profile: LayoutProfile
) -> None:
    """A line holding only a number: a footnote marker of the block before it when the note
    sequence expects that number there, else page furniture (a page number)."""
    if found and blocks:
        blocks[-1].markers.append((len(blocks[-1].chars), found[0][2]))
        if profile.trailing_space_ends_paragraph and line.text.endswith(" "):
            blocks[-1].ended = True
        line.role = "marker"
    else:
        line.role = "furniture"


def _line_pieces(
    text: str, skip: int, origin: int, found: list[tuple[int, int, int]]
) -> tuple[list[tuple[str, int]], list[tuple[int, int]]]:
    """The tidied (character, raw offset) pieces of a line's text from `skip` on, with the
    markers `found` cut out and recorded as (piece index, note number)."""
    pieces: list[tuple[str, int]] = []
    marker_at: list[tuple[int, int]] = []
    pos = skip
    for start, end, n in found:
        pieces.extend(tidy(text[pos : skip + start], origin + pos))
        marker_at.append((len(pieces), n))
        pos = skip + end
    pieces.extend(tidy(text[pos:], origin + pos))
    if pieces and pieces[-1][0] in "(（[" and len(pieces) > 1:  # a stray bracket closing the line
        pieces.pop()
    return pieces, marker_at


def mark_quotations(blocks: list[BlockDraft]) -> None:
    """Block quotations: paragraphs introduced by one ending in a colon (`普欽說到：`) that open
    with a quotation mark or carry the original of a translated quotation."""
    introduced = False
    for block in blocks:
        if block.kind != "paragraph":
            introduced = False
            continue
        text = block.text
        if introduced and (text.startswith(("「", "“", "『")) or ORIGINAL_TEXT.search(text)):
            block.kind = "quote"
            continue
        introduced = text.endswith(("：", ":"))


def _opening_kind(
    text: str, blocks: list[BlockDraft], nxt: Line | None, profile: LayoutProfile
) -> tuple[str, int] | None:
    """The kind of block this line opens by its own shape, or None for an ordinary line."""
    after_break = not blocks or blocks[-1].ended or _heading_after_stop(text, blocks[-1], profile)
    if BULLET.match(text) or _numbered_item(text, blocks):
        return "list_item", 0
    if not after_break:
        return None
    if blocks and blocks[-1].kind == "caption" and ENUMERATED.match(text):  # the numbered notes of a figure
        return "caption", 0
    level = heading_level(text)
    if level is None and nxt is not None and heading_level(f"{text} {nxt.content}") is not None:
        level = bare_heading_number(text)
    if level is not None:
        return "heading", level
    if is_table_row(text) or is_table_header(text) and nxt is not None and is_table_row(nxt.content):
        return "table", 0
    if CAPTION.match(text) and display_width(text) < 100 and not any(c in text for c in "，。；"):
        return "caption", 0
    if SOURCE_LINE.match(text) or UNIT_LINE.match(text):
        return "caption", 0
    return None


def _numbered_item(text: str, blocks: list[BlockDraft]) -> bool:
    """`2. 2005 年 12 月，…` after a line that closed a clause (`；`, `：`, `。`): the next item of a
    numbered list, which keeps its number, although the line before filled the width (no
    short-line evidence of the item's end). A line that reads as a heading stays a heading, and
    the numbered notes under a figure or table stay with its caption."""
    if not blocks or not blocks[-1].chars or blocks[-1].kind == "caption":  # a figure's numbered notes
        return False
    return bool(NUMBERED_ITEM.match(text)) and blocks[-1].chars[-1] in ITEM_BEFORE and heading_level(text) is None


def _heading_after_stop(text: str, block: BlockDraft, profile: LayoutProfile) -> bool:
    """A short heading-shaped line after a full line that ends a sentence (a marker after the
    stop, or no blank line, hid the paragraph's end): the heading opens a block of its own."""
    last = block.chars[-1] if block.chars else ""
    return (
        last in SENTENCE_END + CLOSERS
        and heading_level(text) is not None
        and display_width(text) < 0.8 * profile.full_width
    )


def _opens_paragraph(line: Line, prev: Line | None, block: BlockDraft, profile: LayoutProfile) -> bool:
    """A new paragraph although the previous line did not visibly end one: first-line indent
    (pdftotext -layout) or a blank line where blank lines separate paragraphs."""
    if prev is None or not block.chars or block.chars[-1] not in SENTENCE_END + CLOSERS:
        return False
    if line.content[:1] in CONTINUES_LINE:  # `，并于…` set off under a closing `》` (-layout)
        return False
    indent = len(line.text) - len(line.text.lstrip()) - profile.indent
    if indent >= 2 or line.text.lstrip(" ").startswith("\u3000"):
        return True
    blank_between = line.index - prev.index > 1
    return profile.blank_line_is_break and blank_between


def _closes_paragraph(
    line: Line, text: str, pieces: list[tuple[str, int]], nxt: Line | None, profile: LayoutProfile
) -> bool:
    """Does this line end its paragraph? A trailing space where the extractor marks ends that
    way (unless the next line carries on a Latin gloss), or a short line ending a sentence."""
    if not pieces:
        return False
    if profile.line_per_paragraph:
        return True
    last = pieces[-1][0]
    prior = pieces[-2][0] if len(pieces) > 1 else ""
    stop = last in SENTENCE_END or (last in CLOSERS and prior in SENTENCE_END + ".…")
    if profile.trailing_space_ends_paragraph and line.text != line.text.rstrip():
        gloss_follows = (
            nxt is not None and nxt.content[:1] in "(（" and not stop and not is_wide(nxt.content.lstrip("(（ ")[:1])
        )
        if (stop or is_wide(last) or _closes_cjk_bracket(pieces)) and not gloss_follows:
            return True
        if last == "." and not ABBREVIATION_AT_END.search(text):
            return True
        if last == ")" and prior in ".。!?":  # a translated quotation closing the paragraph
            return True
    return (stop or last in "：:") and display_width(text) < 0.8 * profile.full_width


def _closes_cjk_bracket(pieces: list[tuple[str, int]]) -> bool:
    """`…(參見圖 3-1)`: a bracket whose content is Chinese ends like Chinese text."""
    if pieces[-1][0] not in ")）":
        return False
    text = "".join(c for c, _ in pieces)
    opening = max(text.rfind("("), text.rfind("（"))
    return opening >= 0 and any(is_wide(c) for c in text[opening + 1 : -1])
