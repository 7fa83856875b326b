"""Cross-lingual evaluation: the metrics on hand-made vectors, the harness on tiny and real data."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from rashomon.eval.crosslingual import (
    evaluate_crosslingual,
    load_stsb,
    load_tatoeba,
    rankdata,
    retrieval_error,
    spearman,
)


def unit(rows: list[list[float]]) -> np.ndarray:
    array = np.asarray(rows, dtype=np.float32)
    return array / np.linalg.norm(array, axis=1, keepdims=True)


def test_retrieval_error_counts_rows_whose_nearest_target_is_another_row():
    queries = unit([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0]])
    targets = unit([[1, 0.1, 0], [0.1, 1, 0], [1, 0, 0.2], [1, 1, 0.1]])
    assert retrieval_error(queries, targets) == 0.0
    assert retrieval_error(queries, targets[[1, 0, 2, 3]]) == 0.5
    assert retrieval_error(unit([[1, 0]]), unit([[0, 1]])) == 0.0  # one candidate: always right
    assert retrieval_error(np.zeros((0, 2)), np.zeros((0, 2))) == 0.0


def test_retrieval_error_is_directional():
    xxx = unit([[1, 0], [0.9, 0.1]])
    eng = unit([[1, 0.05], [0, 1]])
    assert retrieval_error(xxx, eng) == 0.5  # both xxx rows pick eng 0
    assert retrieval_error(eng, xxx) == 0.0  # eng 0 picks xxx 0, eng 1 picks xxx 1


def test_rankdata_averages_ties():
    np.testing.assert_allclose(rankdata(np.array([10, 20, 20, 5])), [2, 3.5, 3.5, 1])


def test_spearman_on_known_values():
    x = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    assert spearman(x, x**3) == pytest.approx(1.0)
    assert spearman(x, -x) == pytest.approx(-1.0)
    assert spearman(x, np.ones(5)) == 0.0
    # ranks (1,2,3,4,5) vs (2,1,4,3,5): 1 - 6*4/(5*24) = 0.8
    assert spearman(x, np.array([2.0, 1.0, 4.0, 3.0, 5.0])) == pytest.approx(0.8)


def test_spearman_matches_scipy_with_ties():
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, 5, 200).astype(float), rng.normal(size=200)
    assert spearman(a, b) == pytest.approx(stats.spearmanr(a, b).statistic)


class TableEmbedder:
    """Vectors looked up in a hand-made table (unknown texts get a far-away vector)."""

    model_id = "table"
    dim = 3

    def __init__(self, table: dict[str, list[float]]):
        self.table = table
        self.calls: list[str] = []

    def embed(self, texts: Sequence[str], kind: str = "passage") -> np.ndarray:
        self.calls.append(kind)
        return unit([self.table.get(t, [0.0, 0.0, 1.0]) for t in texts])


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    (tmp_path / "tatoeba").mkdir()
    (tmp_path / "tatoeba" / "tatoeba.deu-eng.deu").write_text("Hund\nKatze\n", encoding="utf-8")
    (tmp_path / "tatoeba" / "tatoeba.deu-eng.eng").write_text("dog\ncat\n", encoding="utf-8")
    (tmp_path / "stsb").mkdir()
    (tmp_path / "stsb" / "stsb-de-test.csv").write_text(
        'sentence1,sentence2,score\nHund,"Hund, groß",5.0\nHund,Katze,1.0\nKatze,cat,0.5\n',
        encoding="utf-8",
    )
    return tmp_path


def test_loaders_read_pairs_and_skip_the_header(tiny):
    assert load_tatoeba(tiny) == {"deu": (["Hund", "Katze"], ["dog", "cat"])}
    first, second, scores = load_stsb(tiny)["de"]
    assert second == ["Hund, groß", "Katze", "cat"]
    assert scores.tolist() == [5.0, 1.0, 0.5]
    assert load_tatoeba(tiny, limit=1) == {"deu": (["Hund"], ["dog"])}


def test_evaluate_on_a_tiny_dataset(tiny):
    # Katze's nearest English sentence is "dog", but both English ones find their match.
    table = {
        "Hund": [1, 0, 0],
        "Katze": [0.9, 0.1, 0],
        "dog": [1, 0.05, 0],
        "cat": [0, 1, 0],
        "Hund, groß": [1, 0, 0],
    }
    embedder = TableEmbedder(table)
    calls: list[tuple[str, int, int]] = []
    report = evaluate_crosslingual(
        tiny,
        ["tbl"],
        kind="query",
        progress=lambda *a: calls.append(a),
        make_embedder=lambda name: embedder,
    )
    result = report["backends"]["tbl"]
    assert report["tatoeba_languages"] == ["deu"] and report["stsb_languages"] == ["de"]
    assert result["tatoeba"]["deu"] == {"xxx_eng": 0.5, "eng_xxx": 0.0}
    assert result["tatoeba_mean"] == 0.25 and result["tatoeba_max"] == 0.5
    assert result["tatoeba_worst"] == "deu:xxx_eng"
    assert result["stsb"]["de"] == pytest.approx(1.0)
    assert result["sentences"] == 4 + 6 and result["sentences_per_s"] > 0
    assert set(embedder.calls) == {"query"}
    assert calls[-1] == ("tbl stsb de", 6, 6)


def test_missing_dataset_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="neither a tatoeba/ nor an stsb/"):
        evaluate_crosslingual(tmp_path, ["use"])


def shared_dir() -> Path:
    """The shared data folder: env RASHOMON_SHARED or ../shared next to the checkout."""
    env = os.environ.get("RASHOMON_SHARED")
    return Path(env) if env else Path(__file__).resolve().parents[2].parent / "shared"


@pytest.mark.shared
def test_use_on_a_sample_of_the_real_data():
    dataset = shared_dir() / "eval" / "crosslingual"
    if not (dataset / "tatoeba").is_dir():
        pytest.skip(f"shared cross-lingual data not found at {dataset} (set RASHOMON_SHARED)")
    report = evaluate_crosslingual(dataset, ["use"], limit=100)
    result = report["backends"]["use"]
    assert {"deu", "heb", "ukr"} <= set(result["tatoeba"])
    assert result["tatoeba"]["deu"]["xxx_eng"] < 0.1  # one of USE's 16 languages
    assert result["tatoeba"]["heb"]["xxx_eng"] > 0.5  # not one of them
    assert result["stsb"]["en"] > 0.6
    assert result["sentences_per_s"] > 0
