"""Run many seeded games: in this process, on the local cores, or on a Dask cluster.

Each game depends only on the scenario's bytes, its seed and the seat mode, and the records come
back in seed order whatever finished first, so the results are the same for any number of
workers and any backend. Seeds are cut into batches (a few per worker, so that the progress bar
moves and a slow batch does not hold the others up); the scenario goes to the workers as the
file's bytes, and each worker builds it once.

The local pool forks this process where the system allows it safely (Linux): the workers start
with the scenario built and the engine and the computer actors imported, in milliseconds. Where
it does not (macOS, Windows), joblib's loky pool starts fresh interpreters, which costs about a
second of CPU before the first game. ``run_modes`` plays several seat modes (``balance`` plays
its games and as many with random play) in one pool, the quick random batches last, so that no
core waits between them.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from game.balance.games import play_batch, play_known, remember_bytes
from game.core.errors import ParleyError

Progress = Callable[[int], None]  # called with the number of games just finished
POOLS = ("auto", "fork", "loky")


def batches(seeds: Sequence[int], workers: int) -> list[list[int]]:
    """The seeds cut into consecutive batches: about eight per worker, at most 25 games each."""
    size = max(1, min(25, len(seeds) // max(1, workers * 8)))
    return [list(seeds[i:i + size]) for i in range(0, len(seeds), size)]


def local_cores() -> int:
    """How many cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def run_games(data: bytes, filename: str, seeds: Sequence[int], mode: str, workers: int = 1,
              scheduler: str | None = None, progress: Progress | None = None,
              pool: str = "auto") -> list[dict[str, Any]]:
    """The records of the games with these seeds, in seed order."""
    return run_modes(data, filename, seeds, (mode,), workers, scheduler, progress, pool)[mode]


def run_modes(data: bytes, filename: str, seeds: Sequence[int], modes: Sequence[str], workers: int = 1,
              scheduler: str | None = None, progress: Progress | None = None,
              pool: str = "auto") -> dict[str, list[dict[str, Any]]]:
    """For each seat mode, the records of the games with these seeds in seed order. ``pool``:
    the local pool, "fork" or "loky" ("auto": fork where the system allows it)."""
    tick = progress or (lambda n: None)
    if scheduler:
        return {mode: _on_cluster(data, filename, seeds, mode, scheduler, tick) for mode in modes}
    if workers <= 1 or len(seeds) <= 1:
        out: dict[str, list[dict[str, Any]]] = {}
        for mode in modes:
            out[mode] = []
            for chunk in batches(seeds, 1):
                out[mode] += play_batch(data, filename, chunk, mode)
                tick(len(chunk))
        return out
    tasks = [(mode, chunk) for mode in modes for chunk in batches(seeds, workers)]
    run = _on_fork if _pool_kind(pool) == "fork" else _on_loky
    out = {mode: [] for mode in modes}
    for (mode, _), records in zip(tasks, run(data, filename, tasks, workers), strict=True):
        out[mode] += records
        tick(len(records))
    return out


def _pool_kind(pool: str) -> str:
    if pool not in POOLS:
        raise ValueError(f"pool must be one of {', '.join(POOLS)}")
    if pool == "auto":
        # fork copies this process as it is: safe on Linux; macOS's system libraries are not fork-safe
        return "fork" if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() \
            else "loky"
    return pool


def _on_fork(data: bytes, filename: str, tasks: list[tuple[str, list[int]]], workers: int):
    """The tasks' records in order, as they finish, from a pool of forks of this process."""
    import gc
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import game.ai.agent  # the computer actors imported once, here, rather than in every worker
    import game.ai.baselines  # noqa: F401

    key = remember_bytes(data, filename)  # built once, here: every fork starts with it, and with the bytes
    context = multiprocessing.get_context("fork")
    # what the forks inherit stays out of their collections: its pages stay shared, untouched (no full
    # collection first: after loading there is next to nothing to free, and it took 20 ms of the start)
    gc.freeze()
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as ex:
            # each task names the scenario by its content hash, not by its bytes (which the forks have)
            futures = [ex.submit(play_known, key, filename, chunk, mode) for mode, chunk in tasks]
            try:
                for future in futures:
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()
    except BrokenProcessPool as err:
        raise ParleyError(f"{filename}: a worker process stopped ({err}); try --workers 1") from None
    finally:
        gc.unfreeze()


def _on_loky(data: bytes, filename: str, tasks: list[tuple[str, list[int]]], workers: int):
    from joblib import Parallel, delayed

    # return_as="generator" yields the batches in order as they finish, so progress can be shown
    pool = Parallel(n_jobs=workers, backend="loky", return_as="generator")
    yield from pool(delayed(play_batch)(data, filename, chunk, mode) for mode, chunk in tasks)


def _on_cluster(data: bytes, filename: str, seeds: Sequence[int], mode: str, address: str,
                tick: Progress) -> list[dict[str, Any]]:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise ParleyError("--scheduler needs Dask: pip install -e \".[cluster]\" (on this machine and the "
                          "cluster's workers)") from None
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as err:
        raise ParleyError(f"cannot reach the Dask scheduler at {address}: {err}") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        chunks = batches(seeds, workers)
        shared = client.scatter(data, broadcast=True)
        futures = [client.submit(play_batch, shared, filename, chunk, mode, pure=False) for chunk in chunks]
        for future in as_completed(futures):
            tick(len(chunks[futures.index(future)]))
        out: list[dict[str, Any]] = []
        for future in futures:
            out += future.result()
        return out
    finally:
        client.close()
