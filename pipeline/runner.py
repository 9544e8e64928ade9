"""The batch: every chapter through the stages, then the corpus-level tables.

Per-document stages are cached by the file's content hash and the pipeline version, so re-running
after adding a chapter only processes the new one; corpus-level steps (entity linking, events,
tables) run over everything each time, so the tables always describe the whole corpus.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import (
    __version__,
    cache,
    dates,
    entities,
    errors,
    events,
    export,
    ingest,
    parallel,
    publish,
    script,
    sentences,
    stats,
    tables,
)
from .clean import clean
from .config import DEFAULT, CleanConfig, Config, DatesConfig, EntitiesConfig, EventsConfig
from .model import Block, Document, Mention, Sentence, document_from_dict, document_to_dict
from .resources import Resources, shared

SUPPORTED_SUFFIXES = (".txt", ".pdf")
STAGE = Callable[[Document, Resources, Config], Document]
log = logging.getLogger(__name__)
LOG_FILE = "pipeline.log"
HELD_DIR = ".chapters"  # chapters between reading and events (removed before the run publishes)
P = TypeVar("P", CleanConfig, DatesConfig, EntitiesConfig, EventsConfig)


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
    """Input files: the paths given, with directories searched recursively, in sorted order, each
    file once however often it is named. A named path that is missing or no regular file is kept,
    so that it gets its error row."""
    found: dict[Path, Path] = {}
    for path in map(Path, paths):
        if path.is_dir():
            named = [p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()]
        else:
            named = [path]
        for item in named:
            found.setdefault(item.resolve(), item)
    return sorted(found.values())


def document_stages() -> list[tuple[str, STAGE]]:
    """The per-document stages in order; their results are cached per chapter."""
    return [
        ("clean", clean),
        ("sentences", sentences.split_sentences),
        ("script", script.convert_sentences),
        ("dates", dates.annotate),
        ("entities", entities.annotate),
    ]


def process(
    path: Path, resources: Resources, config: Config, doc_id: str | None = None, cache_folder: Path | None = None
) -> Document:
    """One file through the per-document stages, or from the cache; a failure becomes an error row."""
    started = time.perf_counter()
    document = ingest.read(path, doc_id)
    document.timings["ingest"] = time.perf_counter() - started
    if document.status != "ok":
        return document
    cached = cache.load(cache_folder, document, config) if cache_folder else None
    if cached is not None:
        log.info("%s: from the cache", path)
        return cached
    document.script = script.detect_script(document.raw)
    for name, stage in document_stages():
        if not _timed(document, name, stage, resources, config):
            return document
    if not document.blocks:
        document.status, document.error = "error", str(errors.no_text(str(path)))
    log.info("%s: processed in %.1fs", path, sum(document.timings.values()))
    if cache_folder and document.status == "ok":
        cache.store(cache_folder, document, config)
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


def run(
    paths: Iterable[str | Path] = ("corpus",),
    out: str | Path = "outputs",
    config: Config = DEFAULT,
    progress: Callable[[Path], None] | None = None,
) -> RunSummary:
    """Run the pipeline over `paths` and publish every output into `out` at once (see
    `publish.py`); the run's log, with the traceback of every failed stage, is `out/pipeline.log`.

    Raises `publish.OutputsLocked` when another run is writing `out`, `publish.ForeignFolder` when
    `out` holds files this pipeline did not write, and `OSError` when the outputs cannot be written
    (the previous outputs then stay as they were).
    """
    started = time.perf_counter()
    out = Path(out)
    with publish.locked(out):
        publish.recover(out)
        stage = publish.staging_folder(out)
        try:
            with run_log(stage / LOG_FILE), parallel.dask_cluster(config) as engine:
                summary = _run_into(stage, discover(paths), out / cache.CACHE_DIR, engine, progress)
                summary.seconds = time.perf_counter() - started
                log.info("%d documents, %d errors in %.1fs", summary.documents, len(summary.errors), summary.seconds)
            publish.swap_in(stage, out)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
    summary.out = out
    return summary


def _run_into(
    stage: Path, files: list[Path], folder: Path, config: Config, progress: Callable[[Path], None] | None
) -> RunSummary:
    """Every chapter, the corpus-level steps and every table, written into `stage`.

    Chapters stream: a worker reads one, keeps it in `stage/.chapters/` and hands back only its
    mentions (what linking needs); after linking, a worker takes it up again for events and writes
    its rows (`tables.write_chapter`). No process holds the whole corpus's documents or rows.
    """
    workers = parallel.worker_count(config, len(files))
    log.info("%d input files, cache %s, %d workers", len(files), "on" if config.use_cache else "off", workers)
    resources = shared(config.lexicons, config.user_dict)
    held = stage / HELD_DIR
    cache_folder = folder if config.use_cache else None
    tasks = [
        (path, doc_id, cache_folder, held / f"{k:06d}.json")
        for k, (path, doc_id) in enumerate(ingest.doc_ids(files).items())
    ]
    documents = parallel.run_each(_read_task, tasks, config, (lambda task: progress(task[0])) if progress else None)
    index = entities.link([d for d in documents if d.status == "ok"], resources, config)
    jobs = [
        ChapterJob(d, [m.entity_id for s in d.sentences() for m in s.mentions], task[3], stage, cache_folder)
        for task, d in zip(tasks, documents)
        if d.status == "ok"
    ]
    rows, tally = {}, stats.WordTally()
    for job, chapter in zip(jobs, parallel.run_each(_chapter_task, jobs, config)):
        shell = job.shell
        shell.status, shell.error = chapter.status, chapter.error
        shell.warnings, shell.timings = chapter.warnings, chapter.timings
        if chapter.status == "ok":
            rows[shell.doc_id] = chapter.row
            tally.add(shell.doc_id, chapter.word_counts)
    shutil.rmtree(held, ignore_errors=True)
    tables.write_tables(documents, rows, index, stage, manifest(documents, config))
    export.write_derived(stage, config.formats, config.excel, tally)
    for document in documents:
        if document.status != "ok":
            log.error("%s", document.error)
    return RunSummary(
        documents=len(documents),
        sentences=sum(rows[d]["n_sentences"] for d in rows),
        footnotes=sum(rows[d]["n_footnotes"] for d in rows),
        errors=[d.error for d in documents if d.status != "ok"],
    )


@dataclass
class Chapter:
    """What the driver gets back of a chapter once its events and rows are written."""

    status: str
    error: str
    warnings: list[str]
    timings: dict[str, float]
    row: dict
    word_counts: list[tuple[str, str, int]]


@dataclass
class ChapterJob:
    """A linked chapter to finish: its mentions-only `shell` (doc id, source hash), the entity ids
    of its mentions in reading order, where it is held (without the cache) and where rows go."""

    shell: Document
    entity_ids: list[str]
    held: Path
    stage: Path
    cache_folder: Path | None


def _read_task(task: tuple[Path, str, Path | None, Path], resources: Resources, config: Config) -> Document:
    """Read and annotate one chapter and return only what linking needs; the chapter itself waits
    in the cache, or at `held` when the cache is off."""
    path, doc_id, folder, held = task
    document = process(path, resources, config, doc_id, folder)
    if document.status != "ok":
        return document
    if folder is None:
        tables.atomic_write(held, json.dumps(document_to_dict(document), ensure_ascii=False))
    return mentions_only(document)


def mentions_only(document: Document) -> Document:
    """The document without its text, offsets and spans but its mentions (about 0.5 MB for a
    thesis chapter), each repeated string kept once: the driver holds one per chapter of the corpus."""
    strings: dict[str, str] = {}

    def once(text: str) -> str:
        return strings.setdefault(text, text)

    def compact(m: Mention) -> Mention:
        return Mention(m.start, m.end, once(m.text), once(m.label), once(m.method), once(m.entity_id), once(m.name_en))

    shell = dataclasses.replace(document, raw="", blocks=[], footnotes=[], edits=[], pages=[], word_counts=[])
    shell.blocks = [
        Block(
            block.kind,
            "",
            sentences=[
                Sentence(s.sentence_id, "", s.start, mentions=[compact(m) for m in s.mentions]) for s in block.sentences
            ],
        )
        for block in document.blocks
    ]
    return shell


def _chapter_task(job: ChapterJob, resources: Resources, config: Config) -> Chapter:
    """Events for one chapter with its linked entity ids, then its rows into the staging folder;
    with the cache on, both come from the cache when the chapter and its entity ids are unchanged."""
    name = cache.chapter_entry(job.shell, config, job.entity_ids)
    stored = cache.load_chapter(job.cache_folder, name) if job.cache_folder else None
    if stored is not None:
        tables.write_stored_chapter(job.shell.doc_id, stored, job.stage, job.stage / tables.PARTS_DIR)
        return Chapter("ok", "", stored["warnings"], stored["timings"], stored["row"], stored["word_counts"])
    document = (
        cache.load(job.cache_folder, job.shell, config)
        if job.cache_folder
        else document_from_dict(json.loads(job.held.read_text(encoding="utf-8")))
    )
    if document is None:  # the entry vanished or stopped verifying since it was read
        document = job.shell
        document.status, document.error = "error", str(errors.unreadable(job.shell.source, "its cache entry changed"))
        return Chapter(document.status, document.error, document.warnings, document.timings, {}, [])
    for mention, entity_id in zip((m for s in document.sentences() for m in s.mentions), job.entity_ids):
        mention.entity_id = entity_id
    document.timings.pop("events", None)
    if not _timed(document, "events", events.annotate, resources, config):
        return Chapter(document.status, document.error, document.warnings, document.timings, {}, [])
    chapter = tables.write_chapter(document, job.stage, job.stage / tables.PARTS_DIR)
    if job.cache_folder:
        cache.store_chapter(
            job.cache_folder,
            name,
            {
                **chapter,
                "warnings": document.warnings,
                "timings": document.timings,
                "word_counts": document.word_counts,
            },
        )
    return Chapter("ok", "", document.warnings, document.timings, chapter["row"], document.word_counts)


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


def recorded_run(out: Path) -> tuple[Config, list[dict]]:
    """The options and the document list of the run that wrote `out` (defaults if none did): its
    user resources and stage policies, so a chapter's cache entry is found under the same name."""
    manifest = out / "manifest.json"
    if not manifest.exists():
        return DEFAULT, []
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    options = recorded.get("config", {})
    config = Config(
        use_cache=options.get("use_cache", True),
        lexicons=tuple(options.get("lexicons") or ()),
        user_dict=options.get("user_dict"),
        clean=_policy(CleanConfig, options.get("clean")),
        dates=_policy(DatesConfig, options.get("dates")),
        entities=_policy(EntitiesConfig, options.get("entities")),
        events=_policy(EventsConfig, options.get("events")),
    )
    return config, recorded.get("documents", [])


def _policy(kind: type[P], recorded: dict | None) -> P:
    """A stage policy from its manifest record (JSON lists back to tuples); defaults where absent."""
    known = {f.name for f in dataclasses.fields(kind)}
    values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in (recorded or {}).items()}
    return kind(**{k: v for k, v in values.items() if k in known})


def source_of(name: str, out: Path) -> tuple[Path, str] | None:
    """(file, doc_id) of a chapter given as a path or by its doc_id, as `out/manifest.json` records it."""
    _, documents = recorded_run(out)
    for entry in documents:
        if name in (entry["doc_id"], entry["source"]) and Path(entry["source"]).is_file():
            return Path(entry["source"]), entry["doc_id"]
    if Path(name).is_file():
        return Path(name), ingest.doc_id_for(Path(name))
    return None
