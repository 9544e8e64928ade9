"""The batch: every chapter through the stages, then the corpus-level tables.

Per-document stages are cached by the file's content hash and the pipeline version, so re-running
after adding a chapter only processes the new one; corpus-level steps (entity linking, events,
tables) run over everything each time, so the tables always describe the whole corpus.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import pickle
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterable

from spacy.language import Language

from . import __version__, dates, entities, events, export, ingest, nlp as nlp_module, script, sentences, tables
from .clean import clean
from .model import Document

SUPPORTED_SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Config:
    """Options of a run, recorded in manifest.json.

    use_cache: reuse per-document results from `<out>/.cache` when the file and the pipeline
        version are unchanged (safe: the key is the content hash).
    formats: table formats besides the CSVs, which are always written: `parquet` (`parquet/*.parquet`)
        and `duckdb` (`corpus.duckdb`, every table in one database).
    excel: also write `excel/*.csv`, UTF-8 with BOM and formula-like cells neutralised, for spreadsheets.
    lexicons: user lexicon files or folders of `*.tsv` (format in README), added to the bundled ones.
    user_dict: a jieba user dictionary for words the segmenter should keep whole.
    """

    use_cache: bool = True
    formats: tuple[str, ...] = ("csv",)
    excel: bool = False
    lexicons: tuple[str, ...] = ()
    user_dict: str | None = None

    def resources_key(self) -> str:
        """A digest of the user resources' contents: cached chapters depend on them."""
        digest = hashlib.sha256()
        for name in (*self.lexicons, self.user_dict or ""):
            for path in sorted(Path(name).rglob("*.tsv")) if Path(name).is_dir() else [Path(name)]:
                if path.is_file():
                    digest.update(path.read_bytes())
        return digest.hexdigest()[:12]


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


def document_stages(nlp: Language) -> list[tuple[str, Callable[[Document], Document]]]:
    """The per-document stages in order; their results are cached per chapter."""
    return [
        ("clean", clean),
        ("sentences", sentences.split_sentences),
        ("script", script.convert_sentences),
        ("dates", dates.annotate),
        ("entities", partial(entities.annotate, nlp=nlp)),
    ]


def process(path: Path, nlp: Language) -> Document:
    """One file through the per-document stages; a failure becomes an error row."""
    started = time.perf_counter()
    document = ingest.read(path)
    document.timings["ingest"] = time.perf_counter() - started
    if document.status != "ok":
        return document
    document.script = script.detect_script(document.raw)
    for name, stage in document_stages(nlp):
        if not _timed(document, name, stage):
            return document
    if not document.blocks:
        document.status, document.error = "error", f"{path}: no body text was found after cleaning"
    return document


def _timed(document: Document, name: str, stage: Callable[[Document], Document]) -> bool:
    """Run one stage on one document, recording its time; a failure marks the document as an error."""
    started = time.perf_counter()
    try:
        stage(document)
    except Exception as error:  # one bad chapter must not stop the batch
        document.status = "error"
        document.error = (f"{document.source}: the {name} stage failed ({type(error).__name__}: {error}); "
                          "please report it")
        return False
    document.timings[name] = time.perf_counter() - started
    return True


def _cached(path: Path, cache: Path | None, nlp: Language, resources: str) -> Document:
    if cache is None:
        return process(path, nlp)
    key = ingest.content_key(path, f"{__version__}-{resources}")
    entry = cache / f"{key}.pickle"
    if entry.exists():
        try:
            document = pickle.loads(entry.read_bytes())
            document.source, document.doc_id = str(path), ingest.doc_id_for(path)
            return document
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            entry.unlink(missing_ok=True)
    document = process(path, nlp)
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
    nlp = nlp_module.load(config.lexicons, config.user_dict)
    resources = config.resources_key()
    documents = []
    for path in files:
        documents.append(_cached(path, cache, nlp, resources))
        if progress:
            progress(path)
    ok = [d for d in documents if d.status == "ok"]
    index = entities.link(ok, lexicon=nlp.get_pipe("entities").lexicon)
    for document in ok:
        document.timings.pop("events", None)
        _timed(document, "events", events.annotate)
    ok = [d for d in documents if d.status == "ok"]
    manifest = {
        "pipeline_version": __version__,
        "config": dataclasses.asdict(config),
        "documents": [{"doc_id": d.doc_id, "source": d.source, "sha256": d.sha256, "status": d.status,
                       "error": d.error, "stage_seconds": {k: round(v, 3) for k, v in d.timings.items()}}
                      for d in documents],
    }
    tables.write_all(documents, index, out, manifest)
    export.write_derived(out, config.formats, config.excel)
    return RunSummary(documents=len(documents), sentences=sum(len(list(d.sentences())) for d in ok),
                      footnotes=sum(len(d.footnotes) for d in ok),
                      errors=[d.error for d in documents if d.status != "ok"],
                      seconds=time.perf_counter() - started, out=out)


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


def annotate_one(path: Path, out: Path, config: Config = Config()) -> Document:
    """One chapter with every annotation, using the run's cache: for `pipeline show`."""
    nlp = nlp_module.load(config.lexicons, config.user_dict)
    cache = out / ".cache" if config.use_cache else None
    document = _cached(path, cache, nlp, config.resources_key())
    if document.status == "ok":
        entities.link([document], lexicon=nlp.get_pipe("entities").lexicon)
        _timed(document, "events", events.annotate)
    return document
