"""Speed of PDF input: pages per second per core for reading the typeset fixtures from their layout,
against the rest of the pipeline on the same documents, in the same process.

    .venv/bin/python bench/pdf_speed.py [PDF ...] [--repeat 5]

"read" is `ingest.read` on the PDF (pypdfium2 characters -> lines -> layout -> blocks and notes);
"rest" is the per-document stages after it (sentences, script, dates, entities; the clean stage
returns at once for a PDF) plus events. Single-threaded, so the rates are per core. The ratio says
how much of a PDF chapter's time the reading takes.
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import entities, events, ingest, runner  # noqa: E402
from pipeline.config import DEFAULT  # noqa: E402
from pipeline.resources import shared  # noqa: E402

FIXTURES = [ROOT / "tests" / "fixtures" / name / "chapter.pdf" for name in ("typeset", "typeset2")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pdfs", nargs="*", type=Path, default=FIXTURES)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    resources = shared(DEFAULT.lexicons, DEFAULT.user_dict)
    for path in args.pdfs:
        document = ingest.read(path)  # warm-up (imports, first page)
        pages = len(document.pages)
        started = time.perf_counter()
        for _ in range(args.repeat):
            document = ingest.read(path)
        read = (time.perf_counter() - started) / args.repeat
        rest = 0.0
        for _ in range(args.repeat):
            work = copy.deepcopy(document)
            started = time.perf_counter()
            for _, stage in runner.document_stages():
                stage(work, resources, DEFAULT)
            entities.link([work], resources, DEFAULT)
            events.annotate(work, resources, DEFAULT)
            rest += time.perf_counter() - started
        rest /= args.repeat
        print(
            f"{path.parent.name}/{path.name}: {pages} pages, {len(document.raw)} chars | "
            f"read {read:.3f} s = {pages / read:.0f} pages/s | rest of the pipeline {rest:.3f} s = "
            f"{pages / rest:.1f} pages/s | read/rest = {read / rest:.3f}"
        )


if __name__ == "__main__":
    main()
