"""extract_html on our own invented pages: golden pairs (page.html next to page.expected.json)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from trafilatura.utils import load_html

from rashomon.extract import html as html_module
from rashomon.extract.html import extract_html, main_text
from rashomon.extract.metadata import parse_datetime

FIXTURES = Path(__file__).parent / "fixtures"
PAGES = sorted(p.name.removesuffix(".html") for p in FIXTURES.glob("*.html"))
FIELDS = ("title", "byline", "site_name", "canonical_url", "description", "image",
          "language_hint", "declared_origin")


def _load(name: str) -> tuple[str, dict]:
    html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return html, expected


@pytest.mark.parametrize("name", PAGES)
def test_golden_pages(name: str) -> None:
    html, expected = _load(name)
    article = extract_html(html, expected["url"])
    assert article.paragraphs == expected["paragraphs"]
    assert article.text == "\n\n".join(expected["paragraphs"])
    assert [[r.text, r.reason] for r in article.removed] == expected["removed"]
    for field in FIELDS:
        assert getattr(article, field) == expected[field], field
    for field in ("published", "updated"):
        value = getattr(article, field)
        assert (value.isoformat() if value else None) == expected[field], field


@pytest.mark.parametrize("name", PAGES)
def test_dates_are_timezone_aware(name: str) -> None:
    html, expected = _load(name)
    article = extract_html(html, expected["url"])
    assert article.published is not None and article.published.tzinfo is not None
    assert article.updated is None or article.updated.tzinfo is not None


def test_quotes_and_figures_survive_and_clutter_goes() -> None:
    html, expected = _load("meridian_dam")
    text = extract_html(html, expected["url"]).text
    assert "“It is not a disaster, it is a nuisance,” said Petra Lind" in text
    assert "212 millimetres of rain" in text
    for clutter in ("Listen to this article", "Read more:", "Most popular", "All rights reserved",
                    "Sign up for", "Share"):
        assert clutter not in text


def test_canonical_on_another_domain_declares_the_origin() -> None:
    html, expected = _load("lakeshore_copy")
    assert extract_html(html, expected["url"]).declared_origin == "lakeshore-tribune.example"
    # the same page served from the canonical's own domain declares nothing
    home = "https://lakeshore-tribune.example/city/night-buses"
    assert extract_html(html, home).declared_origin is None


def test_empty_and_fragment_inputs() -> None:
    assert extract_html("").text == ""
    assert extract_html("   ").paragraphs == []
    fragment = "<p>" + "A short note about the harbour ferry timetable change. " * 6 + "</p>"
    assert "harbour ferry" in extract_html(fragment).text


@pytest.mark.parametrize(
    ("precise", "wide", "chosen"),
    [
        ("short", "a much longer recall text " * 10, "wide"),  # precise pass missed the body
        ("x" * 2000, "y" * 9000, "precise"),  # long enough: recall is not even consulted
        ("short text here", "short text here!", "precise"),  # recall adds too little
    ],
)
def test_main_text_falls_back_to_recall(
    monkeypatch: pytest.MonkeyPatch, precise: str, wide: str, chosen: str
) -> None:
    def fake(tree: object, url: object, precision: bool) -> str:
        return precise if precision else wide

    monkeypatch.setattr(html_module, "_trafilatura", fake)
    tree = load_html("<html><body><p>unused</p><p>page</p></body></html>")
    assert main_text(tree) == (precise if chosen == "precise" else wide)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-10-03T07:42:00+02:00", "2026-10-03T07:42:00+02:00"),
        ("2026-10-03T05:42:00Z", "2026-10-03T05:42:00+00:00"),
        ("2026-10-03 07:42:00", "2026-10-03T07:42:00+00:00"),
        ("2026-10-03T07:42:00+0530", "2026-10-03T07:42:00+05:30"),
        ("2026-10-03", "2026-10-03T00:00:00+00:00"),
    ],
)
def test_parse_datetime(raw: str, expected: str) -> None:
    value = parse_datetime(raw)
    assert isinstance(value, datetime) and value.isoformat() == expected


def test_parse_datetime_rejects_garbage() -> None:
    assert parse_datetime("yesterday") is None
