"""Claim alignment across articles and languages; copies add no support."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from rashomon.compare.claims import align_claims, sentence_scores
from rashomon.compare.story import StoryArticle, embed_texts, flat_sentences

MakeArticle = Callable[..., StoryArticle]
Embed = Callable[[Sequence[str]], np.ndarray]

FILLER = {
    "en": ["Schools in the region stayed closed on Monday.",
           "The city council will meet next week to discuss repairs.",
           "Local football matches were postponed."],
    "de": ["Die Schulen der Region blieben am Montag geschlossen.",
           "Der Stadtrat tagt nächste Woche zu den Reparaturen."],
    "fr": ["Les écoles de la région sont restées fermées lundi.",
           "Le conseil municipal se réunira la semaine prochaine."],
}


def _claims(articles: list[StoryArticle], embed: Embed):  # type: ignore[no-untyped-def]
    vectors = embed_texts(embed, [s.text for _, s in flat_sentences(articles)])
    return align_claims(articles, sentence_scores(articles, vectors))


def test_one_claim_across_languages(make_article: MakeArticle, embed_multilingual: Embed) -> None:
    articles = [
        make_article("en1", "post", "US", "en",
                     "A magnitude 6.4 earthquake struck eastern Turkey on Friday.", *FILLER["en"]),
        make_article("de1", "blatt", "DE", "de",
                     "Ein Erdbeben der Stärke 6,4 hat am Freitag den Osten der Türkei erschüttert.",
                     *FILLER["de"]),
        make_article("fr1", "journal", "FR", "fr",
                     "Un séisme de magnitude 6,4 a frappé vendredi l'est de la Turquie.",
                     *FILLER["fr"]),
    ]
    top = _claims(articles, embed_multilingual)[0]
    assert top.support == 3
    assert top.countries == ["DE", "FR", "US"]
    assert {m.sentence for m in top.members} == {0}


def test_a_copy_adds_no_support(make_article: MakeArticle, embed_words: Embed) -> None:
    lead = "The central bank raised its key rate by half a point to 12.75 percent on Thursday."
    articles = [
        make_article("orig", "wire", "GB", "en", lead, *FILLER["en"]),
        make_article("copy", "daily", "IE", "en", lead, FILLER["en"][0], is_copy=True,
                     origin="orig"),
        make_article("other", "post", "US", "en",
                     "The central bank raised its key rate by half a point to 12.75 percent.",
                     "Markets had expected a smaller step."),
    ]
    groups = _claims(articles, embed_words)
    rate = next(g for g in groups if any("12.75" in m.text for m in g.members))
    assert rate.outlets == ["post", "wire"]
    assert rate.republished_by == ["daily"]
    assert rate.support == 2


def test_an_edited_copy_supports_what_it_adds(make_article: MakeArticle,
                                              embed_words: Embed) -> None:
    articles = [
        make_article("orig", "wire", "GB", "en", "The plant closed after the spill."),
        make_article("copy", "daily", "IE", "en", "The plant closed after the spill.",
                     "Irish regulators opened their own inquiry into the plant owner.",
                     is_copy=True, origin="orig"),
        make_article("third", "post", "US", "en",
                     "Irish regulators opened their own inquiry into the plant owner."),
    ]
    groups = _claims(articles, embed_words)
    inquiry = next(g for g in groups if any("inquiry" in m.text for m in g.members))
    assert inquiry.outlets == ["daily", "post"]
