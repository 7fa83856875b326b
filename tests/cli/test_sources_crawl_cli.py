"""CLI: sources add|disable|import|export|health, crawl --once, import warc|html."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from tests.fetch import adversarial

runner = CliRunner()
server = adversarial.server


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RASHOMON_DATA_DIR", str(tmp_path / "data"))
    for name in ("DATABASE_URL", "SOURCES_FILE", "CONFIG"):
        monkeypatch.delenv(f"RASHOMON_{name}", raising=False)
    for name, value in {
        "ALLOW_HOSTS": "127.0.0.1",
        "PER_HOST_DELAY": "0",
        "READ_TIMEOUT": "0.5",
        "TOTAL_TIMEOUT": "3",
        "RETRY_BACKOFF": "0.01",
        "FETCH_RETRIES": "1",
    }.items():
        monkeypatch.setenv(f"RASHOMON_{name}", value)
    return tmp_path


def invoke(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


def add_local(base: str, feed: str = "/etag.xml") -> None:
    invoke(
        "sources",
        "add",
        "local-test",
        "--name",
        "Local Test",
        "--homepage",
        "https://local-test.example/",
        "--country",
        "GB",
        "--language",
        "en",
        "--feed",
        base + feed,
    )


def test_add_crawl_health_disable(env: Path, server: Any) -> None:
    add_local(server.base)
    text = (env / "data" / "sources.toml").read_text()
    assert 'id = "local-test"' in text and server.base in text
    result = invoke("crawl", "--once", "--source", "local-test")
    assert "polled 1 feeds" in result.output and "1 new articles" in result.output
    health = json.loads(invoke("sources", "health", "--json").output)
    assert health["failing"] == [] and health["summary"]["polled"] == 1

    invoke(
        "sources",
        "add",
        "local-bad",
        "--name",
        "Local Bad",
        "--homepage",
        "https://local-bad.example/",
        "--country",
        "GB",
        "--language",
        "en",
        "--feed",
        server.url("/bad-feed.xml"),
    )
    invoke("crawl", "--once", "--source", "local-bad")
    health = json.loads(invoke("sources", "health", "--json").output)
    [bad] = health["failing"]
    assert bad["source_id"] == "local-bad" and bad["last_error"].startswith("parse:")
    assert "local-bad" in invoke("sources", "health").output

    invoke("sources", "disable", "local-bad")
    assert "[[disable]]" in (env / "data" / "sources.toml").read_text()
    result = runner.invoke(app, ["crawl", "--once", "--source", "nope"])
    assert result.exit_code == 2 and "no source 'nope'" in result.output


def test_bad_additions_are_refused_and_leave_the_file_alone(env: Path) -> None:
    result = runner.invoke(
        app,
        [
            "sources",
            "add",
            "Bad Id",
            "--name",
            "x",
            "--homepage",
            "https://x.example/",
            "--country",
            "XX",
            "--language",
            "en",
            "--feed",
            "https://x.example/feed",
        ],
    )
    assert result.exit_code == 2 and "kebab-case" in result.output and "XX" in result.output
    assert not (env / "data" / "sources.toml").exists()
    result = runner.invoke(app, ["sources", "disable", "no-such-outlet"])
    assert result.exit_code == 2 and "no outlet with id" in result.output


def test_opml_round_trip(env: Path) -> None:
    opml = env / "in.opml"
    opml.write_text("""<?xml version="1.0"?><opml version="2.0"><head><title>t</title></head>
<body><outline text="Folder"><outline text="Tiny Paper" type="rss"
 xmlUrl="https://tiny-paper.example/rss" htmlUrl="https://tiny-paper.example/"/></outline>
</body></opml>""")
    result = runner.invoke(app, ["sources", "import", str(opml)])
    assert result.exit_code == 0 and "skipped" in result.output  # no country/language
    invoke("sources", "import", str(opml), "--country", "NZ", "--language", "en")
    exported = invoke("sources", "export").output
    assert "https://tiny-paper.example/rss" in exported
    again = invoke("sources", "import", str(opml), "--country", "NZ", "--language", "en")
    assert "imported 0 outlets" in again.output and "already followed" in again.output


def test_import_warc_and_html(env: Path) -> None:
    add = [
        "sources",
        "add",
        "warc-paper",
        "--name",
        "W",
        "--homepage",
        "https://warc-paper.example/",
        "--country",
        "GB",
        "--language",
        "en",
        "--feed",
        "https://warc-paper.example/rss",
    ]
    invoke(*add)
    warc = adversarial.write_warc(
        env / "a.warc.gz",
        [
            ("https://warc-paper.example/1", 200, "text/html", b"<p>one</p>"),
            ("https://warc-paper.example/2", 500, "text/html", b"<p>err</p>"),
        ],
    )
    result = invoke("import", "warc", str(warc), "--source", "warc-paper")
    assert "imported 1 new" in result.output and "HTTP 500" in result.output
    assert (
        "imported 0 new, 1 already known"
        in invoke("import", "warc", str(warc), "--source", "warc-paper").output
    )
    pages = env / "pages"
    pages.mkdir()
    (pages / "x.html").write_text(
        '<link rel="canonical" href="https://warc-paper.example/x"><p>x</p>'
    )
    assert "imported 1 new" in invoke("import", "html", str(pages)).output
    assert "imported 0 new" in invoke("import", "html", str(pages)).output
    bad = runner.invoke(app, ["import", "html", str(env / "missing")])
    assert bad.exit_code == 2 and "is not a directory" in bad.output
