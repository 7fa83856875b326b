"""Numerals in many scripts and conventions."""

from __future__ import annotations

import pytest

from rashomon.compare.numbers import find_durations, find_numbers, same_value


@pytest.mark.parametrize(("language", "text", "value"), [
    ("de", "1,2 Mio. Euro", 1_200_000), ("de", "1.200 Menschen", 1200), ("de", "Stärke 6,4", 6.4),
    ("fr", "1 200 personnes", 1200), ("fr", "4,2 millions", 4_200_000),
    ("ru", "4,2 млн долларов", 4_200_000), ("ru", "180 тысяч птиц", 180_000),
    ("ru", "погибли четверо", 4), ("uk", "шістьма ракетами", 6),
    ("zh", "420万人", 4_200_000), ("zh", "约两小时", 2), ("zh", "1.2亿元", 120_000_000),
    ("ja", "約3000人", 3000), ("ar", "١٨٠ ألف طائر", 180_000), ("ar", "خمسة كيلومترات", 5),
    ("en", "$25m ransom", 25_000_000), ("en", "4.2bn", 4_200_000_000), ("en", "1,200.5", 1200.5),
    ("en", "Twenty-six countries", 26), ("pt", "Vinte e seis países", 26),
    ("tr", "3 bin 500 çadır", 3500), ("es", "120.000 metros cúbicos", 120_000),
])
def test_values(language: str, text: str, value: float) -> None:
    numbers = find_numbers(text, language)
    assert numbers, text
    assert numbers[0].value == pytest.approx(value)
    assert text[numbers[0].start : numbers[0].end] == numbers[0].text


def test_ordinals_years_and_clock_times_are_marked_or_skipped() -> None:
    numbers = find_numbers("the 44th brigade in 2022 at 30. Kilometer", "en")
    assert [n.ordinal for n in numbers][:1] == [True]
    assert any(n.year for n in numbers)
    assert find_numbers("am 11. Oktober", "de")[0].ordinal
    assert find_numbers("um 14:30 Uhr", "de") == []


def test_small_words_that_count_nothing_are_not_numbers() -> None:
    assert find_numbers("one of the hardest nights", "en") == []
    assert find_numbers("第三次", "zh") == []


def test_durations_in_several_notations() -> None:
    for text in ("2 hours 9 minutes 41 seconds", "2:09:41", "2h09'41\"", "2時間9分41秒"):
        assert [d.value for d in find_durations(text)] == [7781], text


def test_rounded_values_agree_with_exact_ones() -> None:
    big = find_numbers("4.2 million", "en")[0]
    assert same_value(big.value, big.precision, 4_213_000, 1.0)
    assert not same_value(180_000, 1000, 210_000, 1000)
    assert not same_value(17, 1, 19, 1)


@pytest.mark.parametrize(("language", "text", "value"), [
    ("es", "unas 1,800 personas", 1800),  # thousands grouped with a comma, as in Mexico
    ("es", "4,5 millones", 4_500_000),  # a decimal comma before a scale word
    ("de", "0,310 Milligramm", 0.31),  # a leading zero keeps the decimal reading
    ("de", "fünf Millionen Euro", 5_000_000),  # a spelled number takes its scale word
    ("en", "two billion dollars", 2_000_000_000),
    ("fr", "Dix-neuf pays ont signé", 19),  # French teens are written with a hyphen
])
def test_ambiguous_and_spelled_values(language: str, text: str, value: float) -> None:
    number = find_numbers(text, language)[0]
    assert number.value == pytest.approx(value)
    assert text[number.start : number.end] == number.text
