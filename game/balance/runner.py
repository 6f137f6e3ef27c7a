"""Run many seeded games: in this process, on the local cores (joblib), or on a Dask cluster.

Each game depends only on the scenario's bytes, its seed and the seat mode, and the records come
back in seed order whatever finished first, so the results are the same for any number of
workers and any backend. Seeds are cut into batches (a few per worker, so that the progress bar
moves and a slow batch does not hold the others up); the scenario goes to the workers as the
file's bytes, and each worker builds it once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from game.balance.games import play_batch
from game.core.errors import ParleyError

Progress = Callable[[int], None]  # called with the number of games just finished


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
              scheduler: str | None = None, progress: Progress | None = None) -> list[dict[str, Any]]:
    """The records of the games with these seeds, in seed order."""
    tick = progress or (lambda n: None)
    if scheduler:
        return _on_cluster(data, filename, seeds, mode, scheduler, tick)
    if workers <= 1 or len(seeds) <= 1:
        out: list[dict[str, Any]] = []
        for chunk in batches(seeds, 1):
            out += play_batch(data, filename, chunk, mode)
            tick(len(chunk))
        return out
    return _on_pool(data, filename, seeds, mode, workers, tick)


def _on_pool(data: bytes, filename: str, seeds: Sequence[int], mode: str, workers: int,
             tick: Progress) -> list[dict[str, Any]]:
    from joblib import Parallel, delayed

    out: list[dict[str, Any]] = []
    # return_as="generator" yields the batches in order as they finish, so progress can be shown
    pool = Parallel(n_jobs=workers, backend="loky", return_as="generator")
    for records in pool(delayed(play_batch)(data, filename, chunk, mode) for chunk in batches(seeds, workers)):
        out += records
        tick(len(records))
    return out


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
