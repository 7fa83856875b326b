"""Resource-bound scenarios, each run in a fresh process so its peak memory can be measured.

``python -m tests.hostile.bounds SCENARIO [ARG]`` prints one JSON line: seconds, the peak
resident memory growth over the process after imports (MB), and what the scenario observed.
tests/hostile/test_bounds.py runs them with a wall-clock timeout; docs/security.md lists the
bounds. Inputs are generated at run time, never committed.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

PARA = ("The council voted 7-2 on Tuesday to subsidise the winter ferry to Pine Island, said "
        "Mayor Dana Whitcomb. \u201cIt keeps the island school open,\u201d she said. About "
        "1,200 islanders use the service each month. ")


def _peak_mb() -> float:
    # VmHWM is this process's own high-water mark; ru_maxrss would start at the size of the
    # (large) pytest process this one was forked from.
    status = Path("/proc/self/status")
    if status.exists():
        found = re.search(r"VmHWM:\s+(\d+) kB", status.read_text())
        if found:
            return int(found[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hash_embed(texts: Any) -> np.ndarray:
    """An instant stand-in for the embedder: the analysis caps, not the model, are measured."""
    out = np.zeros((len(texts), 64), np.float32)
    for i, text in enumerate(texts):
        for word in re.findall(r"\w+", text.casefold()):
            out[i, zlib.crc32(word.encode()) % 64] += 1.0
    return out


def big_text(chars: int) -> str:
    """Plain article text of about ``chars`` characters, one numbered paragraph per repeat."""
    return "\n\n".join(f"{PARA}{i}." for i in range(chars // (len(PARA) + 8)))


def warc(path: str) -> dict[str, Any]:
    from rashomon.fetch.warc import read_warc

    out = [(where, getattr(rec, "reason", None) or getattr(rec, "url", ""))
           for where, rec in read_warc(path)]
    return {"records": [r for _, r in out]}


def article(chars: str) -> dict[str, Any]:
    from rashomon.extract import extract_html, split_sentences

    body = "".join(f"<p>{PARA}{i}.</p>" for i in range(int(chars) // (len(PARA) + 10)))
    html = f"<html><head><title>Big</title></head><body><article>{body}</article></body></html>"
    art = extract_html(html, "https://a.example/big.html")
    return {"html_chars": len(html), "text_chars": len(art.text),
            "sentences": len(split_sentences(art.text))}


def analysis(chars: str) -> dict[str, Any]:
    from rashomon.compare.analyse import analyse_story
    from rashomon.compare.story import StoryArticle

    arts = [StoryArticle("big", "o1", "GB", "en", big_text(int(chars))),
            StoryArticle("small", "o2", "DE", "en", PARA)]
    result = analyse_story(arts, hash_embed)
    return {"sentences_dropped": result.caps.sentences_dropped, "quotes": len(result.quotes)}


def one_paragraph(chars: str) -> dict[str, Any]:
    from rashomon.compare.analyse import analyse_story
    from rashomon.compare.story import StoryArticle

    text = PARA.replace(".", ",") * (int(chars) // len(PARA))  # no full stop: one sentence
    result = analyse_story([StoryArticle("long", "o1", "GB", "en", text),
                            StoryArticle("small", "o2", "DE", "en", PARA)], hash_embed)
    return {"quotes": len(result.quotes)}


def quote_dense(n: str) -> dict[str, Any]:
    from rashomon.compare.analyse import analyse_story
    from rashomon.compare.story import StoryArticle

    def text(i: int) -> str:
        return "\n\n".join(f"\u201cWe will rebuild street {j} by spring {i},\u201d said Mayor "
                           f"Dana Whitcomb." for j in range(60))

    arts = [StoryArticle(str(i), f"outlet-{i}", ["GB", "DE", "FR", "US", "KE"][i % 5], "en",
                         text(i)) for i in range(int(n))]
    result = analyse_story(arts, hash_embed)
    return {"quote_groups": len(result.quotes)}


def story(n: str) -> dict[str, Any]:
    from datetime import UTC, datetime, timedelta

    from rashomon.compare.analyse import analyse_story
    from rashomon.compare.story import StoryArticle

    t0 = datetime(2026, 11, 2, tzinfo=UTC)
    arts = [StoryArticle(str(i), f"outlet-{i % 400}", ["GB", "DE", "FR", "US", "KE"][i % 5], "en",
                         f"{PARA}Report number {i}.\n\n{PARA}", published=t0 + timedelta(
                             minutes=i)) for i in range(int(n))]
    result = analyse_story(arts, hash_embed)
    return {"used": result.caps.articles_used, "total": result.caps.articles_total,
            "dropped": len(result.caps.dropped_articles), "counted": result.coverage.articles}


def feed(path: str) -> dict[str, Any]:
    from rashomon.fetch.feeds import parse_feed

    parsed = parse_feed(Path(path).read_bytes(), "https://a.example/")
    return {"entries": len(parsed.entries), "format": parsed.format}


SCENARIOS: dict[str, Callable[[str], dict[str, Any]]] = {
    "warc": warc, "article": article, "analysis": analysis, "one-paragraph": one_paragraph,
    "story": story, "feed": feed, "quote-dense": quote_dense}


def main(argv: list[str]) -> None:
    name, arg = argv[0], argv[1] if len(argv) > 1 else ""
    import rashomon.compare.analyse  # noqa: F401  (imports are not what is measured)
    import rashomon.extract  # noqa: F401
    import rashomon.fetch.feeds  # noqa: F401
    import rashomon.fetch.warc  # noqa: F401

    base = _peak_mb()
    started = time.perf_counter()
    seen = SCENARIOS[name](arg)
    print(json.dumps({"seconds": round(time.perf_counter() - started, 2),
                      "peak_growth_mb": round(_peak_mb() - base, 1), "seen": seen}))


if __name__ == "__main__":
    main(sys.argv[1:])
