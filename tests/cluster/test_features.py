"""Text features across scripts, sparse vectors and the ANN index."""

from __future__ import annotations

import numpy as np

from rashomon.cluster.ann import VectorIndex
from rashomon.cluster.features import (
    article_features,
    embedding_text,
    extract,
    lead_text,
    normalise_number,
)
from rashomon.cluster.vectors import DocumentFrequencies, SpaceSums, dot, tfidf


def test_numbers_match_across_separators_and_digit_systems():
    assert normalise_number("4,2") == normalise_number("4.2") == "42"
    assert normalise_number("180.000") == normalise_number("180,000") == "180000"
    assert normalise_number("١٧") == "17"  # Arabic-Indic digits


def test_entities_are_names_and_numbers_not_function_words():
    f = extract("The quake hit Karvash at dawn. In Karvash 17 died; Der Gouverneur sprach.", "en")
    assert f.entities["karvash"] == 2 and f.entities["17"] == 1
    assert "the" not in f.entities and "in" not in f.entities and "der" not in f.entities
    assert f.terms["quake"] == 1 and f.lexical_space == "en"


def test_cyrillic_names_are_entities_and_cjk_becomes_bigrams():
    ru = extract("Землетрясение в Карваше: погибли 17 человек", "ru")
    assert "карваше" in ru.entities and "17" in ru.entities
    zh = extract("嫦曜三号成功发射", "zh")
    assert {"嫦曜", "曜三", "三号", "发射"} <= set(zh.terms)


def test_translation_wins_and_lead_is_cut_at_a_word():
    f = article_features("Erdbeben", "Ein Erdbeben erschütterte Karvash.", "de",
                         title_en="Earthquake", lead_en="An earthquake shook Karvash.")
    assert f.lexical_space == "en" and "earthquake" in f.terms
    lead = lead_text("Title", "Title\n" + "word " * 100, max_chars=50)
    assert lead.startswith("Title\nword") and len(lead) <= 60 and not lead.endswith("wor")
    assert embedding_text("T", "x" * 2000).startswith("T\n")


def test_tfidf_is_unit_and_rare_terms_weigh_more():
    df = DocumentFrequencies()
    for terms in (["quake", "karvash"], ["quake", "summit"], ["quake"]):
        df.add(terms)
    vec = tfidf({"quake": 1, "karvash": 1}, df)
    assert abs(sum(w * w for w in vec.values()) - 1) < 1e-9
    assert vec["karvash"] > vec["quake"]
    df.remove(["quake", "karvash"])
    assert df.n == 2 and "karvash" not in df.df


def test_space_sums_average_within_a_language_only():
    sums = SpaceSums()
    sums.add("en", {"a": 1.0})
    sums.add("en", {"b": 1.0})
    sums.add("de", {"a": 1.0})
    assert sums.mean_dot("en", {"a": 1.0}) == 0.5
    assert sums.mean_dot("fr", {"a": 1.0}) is None
    sums.add("de", {"a": 1.0}, -1)
    assert "de" not in sums.counts and dot({"a": 2.0}, {"a": 0.5, "b": 3.0}) == 1.0


def test_vector_index_finds_forgets_and_rebuilds():
    rng = np.random.default_rng(0)
    vecs = rng.normal(size=(3000, 8)).astype(np.float32)
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    index = VectorIndex(8, capacity=16)
    for i, v in enumerate(vecs):
        index.add(i, v)
    assert len(index) == 3000 and index.query(vecs[7], 1)[0][0] == 7
    for i in range(2500):  # most leave the window: the index compacts itself
        index.remove(i)
    assert len(index) == 500 and 10 not in index
    hits = index.query(vecs[2900], 5)
    assert hits[0][0] == 2900 and all(i >= 2500 for i, _ in hits)
    index.add(10, vecs[10])  # an article coming back
    assert index.query(vecs[10], 1)[0][0] == 10
