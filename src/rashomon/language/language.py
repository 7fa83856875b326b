"""Language identification per article and per paragraph with lingua, built lazily once."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from lingua import ConfidenceValue, IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

# Major news languages lingua supports (ISO 639-1). Fewer candidates: less memory, fewer confusions.
DEFAULT_LANGUAGES: tuple[str, ...] = (
    "en",
    "de",
    "fr",
    "es",
    "it",
    "pt",
    "nl",
    "ru",
    "uk",
    "pl",
    "cs",
    "sk",
    "sl",
    "hr",
    "sr",
    "bg",
    "ro",
    "hu",
    "el",
    "tr",
    "ar",
    "fa",
    "he",
    "hi",
    "bn",
    "ur",
    "zh",
    "ja",
    "ko",
    "vi",
    "th",
    "id",
    "ms",
    "sv",
    "da",
    "nb",
    "fi",
    "et",
    "lv",
    "lt",
    "ka",
    "hy",
    "az",
    "kk",
    "ca",
)
SAMPLE_CHARS = 3000  # the opening of an article decides its language; the rest only costs time
MIN_CHARS = 20  # shorter paragraphs ("Photo: AP", "12:30") take the article's language


@dataclass(frozen=True)
class LanguageGuess:
    """An ISO 639-1 code (None when unknown) and lingua's confidence in it, 0 to 1."""

    code: str | None
    confidence: float


@dataclass(frozen=True)
class ArticleLanguage:
    """The language of a whole article and of each of its paragraphs."""

    code: str | None
    confidence: float
    paragraphs: tuple[LanguageGuess, ...] = field(default=())


UNKNOWN = LanguageGuess(None, 0.0)


class LanguageIdentifier:
    """Lingua restricted to some languages; its models load on first use, once."""

    def __init__(
        self,
        languages: Sequence[str] = DEFAULT_LANGUAGES,
        *,
        low_accuracy_over: int | None = None,
        sample_chars: int = SAMPLE_CHARS,
        min_chars: int = MIN_CHARS,
    ) -> None:
        self.codes = tuple(_iso_code(code) for code in languages)
        if len(self.codes) < 2:
            raise ValueError("language identification needs at least two candidate languages")
        # texts longer than this use lingua's low-accuracy mode: trigrams only, quicker and lighter
        self.low_accuracy_over = low_accuracy_over
        self.sample_chars = sample_chars
        self.min_chars = min_chars
        self._detectors: dict[bool, LanguageDetector] = {}
        self._lock = threading.Lock()

    def _detector(self, low_accuracy: bool) -> LanguageDetector:
        with self._lock:
            if low_accuracy not in self._detectors:
                builder = LanguageDetectorBuilder.from_iso_codes_639_1(*self.codes)
                if low_accuracy:
                    builder = builder.with_low_accuracy_mode()
                self._detectors[low_accuracy] = builder.build()
            return self._detectors[low_accuracy]

    def _is_long(self, text: str) -> bool:
        return self.low_accuracy_over is not None and len(text) > self.low_accuracy_over

    def detect(self, text: str) -> LanguageGuess:
        """Language of one text; UNKNOWN when it holds no letters to judge by."""
        sample = text[: self.sample_chars]
        if not sample.strip():
            return UNKNOWN
        values = self._detector(self._is_long(sample)).compute_language_confidence_values(sample)
        return _best(values)

    def detect_many(self, texts: Sequence[str]) -> list[LanguageGuess]:
        """Languages of many texts, computed in parallel by lingua."""
        samples = [t[: self.sample_chars] for t in texts]
        guesses = [UNKNOWN] * len(samples)
        for long in (False, True):
            chosen = [i for i, s in enumerate(samples) if s.strip() and self._is_long(s) == long]
            if not chosen:
                continue
            detector = self._detector(long)
            batch = [samples[i] for i in chosen]
            for i, values in zip(
                chosen, detector.compute_language_confidence_values_in_parallel(batch), strict=True
            ):
                guesses[i] = _best(values)
        return guesses

    def detect_article(self, paragraphs: Sequence[str]) -> ArticleLanguage:
        """Article language from its opening text, then each paragraph long enough to judge."""
        whole = self.detect("\n".join(paragraphs))
        judged = [i for i, p in enumerate(paragraphs) if len(p.strip()) >= self.min_chars]
        per_paragraph = [whole] * len(paragraphs)
        for i, guess in zip(judged, self.detect_many([paragraphs[i] for i in judged]), strict=True):
            per_paragraph[i] = guess
        return ArticleLanguage(whole.code, whole.confidence, tuple(per_paragraph))


def _iso_code(code: str) -> IsoCode639_1:
    try:
        return IsoCode639_1.from_str(code.strip().lower())
    except ValueError:
        raise ValueError(
            f"unknown ISO 639-1 language code {code!r} for language identification"
        ) from None


def _best(values: list[ConfidenceValue]) -> LanguageGuess:
    if not values or values[0].value <= 0:
        return UNKNOWN
    top = values[0]
    return LanguageGuess(top.language.iso_code_639_1.name.lower(), float(top.value))


@lru_cache(maxsize=8)
def get_identifier(
    languages: tuple[str, ...] = DEFAULT_LANGUAGES, low_accuracy_over: int | None = None
) -> LanguageIdentifier:
    """The shared identifier for these settings: one per process, so models load once."""
    return LanguageIdentifier(languages, low_accuracy_over=low_accuracy_over)


def detect_language(text: str, languages: Sequence[str] = DEFAULT_LANGUAGES) -> LanguageGuess:
    """Language of one text with the shared identifier."""
    return get_identifier(tuple(languages)).detect(text)


def detect_article_language(
    paragraphs: Sequence[str], languages: Sequence[str] = DEFAULT_LANGUAGES
) -> ArticleLanguage:
    """Article and paragraph languages with the shared identifier."""
    return get_identifier(tuple(languages)).detect_article(paragraphs)
