"""How the HTML report's time grows with the corpus: N chapters of tables made from one run's outputs.

    .venv/bin/python bench/report_speed.py [--out /tmp/report_out] [--n 10 50 200]

Runs the pipeline on corpus/ into OUT first if OUT has no tables. For each N, the tables of OUT are
copied N/2 times over (each copy's doc ids and every id built on them renamed, so every chapter is
distinct) into a scratch folder; then `stats.compute` and `report.render` are timed apart in this
process. The statistics use the segmentation cache, which holds every sentence text already. A
report built once per chapter from one split of the tables grows linearly: seconds per chapter
stay flat.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pipeline import report, stats, tables  # noqa: E402

ID_COLUMNS = ("doc_id", "sentence_id", "mention_id", "date_id", "event_id")


def replicated(out: Path, n: int, folder: Path) -> Path:
    """An outputs folder holding `n` chapters: the chapters of `out`, copied with renamed ids."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(out / ".cache", folder / ".cache", dirs_exist_ok=True)
    shutil.copy(out / "manifest.json", folder / "manifest.json")
    data = stats.read_tables(out)
    docs = list(data.documents["doc_id"])
    copies = -(-n // len(docs))
    for name in ("documents", "sentences", "footnotes", "entities", "dates", "events"):
        frame = getattr(data, name)
        pieces = []
        for k in range(copies):
            piece = frame.copy()
            for column in ID_COLUMNS:
                if column in piece:
                    piece[column] = piece[column].str.replace(r"^([^:]+)", rf"c{k:04d}_\1", regex=True)
            pieces.append(piece)
        merged = pd.concat(pieces, ignore_index=True)
        kept = {f"c{k // len(docs):04d}_{docs[k % len(docs)]}" for k in range(n)}
        tables.write_csv(merged[merged["doc_id"].isin(kept)], folder / f"{name}.csv")
    shutil.copy(out / "entity_index.csv", folder / "entity_index.csv")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "report_out")
    parser.add_argument("--n", type=int, nargs="+", default=[10, 50, 200])
    args = parser.parse_args()
    if not (args.out / "sentences.csv").exists():
        subprocess.run([sys.executable, "-m", "pipeline", "run", str(ROOT / "corpus"), "--out", str(args.out)])
    for n in args.n:
        with tempfile.TemporaryDirectory() as scratch:
            folder = replicated(args.out, n, Path(scratch) / "out")
            data = stats.read_tables(folder)
            started = time.perf_counter()
            frames = stats.compute(folder, data)
            computed = time.perf_counter()
            html = report.render(data, frames)
            rendered = time.perf_counter()
            print(
                f"{n:>5} chapters: stats {computed - started:6.2f}s  report {rendered - computed:6.2f}s "
                f"({(rendered - computed) / n * 1000:5.1f} ms per chapter, {len(html) / 1e6:.1f} MB)"
            )


if __name__ == "__main__":
    main()
