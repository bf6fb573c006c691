"""HTTP for deep-translator's providers: a timeout on every request, one session per worker.

deep-translator's providers call ``requests.get``/``requests.post`` from their own modules with no
timeout, a fresh connection each time, and keep no hold of the response once they have raised.
``install`` puts a stand-in for ``requests`` into those modules: inside ``exchange(...)`` a call
goes through the worker's own ``requests.Session`` (kept-alive connections) with the engine's
timeout, and the last response is kept, so that a failure can be told apart by its status code
(429 and 5xx are retried, 401/403 are not). Outside an exchange the stand-in is plain ``requests``.

requests' timeout bounds each wait for the socket, not the answer: a server (or a proxy) that
sends its body a few bytes at a time, each within the timeout, would hold a worker for as long as
it likes. So the body is read here, a piece at a time, and an answer not complete ``timeout``
seconds after its headers arrived is a timeout like any other. Nor is a redirect followed: the
answer is a refusal that names where it pointed (see ``providers``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

import requests
import urllib3.exceptions

_local = threading.local()


@dataclass
class Exchange:
    session: requests.Session
    timeout: float
    last: requests.Response | None = None


@contextmanager
def exchange(session: requests.Session, timeout: float) -> Iterator[Exchange]:
    """Route this thread's provider requests through ``session`` with ``timeout``."""
    current = Exchange(session, timeout)
    outer = getattr(_local, "exchange", None)
    _local.exchange = current
    try:
        yield current
    finally:
        _local.exchange = outer


def send(method: str, url: str, **kwargs: Any) -> requests.Response:
    current: Exchange | None = getattr(_local, "exchange", None)
    if current is None:
        return requests.request(method, url, **kwargs)
    kwargs["timeout"] = current.timeout
    kwargs["stream"] = True
    # A redirect is never followed: it would take the texts, and a key sent in a header or in
    # the body (Microsoft's, LibreTranslate's), to a host nobody configured.
    kwargs["allow_redirects"] = False
    current.last = None
    response = current.session.request(method, url, **kwargs)
    current.last = response
    _read_body(response, time.monotonic() + current.timeout)
    return response


# What urllib3 raises while a body is read, as requests itself turns it into its own errors.
_BODY_ERRORS: tuple[tuple[type[Exception], type[requests.RequestException]], ...] = (
    (urllib3.exceptions.ReadTimeoutError, requests.exceptions.ReadTimeout),
    (urllib3.exceptions.SSLError, requests.exceptions.SSLError),
    (urllib3.exceptions.DecodeError, requests.exceptions.ContentDecodingError),
    (urllib3.exceptions.ProtocolError, requests.exceptions.ChunkedEncodingError),
)


# An answer to one text (a Google page for 5,000 characters is some 100 KB) is never this big; a
# server that sends more is sending something else, and is not held in memory.
MAX_ANSWER = 4 * 1024 * 1024


def _read_body(response: requests.Response, deadline: float) -> None:
    """Read the whole body into ``response`` by ``deadline``, or raise ReadTimeout (or a
    RequestException for a body over MAX_ANSWER)."""
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline:
                raise requests.exceptions.ReadTimeout("the answer did not arrive in time")
            chunk = response.raw.read1(65536, decode_content=True)
            if not chunk:
                break
            size += len(chunk)
            if size > MAX_ANSWER:
                raise AnswerTooLarge(f"an answer of more than {MAX_ANSWER // 1048576} MB")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as exc:
        response.close()
        for theirs, ours in _BODY_ERRORS:
            if isinstance(exc, theirs):
                raise ours(exc) from None
        raise requests.exceptions.RequestException(exc) from None
    except BaseException:
        response.close()  # a connection that stalled mid-answer is not used again
        raise
    response._content = b"".join(chunks)
    response._content_consumed = True  # type: ignore[attr-defined]  # as requests does


class AnswerTooLarge(requests.exceptions.RequestException):
    """A server sent more than MAX_ANSWER bytes for one request."""


class _RequestsStandIn:
    """What a provider module sees as ``requests``."""

    def __getattr__(self, name: str) -> Any:
        return getattr(requests, name)

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return send("POST", url, **kwargs)


STAND_IN = _RequestsStandIn()


def install(*modules: ModuleType) -> None:
    for module in modules:
        if getattr(module, "requests", None) is not STAND_IN:
            module.requests = STAND_IN  # type: ignore[attr-defined]


def new_session() -> requests.Session:
    # The default User-Agent is kept: Google's /m page is shaped by it, and deep-translator's
    # parser expects the page that python-requests gets.
    return requests.Session()
