"""Language identification with lingua: codes, confidences, paragraphs, settings."""

from __future__ import annotations

import pytest

from rashomon.language.language import (
    DEFAULT_LANGUAGES,
    UNKNOWN,
    LanguageIdentifier,
    detect_article_language,
    detect_language,
    get_identifier,
)

# Few candidates keep these tests quick and light; one test uses the default set.
SMALL = ("en", "de", "fr", "es", "ru", "uk", "ar", "zh", "ja", "tr")

SAMPLES = {
    "en": "The ferry returned to service on Monday after six weeks in dry dock.",
    "de": "Die Fähre ist am Montag nach sechs Wochen in der Werft wieder in Betrieb gegangen.",
    "fr": "Le ferry a repris du service lundi après six semaines en cale sèche.",
    "es": "El transbordador volvió a funcionar el lunes tras seis semanas en el dique seco.",
    "ru": "Паром вернулся в строй в понедельник после шести недель в сухом доке.",
    "uk": "Пором повернувся до роботи в понеділок після шести тижнів у сухому доці.",
    "ar": "عادت العبارة إلى الخدمة يوم الاثنين بعد ستة أسابيع في الحوض الجاف.",
    "zh": "渡轮在干船坞停留六周后于周一恢复运营。",
    "ja": "フェリーは乾ドックで六週間過ごした後、月曜日に運航を再開した。",
    "tr": "Feribot, kuru havuzda geçen altı haftanın ardından pazartesi yeniden sefere başladı.",
}


@pytest.fixture(scope="module")
def identifier() -> LanguageIdentifier:
    return LanguageIdentifier(SMALL)


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_detects_iso_codes(identifier: LanguageIdentifier, code: str, text: str) -> None:
    guess = identifier.detect(text)
    assert guess.code == code
    assert 0.0 < guess.confidence <= 1.0


def test_unknown_without_letters(identifier: LanguageIdentifier) -> None:
    assert identifier.detect("") == UNKNOWN
    assert identifier.detect("  12:30 — 2025 ") == UNKNOWN


def test_detect_many_matches_detect(identifier: LanguageIdentifier) -> None:
    texts = list(SAMPLES.values()) + [""]
    assert [g.code for g in identifier.detect_many(texts)] == list(SAMPLES) + [None]


def test_article_and_paragraphs(identifier: LanguageIdentifier) -> None:
    quote = "“Мы вернёмся в порт к вечеру”, — сказал капитан парома."
    paragraphs = [SAMPLES["en"], "Photo: AP", quote, SAMPLES["en"]]
    result = identifier.detect_article(paragraphs)
    assert result.code == "en" and result.confidence > 0.5
    assert [g.code for g in result.paragraphs] == ["en", "en", "ru", "en"]
    # a paragraph too short to judge takes the article's language and confidence
    assert result.paragraphs[1].confidence == result.confidence


def test_low_accuracy_mode_for_long_texts() -> None:
    fast = LanguageIdentifier(SMALL, low_accuracy_over=0)
    assert fast.detect(SAMPLES["de"] * 3).code == "de"
    assert [g.code for g in fast.detect_many([SAMPLES["fr"], SAMPLES["ru"]])] == ["fr", "ru"]


def test_rejects_unknown_codes() -> None:
    with pytest.raises(ValueError, match="xx"):
        LanguageIdentifier(("en", "xx"))
    with pytest.raises(ValueError, match="two"):
        LanguageIdentifier(("en",))


def test_models_are_built_lazily_once() -> None:
    identifier = LanguageIdentifier(("en", "de"))
    assert identifier._detectors == {}
    identifier.detect(SAMPLES["en"])
    first = identifier._detectors[False]
    identifier.detect(SAMPLES["de"])
    assert identifier._detectors[False] is first
    assert get_identifier(("en", "de")) is get_identifier(("en", "de"))


def test_default_languages() -> None:
    assert 40 <= len(DEFAULT_LANGUAGES) <= 50
    assert len(set(DEFAULT_LANGUAGES)) == len(DEFAULT_LANGUAGES)
    assert detect_language(SAMPLES["uk"]).code == "uk"
    assert detect_article_language([SAMPLES["tr"]]).code == "tr"
