"""The batch: every chapter through the stages, then the corpus-level tables.

Per-document stages are cached by the file's content hash and the pipeline version, so re-running
after adding a chapter only processes the new one; corpus-level steps (entity linking, events,
tables) run over everything each time, so the tables always describe the whole corpus.
"""
from __future__ import annotations

import dataclasses
import pickle
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import __version__, dates, ingest, script, sentences, tables
from .clean import clean
from .model import Document

SUPPORTED_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Config:
    """Options of a run, recorded in manifest.json.

    use_cache: reuse per-document results from `<out>/.cache` when the file and the pipeline
        version are unchanged (safe: the key is the content hash).
    """

    use_cache: bool = True


@dataclass
class RunSummary:
    """What a run did, for the CLI's closing lines and for callers of `run`."""

    documents: int = 0
    sentences: int = 0
    footnotes: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    out: Path = Path("outputs")


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Input files: the paths given, with directories searched recursively, in sorted order."""
    found = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.append(path)
    return sorted(set(found))


DOCUMENT_STAGES: list[tuple[str, Callable[[Document], Document]]] = [
    ("clean", clean),
    ("sentences", sentences.split_sentences),
    ("script", script.convert_sentences),
    ("dates", dates.annotate),
]


def process(path: Path) -> Document:
    """One file through the per-document stages; a failure becomes an error row."""
    started = time.perf_counter()
    document = ingest.read(path)
    document.timings["ingest"] = time.perf_counter() - started
    if document.status != "ok":
        return document
    document.script = script.detect_script(document.raw)
    for name, stage in DOCUMENT_STAGES:
        started = time.perf_counter()
        try:
            document = stage(document)
        except Exception as error:  # one bad chapter must not stop the batch
            document.status = "error"
            document.error = f"{path}: the {name} stage failed ({type(error).__name__}: {error}); please report it"
            return document
        document.timings[name] = time.perf_counter() - started
    if not document.blocks:
        document.status, document.error = "error", f"{path}: no body text was found after cleaning"
    return document


def _cached(path: Path, cache: Path | None) -> Document:
    if cache is None:
        return process(path)
    key = ingest.content_key(path, __version__)
    entry = cache / f"{key}.pickle"
    if entry.exists():
        try:
            document = pickle.loads(entry.read_bytes())
            document.source, document.doc_id = str(path), ingest.doc_id_for(path)
            return document
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            entry.unlink(missing_ok=True)
    document = process(path)
    if document.status == "ok":
        tables.atomic_write(entry, pickle.dumps(document))
    return document


def run(paths: Iterable[str | Path] = ("corpus",), out: str | Path = "outputs", config: Config = Config(),
        progress: Callable[[Path], None] | None = None) -> RunSummary:
    """Run the pipeline over `paths` and write every output into `out`."""
    started = time.perf_counter()
    out = Path(out)
    files = discover(paths)
    cache = out / ".cache" if config.use_cache else None
    documents = []
    for path in files:
        documents.append(_cached(path, cache))
        if progress:
            progress(path)
    ok = [d for d in documents if d.status == "ok"]
    manifest = {
        "pipeline_version": __version__,
        "config": dataclasses.asdict(config),
        "documents": [{"doc_id": d.doc_id, "source": d.source, "sha256": d.sha256, "status": d.status,
                       "error": d.error, "stage_seconds": {k: round(v, 3) for k, v in d.timings.items()}}
                      for d in documents],
    }
    tables.write_all(documents, [], out, manifest)
    return RunSummary(documents=len(documents), sentences=sum(len(list(d.sentences())) for d in ok),
                      footnotes=sum(len(d.footnotes) for d in ok),
                      errors=[d.error for d in documents if d.status != "ok"],
                      seconds=time.perf_counter() - started, out=out)
