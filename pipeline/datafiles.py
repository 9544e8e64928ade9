"""The data files under `pipeline/data/`: one reader for every stage's tables, and a digest of the
package's code and data that cached results are keyed on."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).parent
DATA = PACKAGE / "data"


def read_tsv(path: str | Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file as dicts, cells stripped, missing cells ''.

    Lines starting with '#' are comments (each file names its source there); the first other line
    names the columns. A bare file name is looked up in `pipeline/data/`.
    """
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        path = DATA / path
    lines = [
        line for line in path.read_text(encoding="utf-8-sig").splitlines() if line.strip() and not line.startswith("#")
    ]
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("\t")]
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


def read_words(path: str | Path) -> list[str]:
    """The non-comment, non-empty lines of a one-word-per-line data file, stripped."""
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        path = DATA / path
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@cache
def code_digest() -> str:
    """SHA-256 over every source and data file of the package: a cached chapter is valid only for
    the exact code and data that made it, so editing a rule or a lexicon row invalidates it.
    Computed once per process (the package does not change under a running process)."""
    return tree_digest(PACKAGE)


def tree_digest(root: Path) -> str:
    """SHA-256 over the relative paths and bytes of every file under `root`, caches excluded."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()
