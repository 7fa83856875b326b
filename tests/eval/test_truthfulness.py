"""Truthfulness on the gold corpus (floors), verbatim quotes, and the shared seed articles."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from rashomon.compare.analyse import analyse_story
from rashomon.compare.quotes import extract_quotes
from rashomon.compare.story import StoryArticle, with_sentences
from rashomon.eval.truthfulness import DEFAULT_GOLD, evaluate_truthfulness, gold_story, load_gold

Embed = Callable[[Sequence[str]], np.ndarray]
# Measured with the bundled USE embedder (fast; the test's choice), minus a small margin.
# docs/evaluation.md records the full figures.
FLOORS = {
    ("quotes", "precision"): 0.85, ("quotes", "recall"): 0.98,
    ("quote_grouping", "precision"): 0.95, ("quote_grouping", "recall"): 0.80,
    ("figures", "precision"): 0.88, ("figures", "recall"): 0.88,
    ("conflicts", "precision"): 0.85, ("conflicts", "recall"): 0.74,
}
SPEAKER_FLOOR = 0.93
VALUE_FLOOR = 0.99


def _shared() -> Path | None:
    env = os.environ.get("RASHOMON_SHARED")
    path = Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared"
    return path if path.is_dir() else None


@pytest.fixture(scope="module")
def use_embed() -> Embed:
    from rashomon.embed.use import UseEmbedder

    model = UseEmbedder()
    return lambda texts: model.embed(list(texts))


@pytest.fixture(scope="module", params=["use", "e5"])
def seed_embed(request: pytest.FixtureRequest) -> Embed:
    """Both bundled embedders: the seed checks hold whichever one a user picks."""
    from rashomon.embed.base import get_embedder

    model = get_embedder(request.param)
    return lambda texts: model.embed(list(texts))


@pytest.fixture(scope="module")
def report(use_embed: Embed) -> dict[str, Any]:
    seen: list[tuple[str, int, int]] = []
    result = evaluate_truthfulness(embedder=use_embed,
                                   progress=lambda task, done, total: seen.append(
                                       (task, done, total)))
    assert seen[-1][1] == seen[-1][2] == result["events"]
    return result


def test_every_quote_of_the_corpus_is_verbatim() -> None:
    gold = load_gold(DEFAULT_GOLD)
    count = 0
    for event in {a["event"] for a in gold["articles"].values()}:
        for article in gold_story(gold, event):
            for quote in extract_quotes(with_sentences(article)):
                assert article.text[quote.start : quote.end] == quote.text
                count += 1
    assert count > 300


@pytest.mark.slow
def test_corpus_floors(report: dict[str, Any]) -> None:
    for (section, metric), floor in FLOORS.items():
        assert report[section][metric] >= floor, (section, metric, report[section])
    assert report["speaker_accuracy"] >= SPEAKER_FLOOR
    assert report["figure_value_accuracy"] >= VALUE_FLOOR
    assert report["quotes_not_verbatim"] == 0
    assert report["figures_without_source"] == 0
    assert report["take_supported_share"] == 1.0
    assert report["take_sentences"] >= 3 * report["events"]
    json.dumps(report)


def _seed_articles() -> list[StoryArticle]:
    shared = _shared()
    if shared is None or not (shared / "seeds").is_dir():
        pytest.skip("../shared/seeds is absent (set RASHOMON_SHARED to run this test)")
    try:
        from rashomon.extract.cleanup import clean_text
    except ImportError:  # pragma: no cover - the extraction helper is part of the package
        clean_text = None
    articles = []
    for number, path in enumerate(sorted((shared / "seeds").glob("*.txt"))):
        raw = path.read_text(encoding="utf-8")
        text = clean_text(raw).text if clean_text else "\n\n".join(
            p.strip() for p in raw.split("\n\n") if p.strip())
        articles.append(StoryArticle(path.stem, f"seed-{number}", "", "en", text))
    return articles


@pytest.mark.shared
def test_seeds_give_one_group_of_the_putin_statement(seed_embed: Embed) -> None:
    articles = _seed_articles()
    analysis = analyse_story(articles, seed_embed)
    holding = [g for g in analysis.quotes
               if any("legitimate target" in v.quote.text.casefold() for v in g.variants)]
    assert len(holding) == 1, [[v.quote.text for v in g.variants] for g in holding]
    group = holding[0]
    assert group.speaker.endswith("Putin")
    assert len(group.outlets) == len(articles) == 5
    renderings = {v.quote.text.casefold() for v in group.variants}
    assert any("legitimate targets for defeat" in r for r in renderings)
    assert any("legitimate targets for their destruction" in r for r in renderings)
    assert any(op.op != "equal" for v in group.variants for op in v.diff)
    texts = {a.id: a.text for a in articles}
    assert all(texts[v.quote.article][v.quote.start : v.quote.end] == v.quote.text
               for g in analysis.quotes for v in g.variants)


@pytest.mark.shared
def test_seed_figures_align_without_false_conflicts(seed_embed: Embed) -> None:
    analysis = analyse_story(_seed_articles(), seed_embed)
    assert analysis.conflicts == []
    pledged = [g for g in analysis.figures if g.counts == "countries"
               and any(v.value == 26 for v in g.values)]
    assert len(pledged) == 1 and len(pledged[0].values[0].outlets) >= 2
    met = [g for g in analysis.figures if any(v.value == 35 for v in g.values)
           and g.counts == "countries"]
    assert met and met[0] is not pledged[0]
