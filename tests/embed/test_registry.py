"""The embedder registry: bundled names, entry points, error messages, settings."""

from __future__ import annotations

import importlib.util
import logging
import textwrap

import numpy as np
import pytest

from rashomon.embed import (
    ENTRY_POINT_GROUP,
    EmbedderError,
    UnknownEmbedderError,
    available,
    base,
    embedder_from_settings,
    get_embedder,
)

PLUGIN = """
import numpy as np


class HashEmbedder:
    model_id = "hash:v1"
    dim = 4

    def __init__(self, salt=""):
        self.salt = salt

    def embed(self, texts, kind="passage"):
        rows = np.ones((len(texts), self.dim), dtype=np.float32)
        return rows / 2.0
"""


@pytest.fixture
def plugin_dist(tmp_path, monkeypatch):
    """Install a throwaway distribution that declares rashomon.embedders entry points."""
    (tmp_path / "rashomon_hash_plugin.py").write_text(PLUGIN)
    info = tmp_path / "rashomon_hash_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: rashomon-hash-plugin\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text(
        textwrap.dedent(f"""\
        [{ENTRY_POINT_GROUP}]
        hashing = rashomon_hash_plugin:HashEmbedder
        e5 = rashomon_hash_plugin:HashEmbedder
        broken = rashomon_hash_plugin_missing:Nothing
        """)
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    base.load_backends(reload=True)
    yield
    monkeypatch.undo()
    base.load_backends(reload=True)


def test_bundled_and_optional_backends_are_registered():
    names = available()
    for name in ("default", "e5", "use", "openai", "sentence-transformers"):
        assert name in names


def test_unknown_name_lists_the_choices_and_the_entry_point_group():
    with pytest.raises(UnknownEmbedderError) as info:
        get_embedder("nope")
    message = str(info.value)
    assert "unknown embedder 'nope'" in message
    assert "e5" in message and "default" in message
    assert ENTRY_POINT_GROUP in message
    assert isinstance(info.value, LookupError)


def test_entry_point_backends_are_found(plugin_dist):
    assert "hashing" in available()
    embedder = get_embedder("hashing", salt="x")
    assert embedder.model_id == "hash:v1"
    assert embedder.embed(["a"]).shape == (1, 4)


def test_entry_points_cannot_shadow_bundled_backends(plugin_dist):
    assert type(get_embedder("e5")).__name__ == "E5Embedder"


def test_broken_entry_point_is_logged_and_skipped(tmp_path, monkeypatch, caplog):
    with caplog.at_level(logging.WARNING, logger="rashomon.embed.base"):
        (tmp_path / "rashomon_hash_plugin.py").write_text(PLUGIN)
        info = tmp_path / "p-0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text("Metadata-Version: 2.1\nName: p\nVersion: 0.1\n")
        (info / "entry_points.txt").write_text(f"[{ENTRY_POINT_GROUP}]\nbroken = no_such_mod:X\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        base.load_backends(reload=True)
    try:
        assert "broken" not in available()
        assert "'broken'" in caplog.text and "failed to load" in caplog.text
    finally:
        monkeypatch.undo()
        base.load_backends(reload=True)
    assert "hashing" not in available()


def test_options_a_backend_does_not_take_are_named():
    with pytest.raises(EmbedderError, match=r"embedder 'e5' does not take these options \['url'\]"):
        get_embedder("e5", url="http://127.0.0.1:1")


def test_register_adds_a_backend(monkeypatch):
    monkeypatch.setitem(base._REGISTRY, "tmp", lambda: "built")
    assert get_embedder("tmp") == "built"


def test_settings_pass_only_the_options_that_are_set(monkeypatch):
    seen = {}
    monkeypatch.setitem(base._REGISTRY, "spy", lambda **kw: seen.update(kw) or "ok")
    settings = {"embedder": "spy", "embedder_model": "m", "embedder_url": "", "other": 1}
    assert embedder_from_settings(settings) == "ok"
    assert seen == {"model": "m"}


@pytest.mark.skipif(
    importlib.util.find_spec("sentence_transformers") is not None,
    reason="sentence-transformers is installed",
)
def test_sentence_transformers_missing_says_how_to_install():
    with pytest.raises(EmbedderError, match=r"pip install 'rashomon\[st\]'"):
        get_embedder("sentence-transformers", model="any/model")


def test_sentence_transformers_needs_a_model_name():
    with pytest.raises(EmbedderError, match="embedder_model"):
        get_embedder("sentence-transformers")


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError, match="kind must be 'query' or 'passage'"):
        get_embedder("use").embed(["x"], kind="document")  # type: ignore[arg-type]


def test_normalize_keeps_zero_rows_zero():
    rows = base.normalize(np.array([[3.0, 4.0], [0.0, 0.0]]))
    np.testing.assert_allclose(rows, [[0.6, 0.8], [0.0, 0.0]])


def test_truncate_cuts_at_a_word_boundary_near_the_limit():
    assert base.truncate("short", 10) == "short"
    assert base.truncate("word " * 100, 52) == ("word " * 10).strip()
    assert base.truncate("x" * 30, 10) == "x" * 10
