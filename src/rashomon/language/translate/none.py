"""The `none` translator: translation is off; originals are kept with their language."""

from __future__ import annotations

from collections.abc import Sequence

from rashomon.language.translate.base import REGISTRY, TranslationError


@REGISTRY.register("none")
class NoTranslator:
    """Translation switched off."""

    name = "none"
    model = ""
    enabled = False

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if source == target:
            return list(texts)
        raise TranslationError("translation is off (translator = none)")
