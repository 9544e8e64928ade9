"""Chapters on every core: the per-chapter work in a process pool, results in input order.

Each worker holds one `Resources` (inherited from the parent where the platform forks, built once by
the initializer where it spawns) and takes one chapter per task; results come back in the order the
chapters were given, so the tables are byte-identical to a one-worker run. One worker, or one
chapter, runs in this process with no pool at all.

With `Config.scheduler` the same tasks go to a Dask cluster (`dask_cluster` starts a local one):
each Dask worker process builds its `Resources` once, at its first task, and results are gathered
in task order, so the tables are the same again.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
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
    if config.scheduler:
        yield from _dask_results(work, tasks, config)
        return
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


def _dask_results(
    work: Callable[[Task, Resources, Config], Result], tasks: list[Task], config: Config
) -> Iterator[Result]:
    """The tasks on the Dask scheduler `config.scheduler`, results in task order."""
    from distributed import Client

    with Client(config.scheduler, set_as_default=False) as client:
        futures = client.map(_on_dask_worker, [work] * len(tasks), tasks, [config] * len(tasks), pure=False)
        for future in futures:
            yield future.result()


def _on_dask_worker(work: Callable[[Task, Resources, Config], Result], task: Task, config: Config) -> Result:
    return work(task, shared(config.lexicons, config.user_dict), config)


@contextmanager
def dask_cluster(config: Config) -> Iterator[Config]:
    """`config` itself, or, for `scheduler="local"`, a copy naming a Dask cluster of `workers`
    processes (one thread each: a worker runs one chapter at a time) started for the run."""
    if config.scheduler != "local":
        yield config
        return
    try:
        from distributed import LocalCluster
    except ImportError as error:
        raise RuntimeError("--dask needs the dask extra: pip install 'pipeline[dask]'") from error
    workers = config.workers or os.cpu_count() or 1
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield dataclasses.replace(config, scheduler=cluster.scheduler_address)
