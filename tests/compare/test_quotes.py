"""Quote extraction in every common style, attribution, and verbatim spans."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from rashomon.compare.quotes import extract_quotes, quote_spans
from rashomon.compare.story import StoryArticle

MakeArticle = Callable[..., StoryArticle]


@pytest.mark.parametrize(("paragraph", "quoted"), [
    ("“We will rebuild,” she said.", "We will rebuild,"),
    ("« Nous reconstruirons », a-t-elle dit.", "Nous reconstruirons"),
    ("„Wir bauen wieder auf“, sagte sie.", "Wir bauen wieder auf"),
    ("„Odbudujemy”, powiedziała.", "Odbudujemy"),
    ('"We will rebuild," she said.', "We will rebuild,"),
    ("He called it ‘a dark day’ for the city.", "a dark day"),
    ("市長は「必ず再建する」と述べた。", "必ず再建する"),
    ("市長は『必ず再建する』と述べた。", "必ず再建する"),
    ("她说：“我们会重建。”", "我们会重建。"),
    ("— Мы всё восстановим, — сказала она.", "Мы всё восстановим"),
    ("—Lo reconstruiremos todo —dijo la alcaldesa—.", "Lo reconstruiremos todo"),
    ("— Nous reconstruirons tout, a déclaré la maire.", "Nous reconstruirons tout"),
])
def test_styles(paragraph: str, quoted: str) -> None:
    spans = quote_spans(paragraph)
    assert [paragraph[s:e] for s, e, _ in spans] == [quoted]


def test_apostrophes_and_nested_quotes() -> None:
    paragraph = "“Putin’s ‘offer’ is not serious,” he said of the Kremlin’s plan."
    assert [paragraph[s:e] for s, e, _ in quote_spans(paragraph)] == [
        "Putin’s ‘offer’ is not serious,"]


def test_a_quote_running_into_the_next_paragraph() -> None:
    paragraph = "He said: “If any troops appear there, they will be targets."
    assert [paragraph[s:e] for s, e, _ in quote_spans(paragraph)] == [
        "If any troops appear there, they will be targets."]


def test_pronouns_and_surnames_resolve_to_the_full_name(make_article: MakeArticle) -> None:
    article = make_article(
        "a", "post", "US", "en",
        "Taras Hrynchuk, the regional governor, spoke on Sunday.",
        "“This was one of the hardest nights,” he said.",
        "Hrynchuk added: “The enemy struck homes.”",
        "“We will rebuild,” said Mayor Olena Marchuk. “Every street.”")
    quotes = extract_quotes(article)
    assert [q.speaker for q in quotes] == ["Taras Hrynchuk", "Taras Hrynchuk", "Olena Marchuk",
                                           "Olena Marchuk"]
    assert all(article.text[q.start : q.end] == q.text for q in quotes)


def test_possessives_do_not_take_the_pronoun(make_article: MakeArticle) -> None:
    article = make_article(
        "a", "news", "GB", "en",
        "Vladimir Putin spoke at a forum in Vladivostok.",
        "Directly responding to Emmanuel Macron’s comments, he said: “They will be targets.”")
    assert extract_quotes(article)[0].speaker == "Vladimir Putin"


@pytest.mark.parametrize(("language", "paragraphs", "speaker"), [
    ("de", ["„Wir suchen jedes Haus ab“, sagte Gouverneurin Selin Aksoy."], "Selin Aksoy"),
    ("fr", ["« Nous cherchons partout », a déclaré la gouverneure Selin Aksoy."], "Selin Aksoy"),
    ("es", ["—Buscamos en cada edificio —dijo la gobernadora Selin Aksoy."], "Selin Aksoy"),
    ("it", ["«Cerchiamo ovunque», ha detto la governatrice Selin Aksoy."], "Selin Aksoy"),
    ("ru", ["— Мы ищем везде, — заявила губернатор Селин Аксой."], "Селин Аксой"),
    ("uk", ["«Ми шукаємо всюди», — наголосила губернаторка Селін Аксой."], "Селін Аксой"),
    ("tr", ["Vali Selin Aksoy, “Her binayı arıyoruz” dedi."], "Selin Aksoy"),
    ("zh", ["省长塞林·阿克索伊表示：“我们正在搜索每一栋建筑。”"], "塞林·阿克索伊"),
    ("ja", ["セリン・アクソイ知事は「全ての建物を捜索している」と述べた。"], "セリン・アクソイ"),
    ("ar", ["وقالت المحافظة السيدة سلين أكسوي: «نبحث في كل مبنى»."], "سلين أكسوي"),
])
def test_speech_verbs_across_languages(make_article: MakeArticle, language: str,
                                       paragraphs: list[str], speaker: str) -> None:
    quotes = extract_quotes(make_article("a", "o", "XX", language, *paragraphs))
    assert len(quotes) == 1
    assert quotes[0].speaker == speaker


@pytest.mark.parametrize(("language", "paragraphs", "speaker"), [
    # a name after "of"/"von"/"do" is a complement, not the speaker
    ("de", ["„Die Brücke hielt nicht“, sagte die Bürgermeisterin von Feldkirchen, "
            "Marta Oberhuber."], "Marta Oberhuber"),
    ("pt", ["“O rio subiu rápido”, disse a presidente do Instituto Hídrico, Lívia Prates."],
     "Lívia Prates"),
    ("en", ["Lena Sorvik grew up in her home town of Tarn, in Norway's Fjord Valley.",
            "“This is for the kids of Tarn,” she said."], "Lena Sorvik"),
])
def test_places_and_bodies_are_not_speakers(make_article: MakeArticle, language: str,
                                            paragraphs: list[str], speaker: str) -> None:
    quotes = extract_quotes(make_article("a", "o", "XX", language, *paragraphs))
    assert [q.speaker for q in quotes] == [speaker]


@pytest.mark.parametrize(("language", "paragraphs", "speaker"), [
    ("es", ["La alcaldesa de Tarn, Ana Ruiz Pardo, recorrió la zona.",
            "«El puente cayó en segundos», ha contado la alcaldesa a la prensa."], "Ana Ruiz Pardo"),
    ("it", ["La maratoneta Lena Sorvik ha vinto a Torino.",
            "«Oggi il cronometro era il mio rivale», ha spiegato l'atleta."], "Lena Sorvik"),
    ("de", ["Der Konzernchef Pavel Hradek ist am Samstag von seinem Amt zurückgetreten.",
            "„Ich übernehme die Verantwortung“, erklärte der 61-Jährige."], "Pavel Hradek"),
    ("fr", ["Le PDG Pavel Hradek a démissionné samedi.",
            "« J'assume », a déclaré le dirigeant de 61 ans."], "Pavel Hradek"),
])
def test_role_phrases_resolve_to_the_person_named_before(
        make_article: MakeArticle, language: str, paragraphs: list[str], speaker: str) -> None:
    quotes = extract_quotes(make_article("a", "o", "XX", language, *paragraphs))
    assert [q.speaker for q in quotes] == [speaker]


def test_sentence_initial_determiners_and_amounts_are_no_names(make_article: MakeArticle) -> None:
    article = make_article(
        "a", "o", "DE", "de",
        "Die Bank nannte einen Schaden von 25 Millionen US-Dollar. Bankchef Pavel Hradek "
        "bat um Entschuldigung.",
        "„Dieser Fonds ist keine Spende“, sagte er. „Jede Nacht zählt.“")
    assert {q.speaker for q in extract_quotes(article)} == {"Pavel Hradek"}


def test_the_ministry_said_names_the_ministry_named_before(make_article: MakeArticle) -> None:
    article = make_article(
        "a", "o", "GB", "en",
        "In Tarnow, the Defence Ministry gave a different account of the night.",
        "“All designated targets have been hit,” the ministry said in a statement.")
    assert extract_quotes(article)[0].speaker == "Defence Ministry"


def test_a_term_in_quotation_marks_has_no_speaker(make_article: MakeArticle) -> None:
    article = make_article(
        "a", "o", "GB", "en",
        "Mayor Lena Sorvik opened the bridge on Monday.",
        "Leaders of the so-called “northern alliance” met in Tarn.")
    quotes = extract_quotes(article)
    assert [(q.text, q.speaker) for q in quotes] == [("northern alliance", "")]
