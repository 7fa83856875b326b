"""Truthfulness of story analysis on the gold corpus: quotes, speakers, figures, conflicts, take."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from rashomon.compare.analyse import StoryAnalysis, analyse_story
from rashomon.compare.figures import Figure
from rashomon.compare.names import same_person
from rashomon.compare.numbers import same_value
from rashomon.compare.story import Embed, StoryArticle
from rashomon.embed.base import Embedder, get_embedder

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "corpus" / "gold.json"
Progress = Callable[[str, int, int], None]
# Gold values are in one unit per quantity (grams, seconds, basis points): a figure written in
# kilograms or tonnes still agrees when its value differs by one of these factors.
_SCALES = (1.0, 1000.0, 0.001, 100.0, 0.01, 1e6, 1e-6)


def load_gold(path: Path | str = DEFAULT_GOLD) -> dict[str, Any]:
    """The gold labels (tests/corpus/gold.json), with a clear error when the file is missing."""
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(f"{p}: no gold file; build it with python tests/corpus/build.py")
    data: dict[str, Any] = json.loads(p.read_text(encoding="utf-8"))
    return data


def gold_story(gold: dict[str, Any], event: str) -> list[StoryArticle]:
    """The articles of one gold event as the analysis receives them (text = gold paragraphs)."""
    return [
        StoryArticle(aid, a["outlet"], a["country"], a["language"], "\n\n".join(a["paragraphs"]),
                     title=a.get("title") or "",
                     published=datetime.fromisoformat(a["published"]) if a.get("published")
                     else None, is_copy=bool(a.get("origin")), origin=a.get("origin"))
        for aid, a in sorted(gold["articles"].items()) if a["event"] == event
    ]


def _span(article: StoryArticle, text: str) -> tuple[int, int] | None:
    at = article.text.find(text)
    return (at, at + len(text)) if at >= 0 else None


def _overlaps(a: tuple[int, int], b: tuple[int, int], share: float = 0.0) -> bool:
    common = min(a[1], b[1]) - max(a[0], b[0])
    return common > share * min(a[1] - a[0], b[1] - b[0]) and common > 0


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4),
            "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0, "tp": tp, "fp": fp, "fn": fn}


class _Tally:
    """Counts accumulated over the gold events."""

    def __init__(self) -> None:
        self.c: dict[str, int] = {}
        self.grouping: list[tuple[bool, bool]] = []  # (same gold statement, same predicted group)

    def add(self, key: str, n: int = 1) -> None:
        self.c[key] = self.c.get(key, 0) + n

    def get(self, key: str) -> int:
        return self.c.get(key, 0)


def _score_quotes(an: StoryAnalysis, articles: dict[str, StoryArticle], gold: dict[str, Any],
                  t: _Tally) -> None:
    shown = [(g, v.quote) for g in an.quotes for v in g.variants]
    for _, q in shown:
        if articles[q.article].text[q.start : q.end] != q.text:
            t.add("quotes_not_verbatim")
    matched: list[tuple[str, int]] = []  # (gold statement, predicted group)
    used: set[int] = set()
    for aid, article in articles.items():
        for gq in gold["articles"][aid]["quotes"]:
            span = _span(article, gq["text"])
            hit = next((i for i, (_, q) in enumerate(shown) if q.article == aid and span
                        and i not in used and _overlaps(span, (q.start, q.end), 0.5)), None)
            if hit is None:
                t.add("quote_fn")
                continue
            used.add(hit)
            t.add("quote_tp")
            group, quote = shown[hit]
            speaker = group.speaker or quote.speaker
            t.add("speaker_ok" if same_person(speaker, gq["speaker"]) else "speaker_wrong")
            matched.append((gq["statement"], group.id))
    t.add("quote_fp", len(shown) - len(used))
    t.grouping += [(a[0] == b[0], a[1] == b[1]) for a, b in combinations(matched, 2)]


def _gold_figures(article: StoryArticle, gold: dict[str, Any]) -> list[tuple[tuple[int, int],
                                                                            dict[str, Any]]]:
    spans = [(_span(article, f["text"]), f) for f in gold["articles"][article.id]["figures"]]
    return [(s, f) for s, f in spans if s]


def _value_ok(figure: Figure, value: float) -> bool:
    return any(same_value(figure.value * k, figure.precision * k, value, 0.0) for k in _SCALES)


def _score_figures(an: StoryAnalysis, articles: dict[str, StoryArticle], gold: dict[str, Any],
                   t: _Tally) -> None:
    golds = {aid: _gold_figures(a, gold) for aid, a in articles.items()}
    quantity_of: dict[int, str] = {}
    mapped: dict[int, tuple[str, float]] = {}
    figures = [f for g in an.figures for f in g.figures]
    for n, f in enumerate(figures):
        if not f.outlet or articles[f.article].text[f.start : f.end] != f.text:
            t.add("figures_without_source")
        hit = next((g for s, g in golds[f.article] if _overlaps(s, (f.start, f.end))), None)
        if hit:
            mapped[n] = (hit["quantity"], hit["value"])
            quantity_of[n] = hit["quantity"]
            t.add("figure_value_ok" if _value_ok(f, hit["value"]) else "figure_value_wrong")
    t.add("figure_tp", len(mapped))
    t.add("figure_fp", len(figures) - len(mapped))
    found = {(f.article, s) for n, f in enumerate(figures) if n in mapped
             for s, _ in golds[f.article] if _overlaps(s, (f.start, f.end))}
    t.add("figure_fn", sum(1 for aid, gs in golds.items() for s, _ in gs if (aid, s) not in found))
    _score_conflicts(an, figures, mapped, gold, articles, t)


def _score_conflicts(an: StoryAnalysis, figures: list[Figure],
                     mapped: dict[int, tuple[str, float]], gold: dict[str, Any],
                     articles: dict[str, StoryArticle], t: _Tally) -> None:
    values: dict[str, set[float]] = {}
    for aid in articles:
        for f in gold["articles"][aid]["figures"]:
            values.setdefault(f["quantity"], set()).add(f["value"])
    gold_conflicts = {q for q, v in values.items() if len(v) > 1}
    index = {id(f): n for n, f in enumerate(figures)}
    found: set[str] = set()
    for group in an.conflicts:
        hits = [mapped[index[id(f)]] for f in group.figures if index[id(f)] in mapped]
        quantities = {q for q, _ in hits}
        ok = (len(quantities) == 1 and next(iter(quantities)) in gold_conflicts
              and len({v for _, v in hits}) > 1)
        t.add("conflict_tp_pred" if ok else "conflict_fp")
        if ok:
            found |= quantities
    t.add("conflict_tp", len(found))
    t.add("conflict_fn", len(gold_conflicts - found))


def _score_take(an: StoryAnalysis, t: _Tally) -> None:
    t.add("take_sentences", len(an.take.sentences))
    t.add("take_supported", sum(1 for s in an.take.sentences if len(s.outlets) >= 2))


def _embed_of(embedder: Embedder | Embed | None) -> Embed:
    model = embedder if embedder is not None else get_embedder("default")
    if isinstance(model, Embedder):
        return lambda texts: model.embed(list(texts))
    return model


def _report(t: _Tally, events: int, articles: int, elapsed: float) -> dict[str, Any]:
    pairs = t.grouping
    same_gold = sum(1 for g, _ in pairs if g)
    same_pred = sum(1 for _, p in pairs if p)
    both = sum(1 for g, p in pairs if g and p)
    speakers = t.get("speaker_ok") + t.get("speaker_wrong")
    values = t.get("figure_value_ok") + t.get("figure_value_wrong")
    return {
        "events": events, "articles": articles,
        "quotes": _prf(t.get("quote_tp"), t.get("quote_fp"), t.get("quote_fn")),
        "speaker_accuracy": round(t.get("speaker_ok") / speakers, 4) if speakers else 0.0,
        "quote_grouping": _prf(both, same_pred - both, same_gold - both),
        "quotes_not_verbatim": t.get("quotes_not_verbatim"),
        "figures": _prf(t.get("figure_tp"), t.get("figure_fp"), t.get("figure_fn")),
        "figure_value_accuracy": round(t.get("figure_value_ok") / values, 4) if values else 0.0,
        "conflicts": {**_prf(t.get("conflict_tp_pred"), t.get("conflict_fp"),
                             t.get("conflict_fn")),
                      "recall": round(t.get("conflict_tp") / max(1, t.get("conflict_tp")
                                                                 + t.get("conflict_fn")), 4),
                      "gold": t.get("conflict_tp") + t.get("conflict_fn")},
        "take_sentences": t.get("take_sentences"),
        "take_supported_share": round(t.get("take_supported") / max(1, t.get("take_sentences")),
                                      4),
        "figures_without_source": t.get("figures_without_source"),
        "elapsed_s": round(elapsed, 2),
        "articles_per_s": round(articles / elapsed, 2) if elapsed else 0.0,
    }


def evaluate_truthfulness(
    gold_path: Path | str = DEFAULT_GOLD,
    embedder: Embedder | Embed | None = None,
    progress: Progress | None = None,
    events: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Analyse every gold event on its gold paragraphs and score it against the gold labels."""
    gold = load_gold(gold_path)
    embed = _embed_of(embedder)
    names = sorted(events or {a["event"] for a in gold["articles"].values()})
    t = _Tally()
    started, n_articles = time.perf_counter(), 0
    for done, event in enumerate(names):
        if progress:
            progress(f"truthfulness: {event}", done, len(names))
        story = gold_story(gold, event)
        n_articles += len(story)
        an = analyse_story(story, embed)
        by_id = {a.id: a for a in story}
        _score_quotes(an, by_id, gold, t)
        _score_figures(an, by_id, gold, t)
        _score_take(an, t)
    if progress:
        progress("truthfulness", len(names), len(names))
    report = _report(t, len(names), n_articles, time.perf_counter() - started)
    report["embedder"] = getattr(embedder, "model_id", "default" if embedder is None else "custom")
    return report


__all__ = ["DEFAULT_GOLD", "evaluate_truthfulness", "gold_story", "load_gold"]
