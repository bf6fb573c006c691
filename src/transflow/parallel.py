"""Spreading per-article work over the machine's cores.

Work items are plain picklable values; each worker process opens the project once. Results come
back in the order of the items, so output never depends on the number of workers.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Generator, Sequence
from typing import TypeVar

from transflow.stamps import default_jobs

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves.
_MIN_ITEMS_PER_WORKER = 8


def map_items(func: Callable[[T], R], items: Sequence[T], jobs: int | None = None) -> list[R]:
    with contextlib.closing(iter_items(func, items, jobs)) as results:
        return list(results)


def iter_items(
    func: Callable[[T], R], items: Sequence[T], jobs: int | None = None
) -> Generator[R, None, None]:
    """``func`` of each item, in the items' order, each as soon as it and those before are done,
    so the caller can write one result while the workers make the next ones. Close the iterator
    (``contextlib.closing``) when leaving early: that stops the pool and drops the queued work."""
    workers = min(jobs or default_jobs(), max(1, len(items) // _MIN_ITEMS_PER_WORKER))
    if workers <= 1:
        for item in items:
            yield func(item)
        return
    import multiprocessing  # with the pool only: a run with little to do skips the import
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    chunk = max(1, len(items) // (workers * 8))
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupts)
    try:
        yield from pool.map(func, items, chunksize=chunk)
    except BaseException:
        # Ctrl-C, an error in one item or the caller's: drop the queued work, do not finish it.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C and a kill to the parent, which stops the pool and reports once. A
    worker stopped by a kill of the whole process group (a CI job cancelled) could die holding
    the pool's queue, and the parent would wait for it for ever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
