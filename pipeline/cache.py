"""The per-chapter cache: processed chapters as plain JSON in `<out>/.cache/`, trusted only when verified.

An entry's name is a digest of everything its content depends on: the file's bytes, the doc id it
was given (ids are built into sentence and mention ids, so a renamed chapter is recomputed, never
served under its old name), the pipeline's own code and data files, the user resources and the
stage policies. An entry holds the source's SHA-256 and a checksum of its own payload; one that
fails either check, or does not parse, is ignored and recomputed. JSON, not pickle: a shared
outputs folder can never run code on whoever opens it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

from .config import Config
from .datafiles import code_digest
from .model import Document, document_from_dict, document_to_dict
from .tables import atomic_write

log = logging.getLogger(__name__)
CACHE_DIR = ".cache"


def entry_name(document: Document, config: Config) -> str:
    """The entry a processed `document` (read, not yet cleaned) is stored under."""
    policy = repr((config.clean, config.dates, config.entities, config.events))
    settings = f"{document.doc_id}|{code_digest()}|{config.resources_key()}|{policy}"
    return f"{document.sha256[:32]}-{hashlib.sha256(settings.encode()).hexdigest()[:16]}.json"


def load(folder: Path, document: Document, config: Config) -> Document | None:
    """The cached result for `document`, or None when there is none or it does not verify."""
    entry = folder / entry_name(document, config)
    if not entry.exists():
        return None
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        payload = json.dumps(stored["document"], ensure_ascii=False, sort_keys=True)
        if stored["checksum"] != _checksum(payload) or stored["sha256"] != document.sha256:
            raise ValueError("checksum or source hash does not match")
        cached = document_from_dict(stored["document"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        log.warning("%s: cache entry ignored and recomputed (%s)", entry, error)
        return None
    cached.source = document.source
    return cached


def store(folder: Path, document: Document, config: Config) -> None:
    """Keep a processed chapter for the next run."""
    payload = json.dumps(document_to_dict(document), ensure_ascii=False, sort_keys=True)
    entry = {"sha256": document.sha256, "checksum": _checksum(payload), "document": json.loads(payload)}
    atomic_write(folder / entry_name(document, config), json.dumps(entry, ensure_ascii=False))


def chapter_entry(document: Document, config: Config, entity_ids: list[str]) -> str:
    """The entry of a chapter's events and rows: its processed entry and the entity ids linking gave
    its mentions (a new chapter elsewhere in the corpus changes them only where it merges names)."""
    ids = hashlib.sha256("\n".join(entity_ids).encode("utf-8")).hexdigest()[:16]
    return f"chapter-{entry_name(document, config)[: -len('.json')]}-{ids}.json"


def load_chapter(folder: Path, name: str) -> dict | None:
    """A chapter's stored events and rows (see `store_chapter`), or None when missing or unverified."""
    entry = folder / name
    if not entry.exists():
        return None
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        if stored["checksum"] != _checksum(json.dumps(stored["chapter"], ensure_ascii=False, sort_keys=True)):
            raise ValueError("checksum does not match")
        if stored["chapter"]["entry"] != name:  # an entry copied over another's
            raise ValueError("the entry belongs to another chapter")
        return dict(stored["chapter"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
        log.warning("%s: cache entry ignored and recomputed (%s)", entry, error)
        return None


def store_chapter(folder: Path, name: str, chapter: dict) -> None:
    """Keep a chapter's events and rows (plain data: its table parts, Markdown and counts)."""
    payload = json.dumps({**chapter, "entry": name}, ensure_ascii=False, sort_keys=True)
    atomic_write(folder / name, json.dumps({"checksum": _checksum(payload), "chapter": json.loads(payload)}))


def _checksum(payload: str) -> str:
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
