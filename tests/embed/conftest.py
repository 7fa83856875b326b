"""A real OpenAI-compatible /v1/embeddings server on 127.0.0.1 for the embedding tests."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import numpy as np
import pytest

DIM = 8


def hashed_vector(text: str, dim: int = DIM) -> list[float]:
    """A deterministic, deliberately unnormalised vector for ``text``."""
    seed = int.from_bytes(hashlib.sha1(text.encode("utf-8")).digest()[:8], "little")
    return (np.random.default_rng(seed).normal(size=dim) * 3.0).tolist()


@dataclass
class FakeOpenAI:
    """What the server saw, and how it answers (chosen by the request's model name)."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    embed: Callable[[list[str]], list[list[float]]] = lambda texts: [
        hashed_vector(t) for t in texts
    ]
    rate_limited_left: int = 0

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for one request, following the OpenAI API shapes."""
        model = body.get("model", "")
        if model == "slow":
            time.sleep(1.5)
        if model == "broken":
            return 500, {"Content-Type": "text/html"}, b"<html>Internal Server Error</html>"
        if model == "too-long":
            error = {
                "message": "This model's maximum context length is 512 tokens",
                "type": "invalid_request_error",
                "param": "input",
                "code": None,
            }
            return 400, {}, json.dumps({"error": error}).encode()
        if model in ("rate-limited", "busy") and (model == "busy" or self.rate_limited_left > 0):
            self.rate_limited_left -= 1
            error = {
                "message": "Rate limit reached",
                "type": "requests",
                "code": "rate_limit_exceeded",
            }
            return 429, {"Retry-After": "1"}, json.dumps({"error": error}).encode()
        texts = body["input"] if isinstance(body["input"], list) else [body["input"]]
        vectors = self.embed(texts)
        if model == "short":
            vectors = vectors[:-1]
        data = [{"object": "embedding", "index": i, "embedding": v} for i, v in enumerate(vectors)]
        data.reverse()  # servers may answer out of order; the index field is authoritative
        usage = {"prompt_tokens": len(texts), "total_tokens": len(texts)}
        payload = {"object": "list", "data": data, "model": model, "usage": usage}
        return 200, {}, json.dumps(payload).encode()


def _handler(state: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path != "/v1/embeddings":
                self._send(404, {}, b'{"error": {"message": "unknown route"}}')
                return
            body = json.loads(raw)
            state.requests.append(body)
            state.headers.append(dict(self.headers))
            self._send(*state.answer(body))

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            self.send_header("Content-Type", headers.pop("Content-Type", "application/json"))
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (the timeout test)

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def openai_server() -> Iterator[FakeOpenAI]:
    """Serve the OpenAI embeddings API on a free 127.0.0.1 port for one test."""
    state = FakeOpenAI()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def use_openai_server() -> Iterator[str]:
    """An OpenAI-compatible server that answers with the bundled USE model's real vectors."""
    from rashomon.embed.use import UseEmbedder

    model = UseEmbedder()
    state = FakeOpenAI(embed=lambda texts: model.embed(texts).tolist())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
