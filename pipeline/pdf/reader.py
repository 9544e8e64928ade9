"""The characters of a PDF, page by page, as pypdfium2 (PDFium) reports them.

Each visible character comes with its loose box (the em box PDFium lays it out in), its baseline
origin, its font size and weight; drawn rules (thin filled paths: footnote separators, table
borders) and image objects are listed per page. Characters PDFium generated itself (the spaces
and line breaks it guesses) are skipped: spacing is decided later from the boxes. A file that
cannot be read raises `errors.InputError` with the code that says what to do.
"""

from __future__ import annotations

import ctypes
import re
import unicodedata
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from .. import errors

# How much of the file's end is searched for the `%%EOF` a complete PDF ends with.
EOF_WINDOW = 4096
# Dingbat circled digits (➀ ❶ ➊: fonts map ① to them) read as the circled digits ① .. ⑩.
CIRCLED = {chr(base + k): chr(0x2460 + k) for base in (0x2776, 0x2780, 0x278A) for k in range(10)}
# A drawn rule is a path at most this thick (points).
RULE_THICKNESS = 2.0


@dataclass(slots=True)
class Char:
    """One glyph: `x0..x1` horizontally, `y` its baseline (PDF points, origin bottom left)."""

    text: str
    x0: float
    x1: float
    y: float
    size: float
    weight: int
    space_before: bool = False  # a real space character stood just before it
    sup: bool = False  # set by the line builder: a raised, smaller glyph


@dataclass
class PageChars:
    """The characters, rules and image count of one page (`number` is 1-based)."""

    number: int
    width: float
    height: float
    chars: list[Char] = field(default_factory=list)
    rules: list[tuple[float, float, float, float]] = field(default_factory=list)
    images: int = 0


def open_pdf(data: bytes, path: str) -> pdfium.PdfDocument:
    """The PDF, or an InputError: encrypted (E010), truncated or damaged (E012)."""
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise errors.pdf_damaged(path, "it is truncated (no end-of-file marker)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise errors.pdf_encrypted(path) from error
        found = re.search(r"PDFium: ([^)]*)", str(error))
        raise errors.pdf_damaged(path, f"PDFium: {found.group(1).lower()}" if found else str(error)) from error


def read_pages(pdf: pdfium.PdfDocument) -> list[PageChars]:
    """Every page's characters, rules and images, in page order."""
    pages = []
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        result = PageChars(index + 1, width, height, _chars(textpage))
        for obj in page.get_objects(max_depth=4):
            if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
                result.images += 1
            elif obj.type == raw.FPDF_PAGEOBJ_PATH:
                left, bottom, right, top = obj.get_bounds()
                if min(right - left, top - bottom) <= RULE_THICKNESS and max(right - left, top - bottom) > 4:
                    result.rules.append((left, bottom, right, top))
        pages.append(result)
        textpage.close()
        page.close()
    return pages


def _chars(textpage: pdfium.PdfTextPage) -> list[Char]:
    chars: list[Char] = []
    space = False
    rect, ox, oy = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    rect_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(ox), ctypes.byref(oy)
    unicode, generated, loose = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox
    origin, font_size, font_weight = raw.FPDFText_GetCharOrigin, raw.FPDFText_GetFontSize, raw.FPDFText_GetFontWeight
    for i in range(textpage.count_chars()):
        code = unicode(textpage, i)
        if generated(textpage, i):
            continue
        text = chr(code) if code else ""
        if not text or text.isspace() or unicodedata.category(text) in ("Cc", "Cf"):
            space = space or text in (" ", "\u3000", "\t", "\xa0")
            continue
        loose(textpage, i, rect_ref)
        origin(textpage, i, ox_ref, oy_ref)
        chars.append(
            Char(
                text=CIRCLED.get(text) or unicodedata.normalize("NFC", text),
                x0=rect.left,
                x1=rect.right,
                y=oy.value,
                size=round(font_size(textpage, i), 1),
                weight=font_weight(textpage, i),
                space_before=space,
            )
        )
        space = False
    return chars
