"""Republication markers → declared origin, and resolving it to a catalog outlet id."""

from __future__ import annotations

import pytest

from rashomon.extract.origin import (
    domain_of,
    find_origin,
    is_origin_marker,
    origin_index,
    outlet_key,
    resolve_origin,
)

BODY = "The council approved the new harbour budget on Thursday after a long debate."


@pytest.mark.parametrize(
    ("paragraphs", "origin"),
    [
        ([BODY, "This story originally appeared on Harbour Wire."], "Harbour Wire"),
        ([BODY, "Originally published by The Lakeshore Tribune"], "The Lakeshore Tribune"),
        ([BODY, "This article is republished from The Meridian Post under a Creative Commons "
                "license."], "The Meridian Post"),
        ([BODY, "Source: Interfax"], "Interfax"),
        ([BODY, "Quelle: dpa"], "dpa"),
        ([BODY, "Source : AFP"], "AFP"),
        ([BODY, "Fuente: EFE"], "EFE"),
        ([BODY, "Fonte: ANSA"], "ANSA"),
        ([BODY, "Источник: ТАСС"], "ТАСС"),
        ([BODY, "По материалам РИА Новости"], "РИА Новости"),
        ([BODY, "Джерело: Укрінформ"], "Укрінформ"),
        ([BODY, "Źródło: PAP"], "PAP"),
        ([BODY, "Kaynak: Anadolu Ajansı"], "Anadolu Ajansı"),
        ([BODY, "المصدر: رويترز"], "رويترز"),
        ([BODY, "来源：新华社"], "新华社"),
        ([BODY, "出典：共同通信"], "共同通信"),
        (["LONDON (Reuters) - Shares in harbour operators fell on Monday.", BODY], "Reuters"),
        (["(AP) — The council voted on Thursday.", BODY], "AP"),
        (["BERLIN (dpa) – Die Regierung hat am Montag beschlossen.", BODY], "dpa"),
        (["MOSCOW, Sept 5 (Reuters) - The Kremlin said on Friday.", BODY], "Reuters"),
        (["МОСКВА, 5 сен — РИА Новости. Президент заявил в пятницу.", BODY], "РИА Новости"),
        (["Dieser Artikel erschien zuerst bei Kestrel Kurier.", BODY], "Kestrel Kurier"),
        (["Cet article a été initialement publié sur Le Phare.", BODY], "Le Phare"),
        (["Este artículo fue publicado originalmente en El Faro.", BODY], "El Faro"),
        (["Материал впервые опубликован на сайте Маяк.", BODY], "Маяк"),
        (["This story originally appeared on https://www.harbour-wire.example/x.", BODY],
         "harbour-wire.example"),
    ],
)
def test_markers(paragraphs: list[str], origin: str) -> None:
    assert find_origin(paragraphs) == origin


@pytest.mark.parametrize(
    "paragraphs",
    [
        [BODY],
        ["The group (ISIS) - which claimed the attack - said nothing more.", BODY],
        ["He said the story originally appeared on TV and spread from there to the city.", BODY],
        ["The report was published by the ministry on Monday and shows a rise in fares.", BODY],
        [BODY, "Source"],
    ],
)
def test_no_marker(paragraphs: list[str]) -> None:
    assert find_origin(paragraphs) is None


def test_canonical_on_another_domain() -> None:
    assert find_origin([BODY], url="https://www.copycat.example/a",
                       canonical_url="https://lakeshore-tribune.example/b") == \
        "lakeshore-tribune.example"
    assert find_origin([BODY], url="https://www.example.com/a",
                       canonical_url="https://example.com/amp/a") is None


def test_an_outlet_naming_itself_declares_no_origin() -> None:
    paragraphs = ["WASHINGTON (Harbour Wire) — The Senate voted on Friday.", BODY]
    assert find_origin(paragraphs, site_name="Harbour Wire") is None
    assert find_origin(paragraphs, site_name="The Meridian Post") == "Harbour Wire"


def test_explicit_phrase_beats_the_dateline() -> None:
    paragraphs = ["BERLIN (dpa) – Die Regierung hat beschlossen.", BODY,
                  "Dieser Artikel erschien zuerst bei Kestrel Kurier."]
    assert find_origin(paragraphs) == "Kestrel Kurier"


def test_marker_lines() -> None:
    assert is_origin_marker("This story originally appeared on Harbour Wire")
    assert is_origin_marker("Quelle: dpa")
    assert not is_origin_marker("BERLIN (dpa) – Die Regierung hat am Montag beschlossen.")
    assert not is_origin_marker(BODY)


def test_domains() -> None:
    assert domain_of("https://news.bbc.co.uk/a") == "bbc.co.uk"
    assert domain_of("www.harbour-wire.example") == "harbour-wire.example"
    assert domain_of("http://localhost:8000/x") == "localhost"
    assert domain_of(None) is None and domain_of("") is None


def test_resolver() -> None:
    index = origin_index({
        "The Lakeshore Tribune": "lakeshore-tribune",
        "lakeshore-tribune.example": "lakeshore-tribune",
        "Reuters": "reuters",
        "reuters.com": "reuters",
        "dpa": "dpa",
        "ТАСС": "tass",
    })
    assert resolve_origin("Lakeshore Tribune", index) == "lakeshore-tribune"
    assert resolve_origin("the lakeshore tribune", index) == "lakeshore-tribune"
    assert resolve_origin("www.lakeshore-tribune.example", index) == "lakeshore-tribune"
    assert resolve_origin("uk.reuters.com", index) == "reuters"
    assert resolve_origin("DPA", index) == "dpa"
    assert resolve_origin("ТАСС", index) == "tass"
    assert resolve_origin("Unknown Gazette", index) is None
    assert resolve_origin(None, index) is None


def test_outlet_key() -> None:
    assert outlet_key("The Meridian Post") == outlet_key("meridian post") == "meridianpost"
    assert outlet_key("https://www.reuters.com") == "reuterscom"
