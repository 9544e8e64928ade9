"""How long `pipeline stats` takes on the outputs of corpus/ (the bar: under 2 seconds).

    .venv/bin/python bench/stats_speed.py [--out /tmp/stats_out] [--repeat 5]

Runs the pipeline into OUT first if OUT has no tables. Times the command as a user runs it (a new
process, imports included): warm, with the segmentation cache a run leaves in OUT/.cache, and cold,
on a copy of OUT without that cache. Also times the Python import alone, the floor under any command.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIPELINE = [sys.executable, "-m", "pipeline"]


def timed(command: list[str], repeat: int) -> list[float]:
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
        seconds.append(time.perf_counter() - started)
    return seconds


def report(name: str, seconds: list[float]) -> None:
    print(
        f"{name:<34} median {statistics.median(seconds):.2f}s  min {min(seconds):.2f}s  max {max(seconds):.2f}s"
        f"  ({len(seconds)} runs)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "stats_out")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not (args.out / "sentences.csv").exists():
        subprocess.run(PIPELINE + ["run", str(ROOT / "corpus"), "--out", str(args.out)], check=True, cwd=ROOT)
    report("import pipeline.cli", timed([sys.executable, "-c", "import pipeline.cli"], args.repeat))
    report("pipeline stats (warm cache)", timed(PIPELINE + ["stats", "--out", str(args.out)], args.repeat))
    cold = []
    with tempfile.TemporaryDirectory() as scratch:
        for _ in range(args.repeat):
            copy = Path(scratch) / "out"
            shutil.rmtree(copy, ignore_errors=True)
            shutil.copytree(args.out, copy, ignore=shutil.ignore_patterns("segments-*.pickle"))
            cold += timed(PIPELINE + ["stats", "--out", str(copy)], 1)
    report("pipeline stats (no segment cache)", cold)
    report(
        "pipeline stats --format parquet,duckdb",
        timed(PIPELINE + ["stats", "--out", str(args.out), "--format", "csv,parquet,duckdb"], args.repeat),
    )


if __name__ == "__main__":
    main()
