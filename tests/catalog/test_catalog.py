"""The bundled catalog, its validation and user sources files."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from rashomon.catalog import (
    CatalogError,
    Outlet,
    domain_of,
    load_catalog,
    merge_user_sources,
    validate,
)

# Continent of every country in the bundled catalog (Middle East and Caucasus count as Asia,
# Central America and the Caribbean as North America). Add a country here when adding one there.
CONTINENT: dict[str, str] = {
    **dict.fromkeys(
        "DZ AO BJ BW BF BI CV CM CD CG CI EG ER ET GA GM GH GN KE LR LY MG MW ML MU MA MZ NA NG "
        "RW SN SL SO ZA SS SD TZ TD TG TN UG ZM ZW".split(),
        "Africa",
    ),
    **dict.fromkeys(
        "AF AM AZ BD BT BN KH CN GE HK IN ID IR IQ IL JP JO KZ KW KG LA LB MY MV MN MM NP KP OM "
        "PK PS PH QA SA SG KR LK SY TW TJ TH TL TR TM AE UZ VN YE BH".split(),
        "Asia",
    ),
    **dict.fromkeys(
        "AL AT BY BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IT XK LV LT LU MT MD ME NL MK NO "
        "PL PT RO RU RS SK SI ES SE CH UA GB".split(),
        "Europe",
    ),
    **dict.fromkeys(
        "BS BB BZ CA CR CU DO SV GT HT HN JM MX NI PA PR TT US".split(), "North America"
    ),
    **dict.fromkeys("AR BO BR CL CO EC GY PY PE SR UY VE".split(), "South America"),
    **dict.fromkeys("AU FJ KI NC NZ PG SB TO VU WS".split(), "Oceania"),
}


def outlet(**overrides: object) -> Outlet:
    base = Outlet(
        id="example-news",
        name="Example News",
        homepage="https://www.example.com/news",
        country="GB",
        languages=("en",),
        type="private",
        wire=False,
        feeds=("https://www.example.com/rss.xml",),
        sitemaps=(),
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def catalog() -> list[Outlet]:
    return load_catalog()


def test_bundled_catalog_validates(catalog: list[Outlet]) -> None:
    assert validate(catalog) == []


def test_bundled_catalog_breadth(catalog: list[Outlet]) -> None:
    countries = {o.country for o in catalog}
    languages = {lang for o in catalog for lang in o.languages}
    assert len(catalog) >= 300
    assert len(countries) >= 80
    assert len(languages) >= 40
    assert sum(o.wire for o in catalog) >= 10
    assert {"public", "state", "private", "nonprofit"} <= {o.type for o in catalog}
    assert all(o.enabled for o in catalog)


def test_bundled_catalog_covers_every_inhabited_continent(catalog: list[Outlet]) -> None:
    unmapped = sorted({o.country for o in catalog} - set(CONTINENT))
    assert not unmapped, f"add these countries to CONTINENT in this test: {unmapped}"
    outlets = Counter(CONTINENT[o.country] for o in catalog)
    countries = Counter(CONTINENT[c] for c in {o.country for o in catalog})
    for continent in ("Africa", "Asia", "Europe", "North America", "South America", "Oceania"):
        assert outlets[continent] >= 20, continent
        assert countries[continent] >= 6, continent


def test_bundled_catalog_labels_known_outlets(catalog: list[Outlet]) -> None:
    by_id = {o.id: o for o in catalog}
    for state_media in ("rt", "cgtn", "xinhua", "tass", "press-tv"):
        assert by_id[state_media].type == "state"
    for agency in (
        "reuters",
        "associated-press",
        "afp",
        "tass",
        "xinhua",
        "yonhap",
        "anadolu-agency",
    ):
        assert by_id[agency].wire
    assert by_id["bbc-news"].feeds[0] == "https://feeds.bbci.co.uk/news/world/rss.xml"


def test_domain_of() -> None:
    assert domain_of("https://www.BBC.com/news") == "bbc.com"
    assert domain_of("http://news.sky.com:8080/x?y=1") == "news.sky.com"
    assert domain_of("not a url") == ""


@pytest.mark.parametrize(
    ("bad", "expected"),
    [
        (outlet(id="Not Kebab"), "not kebab-case"),
        (outlet(country="XX"), "country 'XX'"),
        (outlet(country="gb"), "country 'gb'"),
        (outlet(country=""), "country ''"),
        (outlet(languages=("english",)), "language 'english'"),
        (outlet(languages=("qq",)), "language 'qq'"),
        (outlet(languages=()), "languages is empty"),
        (outlet(type="tabloid"), "type 'tabloid'"),
        (outlet(feeds=(), sitemaps=()), "no feed and no sitemap"),
        (
            outlet(feeds=("ftp://example.com/rss",)),
            "feed 'ftp://example.com/rss' is not an http(s)",
        ),
        (
            outlet(sitemaps=("file:///etc/passwd",)),
            "sitemap 'file:///etc/passwd' is not an http(s)",
        ),
        (outlet(homepage="javascript:alert(1)"), "homepage 'javascript:alert(1)'"),
        (outlet(name=""), "name is empty"),
    ],
)
def test_validate_reports_bad_fields(bad: Outlet, expected: str) -> None:
    problems = validate([bad])
    assert any(expected in p and "'" + bad.id + "'" in p for p in problems), problems


def test_validate_reports_duplicates() -> None:
    first = outlet()
    assert validate([first]) == []
    same_id = outlet(homepage="https://other.org", feeds=("https://other.org/rss",))
    same_domain = outlet(id="copy", homepage="http://example.com/", feeds=("https://x.org/a",))
    same_feed = outlet(id="third", homepage="https://third.org", sitemaps=first.feeds, feeds=())
    problems = validate([first, same_id, same_domain, same_feed])
    assert "outlet 'example-news': duplicate id" in problems
    assert any(
        "homepage domain 'example.com' already used by 'example-news'" in p for p in problems
    )
    assert any("'third'" in p and "already used by 'example-news'" in p for p in problems)
    assert len(problems) == 3


def write(tmp_path: Path, text: str, name: str = "sources.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_user_sources_add_override_and_disable(tmp_path: Path) -> None:
    base = [
        outlet(),
        outlet(id="second", homepage="https://second.org", feeds=("https://second.org/f",)),
    ]
    base.append(outlet(id="third", homepage="https://third.org", feeds=("https://third.org/f",)))
    path = write(
        tmp_path,
        """
[[outlet]]
id = "example-news"
feeds = ["https://www.example.com/world.xml"]
languages = ["en", "cy"]

[[outlet]]
id = "local-paper"
name = "Local Paper"
homepage = "https://local.example.net"
country = "NZ"
languages = ["en", "mi"]
type = "nonprofit"
feeds = ["https://local.example.net/feed"]

[[outlet]]
id = "third"
enabled = false

[[disable]]
id = "second"
""",
    )
    merged = {o.id: o for o in merge_user_sources(base, path)}
    assert list(merged) == ["example-news", "second", "third", "local-paper"]
    assert merged["example-news"].feeds == ("https://www.example.com/world.xml",)
    assert merged["example-news"].languages == ("en", "cy")
    assert merged["example-news"].name == "Example News"
    assert merged["local-paper"].country == "NZ" and merged["local-paper"].wire is False
    assert not merged["second"].enabled and not merged["third"].enabled
    assert merged["example-news"].enabled and merged["local-paper"].enabled
    assert validate(merged.values()) == []


def test_user_sources_merge_into_bundled_catalog(tmp_path: Path, catalog: list[Outlet]) -> None:
    path = write(tmp_path, '[[disable]]\nid = "bbc-news"\n')
    merged = merge_user_sources(catalog, path)
    assert len(merged) == len(catalog)
    assert [o.id for o in merged if not o.enabled] == ["bbc-news"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[[outlet]]\nid = "example-news"\ncolour = "red"\n',
            "[[outlet]] #1 (id 'example-news'): unknown field 'colour'",
        ),
        (
            '[[outlet]]\nid = "example-news"\nfeeds = "https://x"\n',
            "field 'feeds' must be a list of strings",
        ),
        ('[[outlet]]\nid = "example-news"\nwire = "yes"\n', "field 'wire' must be true or false"),
        ('[[outlet]]\nid = "brand-new"\nname = "New"\n', "missing required field(s) 'homepage'"),
        ('[[outlet]]\nname = "No id"\n', "[[outlet]] #1: missing required field 'id'"),
        ('[[disable]]\nid = "nope"\n', "[[disable]] #1: field 'id': no outlet with id 'nope'"),
        ('[[disable]]\nname = "x"\n', "[[disable]] #1: field 'id' must be a string"),
        ('[outlet]\nid = "x"\n', "'outlet' must be an array of tables"),
        ('[[source]]\nid = "x"\n', "unknown top-level key(s) ['source']"),
        ('[[outlet]\nid = "x"\n', "not valid UTF-8 TOML"),
    ],
)
def test_user_sources_errors_name_file_and_field(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text, "my-sources.toml")
    with pytest.raises(CatalogError) as info:
        merge_user_sources([outlet()], path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    assert expected in message, message


def test_user_sources_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="absent.toml: cannot read file"):
        merge_user_sources([], tmp_path / "absent.toml")


def test_load_catalog_from_path(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[[outlet]]
id = "a"
name = "A"
homepage = "https://a.example"
country = "FR"
languages = ["fr"]
type = "public"
sitemaps = ["https://a.example/news-sitemap.xml"]
""",
        "catalog.toml",
    )
    (only,) = load_catalog(path)
    assert only == Outlet(
        "a",
        "A",
        "https://a.example",
        "FR",
        ("fr",),
        "public",
        False,
        (),
        ("https://a.example/news-sitemap.xml",),
    )
    write(tmp_path, '[[outlet]]\nid = "a"\n', "catalog.toml")
    with pytest.raises(CatalogError, match=r"catalog.toml: \[\[outlet\]\] #1 \(id 'a'\): missing"):
        load_catalog(path)
