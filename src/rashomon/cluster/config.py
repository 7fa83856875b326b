"""Clustering parameters, with defaults and the mapping from the settings table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

DAY = 86_400.0


@dataclass(frozen=True)
class ClusterConfig:
    """Every knob of the online clusterer; the defaults are the tuned ones (docs/evaluation.md)."""

    threshold: float = 0.42  # an article joins the best story whose score reaches this
    embedding_threshold: float = 0.5  # the same, for embedding similarity alone (cross-lingual)
    crosslingual_ceiling: float = 0.6  # rescaled similarity of an article and its translation
    merge_threshold: float = 0.28  # repair merges stories whose average-link score reaches this
    split_ratio: float = 0.70  # repair splits a story whose halves are this much less alike
    split_ratio_apart: float = 0.85  # the same when the halves are separated in time
    split_gap_hours: float = 12.0  # quiet spell that separates two bursts of coverage
    min_split: int = 6  # stories with fewer original articles are never split
    weight_embedding: float = 0.34
    weight_terms: float = 0.33
    weight_entities: float = 0.33
    window_days: float = 7.0  # stories idle this long accept no new articles
    time_grace_hours: float = 24.0  # no time penalty within this distance of a story's centre
    time_decay_per_day: float = 0.1  # score lost per day beyond the grace
    candidates: int = 24  # nearest articles asked of the ANN index per new article
    candidate_floor: float = 0.1  # rescaled mean cosine below which a story is not scored
    lead_chars: int = 1500  # body characters read after the title for terms and entities
    repair_every: int = 256  # articles between two repair passes
    repair_hours: float = 6.0  # and at least this often on the articles' clock
    thread_threshold: float = 0.28  # stories kept apart only by time share a thread this alike

    @property
    def window(self) -> float:
        """The active window in seconds."""
        return self.window_days * DAY


# Settings-table name -> ClusterConfig field.
SETTING_FIELDS: dict[str, str] = {
    "cluster_threshold": "threshold",
    "cluster_embedding_threshold": "embedding_threshold",
    "cluster_merge_threshold": "merge_threshold",
    "cluster_split_ratio": "split_ratio",
    "cluster_window_days": "window_days",
    "cluster_time_grace_hours": "time_grace_hours",
    "cluster_time_decay": "time_decay_per_day",
    "cluster_candidates": "candidates",
    "cluster_lead_chars": "lead_chars",
    "thread_threshold": "thread_threshold",
}


def config_from_settings(settings: Mapping[str, Any]) -> ClusterConfig:
    """A ClusterConfig with every cluster setting present in ``settings`` applied."""
    names = {f.name for f in fields(ClusterConfig)}
    changes = {field: settings[name] for name, field in SETTING_FIELDS.items()
               if name in settings and field in names}
    return replace(ClusterConfig(), **changes)
