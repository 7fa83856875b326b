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
