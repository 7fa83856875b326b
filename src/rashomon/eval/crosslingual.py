"""Cross-lingual embedding evaluation: Tatoeba retrieval error, STSb Spearman, throughput."""

from __future__ import annotations

import csv
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rashomon.embed.base import Embedder, Kind, get_embedder

# progress(task description, sentences done, sentences in the task)
Progress = Callable[[str, int, int], None]
CHUNK = 256


def load_tatoeba(
    dataset_dir: Path | str, limit: int | None = None
) -> dict[str, tuple[list[str], list[str]]]:
    """Every ``tatoeba/tatoeba.XXX-eng.{XXX,eng}`` pair as lang -> (xxx sentences, eng sentences)."""
    folder = Path(dataset_dir) / "tatoeba"
    pairs: dict[str, tuple[list[str], list[str]]] = {}
    for eng_file in sorted(folder.glob("tatoeba.*-eng.eng")):
        lang = eng_file.name.split(".")[1].split("-")[0]
        xxx_file = eng_file.with_suffix("." + lang)
        if not xxx_file.exists():
            raise FileNotFoundError(f"{xxx_file} is missing: {eng_file.name} has no {lang} side")
        xxx, eng = _lines(xxx_file, limit), _lines(eng_file, limit)
        if len(xxx) != len(eng):
            raise ValueError(f"{xxx_file} has {len(xxx)} lines but {eng_file} has {len(eng)}")
        pairs[lang] = (xxx, eng)
    return pairs


def _lines(path: Path, limit: int | None) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return lines[:limit] if limit else lines


def load_stsb(
    dataset_dir: Path | str, limit: int | None = None
) -> dict[str, tuple[list[str], list[str], np.ndarray]]:
    """Every ``stsb/stsb-LL-test.csv`` as LL -> (sentences 1, sentences 2, gold scores)."""
    data: dict[str, tuple[list[str], list[str], np.ndarray]] = {}
    for path in sorted((Path(dataset_dir) / "stsb").glob("stsb-*-test.csv")):
        lang = path.name.split("-")[1]
        first, second, scores = [], [], []
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                if len(row) < 3 or not _is_number(row[2]):
                    continue  # a header or a malformed line
                first.append(row[0])
                second.append(row[1])
                scores.append(float(row[2]))
                if limit and len(scores) >= limit:
                    break
        data[lang] = (first, second, np.asarray(scores, dtype=np.float64))
    return data


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def retrieval_error(queries: np.ndarray, targets: np.ndarray) -> float:
    """Share of rows i whose most cosine-similar target is not row i (inputs are unit rows)."""
    if len(queries) == 0:
        return 0.0
    nearest = np.argmax(queries @ targets.T, axis=1)
    return float(np.mean(nearest != np.arange(len(queries))))


def rankdata(values: np.ndarray) -> np.ndarray:
    """Ranks starting at 1, ties sharing their average rank (as scipy.stats.rankdata)."""
    values = np.asarray(values, dtype=np.float64)
    order = np.argsort(values, kind="mergesort")
    sorted_values = values[order]
    # Each run of equal values gets the mean of the positions it spans.
    starts = np.flatnonzero(np.r_[True, sorted_values[1:] != sorted_values[:-1]])
    ends = np.r_[starts[1:], len(values)]
    mean_rank = (starts + ends + 1) / 2.0
    ranks = np.empty(len(values), dtype=np.float64)
    ranks[order] = np.repeat(mean_rank, ends - starts)
    return ranks


def spearman(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman rank correlation of two equally long sequences."""
    rx, ry = rankdata(x), rankdata(y)
    rx -= rx.mean()
    ry -= ry.mean()
    denominator = float(np.sqrt((rx * rx).sum() * (ry * ry).sum()))
    return float((rx * ry).sum() / denominator) if denominator else 0.0


class _Timer:
    """Embeds in chunks, counting sentences and seconds spent inside the embedder."""

    def __init__(self, embedder: Embedder, kind: Kind, progress: Progress | None, label: str):
        self.embedder, self.kind, self.progress, self.label = embedder, kind, progress, label
        self.sentences = 0
        self.seconds = 0.0

    def embed(self, texts: Sequence[str], task: str, done: int, total: int) -> np.ndarray:
        parts = []
        for start in range(0, len(texts), CHUNK):
            chunk = texts[start : start + CHUNK]
            began = time.perf_counter()
            parts.append(self.embedder.embed(chunk, self.kind))
            self.seconds += time.perf_counter() - began
            self.sentences += len(chunk)
            if self.progress:
                self.progress(f"{self.label} {task}", done + start + len(chunk), total)
        return np.concatenate(parts) if parts else np.zeros((0, self.embedder.dim), np.float32)


def _tatoeba_scores(timer: _Timer, pairs: dict[str, tuple[list[str], list[str]]]) -> dict[str, Any]:
    per_lang: dict[str, dict[str, float]] = {}
    for lang, (xxx, eng) in pairs.items():
        total = len(xxx) + len(eng)
        vx = timer.embed(xxx, f"tatoeba {lang}", 0, total)
        ve = timer.embed(eng, f"tatoeba {lang}", len(xxx), total)
        per_lang[lang] = {"xxx_eng": retrieval_error(vx, ve), "eng_xxx": retrieval_error(ve, vx)}
    errors = {f"{lang}:{d}": e for lang, row in per_lang.items() for d, e in row.items()}
    return {
        "tatoeba": per_lang,
        "tatoeba_mean": float(np.mean(list(errors.values()))) if errors else None,
        "tatoeba_max": max(errors.values()) if errors else None,
        "tatoeba_worst": max(errors, key=errors.__getitem__) if errors else None,
    }


def _stsb_scores(
    timer: _Timer, data: dict[str, tuple[list[str], list[str], np.ndarray]]
) -> dict[str, Any]:
    per_lang: dict[str, float] = {}
    for lang, (first, second, gold) in data.items():
        total = len(first) + len(second)
        a = timer.embed(first, f"stsb {lang}", 0, total)
        b = timer.embed(second, f"stsb {lang}", len(first), total)
        per_lang[lang] = spearman(np.einsum("ij,ij->i", a, b), gold)
    mean = float(np.mean(list(per_lang.values()))) if per_lang else None
    return {"stsb": per_lang, "stsb_mean": mean}


def evaluate_backend(
    embedder: Embedder,
    tatoeba: dict[str, tuple[list[str], list[str]]],
    stsb: dict[str, tuple[list[str], list[str], np.ndarray]],
    *,
    label: str = "",
    kind: Kind = "passage",
    progress: Progress | None = None,
) -> dict[str, Any]:
    """All figures for one embedder on already loaded data."""
    timer = _Timer(embedder, kind, progress, label or embedder.model_id)
    result: dict[str, Any] = {"model_id": embedder.model_id, "dim": embedder.dim}
    result.update(_tatoeba_scores(timer, tatoeba))
    result.update(_stsb_scores(timer, stsb))
    result["sentences"] = timer.sentences
    result["seconds"] = timer.seconds
    result["sentences_per_s"] = timer.sentences / timer.seconds if timer.seconds else None
    return result


def evaluate_crosslingual(
    dataset_dir: Path | str,
    backends: list[str],
    *,
    kind: Kind = "passage",
    limit: int | None = None,
    progress: Progress | None = None,
    make_embedder: Callable[[str], Embedder] = get_embedder,
) -> dict[str, Any]:
    """Tatoeba errors (both directions), STSb Spearman and sentences/s for each backend."""
    root = Path(dataset_dir)
    if not (root / "tatoeba").is_dir() and not (root / "stsb").is_dir():
        raise FileNotFoundError(f"{root} has neither a tatoeba/ nor an stsb/ folder")
    tatoeba, stsb = load_tatoeba(root, limit), load_stsb(root, limit)
    report: dict[str, Any] = {
        "dataset_dir": str(root),
        "kind": kind,
        "limit": limit,
        "tatoeba_languages": sorted(tatoeba),
        "stsb_languages": sorted(stsb),
        "backends": {},
    }
    for name in backends:
        embedder = make_embedder(name)
        embedder.embed(["warm-up"], kind)  # model loading is not throughput
        report["backends"][name] = evaluate_backend(
            embedder, tatoeba, stsb, label=name, kind=kind, progress=progress
        )
    return report
