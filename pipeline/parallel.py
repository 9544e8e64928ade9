"""Chapters on every core: the per-chapter work in a process pool, results in input order.

Each worker holds one `Resources` (inherited from the parent where the platform forks, built once by
the initializer where it spawns) and takes one chapter per task; results come back in the order the
chapters were given, so the tables are byte-identical to a one-worker run. One worker, or one
chapter, runs in this process with no pool at all.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from .config import Config
from .resources import Resources, shared

Task = TypeVar("Task")
Result = TypeVar("Result")

_WORKER: dict[str, object] = {}  # this worker process's Resources and Config, set by `_start_worker`


def worker_count(config: Config, tasks: int) -> int:
    """`config.workers`, 0 meaning every core, never more than there are tasks."""
    wanted = config.workers or os.cpu_count() or 1
    return max(1, min(wanted, tasks))


def run_each(
    work: Callable[[Task, Resources, Config], Result],
    tasks: list[Task],
    config: Config,
    done: Callable[[Task], None] | None = None,
) -> list[Result]:
    """`work(task, resources, config)` for every task, on `worker_count` processes, in task order."""
    results = []
    for task, result in zip(tasks, _results(work, tasks, config)):
        results.append(result)
        if done:
            done(task)
    return results


def _results(work: Callable[[Task, Resources, Config], Result], tasks: list[Task], config: Config) -> Iterator[Result]:
    resources = shared(config.lexicons, config.user_dict)  # built before a fork, so workers inherit it
    workers = worker_count(config, len(tasks))
    if workers == 1:
        yield from (work(task, resources, config) for task in tasks)
        return
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start_worker,
        initargs=(config,),
    ) as pool:
        yield from pool.map(_call, [(work, task) for task in tasks], chunksize=1)


def _start_worker(config: Config) -> None:
    _WORKER["resources"] = shared(config.lexicons, config.user_dict)
    _WORKER["config"] = config


def _call(job: tuple[Callable[[Task, Resources, Config], Result], Task]) -> Result:
    work, task = job
    resources = _WORKER["resources"]
    config = _WORKER["config"]
    assert isinstance(resources, Resources) and isinstance(config, Config)
    return work(task, resources, config)
