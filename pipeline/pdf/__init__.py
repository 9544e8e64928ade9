"""PDF input: a chapter read from the page layout straight into the document model.

    reader  -> characters with boxes, sizes, weights; rules and images per page (pypdfium2)
    lines   -> lines by baseline, superscripts attached, spacing decided from the boxes
    layout  -> body size and margins; running headers/footers and page numbers; footnote zones
    notes   -> footnote and endnote definitions
    blocks  -> headings, paragraphs, list items, quotes, captions, table rows with their markers
    tables  -> table rows whose cells wrap onto a line of their own

The result is the same `Document` the text path makes: `raw` is the page texts in reading order
(lines joined by newlines, pages by form feeds), every block character keeps its offset in `raw`,
`pages` holds each page's start and printed label, and `layout = "pdf"` tells the clean stage
that the blocks are already built. Every later stage runs unchanged.
"""

from __future__ import annotations

import logging

import pypdfium2 as pdfium

from .. import errors
from ..clean import finish_blocks
from ..model import Document, Page
from .blocks import build, split_endnotes
from .layout import assemble, mark_furniture, mark_notes, measure
from .lines import Line, page_lines
from .notes import collect, footnotes
from .reader import PageChars, open_pdf, read_pages

log = logging.getLogger(__name__)
LOG_FILE = "pipeline.log"  # where the runner writes tracebacks (runner.LOG_FILE)


def read_pdf(document: Document, data: bytes) -> Document:
    """Fill `document` from a PDF's bytes, or give it status 'error' with a one-line reason."""
    try:
        pdf = open_pdf(data, document.source)
        try:
            sheets = read_pages(pdf)
        finally:
            pdf.close()
        _fill(document, sheets)
    except errors.InputError as error:
        document.status, document.error = "error", str(error)
    except pdfium.PdfiumError as error:
        document.status, document.error = "error", str(errors.pdf_damaged(document.source, str(error).rstrip(".")))
    except Exception as error:  # a bug in the layout reading must not stop the batch
        log.exception("%s: reading the PDF failed", document.source)
        document.status = "error"
        document.error = str(errors.stage_failed(document.source, "PDF reading", error, LOG_FILE))
    return document


def _fill(document: Document, sheets: list[PageChars]) -> None:
    scanned = [s.number for s in sheets if not s.chars and s.images]
    if len(scanned) == len(sheets) and sheets:
        raise errors.pdf_scanned(document.source, errors.page_ranges(scanned))
    if scanned:
        document.warnings.append(
            f"{errors.page_ranges(scanned)}: no text layer (scanned), skipped; OCR the PDF to include them"
        )
    pages = [page_lines(sheet) for sheet in sheets]
    layout = measure(pages)
    mark_furniture(pages, sheets, layout)
    for lines, sheet in zip(pages, sheets):
        mark_notes(lines, sheet, layout)
    ordered: list[Line] = [line for lines in pages for line in lines]
    split_endnotes(ordered)
    document.raw, starts = assemble(pages)
    document.pages = [Page(p.start, layout.labels.get(s.number, str(s.number))) for p, s in zip(starts, sheets)]
    notes = collect([line for line in ordered if line.role == "note"])
    body = [line for line in ordered if line.role == "body"]
    document.blocks = finish_blocks(build(body, layout, {s.number: s for s in sheets}, notes))
    document.footnotes = footnotes(notes)
    document.layout, document.encoding = "pdf", "pdf"
    heading = next((b for b in document.blocks if b.kind == "heading"), None)
    document.title = heading.text if heading else ""
    if not document.blocks:
        raise errors.pdf_no_body(document.source)
