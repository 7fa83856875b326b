"""Quality gates: pinned floors on the evaluation data (skipped when ../shared is absent)."""

from __future__ import annotations

import pytest

from rashomon.eval.extraction import evaluate_extraction

pytestmark = [pytest.mark.shared, pytest.mark.slow]

EXTRACTION_F1_FLOOR = 0.965  # measured 0.973 (docs/evaluation.md)


def test_extraction_f1_floor(shared):
    result = evaluate_extraction(shared / "eval" / "extraction" / "scrapinghub",
                                 extractors=None)
    assert result["pages"] == 181
    assert result["rashomon"]["f1"] >= EXTRACTION_F1_FLOOR
    assert result["rashomon"]["f1"] > result["trafilatura"]["f1"]
