"""Coverage counts and blindspots."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from rashomon.compare.blindspots import StoryCoverageSummary, blindspots, summarise
from rashomon.compare.coverage import coverage
from rashomon.compare.story import StoryArticle

MakeArticle = Callable[..., StoryArticle]


def test_counts_timeline_and_first_reporter(make_article: MakeArticle) -> None:
    articles = [
        make_article("b", "post", "US", "en", "Text.", hours=2),
        make_article("a", "wire", "GB", "en", "Text.", hours=0.5),
        make_article("c", "daily", "US", "en", "Text.", hours=1, is_copy=True, origin="a"),
        make_article("d", "zeit", "DE", "de", "Text.", hours=5),
    ]
    cov = coverage(articles)
    assert (cov.articles, cov.originals, cov.copies) == (4, 3, 1)
    assert [(c.key, c.originals, c.copies) for c in cov.by_country] == [
        ("US", 1, 1), ("DE", 1, 0), ("GB", 1, 0)]
    assert [(c.key, c.originals) for c in cov.by_language] == [("en", 2), ("de", 1)]
    assert cov.first is not None and cov.first.outlet == "wire"
    assert [(p.start.hour, p.originals, p.copies) for p in cov.timeline] == [
        (6, 1, 0), (7, 0, 1), (8, 1, 0), (11, 1, 0)]
    summary = summarise("s1", "Headline", cov)
    assert summary.outlets_by_country == {"US": ["daily", "post"], "DE": ["zeit"],
                                          "GB": ["wire"]}


def test_blindspots_in_both_directions() -> None:
    when = datetime(2026, 11, 1, tzinfo=UTC)
    wide = StoryCoverageSummary("wide", "Wide", {"DE": ["a", "b"], "FR": ["c", "d"], "GB": ["e"]},
                                when, when)
    home = StoryCoverageSummary("home", "Home", {"US": ["p", "q"]}, when, when)
    narrow = StoryCoverageSummary("narrow", "Narrow", {"DE": ["a"], "FR": ["c"]}, when, when)
    old = StoryCoverageSummary("old", "Old", {"DE": ["a", "b"], "FR": ["c", "d"], "GB": ["e"]},
                               datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 1, 1, tzinfo=UTC))
    overlooked, only = blindspots([wide, home, narrow, old], "US", min_outlets=5,
                                  min_countries=3, since=datetime(2026, 10, 1, tzinfo=UTC))
    assert [b.story_id for b in overlooked] == ["wide"]
    assert overlooked[0].countries == ["DE", "FR", "GB"] and overlooked[0].outlets == 5
    assert [b.story_id for b in only] == ["home"]
