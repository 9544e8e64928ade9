"""End-to-end benchmark: the whole pipeline over corpus/ without cache, time per stage and peak memory.

    .venv/bin/python bench/run.py [--repeat 3] [paths ...]

Speed and memory are measured here, never by timed unit tests.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from pipeline import Config, run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", default=["corpus"])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    totals, stages, characters = [], defaultdict(list), 0
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as out:
            started = time.perf_counter()
            run(args.paths, out, Config(use_cache=False))
            totals.append(time.perf_counter() - started)
            manifest = json.loads((Path(out) / "manifest.json").read_text(encoding="utf-8"))
            for document in manifest["documents"]:
                for stage, seconds in document["stage_seconds"].items():
                    stages[stage].append(seconds)
            characters = sum(len(Path(d["source"]).read_text(encoding="utf-8")) for d in manifest["documents"])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    median = statistics.median(totals)
    print(
        f"whole run      {median:6.2f} s  (median of {args.repeat}; first run includes loading)  "
        f"{characters / median:,.0f} chars/s"
    )
    for stage, seconds in stages.items():
        print(f"  {stage:12s} {sum(seconds) / args.repeat:6.2f} s per run")
    print(f"peak memory    {peak_mb:6.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
