"""The batch: every chapter through the stages, then the corpus-level tables.

Per-document stages are cached by the file's content hash and the pipeline version, so re-running
after adding a chapter only processes the new one; corpus-level steps (entity linking, events,
tables) run over everything each time, so the tables always describe the whole corpus.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__, dates, entities, errors, events, export, ingest, script, sentences, tables
from .clean import clean
from .config import DEFAULT, Config
from .datafiles import code_digest
from .model import Document, document_from_dict, document_to_dict
from .resources import Resources, shared

SUPPORTED_SUFFIXES = (".txt",)
STAGE = Callable[[Document, Resources, Config], Document]
log = logging.getLogger(__name__)
LOG_FILE = "pipeline.log"


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
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            found.append(path)
    return sorted(set(found))


def document_stages() -> list[tuple[str, STAGE]]:
    """The per-document stages in order; their results are cached per chapter."""
    return [
        ("clean", clean),
        ("sentences", sentences.split_sentences),
        ("script", script.convert_sentences),
        ("dates", dates.annotate),
        ("entities", entities.annotate),
    ]


def process(path: Path, resources: Resources, config: Config) -> Document:
    """One file through the per-document stages; a failure becomes an error row."""
    started = time.perf_counter()
    document = ingest.read(path)
    document.timings["ingest"] = time.perf_counter() - started
    if document.status != "ok":
        return document
    document.script = script.detect_script(document.raw)
    for name, stage in document_stages():
        if not _timed(document, name, stage, resources, config):
            return document
    if not document.blocks:
        document.status, document.error = "error", str(errors.no_text(str(path)))
    return document


def _timed(document: Document, name: str, stage: STAGE, resources: Resources, config: Config) -> bool:
    """Run one stage on one document, recording its time; a failure marks the document as an error
    and logs its traceback."""
    started = time.perf_counter()
    try:
        stage(document, resources, config)
    except Exception as error:  # one bad chapter must not stop the batch
        log.exception("%s: the %s stage failed", document.source, name)
        document.status = "error"
        document.error = str(errors.stage_failed(document.source, name, error, LOG_FILE))
        return False
    document.timings[name] = time.perf_counter() - started
    return True


def cache_key(path: Path, config: Config) -> str:
    """The file's content hash, a digest of the pipeline's own code and data files, the user
    resources and the stage policies: a cached chapter is reused only when all four are unchanged."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    policy = repr((config.clean, config.dates, config.entities, config.events))
    settings = hashlib.sha256(f"{code_digest()}|{config.resources_key()}|{policy}".encode()).hexdigest()
    return f"{digest[:32]}-{settings[:16]}"


def _cached(path: Path, cache: Path | None, resources: Resources, config: Config) -> Document:
    if cache is None:
        return process(path, resources, config)
    key = cache_key(path, config)
    entry = cache / f"{key}.json"
    document = _read_entry(entry)
    if document is not None:
        log.info("%s: from the cache", path)
        document.source, document.doc_id = str(path), ingest.doc_id_for(path)
        return document
    document = process(path, resources, config)
    log.info("%s: processed in %.1fs", path, sum(document.timings.values()))
    if document.status == "ok":
        tables.atomic_write(entry, json.dumps(document_to_dict(document), ensure_ascii=False))
    return document


def _read_entry(entry: Path) -> Document | None:
    """A cached chapter, or None when there is none or it cannot be read back whole."""
    if not entry.exists():
        return None
    try:
        return document_from_dict(json.loads(entry.read_text(encoding="utf-8")))
    except (ValueError, TypeError, KeyError) as error:
        log.warning("%s: unreadable cache entry, recomputing (%s)", entry, error)
        entry.unlink(missing_ok=True)
        return None


def run(
    paths: Iterable[str | Path] = ("corpus",),
    out: str | Path = "outputs",
    config: Config = DEFAULT,
    progress: Callable[[Path], None] | None = None,
) -> RunSummary:
    """Run the pipeline over `paths` and write every output into `out`; the run's log, with the
    traceback of every failed stage, goes to `out/pipeline.log`."""
    started = time.perf_counter()
    out = Path(out)
    with run_log(out / LOG_FILE):
        files = discover(paths)
        log.info("%d input files, cache %s", len(files), "on" if config.use_cache else "off")
        cache = out / ".cache" if config.use_cache else None
        resources = shared(config.lexicons, config.user_dict)
        documents = []
        for path in files:
            documents.append(_cached(path, cache, resources, config))
            if progress:
                progress(path)
        ok = [d for d in documents if d.status == "ok"]
        index = entities.link(ok, resources, config)
        for document in ok:
            document.timings.pop("events", None)
            _timed(document, "events", events.annotate, resources, config)
        ok = [d for d in documents if d.status == "ok"]
        tables.write_all(documents, index, out, manifest(documents, config))
        export.write_derived(out, config.formats, config.excel)
        for document in documents:
            if document.status != "ok":
                log.error("%s", document.error)
        summary = RunSummary(
            documents=len(documents),
            sentences=sum(len(list(d.sentences())) for d in ok),
            footnotes=sum(len(d.footnotes) for d in ok),
            errors=[d.error for d in documents if d.status != "ok"],
            seconds=time.perf_counter() - started,
            out=out,
        )
        log.info("%d documents, %d errors in %.1fs", summary.documents, len(summary.errors), summary.seconds)
    return summary


def manifest(documents: list[Document], config: Config) -> dict:
    """What ran on what: the version, the options and each document's status and stage times."""
    return {
        "pipeline_version": __version__,
        "config": dataclasses.asdict(config),
        "documents": [
            {
                "doc_id": d.doc_id,
                "source": d.source,
                "sha256": d.sha256,
                "status": d.status,
                "error": d.error,
                "stage_seconds": {k: round(v, 3) for k, v in d.timings.items()},
            }
            for d in documents
        ],
    }


@contextmanager
def run_log(path: Path) -> Iterator[None]:
    """Send the package's log records (INFO and above) to `path` for the duration of a run."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, mode="w", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    package = logging.getLogger("pipeline")
    level = package.level
    package.addHandler(handler)
    package.setLevel(min(level or logging.INFO, logging.INFO))
    try:
        yield
    finally:
        package.removeHandler(handler)
        package.setLevel(level)
        handler.close()


def source_of(name: str, out: Path) -> Path | None:
    """A chapter file given as a path, or by its doc_id as recorded in `out/manifest.json`."""
    if Path(name).is_file():
        return Path(name)
    manifest = out / "manifest.json"
    if manifest.exists():
        for entry in json.loads(manifest.read_text(encoding="utf-8"))["documents"]:
            if entry["doc_id"] == name and Path(entry["source"]).is_file():
                return Path(entry["source"])
    return None


def annotate_one(path: Path, out: Path, config: Config = DEFAULT) -> Document:
    """One chapter with every annotation, using the run's cache: for `pipeline show`."""
    resources = shared(config.lexicons, config.user_dict)
    cache = out / ".cache" if config.use_cache else None
    document = _cached(path, cache, resources, config)
    if document.status == "ok":
        entities.link([document], resources, config)
        _timed(document, "events", events.annotate, resources, config)
    return document
