"""The data files under `pipeline/data/`: one reader for every stage's tab-separated tables."""
from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def read_tsv(path: str | Path) -> list[dict[str, str]]:
    """Rows of a tab-separated data file as dicts, cells stripped, missing cells ''.

    Lines starting with '#' are comments (each file names its source there); the first other line
    names the columns. A bare file name is looked up in `pipeline/data/`.
    """
    path = Path(path)
    if not path.is_absolute() and not path.exists():
        path = DATA / path
    lines = [line for line in path.read_text(encoding="utf-8-sig").splitlines()
             if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        cells = [cell.strip() for cell in line.split("\t")]
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows
