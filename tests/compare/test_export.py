"""The analysis in the documented web shape: validates, keeps attribution and article links."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rashomon.compare.analyse import analyse_story
from rashomon.compare.export import web_shape
from rashomon.compare.story import StoryArticle
from rashomon.embed import get_embedder
from rashomon.store.views import _ANALYSIS

GOLD = Path(__file__).resolve().parents[1] / "corpus" / "gold.json"


@pytest.fixture(scope="module")
def karvash():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ids = {gid: str(n) for n, gid in enumerate(sorted(gold["articles"]), 1)}
    arts = [StoryArticle(id=ids[gid], outlet=a["outlet"], country=a["country"],
                         language=a["language"], text="\n\n".join(a["paragraphs"]),
                         title=a["title"], is_copy=bool(a["origin"]),
                         origin=ids[a["origin"]] if a["origin"] else None)
            for gid, a in gold["articles"].items() if a["event"] == "quake-karvash"]
    emb = get_embedder("use")
    return arts, analyse_story(arts, lambda t: emb.embed(list(t)))


def test_web_shape_validates_and_attributes(karvash):
    arts, analysis = karvash
    shape = json.loads(json.dumps(web_shape(analysis)))
    _ANALYSIS.validate_python(shape)
    outlets = {a.outlet for a in arts}
    article_ids = {int(a.id) for a in arts}
    assert 3 <= len(shape["take"]) <= 7
    for sentence in shape["take"]:
        assert len(sentence["support"]) >= 2
        for sup in sentence["support"]:
            assert sup["source_id"] in outlets
            assert sup.get("article_id", next(iter(article_ids))) in article_ids
    texts = {a.id: a.text for a in arts}
    for group in shape["quotes"]:
        for variant in group["variants"]:
            for sup in variant["support"]:
                assert variant["text"] in texts[str(sup["article_id"])]
    for fig in shape["figures"]:
        assert fig["values"] and all(v["support"] for v in fig["values"])
