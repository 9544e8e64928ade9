"""Score the cleaner's evaluation matrix: every layout of `tests/fixtures/matrix*/`, from every text
extraction and from the PDF itself, with the project scorer (`../shared/eval/score.py`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipeline import run
from pipeline.config import Config

METRICS = ("body_cer", "footnote_marker_acc", "footnote_text_acc", "header_leaks", "footnote_leaks", "headings.f1")


def score_matrix(folder: Path, scorer: Path, work: Path) -> dict[str, dict[str, float]]:
    """Per cell (`<layout>.<extractor>`, and `<layout>.pdf` for PDF input): the clean figures."""
    inputs = sorted((folder / "inputs").glob("*.txt")) + sorted((folder / "pdf").glob("*.pdf"))
    out, view = work / f"out-{folder.name}", work / f"gold-{folder.name}"
    run(inputs, out, Config(use_cache=False, workers=1))
    view.mkdir(parents=True, exist_ok=True)
    for gold in (folder / "gold").iterdir():
        (view / gold.name).symlink_to(gold.resolve())
    for pdf in (folder / "pdf").glob("*.pdf"):  # the PDF's doc id is the layout; its gold is the layout's
        (view / pdf.stem).symlink_to((folder / "gold" / f"{pdf.stem}.pdftotext").resolve())
    report = work / f"scores-{folder.name}.json"
    command = [sys.executable, str(scorer), "--outputs", str(out), "--gold", str(view), "--json", str(report)]
    subprocess.run(command, capture_output=True, text=True, check=True)
    per_document = json.loads(report.read_text(encoding="utf-8"))["clean"]
    scores = {}
    for path in inputs:
        cell = path.stem if path.suffix == ".txt" else f"{path.stem}.pdf"
        figures = per_document[path.stem]
        scores[cell] = {name: float(_get(figures, name)) for name in METRICS}
    return scores


def _get(figures: dict, dotted: str) -> float:
    value: object = figures
    for part in dotted.split("."):
        assert isinstance(value, dict)
        value = value[part]
    assert isinstance(value, int | float)
    return float(value)


if __name__ == "__main__":  # python tests/matrix.py tests/fixtures/matrix: print the table
    import tempfile

    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as work:
        table = score_matrix(Path(sys.argv[1]), root.parent / "shared" / "eval" / "score.py", Path(work))
    print("| cell | " + " | ".join(METRICS) + " |")
    print("|---" * (len(METRICS) + 1) + "|")
    for cell, figures in table.items():
        print(f"| {cell} | " + " | ".join(f"{figures[m]:.4g}" for m in METRICS) + " |")
