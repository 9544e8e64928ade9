"""Write stage: the document model to the files of CONTRACT.md.

Every file is written atomically (a temporary file in the same folder, then a rename), so an
interrupted run never leaves a truncated table, and rows are in a fixed order so the same corpus
always gives byte-identical tables.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import BinaryIO

import pandas as pd

from . import schema
from .events.dedup import mark_duplicates
from .model import Block, Document, Entity, Sentence

DOCUMENT_COLUMNS = schema.columns("documents")
SENTENCE_COLUMNS = schema.columns("sentences")
FOOTNOTE_COLUMNS = schema.columns("footnotes")
ENTITY_COLUMNS = schema.columns("entities")
INDEX_COLUMNS = schema.columns("entity_index")
DATE_COLUMNS = schema.columns("dates")
EVENT_COLUMNS = schema.columns("events")
PARTS_DIR = ".parts"  # each chapter's rows while a run writes them (removed before it publishes)
MD_PREFIX = {"list_item": "- ", "quote": "> ", "caption": "! ", "table": "| ", "paragraph": ""}


@cache
def process_umask() -> int:
    """The process's umask, read once at the first write (reading it means setting it briefly)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A binary handle on a temporary file in `path`'s folder, renamed to `path` when the block
    ends and removed if it fails, so `path` is never seen half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
        os.chmod(tmp, 0o666 & ~process_umask())  # mkstemp makes the file private; outputs are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename."""
    with atomic_file(path) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    atomic_write(path, frame.to_csv(index=False, lineterminator="\n"))


def markdown(document: Document) -> str:
    """The clean chapter as Markdown with Pandoc/GFM footnotes."""
    lines = []
    for block in document.blocks:
        prefix = "#" * block.level + " " if block.kind == "heading" else MD_PREFIX.get(block.kind, "")
        lines.append(prefix + with_markers(block))
    for note in document.footnotes:
        lines.append(f"[^{note.n}]: {note.text}")
    return "\n\n".join(lines) + "\n"


def with_markers(block: Block) -> str:
    """The block's text with `[^N]` where each footnote number stood."""
    pieces, pos = [], 0
    for at, n in sorted(block.markers):
        pieces.append(block.text[pos:at])
        pieces.append(f"[^{n}]")
        pos = at
    pieces.append(block.text[pos:])
    return "".join(pieces)


def document_rows(documents: list[Document]) -> pd.DataFrame:
    rows = []
    for d in documents:
        sentences = list(d.sentences())
        rows.append(
            {
                "doc_id": d.doc_id,
                "source": d.source,
                "title": d.title,
                "script": d.script,
                "n_chars": sum(len(b.text) for b in d.blocks),
                "n_paragraphs": sum(1 for b in d.blocks if b.kind != "heading"),
                "n_sentences": len(sentences),
                "n_footnotes": len(d.footnotes),
                "n_entities": sum(len(s.mentions) for s in sentences),
                "n_dates": sum(len(s.dates) for s in sentences),
                "n_events": sum(len(s.events) for s in sentences),
                "sha256": d.sha256,
                "status": d.status,
                "error": d.error,
                "encoding": d.encoding,
                "warnings": ";".join(d.warnings),
            }
        )
    return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS)


def sentence_rows(documents: list[Document]) -> pd.DataFrame:
    rows = [
        {
            "sentence_id": s.sentence_id,
            "doc_id": d.doc_id,
            "section": b.section,
            "paragraph": b.index,
            "kind": b.kind,
            "text": s.text,
            "text_trad": s.text_trad,
            "text_simp": s.text_simp,
            "footnote_refs": _joined(s.footnote_refs),
            "page": d.block_page(b, s.start),
        }
        for d in documents
        for b, s in d.sentence_blocks()
    ]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def footnote_rows(documents: list[Document]) -> pd.DataFrame:
    rows = [
        {"doc_id": d.doc_id, **vars(f), "urls": ";".join(f.urls), "page": d.page_at(f.source_start)}
        for d in documents
        for f in d.footnotes
    ]
    return pd.DataFrame(rows, columns=FOOTNOTE_COLUMNS)


def span_rows(documents: list[Document], spans: Callable[[Sentence], list], letter: str, table: str) -> pd.DataFrame:
    """One row per span (mention, time expression) of every sentence, with its id `<sentence>:<letter>NN`
    and the span's own fields under the table's column names."""
    columns = schema.columns(table)
    rows = [
        {
            columns[0]: f"{s.sentence_id}:{letter}{k:02d}",
            "doc_id": d.doc_id,
            "sentence_id": s.sentence_id,
            **vars(span),  # flat dataclasses: vars is asdict without the deep copy
        }
        for d in documents
        for s in d.sentences()
        for k, span in enumerate(spans(s))
    ]
    return pd.DataFrame(rows, columns=columns)


def index_rows(entities: list[Entity]) -> pd.DataFrame:
    rows = [
        {
            "entity_id": e.entity_id,
            "label": e.label,
            "name": e.name,
            "name_en": e.name_en,
            "aliases": ";".join(e.aliases),
            "n_mentions": e.n_mentions,
            "n_docs": e.n_docs,
            "country": e.country,
            "cameo_actor": e.cameo_actor,
        }
        for e in sorted(entities, key=lambda e: e.entity_id)
    ]
    return pd.DataFrame(rows, columns=INDEX_COLUMNS)


def event_rows(documents: list[Document]) -> pd.DataFrame:
    rows = []
    for d in documents:
        for b, s in d.sentence_blocks():
            page = d.block_page(b, s.start) if s.events else ""
            for k, e in enumerate(s.events):
                rows.append(
                    {
                        "event_id": f"{s.sentence_id}:e{k:02d}",
                        "doc_id": d.doc_id,
                        "sentence_id": s.sentence_id,
                        "start_date": e.start_date,
                        "end_date": e.end_date,
                        "date_text": e.date_text,
                        "cameo": e.cameo,
                        "cameo_label": e.cameo_label,
                        "trigger": e.trigger,
                        "source": e.source,
                        "source_id": e.source_id,
                        "target": e.target,
                        "target_id": e.target_id,
                        "location": e.location,
                        "object": e.object,
                        "mode": e.mode,
                        "footnote_refs": _joined(s.footnote_refs),
                        "confidence": round(e.confidence, 3),
                        "cameo_code": e.cameo_code,
                        "goldstein": e.goldstein,
                        "quad_class": e.quad_class,
                        "page": page,
                        "rule": e.rule,
                        "plover": e.plover,
                        "location_id": e.location_id,
                        "source_actor": e.source_actor,
                        "target_actor": e.target_actor,
                    }
                )
    mark_duplicates(rows)
    return pd.DataFrame(rows, columns=EVENT_COLUMNS)


def _joined(numbers: list[int]) -> str:
    return ";".join(str(n) for n in numbers)


CHAPTER_TABLES: dict[str, Callable[[list[Document]], pd.DataFrame]] = {
    "sentences": sentence_rows,
    "footnotes": footnote_rows,
    "entities": lambda documents: span_rows(documents, lambda s: s.mentions, "m", "entities"),
    "dates": lambda documents: span_rows(documents, lambda s: s.dates, "d", "dates"),
    "events": event_rows,
}


def write_chapter(document: Document, out: Path, parts: Path) -> dict:
    """One processed chapter's share of the outputs: its clean Markdown into `out/clean/` and its
    rows of each chapter table into `parts/<table>/` (no header; `join_parts` makes the tables), so
    no process ever holds the whole corpus's rows. Returns what was written, as `write_stored_chapter`
    takes it: {"markdown", "parts": {table: CSV text}, "row": its documents.csv row}."""
    chapter = {
        "markdown": markdown(document),
        "parts": {name: rows([document]).to_csv(index=False, header=False) for name, rows in CHAPTER_TABLES.items()},
        "row": document_rows([document]).to_dict("records")[0],
    }
    write_stored_chapter(document.doc_id, chapter, out, parts)
    return chapter


def write_stored_chapter(doc_id: str, chapter: dict, out: Path, parts: Path) -> None:
    """Write a chapter's Markdown and table parts (as `write_chapter` made them) into `out`."""
    atomic_write(out / "clean" / f"{doc_id}.md", chapter["markdown"])
    for name, text in chapter["parts"].items():
        atomic_write(part_path(parts, name, doc_id), text)


def part_path(parts: Path, table: str, doc_id: str) -> Path:
    """Where a chapter's rows of `table` wait: named by a digest, since a doc id is any text."""
    return parts / table / f"{hashlib.sha1(doc_id.encode()).hexdigest()}.csv"


def mark_retellings(part: Path, first_tellings: dict[str, str]) -> bytes:
    """A chapter's event rows with `duplicate_of` set from the earlier chapters' first tellings
    (`first_tellings`, event_key -> event_id, which it extends)."""
    frame = pd.read_csv(part, dtype=str, keep_default_na=False, header=None, names=EVENT_COLUMNS)
    if frame.empty:
        return b""
    rows = frame.to_dict("records")
    mark_duplicates(rows, first_tellings)
    return pd.DataFrame(rows, columns=EVENT_COLUMNS).to_csv(index=False, header=False).encode("utf-8")


def join_parts(out: Path, parts: Path, doc_ids: list[str]) -> None:
    """Each chapter table of `out` from the chapters' parts, in `doc_ids` order, under one header."""
    for name in CHAPTER_TABLES:
        with atomic_file(out / f"{name}.csv") as handle:
            handle.write(pd.DataFrame(columns=schema.columns(name)).to_csv(index=False).encode("utf-8"))
            first_tellings: dict[str, str] = {}
            for doc_id in doc_ids:
                if name == "events":  # retellings are marked across the corpus, not in one chapter
                    handle.write(mark_retellings(part_path(parts, name, doc_id), first_tellings))
                    continue
                with open(part_path(parts, name, doc_id), "rb") as part:
                    shutil.copyfileobj(part, handle)


def write_all(documents: list[Document], entities: list[Entity], out: Path, manifest: dict) -> None:
    """Write every table, the clean chapters and the manifest into `out` (documents in memory:
    the batch streams its chapters through `write_chapter` and `write_tables` instead)."""
    parts = out / PARTS_DIR
    rows = {d.doc_id: write_chapter(d, out, parts)["row"] for d in documents if d.status == "ok"}
    write_tables(documents, rows, entities, out, manifest)


def write_tables(
    documents: list[Document], rows: dict[str, dict], entities: list[Entity], out: Path, manifest: dict
) -> None:
    """The corpus tables once every chapter is written: documents.csv (a processed chapter's row
    from `rows`, a failed one's from its document), the chapter tables from their parts, the
    entity index and the manifest; the parts are removed."""
    ok = [d.doc_id for d in documents if d.doc_id in rows]
    records = [rows.get(d.doc_id) or document_rows([d]).to_dict("records")[0] for d in documents]
    write_csv(pd.DataFrame(records, columns=DOCUMENT_COLUMNS), out / "documents.csv")
    join_parts(out, out / PARTS_DIR, ok)
    shutil.rmtree(out / PARTS_DIR, ignore_errors=True)
    write_csv(index_rows(entities), out / "entity_index.csv")
    atomic_write(out / "manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
