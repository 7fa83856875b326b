"""OPML export and import."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from rashomon.catalog import Outlet, from_opml, load_catalog, to_opml, validate

OUTLETS = [
    Outlet(
        "bbc-news",
        "BBC News",
        "https://www.bbc.com/news",
        "GB",
        ("en",),
        "public",
        False,
        ("https://feeds.bbci.co.uk/news/world/rss.xml", "https://feeds.bbci.co.uk/news/rss.xml"),
        (),
    ),
    Outlet(
        "le-monde",
        "Le Monde & co",
        "https://www.lemonde.fr",
        "FR",
        ("fr",),
        "private",
        False,
        ("https://www.lemonde.fr/rss/une.xml?a=1&b=2",),
        (),
    ),
    Outlet(
        "ap",
        "AP",
        "https://apnews.com",
        "US",
        ("en",),
        "nonprofit",
        True,
        (),
        ("https://apnews.com/news-sitemap-content.xml",),
    ),
]


def test_to_opml_writes_one_outline_per_feed() -> None:
    root = ET.fromstring(to_opml(OUTLETS))
    assert root.tag == "opml" and root.get("version") == "2.0"
    assert root.findtext("head/title") == "Rashomon outlets"
    outlines = root.findall("body/outline")
    assert [o.get("xmlUrl") for o in outlines] == [
        "https://feeds.bbci.co.uk/news/world/rss.xml",
        "https://feeds.bbci.co.uk/news/rss.xml",
        "https://www.lemonde.fr/rss/une.xml?a=1&b=2",
    ]
    first = outlines[0]
    assert first.get("title") == first.get("text") == "BBC News"
    assert first.get("htmlUrl") == "https://www.bbc.com/news"
    assert first.get("category") == "GB"
    assert first.get("type") == "rss"


def test_opml_round_trip() -> None:
    back = from_opml(to_opml(OUTLETS))
    assert [o.id for o in back] == ["bbc-com", "lemonde-fr"]
    for original, parsed in zip(OUTLETS, back, strict=False):
        assert parsed.name == original.name
        assert parsed.homepage == original.homepage
        assert parsed.country == original.country
        assert parsed.languages == original.languages
        assert parsed.type == original.type
        assert parsed.feeds == original.feeds
    assert validate(back) == []


def test_bundled_catalog_round_trips_through_opml() -> None:
    catalog = [o for o in load_catalog() if o.feeds]
    back = from_opml(to_opml(catalog))
    assert len(back) == len(catalog)
    assert validate(back) == []
    assert sorted(f for o in back for f in o.feeds) == sorted(f for o in catalog for f in o.feeds)


def test_from_opml_reads_foreign_opml() -> None:
    text = """<?xml version="1.0" encoding="utf-8"?>
<opml version="1.0">
  <head><title>My feeds</title></head>
  <body>
    <outline text="News">
      <outline text="Example" type="rss" xmlUrl="https://example.org/feed.xml"
               htmlUrl="https://www.example.org/" category="/World/Europe"/>
      <outline text="Example world" xmlUrl="https://example.org/world.xml"
               htmlUrl="https://example.org/world"/>
    </outline>
    <outline title="Bare" xmlUrl="https://bare.example.net/rss"/>
  </body>
</opml>"""
    first, bare = from_opml(text)
    assert first.id == "example-org"
    assert first.feeds == ("https://example.org/feed.xml", "https://example.org/world.xml")
    assert first.country == "" and first.languages == ()
    assert bare.name == "Bare" and bare.homepage == "https://bare.example.net/rss"
    problems = validate([first, bare])
    assert "outlet 'example-org': country '' is not an ISO 3166-1 alpha-2 code" in problems


def test_from_opml_uses_country_attribute() -> None:
    text = (
        '<opml version="2.0"><body><outline text="X" xmlUrl="https://x.example/rss" '
        'country="ke" language="en, sw"/></body></opml>'
    )
    (only,) = from_opml(text)
    assert only.country == "KE" and only.languages == ("en", "sw")


def test_from_opml_empty_body() -> None:
    assert from_opml('<opml version="2.0"><head/><body/></opml>') == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not well-formed XML"),
        ("<opml><body><outline xmlUrl='https://x/'></body></opml>", "not well-formed XML"),
        ("<rss version='2.0'><channel/></rss>", "root element must be <opml>, found <rss>"),
        ("<opml version='2.0'><head/></opml>", "has no <body> element"),
        (
            "<opml><body><outline text='Empty' xmlUrl=' '/></body></opml>",
            "outline #1 ('Empty') has an empty xmlUrl",
        ),
        (
            "<opml><body><outline text='Odd' xmlUrl='relative/feed'/></body></opml>",
            "cannot derive an id",
        ),
    ],
)
def test_from_opml_malformed(text: str, expected: str) -> None:
    with pytest.raises(ValueError, match="OPML") as info:
        from_opml(text)
    assert expected in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        '<?xml version="1.0"?><!DOCTYPE opml><opml version="2.0"><body/></opml>',
        '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        '<opml><body><outline text="&lol2;" xmlUrl="https://x.example/"/></body></opml>',
        '<!doctype opml SYSTEM "file:///etc/passwd"><opml><body/></opml>',
    ],
)
def test_from_opml_refuses_doctype_and_entities(text: str) -> None:
    with pytest.raises(ValueError, match="DOCTYPE or ENTITY"):
        from_opml(text)
