"""The `pipeline` command: a thin layer over the Python API."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from . import runner

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Turn Chinese scholarly chapters into clean text, annotations and event tables.")
console = Console(stderr=True)


@app.command()
def run(paths: Optional[List[Path]] = typer.Argument(None, help="Files or folders (default: corpus/)."),
        out: Path = typer.Option(Path("outputs"), "--out", "-o", help="Output folder."),
        cache: bool = typer.Option(True, "--cache/--no-cache", help="Reuse results of unchanged chapters.")):
    """Process every chapter and write the tables into OUT."""
    files = runner.discover(paths or [Path("corpus")])
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=False) as bar:
        task = bar.add_task("chapters", total=len(files))
        summary = runner.run(files, out, runner.Config(use_cache=cache),
                             progress=lambda path: bar.update(task, advance=1, description=path.name))
    for error in summary.errors:
        console.print(f"[red]error[/red] {error}")
    console.print(f"{summary.documents} documents, {summary.sentences} sentences, {summary.footnotes} footnotes, "
                  f"{len(summary.errors)} errors in {summary.seconds:.1f}s -> {summary.out}/")


@app.command()
def version():
    """Print the pipeline version."""
    from . import __version__
    typer.echo(__version__)
