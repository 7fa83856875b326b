"""ASGI middleware: a short-lived response cache with gzip, and security headers."""

from __future__ import annotations

import asyncio
import gzip
import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Pages and API answers never run scripts from elsewhere, inline or not; /docs is ours too.
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
_COMPRESSIBLE = (b"text/", b"application/json", b"application/atom+xml", b"image/svg+xml")


class SecurityHeaders:
    """Adds CSP, nosniff, no-referrer and frame denial to every response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, wrapped)


@dataclass
class _Entry:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    gzipped: bytes | None
    expires: float


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _discard(message: Message) -> None:
    return None


class MicroCache:
    """Reuses a successful GET response for `seconds`: a burst of readers costs one query.

    An answer up to `stale_seconds` past its time is still served at once while a single
    background request refreshes it, so readers never wait for a recomputation of a page
    that was fresh a moment ago.
    """

    def __init__(self, app: ASGIApp, seconds: float, max_entries: int = 2048,
                 stale_seconds: float | None = None):
        self.app = app
        self.seconds = seconds
        self.stale_seconds = max(60.0, 12 * seconds) if stale_seconds is None else stale_seconds
        self.max_entries = max_entries
        self.entries: OrderedDict[tuple[str, bytes], _Entry] = OrderedDict()
        self.pending: dict[tuple[str, bytes], asyncio.Future[_Entry | None]] = {}
        self.refreshing: set[tuple[str, bytes]] = set()
        self.tasks: set[asyncio.Task[Any]] = set()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or self.seconds <= 0 or scope["path"].startswith("/static/")):
            await self.app(scope, receive, send)
            return
        key = (scope["path"], scope.get("query_string", b""))
        accepts_gzip = any(k == b"accept-encoding" and b"gzip" in v
                           for k, v in scope.get("headers", []))
        entry = self.entries.get(key)
        now = time.monotonic()
        if entry is not None and entry.expires < now:
            if now - entry.expires < self.stale_seconds:
                self._refresh(key, scope)
            else:
                entry = None
        if entry is None:
            waiting = self.pending.get(key)
            if waiting is not None:  # someone is computing this very response: share it
                entry = await asyncio.shield(waiting)
                if entry is None:
                    await self.app(scope, receive, send)
                    return
            else:
                entry = await self._fill(key, scope, receive, send)
                if entry is None:
                    return  # not cacheable; it was sent as it came
        await _send(entry, send, accepts_gzip, scope["method"] == "HEAD")

    def _refresh(self, key: tuple[str, bytes], scope: Scope) -> None:
        """Recompute a stale answer in the background, once per key at a time."""
        if key in self.refreshing or key in self.pending:
            return
        self.refreshing.add(key)
        task = asyncio.get_running_loop().create_task(
            self._fill(key, dict(scope), _no_body, _discard))
        self.tasks.add(task)

        def done(t: asyncio.Task[Any]) -> None:
            self.tasks.discard(t)
            self.refreshing.discard(key)

        task.add_done_callback(done)

    async def _fill(self, key: tuple[str, bytes], scope: Scope, receive: Receive,
                    send: Send) -> _Entry | None:
        future: asyncio.Future[_Entry | None] = asyncio.get_running_loop().create_future()
        self.pending[key] = future
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        entry = None
        try:
            await self.app(scope, receive, capture)
            headers = [(k.lower(), v) for k, v in start.get("headers", [])]
            names = {k for k, _ in headers}
            cacheable = start.get("status") == 200 and b"set-cookie" not in names \
                and b"content-encoding" not in names
            body = b"".join(chunks)
            if not cacheable:
                self.entries.pop(key, None)  # the page changed (gone, moved): no stale copy
                await send(start)
                await send({"type": "http.response.body", "body": body})
                return None
            ctype = dict(headers).get(b"content-type", b"")
            zipped = gzip.compress(body, 5) if (len(body) > 1024 and
                                                ctype.startswith(_COMPRESSIBLE)) else None
            headers = [(k, v) for k, v in headers if k != b"content-length"]
            entry = _Entry(200, headers, body, zipped, time.monotonic() + self.seconds)
            self.entries[key] = entry
            self.entries.move_to_end(key)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
            return entry
        finally:
            self.pending.pop(key, None)
            if not future.done():
                future.set_result(entry)


async def _send(entry: _Entry, send: Send, accepts_gzip: bool, head: bool) -> None:
    body, headers = entry.body, list(entry.headers)
    if entry.gzipped is not None:
        headers.append((b"vary", b"Accept-Encoding"))
        if accepts_gzip:
            body = entry.gzipped
            headers.append((b"content-encoding", b"gzip"))
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": entry.status, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if head else body})
