"""Fuzz the importers (JSONL, WARC, HTML directory) and OPML: bad input is a reason, not a crash."""

from __future__ import annotations

import json
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rashomon.catalog import from_opml, validate
from rashomon.fetch.htmldir import page_url, read_html_dir
from rashomon.fetch.jsonl import BadRecord, parse_record, read_jsonl
from rashomon.fetch.warc import read_warc
from rashomon.models import RawDocument
from rashomon.pipeline.ingest import import_documents
from rashomon.store import Store
from rashomon.store.sources import SourceRow, upsert_sources
from tests.fetch.adversarial import write_warc
from tests.fuzz.harness import PROFILE, SCALE, assert_raw_document, fuzz, hard_limit
from tests.fuzz.strategies import any_text, dates, html_doc, json_values, mutated, urls

records = st.one_of(
    st.fixed_dictionaries(
        {"url": st.one_of(urls, st.just("https://a.example/x")),
         "source": st.one_of(st.just("s"), any_text)},
        optional={"html": st.one_of(any_text, html_doc()), "text": any_text,
                  "title": json_values, "published": st.one_of(dates, json_values),
                  "language": st.one_of(st.sampled_from(["en", "pt-BR", "x" * 9]), json_values)}),
    json_values,
)
SURROGATES = ['{"url": "https://a.example/1", "source": "s", "text": "a\\ud800b"}',
              '{"url": "https://a.example/2", "source": "s", "text": "a\\u0000b", '
              '"title": "\\u0000"}',
              '{"url": "https://a.example/3", "source": "s", "text": "x", '
              '"published": "9999-12-31T23:59:59-14:00"}',
              '{"url": "https://a.example/\\u0000", "source": "s", "text": "x"}',
              '{"url": "https://a.example/4", "source": "s", "text": "x", "language": "english!!"}']


def _consume(items: Any) -> list[tuple[str, RawDocument | BadRecord]]:
    out = list(items)
    for where, rec in out:
        assert isinstance(where, str)
        if isinstance(rec, BadRecord):
            assert rec.reason, rec
        else:
            assert isinstance(rec, RawDocument), rec
            assert_raw_document(rec)
    return out


@fuzz(max_examples=200)
@given(records)
def test_jsonl_record(obj: object) -> None:
    try:
        doc = parse_record(obj)
    except ValueError as exc:
        assert str(exc)
        return
    assert_raw_document(doc)


def check_jsonl_file(data: bytes) -> list[tuple[str, RawDocument | BadRecord]]:
    """read_jsonl never raises: every line is a document or a BadRecord with its reason."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.jsonl"
        path.write_bytes(data)
        with hard_limit(10, "read_jsonl"):
            return _consume(read_jsonl(path))


@fuzz(max_examples=100)
@given(st.lists(st.one_of(records.map(lambda r: json.dumps(r).encode()), st.binary(max_size=40),
                          st.sampled_from([s.encode() for s in SURROGATES])), max_size=6),
       st.sampled_from([b"\n", b"\r\n", b"\r", b"\x85", b"\n\n"]))
def test_jsonl_file(lines: list[bytes], newline: bytes) -> None:
    check_jsonl_file(newline.join(lines))


PAGE = b"<html><head><title>T</title></head><body><article><p>Body.</p></article></body></html>"


@lru_cache(maxsize=1)
def warc_seeds() -> list[bytes]:
    """Two small WARC files (gzipped and not) with good, redirected and non-HTML records."""
    pages = [("https://a.example/1", 200, "text/html; charset=utf-8", PAGE),
             ("https://a.example/2", 200, "text/html; charset=undefined", PAGE),
             ("https://a.example/3", 301, "text/html", b""),
             ("https://a.example/4", 200, "image/png", b"\x89PNG"),
             ("http://[", 200, "text/html", PAGE)]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for gz in (True, False):
            path = write_warc(Path(tmp) / f"seed{int(gz)}.warc", pages, gz=gz)
            out.append(path.read_bytes())
    return out


def check_warc(data: bytes) -> list[tuple[str, RawDocument | BadRecord]]:
    """read_warc never raises: every response record is a document or a reason."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.warc.gz"
        path.write_bytes(data)
        with hard_limit(15, "read_warc"):
            return _consume(read_warc(path))


@fuzz(max_examples=150)
@given(st.one_of(mutated(warc_seeds(), 4), st.binary(max_size=300)))
@example(b"WARC/1.0\r\nContent-Length: -5\r\n\r\n")
@example(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999999999999999\r\n\r\n")
def test_warc(data: bytes) -> None:
    check_warc(data)


def test_warc_seed_records_are_read() -> None:
    out = check_warc(warc_seeds()[0])
    assert [r.url for _, r in out if isinstance(r, RawDocument)][:2] == [
        "https://a.example/1", "https://a.example/2"]


mapping_lines = st.one_of(
    st.builds(lambda f, u, s: f"{f}\t{u}\t{s}", st.sampled_from(["a.html", "../x.html", "b.htm",
                                                               "", "a.html "]), urls, any_text),
    any_text)


def check_html_dir(files: dict[str, bytes]) -> None:
    """read_html_dir never raises, whatever the pages and the URL mapping files hold."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "pages"
        root.mkdir()
        for name, data in files.items():
            (root / name).write_bytes(data)
        with hard_limit(20, "read_html_dir"):
            _consume(read_html_dir(root))


@fuzz(max_examples=40, deadline_ms=10000)
@given(st.lists(mapping_lines, max_size=5).map(lambda ls: "\n".join(ls).encode("utf-8")),
       st.one_of(json_values, st.dictionaries(any_text, st.one_of(urls, json_values), max_size=3))
       .map(lambda v: json.dumps(v).encode()),
       st.one_of(html_doc().map(str.encode), st.binary(max_size=200)),
       st.booleans())
def test_html_dir(tsv: bytes, mapping: bytes, page: bytes, broken: bool) -> None:
    files = {"urls.tsv": tsv, "urls.json": mapping, "a.html": page,
             "b.htm": b'<link rel="canonical" href="https://a.example/b">' + page}
    if broken:
        files["urls.tsv"] = b"\xff\xfe\x00bad"
        files["urls.json"] = b"{" + mapping
    check_html_dir(files)


@fuzz(max_examples=150)
@given(st.one_of(html_doc(), any_text))
@example('<link rel="canonical" href="http://[">')
def test_page_url(html: str) -> None:
    with hard_limit(5, "page_url"):
        found = page_url(html)
    assert found is None or isinstance(found, str)


outline_attrs = st.fixed_dictionaries({}, optional={
    k: st.one_of(urls, any_text, st.sampled_from(["GB", "gb", "USA", "en fr", "private", ""]))
    for k in ("xmlUrl", "htmlUrl", "title", "text", "country", "category", "language",
              "outletType")})


@st.composite
def opml(draw: st.DrawFn) -> str:
    from xml.sax.saxutils import quoteattr

    outlines = []
    for attrs in draw(st.lists(outline_attrs, max_size=5)):
        attr = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        nested = draw(st.sampled_from(["", '<outline text="folder">', "<outline>"]))
        outlines.append(f"{nested}<outline {attr}/>" + ("</outline>" if nested else ""))
    head = draw(st.sampled_from(['<?xml version="1.0"?>', "", '<?xml version="1.0" '
                                 'encoding="utf-16"?>']))
    return f'{head}<opml version="2.0"><head/><body>{"".join(outlines)}</body></opml>'


def check_opml(text: str) -> None:
    """from_opml raises only ValueError; validate() reports problems and never raises."""
    with hard_limit(10, "from_opml"):
        try:
            outlets = from_opml(text)
        except ValueError as exc:
            assert str(exc)
            return
        problems = validate(outlets)
    assert all(isinstance(p, str) for p in problems)


@fuzz(max_examples=150)
@given(st.one_of(opml(), any_text, st.binary(max_size=200).map(
    lambda b: b.decode("utf-8", "replace"))))
@example('<opml><body><outline xmlUrl="http://[" htmlUrl="http://["/></body></opml>')
@example('<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>')
@example('<opml><body><outline xmlUrl="https://a.example/f" htmlUrl="https://a.example/"'
         ' country="USA" outletType="' + "x" * 50 + '"/></body></opml>')
def test_opml(text: str) -> None:
    check_opml(text)




def test_jsonl_import_into_the_store(store: Store, tmp_path: Path) -> None:
    """What read_jsonl accepts, both stores keep: an import never stops on a record."""
    with store.begin() as conn:
        upsert_sources(conn, [SourceRow("s", "S", "https://a.example/", "GB", ("en",),
                                        "private", False, True)])
    counter = iter(range(10**9))

    @settings(max_examples=40 * SCALE[PROFILE], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.lists(st.one_of(records, st.sampled_from(SURROGATES).map(json.loads)), max_size=5))
    def run(objs: list[Any]) -> None:
        n = next(counter)
        for obj in objs:  # distinct URLs per example, so each run inserts
            if isinstance(obj, dict) and isinstance(obj.get("url"), str):
                obj["url"] = obj["url"].replace("://", f"://r{n}.", 1)
                obj["source"] = "s"
        path = tmp_path / f"{n}.jsonl"
        path.write_text("\n".join(json.dumps(o) for o in objs) + "\n", encoding="utf-8",
                        errors="surrogatepass")
        with hard_limit(20, "import_documents"):
            summary = import_documents(store, read_jsonl(path))
        assert summary.added + summary.duplicates + len(summary.bad) == len(objs)

    run()
