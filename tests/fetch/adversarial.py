"""An adversarial HTTP server on 127.0.0.1, crawler settings with tiny timeouts, a WARC writer."""

from __future__ import annotations

import gzip
import io
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from rashomon.settings import Settings, load_settings

PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>{name}</title></head>'
    "<body><article><h1>{name}</h1><p>This is the page called {name}. It has a few "
    "sentences of text so that it looks like an article.</p></article></body></html>"
)
BIG_BYTES = 20 * 1024 * 1024


@lru_cache(maxsize=1)
def gzip_bomb() -> bytes:
    """~50 KB of gzip that inflates to 50 MB of zeros."""
    return gzip.compress(b"\0" * (50 * 1024 * 1024), compresslevel=6)


def rss(base: str, links: list[str], title: str = "Test feed") -> str:
    items = "".join(
        f"<item><title>Item {i}</title><link>{link}</link>"
        f"<pubDate>Mon, 0{1 + i % 9} Nov 2026 10:00:00 GMT</pubDate></item>"
        for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link><description>d</description>"
        f"{items}</channel></rss>"
    )


@dataclass
class Server:
    """The running server: base URL, per-path hit counts, and extra routes tests can add."""

    base: str
    port: int
    hits: Counter[str] = field(default_factory=Counter)
    routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return self.base + path


def _send(
    h: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    ctype: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for k, v in (headers or {}).items():
        h.send_header(k, v)
    h.end_headers()
    h.wfile.write(body)


def _page(name: str) -> bytes:
    return PAGE.format(name=name).encode()


def _etag_feed(h: BaseHTTPRequestHandler, srv: Server) -> None:
    if h.headers.get("If-None-Match") == '"v1"':
        _send(h, 304, headers={"ETag": '"v1"'})
        return
    body = rss(srv.base, [srv.url("/page/etag-item.html")]).encode()
    _send(
        h,
        200,
        body,
        "application/rss+xml",
        {"ETag": '"v1"', "Last-Modified": "Mon, 02 Nov 2026 10:00:00 GMT"},
    )


def _once_then_ok(
    first: Callable[[BaseHTTPRequestHandler], None],
) -> Callable[[BaseHTTPRequestHandler, Server], None]:
    def handler(h: BaseHTTPRequestHandler, srv: Server) -> None:
        if srv.hits[h.path] == 1:
            first(h)
        else:
            _send(h, 200, _page(h.path.strip("/")))

    return handler


def _drip(h: BaseHTTPRequestHandler, srv: Server) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "200")
    h.end_headers()
    try:
        for _ in range(200):
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.3)
    except OSError:
        pass  # the client gave up, as it should


def _big(h: BaseHTTPRequestHandler, srv: Server) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Transfer-Encoding", "chunked")
    h.end_headers()
    chunk = b"<p>" + b"a" * 65_530 + b"</p>"
    try:
        for _ in range(BIG_BYTES // len(chunk) + 1):
            h.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        h.wfile.write(b"0\r\n\r\n")
    except OSError:
        pass
    h.close_connection = True


def _redirect(to: Callable[[Server], str]) -> Callable[[BaseHTTPRequestHandler, Server], None]:
    def handler(h: BaseHTTPRequestHandler, srv: Server) -> None:
        _send(h, 302, headers={"Location": to(srv)})

    return handler


WRONG_CHARSET = "Café au lait, déjà vu, à la française: façade élève Noël".encode("cp1252")
MISLABELLED = "Москва: новости дня, погода и курсы валют".encode()

ROUTES: dict[str, Callable[[BaseHTTPRequestHandler, Server], None]] = {
    "/robots.txt": lambda h, s: _send(
        h, 200, b"User-agent: *\nDisallow: /private/\n", "text/plain"
    ),
    "/etag.xml": _etag_feed,
    "/retry-after.html": _once_then_ok(
        lambda h: _send(h, 429, b"slow down", headers={"Retry-After": "1"})
    ),
    "/flaky.html": _once_then_ok(lambda h: _send(h, 500, b"oops")),
    "/always-500.html": lambda h, s: _send(h, 500, b"oops"),
    "/drip.html": _drip,
    "/big.html": _big,
    "/big-declared.html": lambda h, s: _send(h, 200, b"x" * BIG_BYTES),
    "/bomb.html": lambda h, s: _send(h, 200, gzip_bomb(), headers={"Content-Encoding": "gzip"}),
    "/loop-a": _redirect(lambda s: s.url("/loop-b")),
    "/loop-b": _redirect(lambda s: s.url("/loop-a")),
    "/to-private": _redirect(lambda s: "http://10.0.0.1/internal"),
    "/to-metadata": _redirect(lambda s: "http://169.254.169.254/latest/meta-data/"),
    "/to-page": _redirect(lambda s: s.url("/page/redirected.html?utm_source=feed")),
    "/bad-feed.xml": lambda h, s: _send(
        h,
        200,
        b"<?xml version='1.0'?><rss><channel><item><title>broken</titl></item>",
        "application/rss+xml",
    ),
    "/wrong-charset.html": lambda h, s: _send(
        h,
        200,
        b"<html><head><title>t</title></head><body><p>" + WRONG_CHARSET + b"</p></body></html>",
        "text/html; charset=utf-8",
    ),
    "/mislabelled.html": lambda h, s: _send(
        h,
        200,
        b"<html><head><title>t</title></head><body><p>" + MISLABELLED + b"</p></body></html>",
        "text/html; charset=iso-8859-1",
    ),
    "/image.png": lambda h, s: _send(h, 200, b"\x89PNG\r\n", "image/png"),
}


def _chain(h: BaseHTTPRequestHandler, srv: Server, n: int) -> None:
    if n <= 0:
        _send(h, 200, _page("end of chain"))
    else:
        _send(h, 302, headers={"Location": srv.url(f"/chain/{n - 1}")})


def _handler(srv: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            with srv.lock:
                srv.hits[path] += 1
            self.path = path
            route = srv.routes.get(path) or ROUTES.get(path)
            if route is not None:
                route(self) if path in srv.routes else route(self, srv)  # type: ignore[call-arg]
            elif path.startswith("/chain/"):
                _chain(self, srv, int(path.rsplit("/", 1)[1]))
            elif path.startswith(("/page/", "/private/")):
                _send(self, 200, _page(path.rsplit("/", 1)[1]))
            else:
                _send(self, 404, b"not found")

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on purpose (caps, timeouts) are the point of these tests


@pytest.fixture
def server() -> Iterator[Server]:
    """A fresh adversarial server on 127.0.0.1 with its own hit counters."""
    gzip_bomb()  # build it before any request can time out waiting for it
    httpd = _QuietServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    port = int(httpd.server_address[1])
    srv = Server(base=f"http://127.0.0.1:{port}", port=port)
    httpd.RequestHandlerClass = _handler(srv)
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    try:
        yield srv
    finally:
        httpd.shutdown()
        httpd.server_close()


def fast_settings(**extra: object) -> Settings:
    """Settings for tests: loopback allowed, no delays, sub-second timeouts."""
    values: dict[str, object] = {
        "allow_hosts": "127.0.0.1",
        "per_host_delay": 0.0,
        "per_host_concurrency": 4,
        "connect_timeout": 1.0,
        "read_timeout": 0.25,
        "total_timeout": 4.0,
        "fetch_retries": 2,
        "retry_backoff": 0.05,
        "retry_after_max": 5.0,
        "poll_interval_min": 60,
        "poll_interval_max": 3600,
    }
    values.update(extra)
    return load_settings(overrides=values, environ={})


@pytest.fixture
def settings() -> Settings:
    return fast_settings()


def write_warc(path: Path, pages: list[tuple[str, int, str, bytes]], gz: bool = True) -> Path:
    """A small WARC with a warcinfo, and a request + response per (url, status, type, body)."""
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, status, ctype, body in pages:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=req))
            headers = StatusAndHeaders(
                f"{status} {'OK' if status == 200 else 'Other'}",
                [("Content-Type", ctype)],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
    return path
