"""Path traversal against the demo corpus server: nothing outside its site folder is served."""

from __future__ import annotations

import http.client
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from rashomon.corpus_server import serve_corpus

ESCAPES = ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
           "/sub/..%2f..%2fsecret.txt", "/sub/../../secret.txt", "//secret.txt",
           "/..\\secret.txt", "/%5c..%5csecret.txt", "/link.txt", "/sub/link-dir/secret.txt",
           "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd", "/....//secret.txt"]
ODD = ["/%00", "/a%00b", "/index.html%00.txt", "/" + "a" * 5000, "/%ff%fe", "/sub%00/"]


def _get(base: str, raw_path: str) -> tuple[int, bytes]:
    parts = urlsplit(base)
    conn = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=5)
    try:
        conn.putrequest("GET", raw_path, skip_accept_encoding=True)  # sent exactly as written
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "secret.txt").write_text("SECRET\n")
    root = tmp_path / "site"
    (root / "sub").mkdir(parents=True)
    (root / "index.html").write_text("<p>home</p>")
    (root / "sub" / "page.html").write_text("<p>page</p>")
    (root / "link.txt").symlink_to(tmp_path / "secret.txt")  # a link that leads outside
    (root / "sub" / "link-dir").symlink_to(tmp_path)
    return root


@pytest.mark.parametrize("raw_path", ESCAPES)
def test_no_path_leaves_the_site(site: Path, raw_path: str) -> None:
    with serve_corpus(site) as base:
        status, body = _get(base, raw_path)
    assert status == 404 and b"SECRET" not in body, (status, body[:80])


@pytest.mark.parametrize("raw_path", ODD, ids=lambda p: p[:20])
def test_odd_paths_are_a_404_not_a_dropped_connection(site: Path, raw_path: str) -> None:
    with serve_corpus(site) as base:
        status, _ = _get(base, raw_path)
        assert _get(base, "/sub/page.html") == (200, b"<p>page</p>")  # and it serves on
    assert status == 404


def test_the_site_itself_is_served(site: Path) -> None:
    with serve_corpus(site) as base:
        assert _get(base, "/") == (200, b"<p>home</p>")
        assert _get(base, "/sub")[0] == 301


@pytest.mark.parametrize("raw_path", ["/static/%2e%2e/app.py", "/static/..%2fapp.py",
                                      "/static/%2e%2e%2f%2e%2e%2fsettings.py",
                                      "/static/..%5capp.py", "/static/%00"])
def test_the_web_apps_static_files_stay_in_their_folder(raw_path: str) -> None:
    from fastapi.testclient import TestClient

    from rashomon.store import Store
    from rashomon.web import create_app

    store = Store("sqlite://")
    store.upgrade()
    response = TestClient(create_app(store, cache_seconds=0)).get(raw_path)
    assert response.status_code in (400, 404) and "import" not in response.text
