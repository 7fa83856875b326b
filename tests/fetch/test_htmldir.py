"""HTML directory reading: sidecar mappings, canonical links and clear reasons."""

from __future__ import annotations

import json
from pathlib import Path

from rashomon.fetch.htmldir import page_url, read_html_dir
from rashomon.fetch.jsonl import BadRecord
from rashomon.models import RawDocument


def html(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


def test_tsv_canonical_and_missing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text(html("A"))
    (tmp_path / "sub" / "b.htm").write_text(
        html("B", '<link href="https://b.example/b?utm_source=x" rel="canonical">')
    )
    (tmp_path / "c.html").write_text(html("C"))
    (tmp_path / "notes.txt").write_text("ignored")
    (tmp_path / "urls.tsv").write_text(
        "file\turl\tsource\n"
        "a.html\thttps://a.example/a\ta-outlet\n"
        "broken line\n"
        "gone.html\thttps://a.example/gone\n"
    )
    out = dict(read_html_dir(tmp_path))
    docs = {Path(k.rsplit(":", 1)[0]).name: v for k, v in out.items() if isinstance(v, RawDocument)}
    assert docs["a.html"].url == "https://a.example/a"
    assert docs["a.html"].source_id == "a-outlet"
    assert docs["b.htm"].url == "https://b.example/b" and docs["b.htm"].source_id == "b.example"
    reasons = sorted(v.reason for v in out.values() if isinstance(v, BadRecord))
    assert any("expected FILE<TAB>URL" in r for r in reasons)
    assert any("listed in the URL mapping but missing" in r for r in reasons)
    assert any(r.startswith("no URL: list c.html") for r in reasons)


def test_json_mapping_both_shapes(tmp_path: Path) -> None:
    (tmp_path / "x.html").write_text(html("X"))
    (tmp_path / "y.html").write_text(html("Y"))
    (tmp_path / "urls.json").write_text(
        json.dumps(
            {
                "x.html": "https://x.example/x",
                "y.html": {"url": "https://y.example/y", "source": "y-outlet"},
            }
        )
    )
    docs = [r for _, r in read_html_dir(tmp_path, source="fallback")]
    assert [(d.url, d.source_id) for d in docs if isinstance(d, RawDocument)] == [
        ("https://x.example/x", "fallback"),
        ("https://y.example/y", "y-outlet"),
    ]


def test_bad_json_mapping(tmp_path: Path) -> None:
    (tmp_path / "urls.json").write_text("[{")
    [(_, rec)] = list(read_html_dir(tmp_path))
    assert isinstance(rec, BadRecord) and "invalid JSON" in rec.reason


def test_page_url_sources() -> None:
    assert (
        page_url(html("", "<link rel='canonical' href='https://c.example/1'>"))
        == "https://c.example/1"
    )
    assert (
        page_url(html("", '<meta property="og:url" content="https://o.example/2">'))
        == "https://o.example/2"
    )
    assert page_url(html("", '<link rel="alternate" href="https://alt.example/">')) is None
