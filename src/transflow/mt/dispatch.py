"""Send texts to a remote engine: ``concurrency`` workers, retries with backoff, a breaker.

Each worker thread builds its own translator (a provider object and a connection) per target
language, because deep-translator's provider objects keep per-request state. A 429, a 5xx, a
timeout or a lost connection is retried after ``backoff`` × 2^n seconds (with jitter, or what
Retry-After says), at most ``retries`` times. After ``GIVE_UP_AFTER`` texts in a row have failed,
or one fatal failure (a refused key, a used-up quota), the engine stops for this run and what is
left goes to the next engine of the chain. Workers are daemon threads that never touch files:
the caller consumes replies in its own thread, so Ctrl-C stops the run at once.
"""

from __future__ import annotations

import queue
import random
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from transflow.mt.engine import RemoteEngine, SendError, Translator

GIVE_UP_AFTER = 8
MAX_DELAY = 30.0


@dataclass(frozen=True)
class Request:
    target: str
    text: str


@dataclass(frozen=True)
class Reply:
    request: Request
    answer: str | None
    error: str | None
    attempts: int  # requests sent for this text, retries included


class _Breaker:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._in_a_row = 0
        self.reason: str | None = None

    def success(self) -> None:
        with self._lock:
            self._in_a_row = 0

    def failure(self, message: str) -> None:
        with self._lock:
            self._in_a_row += 1
            if self._in_a_row >= GIVE_UP_AFTER and self.reason is None:
                self.reason = f"stopped after {GIVE_UP_AFTER} failures in a row ({message})"

    def trip(self, message: str) -> None:
        with self._lock:
            if self.reason is None:
                self.reason = f"stopped: {message}"


class Dispatcher:
    def __init__(
        self,
        engine: RemoteEngine,
        source: str,
        requests: Sequence[Request],
        on_answer: Callable[[Reply], None] | None = None,
    ) -> None:
        self.engine = engine
        self.source = source
        # Called in the worker's thread with each answer as it arrives (to cache it at once).
        self._on_answer = on_answer
        self._todo: queue.SimpleQueue[Request] = queue.SimpleQueue()
        for request in requests:
            self._todo.put(request)
        self._count = len(requests)
        self._done: queue.SimpleQueue[Reply] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._breaker = _Breaker()
        workers = min(engine.options.concurrency, len(requests))
        self._threads = [
            threading.Thread(target=self._work, name=f"mt-{engine.name}-{i}", daemon=True)
            for i in range(workers)
        ]

    @property
    def stopped_because(self) -> str | None:
        return self._breaker.reason

    def replies(self, tick: float = 0.2) -> Iterator[Reply | None]:
        """Every reply as it arrives; None after ``tick`` seconds without one."""
        for thread in self._threads:
            thread.start()
        remaining = self._count
        while remaining:
            try:
                reply = self._done.get(timeout=tick)
            except queue.Empty:
                yield None
                continue
            remaining -= 1
            yield reply

    def close(self) -> None:
        """Stop sending: workers finish the request in flight and leave."""
        self._stop.set()

    def _work(self) -> None:
        translators: dict[str, Translator] = {}
        while True:
            try:
                request = self._todo.get_nowait()
            except queue.Empty:
                return
            reply = self._send(translators, request)
            if reply.answer is not None and self._on_answer is not None:
                self._on_answer(reply)
            self._done.put(reply)

    def _send(self, translators: dict[str, Translator], request: Request) -> Reply:
        attempts = 0
        while True:
            if self._stop.is_set():
                return Reply(request, None, "interrupted", attempts)
            if self._breaker.reason:
                return Reply(request, None, self._breaker.reason, attempts)
            attempts += 1
            try:
                translate = translators.get(request.target)
                if translate is None:
                    translate = self.engine.translator(self.source, request.target)
                    translators[request.target] = translate
                answer = translate(request.text)
            except SendError as failure:
                if failure.fatal:
                    self._breaker.trip(failure.message)
                elif failure.retryable and attempts <= self.engine.options.retries:
                    self._stop.wait(self._delay(failure, attempts))
                    continue
                else:
                    self._breaker.failure(failure.message)
                return Reply(request, None, failure.message, attempts)
            except Exception as exc:  # a broken translator must not end its worker silently
                message = f"unexpected error ({type(exc).__name__})"
                self._breaker.failure(message)
                return Reply(request, None, message, attempts)
            self._breaker.success()
            return Reply(request, answer, None, attempts)

    def _delay(self, failure: SendError, attempts: int) -> float:
        if failure.retry_after is not None:
            return min(MAX_DELAY, failure.retry_after)
        base = self.engine.options.backoff * 2.0 ** (attempts - 1)
        return min(MAX_DELAY, base * random.uniform(0.5, 1.5))
