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
    ("pt", "O Copom elevou a Selic em 50 pontos-base.", "bp", 50),  # not percentage points
    ("pt", "A taxa subiu 0,5 ponto percentual.", "bp", 50),
    ("en", "About 22,000 containers are stuck on the quay.", "containers", 22_000),
    ("de", "Vor dem Hafen warten 21 Schiffe.", "ships", 21),
])
def test_what_a_number_counts(make_article: MakeArticle, language: str, text: str, what: str,
                              value: float) -> None:
    article = make_article("a", "o", "XX", language, text)
    figures = extract_figures(article)
    match = [f for f in figures if f.what == what]
    assert match, [(f.text, f.what) for f in figures]
    assert match[0].value == pytest.approx(value)
    assert article.text[match[0].start : match[0].end] == match[0].text


def test_a_unit_said_once_serves_the_rival_value(make_article: MakeArticle) -> None:
    article = make_article("a", "o", "FR", "fr",
                           "Les Autrichiens l'estiment à 45 kilomètres, les Slovaques à 60.")
    assert [(f.value, f.counts) for f in extract_figures(article)] == [(45, "km"), (60, "km")]


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


_FILLER = ["Rescue teams searched the rubble through the night.",
           "Schools in the region stayed closed on Monday.",
           "The governor asked residents to conserve water.",
           "Officials promised more help for the farmers."]


def test_an_article_setting_two_values_against_each_other_is_a_conflict(
        make_article: MakeArticle, embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "The regional government said about 90,000 cubic metres of sludge escaped. "
                     "The company put the figure at 60,000 cubic metres, a discrepancy it did not "
                     "explain.", *_FILLER),
        make_article("b", "zeitung", "DE", "de",
                     "Nach Angaben der Landesregierung traten rund 90.000 Kubikmeter Schlamm aus. "
                     "Das Unternehmen selbst sprach dagegen von 60.000 Kubikmetern.",
                     "Die Schulen der Region blieben am Montag geschlossen."),
    ]
    groups = _align(articles, embed_multilingual)
    sludge = [g for g in groups if g.counts == "m³"]
    assert len(sludge) == 1 and sludge[0].conflict
    assert sorted(v.value for v in sludge[0].values) == [60_000, 90_000]


def test_two_quantities_in_one_sentence_are_no_conflict(make_article: MakeArticle,
                                                        embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "The quake struck at a depth of 35 kilometres, about 28 kilometres "
                     "south-west of the port town.", *_FILLER),
        make_article("b", "post", "US", "en",
                     "The epicentre lay 28 kilometres south-west of the port town.",
                     *_FILLER[::-1]),
        make_article("c", "diario", "ES", "es",
                     "El sismo tuvo su hipocentro a una profundidad de 35 kilómetros.",
                     "Las escuelas de la región permanecieron cerradas el lunes."),
    ]
    groups = _align(articles, embed_multilingual)
    assert not [g for g in groups if g.conflict]


def test_a_demand_and_an_offer_are_two_quantities(make_article: MakeArticle,
                                                  embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "The union demands a 9% pay rise, while the company offers 4.5%.", *_FILLER),
        make_article("b", "zeitung", "DE", "de",
                     "Die Gewerkschaft fordert 9 Prozent mehr Lohn, während das Unternehmen "
                     "4,5 Prozent bietet.", "Die Schulen der Region blieben geschlossen."),
    ]
    groups = _align(articles, embed_multilingual)
    assert not [g for g in groups if g.conflict]


def test_far_apart_values_are_no_conflict(make_article: MakeArticle,
                                          embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "She won in 2 hours 9 minutes 41 seconds, beating the record by 15 seconds.",
                     *_FILLER),
        make_article("b", "post", "US", "en",
                     "She won in 2:09:41, 12 seconds inside the old record.", *_FILLER[::-1]),
    ]
    groups = _align(articles, embed_multilingual)
    for group in groups:
        values = sorted(v.value for v in group.values)
        assert values[-1] <= 2 * values[0], values  # a margin never meets a finishing time


def test_a_figure_said_twice_stays_in_one_group(make_article: MakeArticle,
                                                embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "Officials said 26 countries had pledged troops for the mission.",
                     *_FILLER, "The 26 countries will meet again in March."),
        make_article("b", "post", "US", "en",
                     "Twenty-six countries pledged troops for the mission, officials said.",
                     *_FILLER[::-1]),
    ]
    groups = [g for g in _align(articles, embed_multilingual) if g.counts == "countries"]
    assert len(groups) == 1 and len(groups[0].figures) == 3 and not groups[0].conflict


def test_a_figure_window_masks_the_number_and_keeps_its_clause(
        make_article: MakeArticle) -> None:
    from rashomon.compare.figcontext import MASK, window

    article = make_article("a", "o", "GB", "en",
                           "The winner takes a prize of 40,000 euros and a record bonus of "
                           "50,000 euros, organisers said.")
    prize, bonus = extract_figures(article)
    assert window(prize, article).count(MASK) == 1 and "40,000" not in window(prize, article)
    assert "prize" in window(prize, article) and "bonus" in window(bonus, article)
