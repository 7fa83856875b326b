"""Figures: what numbers count, and alignment that flags only real conflicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from rashomon.compare.claims import sentence_scores
from rashomon.compare.figalign import align_figures
from rashomon.compare.figures import extract_figures
from rashomon.compare.story import StoryArticle, embed_texts, flat_sentences

MakeArticle = Callable[..., StoryArticle]
Embed = Callable[[Sequence[str]], np.ndarray]


@pytest.mark.parametrize(("language", "text", "what", "value"), [
    ("en", "The attack killed four people and wounded 17.", "deaths", 4),
    ("en", "The attack killed four people and wounded 17.", "injured", 17),
    ("de", "Russland setzte 157 Kampfdrohnen ein.", "drones launched", 157),
    ("fr", "Quatre morts et au moins 17 blessés.", "deaths", 4),
    ("ru", "Уничтожено около 180 тысяч птиц.", "birds", 180_000),
    ("uk", "Росія випустила 157 ударних дронів.", "drones launched", 157),
    ("zh", "俄方当晚共发射91架无人机。", "drones launched", 91),
    ("ja", "無人機157機で攻撃した。", "drones", 157),
    ("ar", "تعهدت 26 دولة بالمساهمة.", "countries", 26),
    ("es", "Unas 1.800 personas fueron evacuadas.", "evacuated", 1800),
    ("en", "The fund reached $4.2 billion.", "USD", 4.2e9),
    ("de", "Der Schaden beträgt 250 Millionen Euro.", "EUR", 2.5e8),
    ("pt", "A Selic subiu para 12,75%.", "%", 12.75),
    ("en", "The fire burned 3,200 hectares.", "ha", 3200),
    ("it", "Il magnitudo 6,4 ha scosso la regione.", "magnitude", 6.4),
])
def test_what_a_number_counts(make_article: MakeArticle, language: str, text: str, what: str,
                              value: float) -> None:
    article = make_article("a", "o", "XX", language, text)
    figures = extract_figures(article)
    match = [f for f in figures if f.what == what]
    assert match, [(f.text, f.what) for f in figures]
    assert match[0].value == pytest.approx(value)
    assert article.text[match[0].start : match[0].end] == match[0].text


def test_dates_ages_and_ordinals_are_no_figures(make_article: MakeArticle) -> None:
    article = make_article("a", "o", "US", "en",
                           "On Oct. 18, the 44th brigade said a 27-year-old was hurt in 2022.")
    assert [f.text for f in extract_figures(article)] == []


def _align(articles: list[StoryArticle], embed: Embed) -> list:  # type: ignore[type-arg]
    vectors = embed_texts(embed, [s.text for _, s in flat_sentences(articles)])
    scored = sentence_scores(articles, vectors)
    return align_figures([f for a in articles for f in extract_figures(a)], scored, articles)


def test_same_quantity_different_values_is_a_conflict(make_article: MakeArticle,
                                                      embed_multilingual: Embed) -> None:
    filler = ["Rescue teams searched the rubble through the night.",
              "Schools in the region stayed closed on Monday.",
              "The governor asked residents to conserve water.",
              "Officials promised more air defence systems."]
    articles = [
        make_article("a", "wire", "GB", "en",
                     "Russia launched 91 drones and six ballistic missiles at Ukraine overnight, "
                     "the air force said.", *filler),
        make_article("b", "post", "US", "en",
                     "Russia launched 157 drones and six ballistic missiles at Ukraine overnight, "
                     "the air force said.", *filler[::-1]),
        make_article("c", "zeitung", "DE", "de",
                     "Russland feuerte in der Nacht 157 Drohnen und sechs ballistische Raketen auf "
                     "die Ukraine ab, teilte die Luftwaffe mit.",
                     "Die Schulen der Region blieben am Montag geschlossen."),
    ]
    groups = _align(articles, embed_multilingual)
    drones = [g for g in groups if g.counts == "drones"]
    assert len(drones) == 1 and drones[0].conflict
    assert {v.value: v.outlets for v in drones[0].values} == {157: ["post", "zeitung"],
                                                            91: ["wire"]}
    missiles = [g for g in groups if g.counts == "missiles"]
    assert len(missiles) == 1 and not missiles[0].conflict


def test_different_measurements_stay_distinct(make_article: MakeArticle,
                                              embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "kyiv", "UA", "en",
                     "On Thursday, 35 countries in the coalition met in Paris.",
                     "Afterwards 26 of them agreed to contribute to security guarantees."),
        make_article("b", "fox", "US", "en",
                     "Zelensky said 26 countries had pledged security guarantees for Kyiv.",
                     "A week earlier, Russia launched 124 drones at Ukraine."),
        make_article("c", "sky", "GB", "en",
                     "Moscow attacked Ukraine overnight with 157 drones.",
                     "The leaders met in Paris on Thursday."),
    ]
    groups = _align(articles, embed_multilingual)
    assert not [g for g in groups if g.conflict]
    countries = {tuple(sorted(v.value for v in g.values)) for g in groups
                 if g.counts == "countries"}
    assert countries == {(26,), (35,)}
