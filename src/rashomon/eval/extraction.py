"""Extraction evaluation on the scrapinghub article-extraction benchmark: Rashomon vs trafilatura.

The metric is the benchmark's own: tokens are Unicode \\w+ runs, 4-gram shingles are compared
as multisets, each page's tp/fp/fn are normalised to sum 1, precision is averaged over pages
with tp+fp > 0, recall over pages with tp+fn > 0, and F1 is the harmonic mean of the averages.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import trafilatura

from rashomon.extract.html import extract_html

# progress(task description, pages done, pages in the task)
Progress = Callable[[str, int, int], None]
Extractor = Callable[[str, str | None], str]
Counts = tuple[float, float, float]

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles; a text shorter than n tokens is one short shingle."""
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(truth: str, prediction: str) -> Counts:
    """tp, fp, fn of one page's shingles, normalised to sum 1 (all zero when both are empty)."""
    true, pred = shingles(truth), shingles(prediction)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    return 1.0 if fp == fn == 0 else tp / (tp + fn)


def score(counts: Sequence[Counts]) -> dict[str, float]:
    """Precision and recall averaged over pages, and F1 as their harmonic mean."""
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def load_dataset(dataset_dir: Path | str, limit: int | None = None) -> list[dict[str, str]]:
    """Pages as {id, url, html, truth}, in id order; ``limit`` keeps an evenly spread sample."""
    root = Path(dataset_dir)
    truth_file = root / "ground-truth.json"
    if not truth_file.is_file():
        raise FileNotFoundError(f"{truth_file} is missing: is {root} the scrapinghub dataset?")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if limit and limit < len(ids):
        step = len(ids) / limit
        ids = [ids[int(i * step)] for i in range(limit)]
    pages = []
    for page_id in ids:
        html_file = root / "html" / f"{page_id}.html.gz"
        with gzip.open(html_file, "rt", encoding="utf-8", errors="replace") as handle:
            html = handle.read()
        entry = truth[page_id]
        pages.append(
            {
                "id": page_id,
                "url": entry.get("url") or "",
                "html": html,
                "truth": entry.get("articleBody") or "",
            }
        )
    return pages


def rashomon_text(html: str, url: str | None) -> str:
    """Rashomon's extractor as the benchmark sees it: the clean text."""
    return extract_html(html, url).text


def trafilatura_text(html: str, url: str | None) -> str:
    """Plain trafilatura with its default options, the peer the benchmark README quotes."""
    return trafilatura.extract(html) or ""


def evaluate_extraction(
    dataset_dir: Path | str,
    *,
    limit: int | None = None,
    progress: Progress | None = None,
    extractors: dict[str, Extractor] | None = None,
) -> dict[str, Any]:
    """F1/precision/recall and pages/s of Rashomon and plain trafilatura, measured in one run."""
    pages = load_dataset(dataset_dir, limit)
    chosen = extractors or {"rashomon": rashomon_text, "trafilatura": trafilatura_text}
    counts: dict[str, list[Counts]] = {name: [] for name in chosen}
    seconds = dict.fromkeys(chosen, 0.0)
    for done, page in enumerate(pages, 1):
        # extractors take turns on each page, so a busy machine slows them alike
        for name, extract in chosen.items():
            started = time.perf_counter()
            text = extract(page["html"], page["url"] or None)
            seconds[name] += time.perf_counter() - started
            counts[name].append(page_counts(page["truth"], text))
        if progress:
            progress("extraction", done, len(pages))
    return _report(len(pages), counts, seconds)


def _report(
    total: int, counts: dict[str, list[Counts]], seconds: dict[str, float]
) -> dict[str, Any]:
    result: dict[str, Any] = {"pages": total}
    for name, page_list in counts.items():
        speed = total / seconds[name] if seconds[name] else 0.0
        result[name] = {**score(page_list), "pages_per_second": speed}
    if "rashomon" in result and "trafilatura" in result:
        peer = result["trafilatura"]["pages_per_second"]
        result["speed_ratio"] = result["rashomon"]["pages_per_second"] / peer if peer else 0.0
    return result
