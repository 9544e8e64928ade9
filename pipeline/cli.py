"""The `pipeline` command: a thin layer over the Python API."""

from __future__ import annotations

import logging
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import export

if TYPE_CHECKING:
    from .config import Config
    from .runner import RunSummary

EXIT_DOCUMENTS_FAILED = 1  # some documents got error rows (unless --allow-errors)
EXIT_OUTPUTS_UNAVAILABLE = 3  # the outputs could not be written: locked, foreign folder, disk full, permissions

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Turn Chinese scholarly chapters into clean text, annotations and event tables.",
)
console = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long
FORMAT_HELP = "Table formats, comma-separated: csv (always written), parquet, duckdb."
EXCEL_HELP = "Also write excel/*.csv: UTF-8 with BOM, formula-like cells neutralised."
LEXICON_HELP = "A user lexicon file or folder of *.tsv files (label, name_en, aliases); repeatable."
DASK_HELP = "Spread the chapters over a local Dask cluster of --workers processes (needs the dask extra)."
SCHEDULER_HELP = (
    "Address of a running Dask scheduler (tcp://host:8786) whose workers process the chapters; "
    "the workers must see the input files and the output folder."
)
WORKERS_HELP = "Processes to spread the chapters over (0: one per core); the tables are the same for any number."
ALLOW_ERRORS_HELP = "Exit 0 even when some documents failed (they still get error rows in documents.csv)."
VERBOSE_HELP = "Print the run's log (each chapter, cache hits, failures with tracebacks) to the terminal."
USER_DICT_HELP = "A jieba user dictionary (UTF-8): one word per line, optionally followed by a frequency and a tag."


@app.command()
def run(
    paths: list[Path] | None = typer.Argument(None, help="Files or folders (default: corpus/)."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder."),
    cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse results of unchanged chapters."),
    formats: str = typer.Option("csv", "--format", help=FORMAT_HELP),
    excel: bool = typer.Option(False, "--excel", help=EXCEL_HELP),
    lexicon: list[Path] | None = typer.Option(None, "--lexicon", help=LEXICON_HELP),
    user_dict: Path | None = typer.Option(None, "--user-dict", help=USER_DICT_HELP),
    verbose: bool = typer.Option(False, "--verbose", "-v", help=VERBOSE_HELP),
    allow_errors: bool = typer.Option(False, "--allow-errors", help=ALLOW_ERRORS_HELP),
    workers: int = typer.Option(0, "--workers", "-j", min=0, help=WORKERS_HELP),
    dask: bool = typer.Option(False, "--dask", help=DASK_HELP),
    scheduler: str = typer.Option("", "--scheduler", help=SCHEDULER_HELP),
):
    """Process every chapter and write the tables into OUT."""
    from . import runner

    if verbose:
        _log_to_terminal()

    chosen = _formats(formats)
    files = runner.discover(paths or [Path("corpus")])
    config = runner.Config(
        use_cache=cache,
        formats=chosen,
        excel=excel,
        # Absolute, so that `pipeline show` finds them from any folder through manifest.json.
        lexicons=tuple(str(p.resolve()) for p in lexicon or ()),
        user_dict=str(user_dict.resolve()) if user_dict else None,
        workers=workers,
        scheduler=scheduler or ("local" if dask else ""),
    )
    summary = _run_with_progress(runner, files, out, config)
    for error in summary.errors:
        console.print(f"[red]error[/red] {escape(error)}")
    console.print(
        f"{summary.documents} documents, {summary.sentences} sentences, {summary.footnotes} footnotes, "
        f"{len(summary.errors)} errors in {summary.seconds:.1f}s -> {summary.out}/"
    )
    if summary.errors and not allow_errors:
        console.print(f"{len(summary.errors)} of {summary.documents} documents failed (exit status 1)")
        raise typer.Exit(EXIT_DOCUMENTS_FAILED)


def _run_with_progress(runner: ModuleType, files: list[Path], out: Path, config: Config) -> RunSummary:
    """`runner.run` under one progress bar; a run that cannot publish its outputs ends in one line."""
    from .publish import ForeignFolder, OutputsLocked

    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=False,
        ) as bar:
            task = bar.add_task("chapters", total=len(files))
            return runner.run(files, out, config, progress=lambda p: bar.update(task, advance=1, description=p.name))
    except (OutputsLocked, ForeignFolder) as error:
        console.print(f"[red]error[/red] {escape(str(error))}")
        raise typer.Exit(EXIT_OUTPUTS_UNAVAILABLE) from None
    except OSError as error:
        console.print(
            f"[red]error[/red] cannot write the outputs to {out} ({error.strerror or error}); "
            "free disk space, fix the folder's permissions or choose another --out. The previous outputs are unchanged."
        )
        raise typer.Exit(EXIT_OUTPUTS_UNAVAILABLE) from None


@app.command()
def stats(
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder of an earlier run."),
    formats: str = typer.Option("csv", "--format", help=FORMAT_HELP),
    excel: bool = typer.Option(False, "--excel", help=EXCEL_HELP),
):
    """Recompute OUT/stats/ and OUT/report.html from the tables in OUT, without re-running the pipeline."""
    chosen = _formats(formats)
    if not (out / "sentences.csv").exists():
        console.print(f"[red]error[/red] {out}/sentences.csv not found; run `pipeline run --out {out}` first")
        raise typer.Exit(1)
    paths = export.write_derived(out, chosen, excel)
    console.print(f"{len(paths)} files written -> {out}/")


@app.command()
def show(
    document: str = typer.Argument(..., help="A chapter file, or the doc_id of one in OUT's manifest."),
    out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder."),
):
    """Render a chapter with entities and dates highlighted and its events listed: OUT/show/<doc_id>.html."""
    from . import runner
    from . import show as show_module
    from .tables import atomic_write

    found = runner.source_of(document, out)
    if found is None:
        console.print(
            f"[red]error[/red] {document}: no such file, and no chapter with that doc_id in {out}/manifest.json"
        )
        raise typer.Exit(1)
    path, doc_id = found
    chapter, from_tables = show_module.load_chapter(path, out, doc_id)
    if chapter.status != "ok":
        console.print(f"[red]error[/red] {chapter.error}")
        raise typer.Exit(1)
    target = out / "show" / f"{chapter.doc_id}.html"
    atomic_write(target, show_module.render(chapter))
    origin = "from the run's tables" if from_tables else f"not in the tables of {out}: annotated on its own"
    console.print(
        f"{sum(len(s.events) for s in chapter.sentences())} events, "
        f"{sum(len(s.mentions) for s in chapter.sentences())} mentions ({origin}) -> {target}"
    )


def _log_to_terminal() -> None:
    """Show the package's INFO records on stderr, tracebacks included."""
    from rich.logging import RichHandler

    handler = RichHandler(console=console, show_path=False, rich_tracebacks=True)
    handler.setLevel(logging.INFO)
    package = logging.getLogger("pipeline")
    package.addHandler(handler)
    package.setLevel(logging.INFO)


def _formats(value: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(name.strip().lower() for name in value.split(",") if name.strip()))
    unknown = [name for name in chosen if name not in export.FORMATS]
    if unknown:
        raise typer.BadParameter(
            f"unknown format {', '.join(unknown)}; choose from {', '.join(export.FORMATS)}", param_hint="--format"
        )
    return chosen


@app.command()
def version():
    """Print the pipeline version."""
    from . import __version__

    typer.echo(__version__)
