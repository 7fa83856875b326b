"""The response cache: hits reuse an answer, gzip when asked, errors and statics pass through."""

from __future__ import annotations

import gzip
import time
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from rashomon.web.middleware import MicroCache, SecurityHeaders


def _app(seconds: float) -> tuple[Any, list[str]]:
    calls: list[str] = []

    def answer(request: Request) -> PlainTextResponse:
        calls.append(request.url.path)
        return PlainTextResponse("x" * 2000 + str(len(calls)))

    def broken(request: Request) -> JSONResponse:
        calls.append(request.url.path)
        return JSONResponse({"detail": "no"}, status_code=404)

    app = Starlette(routes=[Route("/a", answer), Route("/gone", broken),
                            Route("/static/x", answer)])
    return SecurityHeaders(MicroCache(app, seconds)), calls


def test_hits_reuse_the_answer_and_gzip_on_request() -> None:
    app, calls = _app(60)
    client = TestClient(app)
    first = client.get("/a", headers={"accept-encoding": "identity"})
    second = client.get("/a", headers={"accept-encoding": "gzip"})
    assert first.text == second.text and calls == ["/a"]
    assert second.headers["content-encoding"] == "gzip"
    assert int(second.headers["content-length"]) < 2000  # compressed once, when stored
    raw = client.get("/a", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in raw.headers and raw.text.endswith("1")
    assert raw.headers["content-security-policy"].startswith("default-src 'self'")
    assert client.get("/a?page=2").text.endswith("2")  # the query is part of the key
    assert gzip.decompress(gzip.compress(b"ok")) == b"ok"


def test_errors_statics_and_zero_seconds_are_not_cached() -> None:
    app, calls = _app(60)
    client = TestClient(app)
    assert client.get("/gone").status_code == 404 and client.get("/gone").status_code == 404
    client.get("/static/x")
    client.get("/static/x")
    assert calls == ["/gone", "/gone", "/static/x", "/static/x"]
    off, calls_off = _app(0)
    c2 = TestClient(off)
    c2.get("/a")
    c2.get("/a")
    assert calls_off == ["/a", "/a"]


def test_stale_answers_are_served_at_once_and_refreshed_in_the_background() -> None:
    calls: list[str] = []

    def answer(request: Request) -> PlainTextResponse:
        calls.append(request.url.path)
        return PlainTextResponse(f"version {len(calls)}")

    app = MicroCache(Starlette(routes=[Route("/a", answer)]), 0.05, stale_seconds=60)
    with TestClient(app) as client:  # one event loop for all requests: background tasks run
        assert client.get("/a").text == "version 1"
        time.sleep(0.1)
        assert client.get("/a").text == "version 1"  # stale, answered without waiting
        for _ in range(50):
            if len(calls) == 2:
                break
            time.sleep(0.02)
        assert client.get("/a").text == "version 2" and len(calls) == 2
    expired = MicroCache(Starlette(routes=[Route("/a", answer)]), 0.05, stale_seconds=0.05)
    with TestClient(expired) as client:
        client.get("/a")
        time.sleep(0.15)
        assert client.get("/a").text == f"version {len(calls)}"  # too old: computed anew
