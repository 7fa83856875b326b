"""Translation backends: a Protocol plus a registry (none, argos, libretranslate, openai)."""

from rashomon.language.translate.base import (
    REGISTRY,
    TranslationError,
    Translator,
    translator_from_settings,
)

__all__ = ["REGISTRY", "TranslationError", "Translator", "translator_from_settings"]
