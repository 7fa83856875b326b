"""A scriptable JSON HTTP server on 127.0.0.1 for remote-backend tests (fixture json_server)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

Handler = Callable[[str, str, Any, dict[str, str]], tuple[int, Any, dict[str, str]]]


class JsonServer:
    """Routes (method, path) to a handler; records every request."""

    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Handler] = {}
        self.requests: list[dict[str, Any]] = []
        self.base = ""

    def route(self, method: str, path: str, handler: Handler) -> None:
        self.routes[(method, path)] = handler


@pytest.fixture
def json_server() -> Iterator[JsonServer]:
    server_state = JsonServer()

    class _H(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _handle(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            headers = {k.lower(): v for k, v in self.headers.items()}
            server_state.requests.append({"method": method, "path": self.path, "body": body,
                                          "headers": headers})
            handler = server_state.routes.get((method, self.path))
            if handler is None:
                status, payload, extra = 404, {"error": "no route"}, {}
            else:
                status, payload, extra = handler(method, self.path, body, headers)
            if status == -1:  # simulate a server that never answers in time
                time.sleep(float(payload))
                status, payload, extra = 200, {}, {}
            data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802
            self._handle("GET")

        def do_POST(self) -> None:  # noqa: N802
            self._handle("POST")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _H)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    server_state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()
