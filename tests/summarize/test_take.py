"""The world's take: supported claims only, 3 to 7 sentences, English text where possible."""

from __future__ import annotations

import numpy as np

from rashomon.compare.claims import ClaimGroup, ClaimMember
from rashomon.summarize.take import world_take


def _group(gid: int, outlets: list[str], language: str = "en", text_en: str | None = None,
           position: float = 0.0) -> ClaimGroup:
    members = [ClaimMember(f"{o}/1", o, o[:2].upper(), language, gid, 0, 10,
                           f"Claim {gid} in {language} by {o}.", text_en, position=position)
               for o in outlets]
    return ClaimGroup(gid, members, sorted(outlets), sorted({o[:2].upper() for o in outlets}),
                      [language])


def test_picks_supported_claims_in_story_order() -> None:
    groups = [_group(0, ["aa", "bb", "cc", "dd"], position=0.5),
              _group(1, ["aa", "bb", "cc"], position=0.1),
              _group(2, ["aa", "bb"], position=0.9), _group(3, ["aa"], position=0.0),
              _group(4, ["bb", "cc"], language="de", text_en="Claim four in English."),
              _group(5, ["cc", "dd"], language="ja")]
    vectors = np.eye(6, dtype=np.float32)
    take = world_take(groups, vectors, n_outlets=4)
    assert 3 <= len(take.sentences) <= 7
    assert all(len(s.outlets) >= 2 for s in take.sentences)
    assert 3 not in [s.claim for s in take.sentences]
    translated = next(s for s in take.sentences if s.claim == 4)
    assert (translated.text, translated.language, translated.translated) == (
        "Claim four in English.", "en", True)
    original = next(s for s in take.sentences if s.claim == 5)
    assert (original.language, original.translated) == ("ja", False)
    positions = [next(g for g in groups if g.id == s.claim).position for s in take.sentences]
    assert positions == sorted(positions)


def test_mmr_skips_a_redundant_claim() -> None:
    groups = [_group(i, ["aa", "bb", "cc"][: 3 - (i % 2)]) for i in range(8)]
    vectors = np.zeros((8, 4), dtype=np.float32)
    vectors[:, 0] = 1.0
    vectors[1] = [0, 1, 0, 0]
    vectors[2] = [0, 0, 1, 0]
    take = world_take(groups, vectors, n_outlets=3)
    assert [s.claim for s in take.sentences][:3] != [0, 2, 4]
    assert len(take.sentences) <= 7
