"""Spreading per-article work over the machine's cores.

Work items are plain picklable values; each worker process opens the project once. Results come
back in the order of the items, so output never depends on the number of workers.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Generator, Sequence
from types import FrameType
from typing import Any, TypeVar

from transflow.errors import TransflowError
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
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")
    chunk = max(1, len(items) // (workers * 8))
    with _Interrupts() as interrupts:
        pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_worker_ready, initargs=(os.getpid(),)
        )
        try:
            try:
                results = pool.map(func, items, chunksize=chunk)  # forks the workers
                interrupts.release()
                yield from results
            finally:
                interrupts.hold()
        except BrokenProcessPool:
            # A worker was killed (out of memory, by hand). The pool stops the others with a
            # SIGTERM, which they leave to the parent (see _worker_ready): kill them outright.
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.kill()
            raise TransflowError(
                "a worker process was stopped from outside (out of memory, or killed); "
                "files already written are complete: rerun to go on, with -j 1 to use less memory"
            ) from None
        finally:
            # The end, Ctrl-C, or an error in one item or the caller's: drop the queued work.
            pool.shutdown(wait=True, cancel_futures=True)


_INTERRUPTS = (signal.SIGINT, signal.SIGTERM)


class _Interrupts:
    """Ctrl-C and a kill (SIGTERM) while a pool runs. They wait while the pool starts and while
    it stops: one in the middle of either would leave it half made or half stopped, and the
    command waiting for ever on its workers (Ctrl-C reaches a worker being forked, a second
    Ctrl-C or ``timeout``'s double signal the parent as it stops). In between, the first one
    interrupts as usual, and the pool stops with the next ones waiting."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.holding = True
        self.held: list[int] = []
        self.previous: dict[int, Any] = {}

    def __enter__(self) -> _Interrupts:
        with contextlib.suppress(ValueError):  # not the main thread, where signals do not arrive
            for sig in _INTERRUPTS:
                self.previous[sig] = signal.signal(sig, self._arrived)
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)
        if self.held and not (kind and issubclass(kind, KeyboardInterrupt)):
            signal.raise_signal(self.held[0])  # it came as the pool stopped: it arrives now

    def _arrived(self, signum: int, frame: FrameType | None) -> None:
        if os.getpid() != self.pid:
            return  # in a worker not ready yet, which leaves interrupts to the parent
        if self.holding:
            self.held.append(signum)
        elif self.previous[signum] is not signal.SIG_IGN:
            self._interrupt(signum)

    def _interrupt(self, signum: int) -> None:
        self.holding = True  # first, so that the pool stops whatever comes next
        handler = self.previous[signum]
        if callable(handler):
            handler(signum, None)  # Python's Ctrl-C, the command's kill: KeyboardInterrupt
        raise KeyboardInterrupt

    def release(self) -> None:
        """Interrupts arrive as usual from now; one that waited arrives now."""
        self.holding = False
        if self.held:
            self._interrupt(self.held.pop(0))

    def hold(self) -> None:
        self.holding = True


def _worker_ready(parent: int) -> None:
    """Workers leave Ctrl-C and a kill (SIGTERM) to the parent, which stops the pool and
    reports once; a kill of the whole process group (a CI job cancelled) would otherwise end
    them in the middle of an item, and the pool with them. A worker ends with its parent, even
    one killed outright (``kill -9``), instead of waiting for ever for work."""
    for sig in _INTERRUPTS:
        signal.signal(sig, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        import ctypes

        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it ended before that
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
