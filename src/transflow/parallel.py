"""Spreading per-article work over the machine's cores.

Work items are plain picklable values; each worker process opens the project once. Results come
back in the order of the items, so output never depends on the number of workers.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

from transflow.stamps import default_jobs

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves.
_MIN_ITEMS_PER_WORKER = 8


def map_items(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> list[R]:
    workers = min(jobs or default_jobs(), max(1, len(items) // _MIN_ITEMS_PER_WORKER))
    if workers <= 1:
        return [func(item) for item in items]
    import multiprocessing  # with the pool only: a run with little to do skips the import
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    chunk = max(1, len(items) // (workers * 8))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)
    try:
        return list(pool.map(func, items, chunksize=chunk))
    except BaseException:
        # Ctrl-C or an error in one item: drop the queued work instead of finishing it.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
