"""WARC reading: HTML 200 responses become documents, everything else a reason."""

from __future__ import annotations

from pathlib import Path

from rashomon.fetch.jsonl import BadRecord
from rashomon.fetch.warc import read_warc
from rashomon.models import RawDocument
from tests.fetch.adversarial import write_warc

HTML = "<html><head><title>Ä</title></head><body><p>Grüße aus Wien</p></body></html>"


def test_cc_news_style_records(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "cc.warc.gz",
        [
            (
                "https://www.a.example/1?utm_source=x",
                200,
                "text/html; charset=utf-8",
                HTML.encode(),
            ),
            ("https://a.example/2", 200, "text/html; charset=iso-8859-1", HTML.encode("latin-1")),
            ("https://a.example/gone", 404, "text/html", b"<p>nope</p>"),
            ("https://a.example/pic.jpg", 200, "image/jpeg", b"\xff\xd8\xff"),
            ("https://a.example/empty", 200, "text/html", b"  "),
        ],
    )
    out = list(read_warc(path))
    docs = [r for _, r in out if isinstance(r, RawDocument)]
    bad = [r for _, r in out if isinstance(r, BadRecord)]
    assert [d.url for d in docs] == ["https://www.a.example/1", "https://a.example/2"]
    assert docs[0].source_id == "a.example" and "Grüße aus Wien" in (docs[1].html or "")
    assert [b.reason.split(" ")[:3] for b in bad] == [
        ["skipped:", "HTTP", "404"],
        ["skipped:", "not", "HTML"],
        ["skipped:", "empty", "page"],
    ]
    assert all(b.line > 0 and str(b).startswith(f"{path}:{b.line}:") for b in bad)
    assert all(loc.startswith(f"{path}:") for loc, _ in out)


def test_uncompressed_and_source_override(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "plain.warc",
        [("https://b.example/x", 200, "text/html", HTML.encode())],
        gz=False,
    )
    [(_, doc)] = list(read_warc(path, source="b-outlet"))
    assert isinstance(doc, RawDocument) and doc.source_id == "b-outlet"


def test_truncated_warc_reports_and_stops(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "t.warc.gz", [("https://a.example/1", 200, "text/html", HTML.encode())] * 3
    )
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40] + b"garbage that is not gzip")
    out = list(read_warc(path))
    assert isinstance(out[-1][1], BadRecord)
    assert "unreadable WARC" in out[-1][1].reason or "skipped" in out[-1][1].reason


def test_too_large_page_is_skipped(tmp_path: Path) -> None:
    path = write_warc(
        tmp_path / "big.warc.gz",
        [("https://a.example/big", 200, "text/html", b"<p>" + b"x" * 5000 + b"</p>")],
    )
    [(_, rec)] = list(read_warc(path, max_bytes=1000))
    assert isinstance(rec, BadRecord) and "larger than 1000" in rec.reason
