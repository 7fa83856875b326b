"""Argos Translate (extra [argos]) with its installed language packages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rashomon.language.translate.base import REGISTRY, TranslationError


def _argos() -> Any:
    try:
        import argostranslate.translate as translate
    except ImportError:
        raise TranslationError("argos: install it with pip install 'rashomon[argos]'") from None
    return translate


def installed_pairs() -> set[tuple[str, str]]:
    """(from, to) pairs with an installed Argos package (empty if argos is absent)."""
    try:
        translate = _argos()
    except TranslationError:
        return set()
    pairs = set()
    for lang in translate.get_installed_languages():
        for tr in getattr(lang, "translations_from", []):
            pairs.add((tr.from_lang.code, tr.to_lang.code))
    return pairs


def install_pair(source: str, target: str) -> str:
    """Download and install the Argos package for a pair (needs the internet)."""
    try:
        import argostranslate.package as package
    except ImportError:
        raise TranslationError("argos: install it with pip install 'rashomon[argos]'") from None
    package.update_package_index()
    for pkg in package.get_available_packages():
        if pkg.from_code == source and pkg.to_code == target:
            package.install_from_path(pkg.download())
            return f"{source}→{target} {pkg.package_version}"
    raise TranslationError(f"argos: no package for {source}→{target} in the package index")


@REGISTRY.register("argos")
class ArgosTranslator:
    """Offline translation with installed Argos models."""

    name = "argos"
    enabled = True

    def __init__(self, model: str = "", **_: Any):
        self._translate = _argos()
        self.model = model or "argos"

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        if (source, target) not in installed_pairs():
            raise TranslationError(f"argos: no installed package for {source}→{target}; "
                                   f"run `rashomon translate install {source} {target}`")
        return [self._translate.translate(t, source, target) if t.strip() else t for t in texts]
