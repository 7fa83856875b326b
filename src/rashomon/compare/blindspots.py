"""Blindspots of a country's media: stories overlooked at home, and stories told only at home."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from rashomon.compare.coverage import Coverage

# Defaults of the blindspot_* settings.
MIN_OUTLETS = 5
MIN_COUNTRIES = 3
ONLY_MIN_OUTLETS = 2


@dataclass(frozen=True)
class StoryCoverageSummary:
    """What blindspots need of one story: who covered it, from where, and when."""

    story_id: str
    headline: str
    outlets_by_country: dict[str, list[str]]  # original articles' outlets per country
    first_seen: datetime | None = None
    last_seen: datetime | None = None


@dataclass(frozen=True)
class Blindspot:
    """A story one country's media overlooked, or one only its media told."""

    story_id: str
    headline: str
    kind: str  # overlooked | only_in
    outlets: int
    countries: list[str] = field(default_factory=list)
    first_seen: datetime | None = None


def summarise(story_id: str, headline: str, cov: Coverage) -> StoryCoverageSummary:
    """The blindspot summary of a story from its coverage (original articles only)."""
    by_country = {c.key: c.outlets for c in cov.by_country if c.key and c.originals}
    return StoryCoverageSummary(story_id, headline, by_country, cov.first_seen, cov.last_seen)


def _in_window(story: StoryCoverageSummary, since: datetime | None,
               until: datetime | None) -> bool:
    when = story.last_seen or story.first_seen
    if when is None:
        return since is None and until is None
    return (since is None or when >= since) and (until is None or when <= until)


def _spot(story: StoryCoverageSummary, kind: str, countries: Iterable[str]) -> Blindspot:
    outlets = {o for c in countries for o in story.outlets_by_country.get(c, [])}
    return Blindspot(story.story_id, story.headline, kind, len(outlets), sorted(countries),
                     story.first_seen)


def blindspots(
    stories: Sequence[StoryCoverageSummary], country: str, *,
    min_outlets: int = MIN_OUTLETS, min_countries: int = MIN_COUNTRIES,
    only_min_outlets: int = ONLY_MIN_OUTLETS,
    since: datetime | None = None, until: datetime | None = None,
) -> tuple[list[Blindspot], list[Blindspot]]:
    """(overlooked by ``country``'s media, covered only by them), each ranked by breadth."""
    overlooked, only = [], []
    for story in stories:
        if not _in_window(story, since, until):
            continue
        home = story.outlets_by_country.get(country, [])
        others = [c for c, outlets in story.outlets_by_country.items() if c != country and outlets]
        abroad = {o for c in others for o in story.outlets_by_country[c]}
        if not home and len(abroad) >= min_outlets and len(others) >= min_countries:
            overlooked.append(_spot(story, "overlooked", others))
        elif home and not others and len(set(home)) >= only_min_outlets:
            only.append(_spot(story, "only_in", [country]))
    key = lambda b: (-len(b.countries), -b.outlets, b.story_id)  # noqa: E731
    return sorted(overlooked, key=key), sorted(only, key=lambda b: (-b.outlets, b.story_id))
