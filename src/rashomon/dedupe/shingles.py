"""MinHash signatures of clean text: word 5-gram shingles (character 5-grams for CJK)."""

from __future__ import annotations

import re

from datasketch import MinHash

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Overlapping n-grams of lower-cased words, or of characters in CJK text."""
    cjk = len(_CJK.findall(text)) > len(text) / 4
    units = [c for c in text if not c.isspace()] if cjk else _WORD.findall(text.lower())
    if len(units) < size:
        return {"".join(units) if cjk else " ".join(units)} if units else set()
    join = "".join if cjk else " ".join
    return {join(units[i:i + size]) for i in range(len(units) - size + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> tuple[MinHash, int]:
    """A MinHash of the text's shingles (deterministic: fixed seed) and how many there are."""
    m = MinHash(num_perm=num_perm, seed=1)
    grams = shingles(text)
    for s in grams:
        m.update(s.encode("utf-8"))
    return m, len(grams)
