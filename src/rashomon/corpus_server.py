"""A loopback HTTP server for the demo corpus (the site/ folder of tests/corpus).

Pages and feeds are written with the placeholder host ``http://corpus.local``; the server
rewrites it to its own base URL in every text body it serves, so feed links and page links
point back at it. Directories serve their ``index.html``; missing paths are 404.
`rashomon demo` crawls it through the real crawler; the tests use it the same way.
"""

from __future__ import annotations

import os
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PLACEHOLDER_HOST = b"http://corpus.local"

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".xml": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".jsonl": "application/jsonl",
    ".svg": "image/svg+xml",
}
TEXT_SUFFIXES = {".html", ".xml", ".txt", ".css", ".json", ".jsonl", ".svg"}


def _make_handler(site: Path, base_url: str) -> type[BaseHTTPRequestHandler]:
    base = base_url.encode("ascii")

    class CorpusHandler(BaseHTTPRequestHandler):
        server_version = "RashomonCorpus/1.0"
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (http.server naming)
            self._serve(with_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(with_body=False)

        def _serve(self, *, with_body: bool) -> None:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            try:
                target = (site / path.lstrip("/")).resolve()
                inside = target.is_relative_to(site)
                is_dir = inside and target.is_dir()
                found = inside and (target / "index.html" if is_dir else target).is_file()
            except (ValueError, OSError):  # a NUL byte ("%00"), a name too long: no such file
                inside = is_dir = found = False
            if not inside:
                self._send(404, b"not found\n", "text/plain; charset=utf-8", with_body)
                return
            if is_dir:
                if not path.endswith("/"):
                    self.send_response(301)
                    self.send_header("Location", path + "/")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                target = target / "index.html"
            if not found:
                body = (
                    b"<!DOCTYPE html><html><head><title>404</title></head>"
                    b"<body><h1>Not found</h1></body></html>\n"
                )
                self._send(404, body, "text/html; charset=utf-8", with_body)
                return
            data = target.read_bytes()
            if target.suffix in TEXT_SUFFIXES:
                data = data.replace(PLACEHOLDER_HOST, base)
            ctype = CONTENT_TYPES.get(target.suffix, "application/octet-stream")
            self._send(200, data, ctype, with_body)

        def _send(self, status: int, body: bytes, ctype: str, with_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if with_body:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass  # keep test output quiet

    return CorpusHandler


@contextmanager
def serve_corpus(site_dir: str | os.PathLike[str]) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 (free port) in a thread; yield the base URL."""
    site = Path(site_dir).resolve()
    if not site.is_dir():
        raise FileNotFoundError(f"corpus site directory not found: {site}")
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    server.daemon_threads = True
    host, port = server.server_address[:2]
    base_url = f"http://{host!s}:{port}"
    server.RequestHandlerClass = _make_handler(site, base_url)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="corpus-server",
        daemon=True,
    )
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
