"""One story's analysis: claims, the world's take, alternative takes, quotes, figures, entities."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rashomon.compare.claims import ClaimGroup, align_claims, group_vectors, sentence_scores
from rashomon.compare.coverage import Coverage, coverage
from rashomon.compare.entities import Entity, key_entities
from rashomon.compare.figalign import align_figures
from rashomon.compare.figures import FigureGroup, extract_figures
from rashomon.compare.quotegroups import QuoteGroup, group_quotes
from rashomon.compare.quotes import extract_quotes
from rashomon.compare.serial import load, to_data
from rashomon.compare.story import (
    MAX_ARTICLES,
    MAX_SENTENCES,
    Caps,
    Embed,
    StoryArticle,
    embed_texts,
    flat_sentences,
    select,
)
from rashomon.compare.takes import AlternativeTake, alternative_takes
from rashomon.summarize.llm import TakeWriter
from rashomon.summarize.take import Take, world_take

# Bump when the stored shape or the method changes: the pipeline recomputes older analyses.
ANALYSIS_VERSION = 2


@dataclass
class StoryAnalysis:
    """Everything the story page shows beyond the articles themselves."""

    version: int = ANALYSIS_VERSION
    caps: Caps = field(default_factory=Caps)
    claims: list[ClaimGroup] = field(default_factory=list)
    take: Take = field(default_factory=Take)
    alternatives: list[AlternativeTake] = field(default_factory=list)
    quotes: list[QuoteGroup] = field(default_factory=list)
    figures: list[FigureGroup] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    coverage: Coverage = field(default_factory=Coverage)

    def to_json(self) -> str:
        """The analysis as JSON text for analyses.data."""
        return json.dumps(to_data(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> StoryAnalysis:
        """An analysis read back from analyses.data."""
        return load(cls, json.loads(text))

    @property
    def conflicts(self) -> list[FigureGroup]:
        """Figure groups whose outlets give different values for the same quantity."""
        return [g for g in self.figures if g.conflict]


def analyse_story(
    articles: Sequence[StoryArticle],
    embed: Embed,
    *,
    outlets: Sequence[str] = (),
    max_articles: int = MAX_ARTICLES,
    max_sentences: int = MAX_SENTENCES,
    writer: TakeWriter | None = None,
) -> StoryAnalysis:
    """Analyse one story's articles; ``embed`` turns texts into unit vectors (one call per kind).

    At most ``max_articles`` articles (originals first, then earliest) and ``max_sentences``
    sentences of each are read; coverage counts every article. ``outlets`` adds per-outlet
    alternative takes to the per-country ones; ``writer`` may rewrite the take (summarize.llm).
    """
    chosen, caps = select(articles, max_articles, max_sentences)
    pairs = flat_sentences(chosen)
    vectors = embed_texts(embed, [s.text for _, s in pairs])
    scored = sentence_scores(chosen, vectors)
    claims = align_claims(chosen, scored)
    centroids = group_vectors(claims, chosen, vectors) if pairs else np.zeros((0, 1), np.float32)
    member_vectors = {(a.id, s.index): vectors[i] for i, (a, s) in enumerate(pairs)}
    n_outlets = len({a.outlet for a in chosen if not a.is_copy}) or len({a.outlet for a in chosen})
    take = world_take(claims, centroids, member_vectors, n_outlets)
    if writer is not None:
        take = writer.write(take, claims, embed)
    quote_groups = group_quotes([q for a in chosen for q in extract_quotes(a)], embed, chosen,
                                vectors)
    figures = align_figures([f for a in chosen for f in extract_figures(a)], scored, chosen,
                             embed)
    return StoryAnalysis(
        ANALYSIS_VERSION, caps, claims, take, alternative_takes(chosen, claims, outlets),
        quote_groups, figures, key_entities(chosen, quote_groups), coverage(articles))
