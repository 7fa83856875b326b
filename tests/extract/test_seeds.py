"""clean_text on the shared seed articles: page clutter goes, every quote and figure stays.

The seeds are third-party articles kept in ../shared; only short clutter strings appear here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from rashomon.extract.cleanup import clean_text, split_paragraphs
from rashomon.extract.protect import is_protected

pytestmark = pytest.mark.shared

CLUTTER = [
    "NEWYou can now listen to Fox News articles!",
    "Please use Chrome browser for a more accessible video player",
    "Get the full experience in the app",
    "Apple App Store Badge",
    "Donate here",
    "3 Min Read",
    "2 minutes to read",
    "Pic: Reuters",
    "Pic: Sputnik/Reuters",
    "Getty Images",
    "Image:",
    "Leave a Reply",
    "Back to top button",
    "Related Articles",
    "RELATED ARTICLES",
    "Most Popular",
    "Recent Comments",
    "See also",
    "This story originally appeared on",
]


@pytest.fixture
def seeds(shared: Path) -> dict[str, str]:
    files = sorted((shared / "seeds").glob("*.txt"))
    if not files:
        pytest.skip(f"no seed articles in {shared / 'seeds'}")
    return {f.name: f.read_text(encoding="utf-8") for f in files}


def test_clutter_is_removed(seeds: dict[str, str]) -> None:
    for name, text in seeds.items():
        kept = clean_text(text).text
        for clutter in CLUTTER:
            assert clutter not in kept, (name, clutter)


def test_some_of_each_kind_of_clutter_was_seen(seeds: dict[str, str]) -> None:
    # guards the test above against seeds that changed under it
    everything = "\n".join(seeds.values())
    assert sum(clutter in everything for clutter in CLUTTER) >= len(CLUTTER) - 2


def test_every_quote_and_figure_stays(seeds: dict[str, str]) -> None:
    for name, text in seeds.items():
        article = clean_text(text)
        for paragraph in split_paragraphs(text):
            if is_protected(paragraph):
                # a caption may lose its photo credit, nothing else
                assert any(paragraph.startswith(kept) and is_protected(kept)
                           for kept in article.paragraphs), (name, paragraph[:60])


def test_removals_are_recorded_with_reasons(seeds: dict[str, str]) -> None:
    for name, text in seeds.items():
        article = clean_text(text)
        assert article.removed, name
        assert all(r.reason and r.text for r in article.removed), name
        kept_and_removed = len(article.paragraphs) + sum(
            1 for r in article.removed if r.reason != "clutter:credit")
        assert kept_and_removed == len(split_paragraphs(text)), name


def test_declared_origin(seeds: dict[str, str]) -> None:
    origins = {name: clean_text(text).declared_origin for name, text in seeds.items()}
    assert "Skynews" in origins.values()
