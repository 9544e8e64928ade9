"""Whole-run scaling: N distinct chapters made from corpus/, run through the pipeline.

    .venv/bin/python bench/scale.py [--n 10 100 1000] [--workers 0] [--incremental]

Each chapter is a corpus chapter with a seeded share of its Han characters replaced by other Han
characters of the same chapter, so the layout (lines, page furniture, notes) is kept, every chapter
is distinct and none is a cache hit. Each N runs in a fresh process and prints: characters, wall and
CPU seconds (the process and its workers), characters per second, the ratio to bare `jieba.cut`
over the same text measured in the same process on one core (the mean of its rate just before and
just after the run, since the machine is shared), and peak RSS. `--incremental` adds
one new chapter to the N-chapter corpus and re-runs with the warm cache.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HAN = re.compile(r"[\u4e00-\u9fff]")
MUTATED_SHARE = 0.03


def make_corpus(folder: Path, n: int, first_seed: int = 0) -> int:
    """Write `n` distinct chapters into `folder`; the number of characters written."""
    sources = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for k in range(first_seed, first_seed + n):
        text = sources[k % len(sources)]
        rng = random.Random(k)
        pool = HAN.findall(text)
        chars = list(text)
        for i, char in enumerate(chars):
            if HAN.match(char) and rng.random() < MUTATED_SHARE:
                chars[i] = rng.choice(pool)
        chapter = "".join(chars)
        (folder / f"ch{k:05d}.txt").write_text(chapter, encoding="utf-8")
        total += len(chapter)
    return total


def jieba_rate(folder: Path) -> float:
    """Characters per second of bare `jieba.cut` over the chapters, one core, this process."""
    import jieba

    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))[:20]]
    jieba.initialize()
    started = time.perf_counter()
    for text in texts:
        list(jieba.cut(text))
    return sum(map(len, texts)) / (time.perf_counter() - started)


def one(n: int, workers: int, incremental: bool) -> dict:
    from pipeline import run
    from pipeline.config import Config

    with tempfile.TemporaryDirectory() as work:
        corpus, out = Path(work) / "corpus", Path(work) / "out"
        characters = make_corpus(corpus, n)
        before = jieba_rate(corpus)
        cpu0, wall0 = _cpu(), time.perf_counter()
        run([corpus], out, Config(workers=workers))
        wall, cpu = time.perf_counter() - wall0, _cpu() - cpu0
        baseline = (before + jieba_rate(corpus)) / 2  # the machine is shared: the rate before and after the run
        row = {"n": n, "chars": characters, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
               "chars_per_s": round(characters / wall), "ratio_to_jieba": round(characters / wall / baseline, 3),
               "peak_rss_mb": round(_peak_rss_mb())}  # fmt: skip
        if incremental:
            make_corpus(corpus, 1, first_seed=n)
            wall0 = time.perf_counter()
            run([corpus], out, Config(workers=workers))
            row["incremental_wall_s"] = round(time.perf_counter() - wall0, 1)
    return row


def _cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _peak_rss_mb() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return max(own.ru_maxrss, children.ru_maxrss) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--incremental", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(args.one, args.workers, args.incremental)))
        return 0
    print("| N | chars | wall s | CPU s | chars/s | ratio to jieba.cut | peak RSS MB | incremental s |")
    print("|---|---|---|---|---|---|---|---|")
    for n in args.n:
        command = [sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)]
        command += ["--incremental"] if args.incremental else []
        row = json.loads(subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()[-1])
        print(f"| {row['n']} | {row['chars']:,} | {row['wall_s']} | {row['cpu_s']} | {row['chars_per_s']:,} | "
              f"{row['ratio_to_jieba']} | {row['peak_rss_mb']} | {row.get('incremental_wall_s', '')} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
