"""Publishing a run's outputs all at once: a lock, a staging folder, a swap, and `_SUCCESS`.

A run writes everything into a staging folder beside `outputs/` (`.outputs.staging-<pid>`), ends
by writing `_SUCCESS` there (every file's SHA-256), then swaps the folder in with two renames.
Readers therefore see the old complete set or the new one, never a mix, and files of an earlier run
that this run did not write (a DuckDB file, a removed chapter's clean text) are gone. The cache in
`outputs/.cache/` moves over with the swap. A kill between the two renames leaves the previous set
as `.outputs.old-<pid>`; the next run puts it back before it starts. A lock file beside the folder
keeps a second run from writing into the same one.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .tables import atomic_write

SUCCESS_FILE = "_SUCCESS"
KEPT_ACROSS_RUNS = (".cache",)
# Not listed in _SUCCESS: the log is still being written then, and `pipeline show` adds reading
# views later; neither is data.
UNLISTED = ("pipeline.log", "show")
MARKS_OF_OUR_OUTPUTS = ("manifest.json", SUCCESS_FILE, "documents.csv")


class OutputsLocked(Exception):
    """Another run holds the outputs folder."""


class ForeignFolder(Exception):
    """The outputs folder holds files this pipeline did not write; it is never replaced."""


def _sibling(out: Path, kind: str, pid: int | str = "") -> Path:
    return out.parent / f".{out.name}.{kind}{'-' if pid != '' else ''}{pid}"


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the lock of `out` for a run; a second run gets `OutputsLocked` naming the holder."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = _sibling(out, "lock")
    handle: IO[str] = open(path, "a+", encoding="utf-8")  # noqa: SIM115  (held for the whole run)
    try:
        try:
            # A POSIX record lock, not flock: it belongs to this process alone, so worker processes
            # forked from it do not hold it on after a kill -9 of the run.
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise OutputsLocked(f"{out}: another run (pid {holder}) is writing it; wait for it to finish") from None
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


def recover(out: Path) -> None:
    """Under the lock: put back a complete set a killed swap left aside, and remove orphan folders."""
    for old in sorted(out.parent.glob(f".{out.name}.old-*")):
        if not out.exists():
            old.rename(out)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for staging in out.parent.glob(f".{out.name}.staging-*"):
        shutil.rmtree(staging, ignore_errors=True)
    if out.is_dir():
        for orphan in out.rglob(".*.tmp"):  # temporary files of a killed atomic write
            orphan.unlink(missing_ok=True)


def staging_folder(out: Path) -> Path:
    """A fresh, empty staging folder for this run's outputs."""
    if out.exists() and not is_ours(out):
        raise ForeignFolder(
            f"{out}: holds files that are not outputs of this pipeline; choose a new or empty folder for --out"
        )
    stage = _sibling(out, "staging", os.getpid())
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    return stage


def is_ours(out: Path) -> bool:
    """An empty folder, or one a run of this pipeline wrote."""
    return out.is_dir() and (not any(out.iterdir()) or any((out / name).exists() for name in MARKS_OF_OUR_OUTPUTS))


def write_success(folder: Path) -> Path:
    """`_SUCCESS`: the SHA-256 of every published file, written last, so a reader can tell a complete set."""
    digests = {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != SUCCESS_FILE and not _kept(path.relative_to(folder))
    }
    target = folder / SUCCESS_FILE
    atomic_write(target, json.dumps({"files": digests}, ensure_ascii=False, indent=1) + "\n")
    return target


def _kept(relative: Path) -> bool:
    return bool(relative.parts) and relative.parts[0] in (*KEPT_ACROSS_RUNS, *UNLISTED)


def swap_in(stage: Path, out: Path) -> None:
    """Replace `out` by the complete `stage`, carrying the cache over."""
    for name in KEPT_ACROSS_RUNS:
        _merge_into(out / name, stage / name)
    old = _sibling(out, "old", os.getpid())
    if out.exists():
        out.rename(old)
    stage.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _merge_into(source: Path, target: Path) -> None:
    """Move what `source` holds into `target`, keeping `target`'s own entries (they are newer)."""
    if not source.is_dir():
        return
    if not target.exists():
        source.rename(target)
        return
    for item in source.iterdir():
        if (target / item.name).is_dir() and item.is_dir():
            _merge_into(item, target / item.name)
        elif not (target / item.name).exists():
            item.rename(target / item.name)


def verify(out: Path) -> list[str]:
    """Files of `out` missing, changed or unlisted against its `_SUCCESS` (empty: a complete set)."""
    listed = json.loads((out / SUCCESS_FILE).read_text(encoding="utf-8"))["files"]
    problems = [
        name
        for name, digest in listed.items()
        if not (out / name).is_file() or hashlib.sha256((out / name).read_bytes()).hexdigest() != digest
    ]
    present = {
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != SUCCESS_FILE and not _kept(p.relative_to(out))
    }
    return problems + sorted(present - set(listed))
