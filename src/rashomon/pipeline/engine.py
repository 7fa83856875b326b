"""Build the stage list from settings and run it: the `local` engine."""

from __future__ import annotations

import os
from collections.abc import Sequence

from rashomon.embed import embedder_from_settings
from rashomon.language.language import DEFAULT_LANGUAGES, LanguageIdentifier, get_identifier
from rashomon.language.translate import translator_from_settings
from rashomon.pipeline.enrich import EmbedStage, LanguageStage, TranslateStage
from rashomon.pipeline.extract_stage import ExtractStage
from rashomon.pipeline.runner import Progress, RunReport, Stage, run_pipeline
from rashomon.settings import Settings
from rashomon.store import Store


def language_identifier(settings: Settings) -> LanguageIdentifier:
    """Lingua configured by the language settings."""
    codes = tuple(c.strip() for c in settings.language_candidates.split(",") if c.strip())
    over = settings.language_low_accuracy_over
    return get_identifier(codes or DEFAULT_LANGUAGES, None if over < 0 else over)


def build_stages(settings: Settings) -> list[Stage]:
    """Every stage in pipeline order, with the configured backends."""
    workers = settings.workers or os.cpu_count() or 1
    return [
        ExtractStage(workers=workers, template_min_articles=settings.template_min_articles),
        LanguageStage(language_identifier(settings)),
        TranslateStage(translator_from_settings(settings)),
        EmbedStage(embedder_from_settings(settings)),
    ]


def process(store: Store, settings: Settings, progress: Progress | None = None,
            stages: Sequence[Stage] | None = None) -> RunReport:
    """Run every pending stage over the store."""
    stages = list(stages) if stages is not None else build_stages(settings)
    try:
        return run_pipeline(store, stages, settings.batch_size, progress)
    finally:
        for stage in stages:
            close = getattr(stage, "close", None)
            if close:
                close()
