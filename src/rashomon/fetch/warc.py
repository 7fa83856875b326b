"""Read WARC files (e.g. CC-NEWS): HTML response records become documents for import."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from rashomon.fetch.charset import decode_body
from rashomon.fetch.jsonl import BadRecord
from rashomon.fetch.urls import canonical_url
from rashomon.models import RawDocument

HTML_TYPES = ("text/html", "application/xhtml+xml")
DEFAULT_MAX_BYTES = 5_000_000


def source_from_url(url: str) -> str:
    """The host of url without 'www.', which the importer matches against sources."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _document(record: Any, source: str | None, max_bytes: int) -> RawDocument | str:
    """The record as a document, or the reason it is skipped."""
    uri = (record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ")
    url = canonical_url(uri)
    if url is None:
        return f"skipped: target URI {uri!r} is not an http(s) URL"
    http = record.http_headers
    if http is None:
        return "skipped: response record without HTTP headers"
    status = http.get_statuscode()
    if status != "200":
        return f"skipped: HTTP {status} for {url}"
    ctype = http.get_header("Content-Type") or ""
    if ctype and ctype.split(";")[0].strip().lower() not in HTML_TYPES:
        return f"skipped: not HTML ({ctype}) for {url}"
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return f"skipped: page larger than {max_bytes} bytes ({url})"
    if not body.strip():
        return f"skipped: empty page ({url})"
    html, _ = decode_body(body, ctype)
    return RawDocument(url=url, source_id=source or source_from_url(url), html=html)


def _intact(record: Any) -> bool:
    # A record with a digest must verify; one without has nothing to check against.
    if not record.rec_headers.get_header("WARC-Payload-Digest"):
        return True
    return record.digest_checker.passed is True


def read_warc(
    path: str | Path, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[str, RawDocument | BadRecord]]:
    """(file:offset, record) for every response record; others are skipped with a reason.

    For WARC files the BadRecord "line" is the record's byte offset.
    """
    p = Path(path)
    offset = 0
    with p.open("rb") as fh:
        records = ArchiveIterator(fh, check_digests=True)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue  # warcinfo, request and metadata records hold no article
                doc = _document(record, source, max_bytes)
                # Asking for the offset reads the record to its end: only after the body.
                offset = records.get_record_offset()
                if not isinstance(doc, str) and not _intact(record):
                    doc = "skipped: corrupt or truncated record (payload digest does not match)"
                rec = BadRecord(str(p), offset, doc) if isinstance(doc, str) else doc
                yield f"{p}:{offset}", rec
        except ArchiveLoadFailed as exc:
            reason = f"unreadable WARC after byte {offset}: {str(exc).strip()}"
            yield f"{p}:{offset}", BadRecord(str(p), offset, reason)
        except (ValueError, TypeError, AttributeError, IndexError, KeyError, OverflowError,
                EOFError, zlib.error) as exc:
            # warcio lets these escape on corrupt headers (a response without a target URI, a
            # NUL in a digest name, broken gzip members): the rest of the file is unreadable.
            reason = f"unreadable WARC after byte {offset}: {type(exc).__name__}: {exc}"
            yield f"{p}:{offset}", BadRecord(str(p), offset, reason)
