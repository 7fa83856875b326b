"""The Embedder contract, checked on every backend that can run here."""

from __future__ import annotations

import importlib.util
import os
import time

import numpy as np
import pytest

from rashomon.embed import Embedder, available, get_embedder

SAME_EN = "The president visited the flooded villages on Tuesday."
SAME_DE = "Der Präsident besuchte am Dienstag die überfluteten Dörfer."
SAME_FR = "Le président a visité mardi les villages inondés."
UNRELATED = "The recipe needs two cups of flour and a pinch of salt."
MIXED = "Путин said 他们 are ready — نتنياهو नेतन्याहू Ελλάδα 🙂 100% ✓"

_BUILT: dict[str, Embedder] = {}


def _options(name: str, request: pytest.FixtureRequest) -> dict[str, object]:
    if name == "openai":
        server = request.getfixturevalue("use_openai_server")
        return {"url": server, "model": "use-multilingual-v3"}
    if name == "sentence-transformers":
        if importlib.util.find_spec("sentence_transformers") is None:
            pytest.skip("sentence-transformers is not installed (extra [st])")
        model = os.environ.get("RASHOMON_TEST_ST_MODEL")
        if not model:
            pytest.skip("set RASHOMON_TEST_ST_MODEL to a local model path; tests never download")
        return {"model": model, "local_files_only": True}
    return {}


@pytest.fixture(params=available())
def embedder(request: pytest.FixtureRequest) -> Embedder:
    """Each registered backend, built once per session (entry-point ones included)."""
    name = request.param
    if name not in _BUILT:
        _BUILT[name] = get_embedder(name, **_options(name, request))
    return _BUILT[name]


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_attributes(embedder):
    assert isinstance(embedder.model_id, str) and embedder.model_id
    assert isinstance(embedder.dim, int) and embedder.dim > 0
    assert callable(embedder.embed)


def test_shape_dtype_and_unit_norm(embedder):
    rows = embedder.embed([SAME_EN, SAME_DE, UNRELATED])
    assert rows.shape == (3, embedder.dim)
    assert rows.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_deterministic_and_independent_of_batch_order(embedder):
    texts = [SAME_EN, SAME_FR, UNRELATED]
    first = embedder.embed(texts)
    np.testing.assert_allclose(embedder.embed(texts), first, atol=1e-6)
    np.testing.assert_allclose(embedder.embed(texts[::-1])[::-1], first, atol=1e-5)


def test_empty_list(embedder):
    rows = embedder.embed([])
    assert rows.shape == (0, embedder.dim) and rows.dtype == np.float32


@pytest.mark.parametrize("text", ["", " ", "\n\t"])
def test_empty_and_blank_strings_give_unit_rows(embedder, text):
    rows = embedder.embed([text, SAME_EN])
    assert np.isfinite(rows).all()
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("text", ["word " * 50_000, "x" * 200_000, "東京" * 50_000])
def test_very_long_input_is_truncated_quickly(embedder, text):
    began = time.perf_counter()
    rows = embedder.embed([text], kind="passage")
    assert time.perf_counter() - began < 20
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_mixed_scripts(embedder):
    rows = embedder.embed([MIXED])
    assert np.isfinite(rows).all()
    np.testing.assert_allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("kind", ["query", "passage"])
def test_same_meaning_across_languages_beats_an_unrelated_text(embedder, kind):
    en, de, fr, other = embedder.embed([SAME_EN, SAME_DE, SAME_FR, UNRELATED], kind=kind)
    assert _cos(en, de) > _cos(en, other)
    assert _cos(en, fr) > _cos(en, other)
    assert _cos(de, fr) > _cos(de, other)
