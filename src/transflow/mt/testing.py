"""A local stand-in for the translation services, for tests and benchmarks (yours too).

``FakeServices`` is an HTTP server on 127.0.0.1 that speaks the wire format of each provider
transflow uses, so the real deep-translator classes can be run against it by pointing
``[mt.<name>] url`` at ``server.url(name)``:

    google     GET  /m?sl=en&tl=kk&q=...            → HTML page with <div class="result-container">
    mymemory   GET  /get?langpair=en-GB|kk-KZ&q=... → JSON {"responseData": {"translatedText"}, ...}
    libre      POST /libre/translate  JSON body      → JSON {"translatedText"}
    deepl      POST /v2/translate  form + Authorization: DeepL-Auth-Key → {"translations": [...]}
    microsoft  POST /translator/translate?from&to  JSON [{"text"}] → [{"translations": [...]}]

The translation of ``text`` into ``kk`` is ``"KK " + text`` (placeholders and markup untouched).
Each request is recorded. ``plan(text, *behaviours)`` makes the next requests for a text fail in
turn: ``"429"``, ``"500"``, ``"503"`` (with ``retry_after``, when set, as their Retry-After
header), ``"hang"`` (no answer until the server stops), ``"empty"`` (a well-formed answer without
a translation), ``"null"`` (the translation is JSON's null, for the JSON services), ``"drop"``
(the placeholders lost), ``"nul"`` (a NUL character in the translation), ``"quota"``
(mymemory's quota warning), ``"trickle"`` (the answer's
body sent a byte every ``trickle_gap`` seconds), ``"redirect"`` (a 307 to the same service at
``localhost``), ``"cr"`` (a carriage return in the translation), ``"emptylink"`` (a link's text
emptied), ``"garbled"`` (bytes that are not UTF-8 before the translation), ``"huge"`` (the
translation repeated into some 50 KB); ``delay`` slows every answer.
"""

from __future__ import annotations

import html
import json
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from transflow.mt.protect import PLACEHOLDER

PATHS = {
    "google": "/m",
    "mymemory": "/get",
    "libre": "/libre/translate",
    "deepl": "/v2/translate",
    "microsoft": "/translator/translate",
}
_PROVIDERS = {path: name for name, path in PATHS.items()}


@dataclass(frozen=True)
class Seen:
    provider: str
    text: str
    target: str
    query: dict[str, str]
    headers: dict[str, str]
    body: str


def fake_translation(text: str, target: str) -> str:
    return f"{target.split('-')[0].upper()} {text}"


class FakeServices:
    def __init__(self, *, delay: float = 0.0, deepl_key: str = "test-key:fx") -> None:
        self.delay = delay
        self.trickle_gap = 0.05
        self.retry_after: str | None = None  # sent with every 429, 500 and 503 when set
        self.deepl_key = deepl_key
        self.seen: list[Seen] = []
        self._plans: dict[str, list[str]] = {}
        self._lock = threading.Lock()
        self._release = threading.Event()
        self.in_flight = 0
        self.most_in_flight = 0
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> FakeServices:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, provider: str) -> str:
        return f"http://127.0.0.1:{self.port}{PATHS[provider]}"

    def plan(self, text: str, *behaviours: str) -> None:
        with self._lock:
            self._plans.setdefault(text, []).extend(behaviours)

    def count(self, provider: str | None = None) -> int:
        with self._lock:
            return sum(1 for s in self.seen if provider in (None, s.provider))

    def texts(self, provider: str | None = None) -> Counter[str]:
        with self._lock:
            return Counter(s.text for s in self.seen if provider in (None, s.provider))

    def reset(self) -> None:
        with self._lock:
            self.seen.clear()

    # Called by the handler.
    def _record(self, seen: Seen) -> str:
        with self._lock:
            self.seen.append(seen)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            plan = self._plans.get(seen.text)
            return plan.pop(0) if plan else "ok"

    def _finished(self) -> None:
        with self._lock:
            self.in_flight -= 1

    def _hang(self) -> None:
        self._release.wait(60)


def _handler_for(services: FakeServices) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle's algorithm the second waits for the
        # client's delayed ACK (40 ms) on a kept-alive connection. Real services do not stall so.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._serve("")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self._serve(self.rfile.read(length).decode("utf-8"))

        def _serve(self, body: str) -> None:
            parts = urlsplit(self.path)
            provider = _PROVIDERS.get(parts.path)
            if provider is None:
                self._send(404, "text/plain", "no such service")
                return
            query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
            text, target = _request_text(provider, query, body)
            seen = Seen(provider, text, target, query, dict(self.headers.items()), body)
            behaviour = services._record(seen)
            try:
                if services.delay:
                    time.sleep(services.delay)
                self._answer(provider, seen, behaviour)
            finally:
                services._finished()

        def _answer(self, provider: str, seen: Seen, behaviour: str) -> None:
            if behaviour == "hang":
                services._hang()
                return
            if behaviour in ("429", "500", "503"):
                wait = {"Retry-After": services.retry_after} if services.retry_after else {}
                self._send(int(behaviour), "text/plain", "try again later", headers=wait)
                return
            if behaviour == "redirect":
                where = f"http://localhost:{services.port}{self.path}"
                self._send(307, "text/plain", "moved", headers={"Location": where})
                return
            if provider == "deepl" and not _deepl_authorised(seen, services.deepl_key):
                self._send(403, "application/json", '{"message": "Wrong key"}')
                return
            answer = fake_translation(seen.text, seen.target)
            if behaviour == "drop":
                answer = PLACEHOLDER.sub("", answer)
            elif behaviour == "nul":
                answer = answer.replace(" ", "\x00 ", 1)
            elif behaviour == "empty":
                answer = ""
            elif behaviour == "cr":
                answer = answer.replace(" ", "\r", 1)
            elif behaviour == "emptylink":  # "[text{0}" (the target is a placeholder): "[{0}"
                answer = re.sub(r"\[[^\[\]{}]+(?=\{\d+\})", "[", answer, count=1)
            elif behaviour == "huge":
                answer = " ".join([answer] * (50_000 // len(answer) + 1))
            sent = None if behaviour == "null" else answer
            status, kind, payload = _payload(provider, sent, seen.target, behaviour)
            garbled = b"\xff\xfe(" if behaviour == "garbled" else b""
            self._send(status, kind, payload, trickle=behaviour == "trickle", garbled=garbled)

        def _send(
            self,
            status: int,
            kind: str,
            payload: str,
            *,
            trickle: bool = False,
            headers: dict[str, str] | None = None,
            garbled: bytes = b"",
        ) -> None:
            data = payload.encode("utf-8")
            if garbled:  # before the translation, wherever the payload holds it
                marker = b"KK " if b"KK " in data else b"RU "
                data = data.replace(marker, garbled + marker, 1)
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if not trickle:
                self.wfile.write(data)
                return
            self.wfile.flush()
            for index in range(len(data)):
                if services._release.wait(services.trickle_gap):
                    return
                self.wfile.write(data[index : index + 1])
                self.wfile.flush()

    return Handler


def _request_text(provider: str, query: dict[str, str], body: str) -> tuple[str, str]:
    if provider == "google":
        return query.get("q", ""), query.get("tl", "")
    if provider == "mymemory":
        return query.get("q", ""), query.get("langpair", "|").split("|")[1]
    if provider == "libre":
        data = json.loads(body or "{}")
        return str(data.get("q", "")), str(data.get("target", ""))
    if provider == "deepl":
        form = {k: v[-1] for k, v in parse_qs(body).items()}
        return form.get("text", ""), form.get("target_lang", "").lower()
    data = json.loads(body or "[]")
    return str(data[0]["text"]) if data else "", query.get("to", "")


def _deepl_authorised(seen: Seen, key: str) -> bool:
    return seen.headers.get("Authorization") == f"DeepL-Auth-Key {key}" and not any(
        name == "auth_key" for name in seen.query
    )


def _payload(
    provider: str, answer: str | None, target: str, behaviour: str
) -> tuple[int, str, str]:
    if provider == "google":
        div = f'<div class="result-container">{html.escape(answer)}</div>' if answer else ""
        page = f"<html><head><title>Google Translate</title></head><body>{div}</body></html>"
        return 200, "text/html", page
    if provider == "mymemory":
        if behaviour == "quota":
            warning = "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY."
            data: Any = {"responseData": {"translatedText": warning}, "responseStatus": 429}
        else:
            data = {"responseData": {"translatedText": answer, "match": 0.85},
                    "responseStatus": 200, "matches": []}  # fmt: skip
        return 200, "application/json", json.dumps(data)
    if provider == "libre":
        present = answer or behaviour == "null"
        return 200, "application/json", json.dumps({"translatedText": answer} if present else {})
    if provider == "deepl":
        data = {"translations": [{"detected_source_language": "EN", "text": answer}]}
        return 200, "application/json", json.dumps(data)
    return 200, "application/json", json.dumps([{"translations": [{"text": answer, "to": target}]}])
