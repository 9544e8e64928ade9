"""Throughput of the spaCy pipeline (`pipeline.load()`): characters per second through `nlp.pipe`.

    .venv/bin/python bench/nlp_throughput.py [corpus] [--repeat 3]

Each line of each corpus file is one text, as sentences and paragraphs reach `nlp.pipe` in a run.
Reports the one-off build time of the Language, then per repeat the characters per second of the
tokenizer alone and of the whole pipeline (tokenizer, entities, dates).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.nlp import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default="corpus", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    texts = [
        line.strip()
        for path in sorted(args.corpus.glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    characters = sum(map(len, texts))

    started = time.perf_counter()
    nlp = load()
    print(f"build   {time.perf_counter() - started:6.2f} s  ({len(texts)} texts, {characters} characters)")
    for run in range(1, args.repeat + 1):
        started = time.perf_counter()
        for _ in nlp.tokenizer.pipe(texts):
            pass
        tokenizer = time.perf_counter() - started
        started = time.perf_counter()
        mentions = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=256))
        full = time.perf_counter() - started
        print(
            f"run {run}   tokenizer {characters / tokenizer:9,.0f} chars/s   "
            f"pipeline {characters / full:9,.0f} chars/s   ({mentions} entities)"
        )


if __name__ == "__main__":
    main()
