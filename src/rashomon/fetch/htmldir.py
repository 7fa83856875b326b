"""Read a directory of saved HTML pages, with URLs from urls.tsv / urls.json or the pages."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rashomon.fetch.charset import decode_body
from rashomon.fetch.jsonl import BadRecord
from rashomon.fetch.urls import canonical_url
from rashomon.fetch.warc import DEFAULT_MAX_BYTES, source_from_url
from rashomon.models import RawDocument

SUFFIXES = (".html", ".htm", ".xhtml")
_LINK = re.compile(r"<link\b[^>]*>", re.IGNORECASE)
_META = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([a-zA-Z:_-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


@dataclass(frozen=True)
class Mapped:
    """Where a file came from, as the sidecar file says."""

    url: str
    source: str | None = None


def _attrs(tag: str) -> dict[str, str]:
    return {
        m.group(1).lower(): m.group(2) or m.group(3) or m.group(4) or ""
        for m in _ATTR.finditer(tag)
    }


def page_url(html: str) -> str | None:
    """The page's own URL: <link rel=canonical>, else og:url."""
    head = html[:200_000]
    for tag in _LINK.findall(head):
        a = _attrs(tag)
        if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            return a["href"].strip()
    for tag in _META.findall(head):
        a = _attrs(tag)
        if a.get("property", "").lower() == "og:url" and a.get("content"):
            return a["content"].strip()
    return None


def _tsv(path: Path) -> Iterator[tuple[int, str, Mapped | str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        yield 0, "", f"not UTF-8 ({exc.reason} at byte {exc.start}): save it as UTF-8"
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if n == 1 and cols[0].lower() == "file":
            continue  # header row
        if len(cols) < 2 or not cols[0] or not cols[1]:
            yield n, cols[0], "expected FILE<TAB>URL[<TAB>SOURCE]"
            continue
        yield n, cols[0], Mapped(cols[1], cols[2] if len(cols) > 2 and cols[2] else None)


def _json(path: Path) -> Iterator[tuple[int, str, Mapped | str]]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        yield 0, "", f"invalid JSON: {exc}"
        return
    items = (
        [{"file": k, **(v if isinstance(v, dict) else {"url": v})} for k, v in doc.items()]
        if isinstance(doc, dict)
        else doc
        if isinstance(doc, list)
        else None
    )
    if items is None:
        yield 0, "", "expected an object {file: url | {url, source}} or a list of objects"
        return
    for n, item in enumerate(items, 1):
        ok = (
            isinstance(item, dict)
            and isinstance(item.get("file"), str)
            and isinstance(item.get("url"), str)
        )
        if not ok:
            yield n, "", "entry needs string fields 'file' and 'url'"
            continue
        source = item.get("source")
        yield n, item["file"], Mapped(item["url"], source if isinstance(source, str) else None)


def load_mapping(directory: Path) -> tuple[dict[str, Mapped], list[BadRecord]]:
    """file -> (url, source) from urls.tsv and/or urls.json, with any bad lines."""
    mapping: dict[str, Mapped] = {}
    bad: list[BadRecord] = []
    for name, reader in (("urls.tsv", _tsv), ("urls.json", _json)):
        path = directory / name
        if not path.is_file():
            continue
        for n, file, entry in reader(path):
            if isinstance(entry, str):
                bad.append(BadRecord(str(path), n, entry))
            else:
                mapping[Path(file).as_posix().removeprefix("./")] = entry
    return mapping, bad


def _read_page(
    path: Path, rel: str, mapped: Mapped | None, source: str | None, max_bytes: int
) -> RawDocument | BadRecord:
    if path.stat().st_size > max_bytes:
        return BadRecord(str(path), 0, f"larger than {max_bytes} bytes; skipped")
    html, _ = decode_body(path.read_bytes())
    if not html.strip():
        return BadRecord(str(path), 0, "empty file")
    raw = mapped.url if mapped else page_url(html)
    url = canonical_url(raw) if raw else None
    if url is None:
        why = f"URL {raw!r} is not http(s)" if raw else "no URL"
        return BadRecord(
            str(path),
            0,
            f"{why}: list {rel} in urls.tsv or urls.json, or give the page a <link rel=canonical>",
        )
    src = (mapped.source if mapped else None) or source or source_from_url(url)
    return RawDocument(url=url, source_id=src, html=html)


def read_html_dir(
    directory: str | Path, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[tuple[str, RawDocument | BadRecord]]:
    """(file:0, record) for every page under directory, in path order."""
    root = Path(directory)
    mapping, bad = load_mapping(root)
    for b in bad:
        yield f"{b.path}:{b.line}", b
    pages = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
    present = {p.relative_to(root).as_posix() for p in pages}
    for rel in sorted(set(mapping) - present):
        yield f"{root}:0", BadRecord(str(root / rel), 0, "listed in the URL mapping but missing")
    for path in pages:
        rel = path.relative_to(root).as_posix()
        yield f"{path}:0", _read_page(path, rel, mapping.get(rel), source, max_bytes)
