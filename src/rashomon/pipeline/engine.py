"""Build the stage list from settings and run it on the configured engine.

An engine decides where the stages' pure compute runs: `local` (this process, extraction in a
process pool) or `ray` (per-article compute on Ray actors). Engines are a Protocol plus a
registry, chosen by the `engine` setting.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from rashomon.cluster.config import config_from_settings
from rashomon.embed import embedder_from_settings
from rashomon.language.language import DEFAULT_LANGUAGES, LanguageIdentifier, get_identifier
from rashomon.language.translate import translator_from_settings
from rashomon.pipeline.analysis_stage import AnalysisStage
from rashomon.pipeline.enrich import EmbedStage, LanguageStage, TranslateStage
from rashomon.pipeline.extract_stage import ExtractStage
from rashomon.pipeline.runner import Progress, RunReport, Stage, run_pipeline
from rashomon.pipeline.stories import ClusterStage
from rashomon.pipeline.syndication_stage import SyndicationStage
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
    embedder = embedder_from_settings(settings)
    return [
        ExtractStage(workers=workers, template_min_articles=settings.template_min_articles),
        LanguageStage(language_identifier(settings)),
        TranslateStage(translator_from_settings(settings)),
        EmbedStage(embedder),
        SyndicationStage(settings.syndication_window_days),
        ClusterStage(embedder.model_id, config_from_settings(settings)),
        AnalysisStage(embedder, settings.analysis_max_articles, settings.analysis_max_sentences),
    ]


class Engine(Protocol):
    """Runs stages over the store; results are the same whichever engine runs them."""

    def run(self, store: Store, stages: Sequence[Stage], settings: Settings,
            progress: Progress | None = None) -> RunReport: ...


class EngineError(RuntimeError):
    """The configured engine cannot run; the message says what to do."""


_ENGINES: dict[str, Callable[[], Engine]] = {}
F = TypeVar("F", bound=Callable[[], Engine])


def register_engine(name: str) -> Callable[[F], F]:
    """Decorator that registers an engine factory (a class or a function) under ``name``."""

    def deco(factory: F) -> F:
        _ENGINES[name] = factory
        return factory

    return deco


def engines() -> list[str]:
    """Names of the registered engines."""
    return sorted(_ENGINES)


def get_engine(name: str) -> Engine:
    """The engine registered as ``name``; EngineError when unknown or not installed."""
    try:
        factory = _ENGINES[name]
    except KeyError:
        raise EngineError(f"unknown engine {name!r}; use one of {', '.join(engines())} "
                          "(setting 'engine' or --engine)") from None
    return factory()


@register_engine("local")
class LocalEngine:
    """Everything in this process; extraction fans out to a local process pool."""

    def run(self, store: Store, stages: Sequence[Stage], settings: Settings,
            progress: Progress | None = None) -> RunReport:
        return run_pipeline(store, stages, settings.batch_size, progress)


@register_engine("ray")
def _ray_engine() -> Engine:
    # Imported on use: Ray is an optional extra, and its module imports this one.
    from rashomon.pipeline.ray_engine import RayEngine

    return RayEngine()


def process(store: Store, settings: Settings, progress: Progress | None = None,
            stages: Sequence[Stage] | None = None) -> RunReport:
    """Run every pending stage over the store on the configured engine."""
    engine = get_engine(settings.engine)
    stages = list(stages) if stages is not None else build_stages(settings)
    try:
        return engine.run(store, stages, settings, progress)
    finally:
        for stage in stages:
            close = getattr(stage, "close", None)
            if close:
                close()
