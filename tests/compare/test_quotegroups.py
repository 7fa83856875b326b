"""Quote groups: one statement's renderings side by side, word differences marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from rashomon.compare.quotegroups import group_quotes, word_diff
from rashomon.compare.quotes import extract_quotes
from rashomon.compare.story import StoryArticle

MakeArticle = Callable[..., StoryArticle]
Embed = Callable[[Sequence[str]], np.ndarray]


def test_word_diff_marks_what_a_rendering_adds() -> None:
    ops = word_diff("they will be legitimate targets", "they will be legitimate targets for defeat")
    assert [(o.op, o.reference, o.text) for o in ops] == [
        ("equal", "they will be legitimate targets", "they will be legitimate targets"),
        ("insert", "", "for defeat")]


def test_renderings_of_one_statement_group_across_outlets_and_languages(
        make_article: MakeArticle, embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“If any troops appear there, they will be legitimate targets,” "
                     "President Vladimir Putin said."),
        make_article("b", "fox", "US", "en",
                     "Vladimir Putin warned: “If any troops appear there, we assume they will be "
                     "legitimate targets for defeat.”"),
        make_article("c", "zeit", "DE", "de",
                     "„Wenn dort Truppen auftauchen, werden sie legitime Ziele sein“, sagte "
                     "Wladimir Putin."),
        make_article("d", "post", "US", "en",
                     "“We will not send soldiers to Ukraine,” said Prime Minister Giorgia Meloni.",
                     "“The coalition stands ready to help,” said President Emmanuel Macron.",
                     "“Sanctions will stay in place,” said Chancellor Friedrich Merz.",
                     "“Our airports reopened this morning,” said spokesman Jan Novak."),
    ]
    quotes = [q for a in articles for q in extract_quotes(a)]
    groups = group_quotes(quotes, embed_multilingual, articles)
    putin = groups[0]
    assert putin.speaker == "Vladimir Putin"
    assert putin.outlets == ["fox", "wire", "zeit"]
    assert putin.languages == ["de", "en"]
    fox = next(v for v in putin.variants if v.quote.outlet == "fox")
    assert any(op.op != "equal" and "defeat" in op.text for op in fox.diff)
    assert "Giorgia Meloni" in [g.speaker for g in groups[1:]]


def test_a_fragment_joins_the_full_quote(make_article: MakeArticle,
                                         embed_words: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“This was one of the hardest nights for the city since the war began,” "
                     "said Governor Taras Hrynchuk."),
        make_article("b", "post", "US", "en",
                     "Taras Hrynchuk called it “one of the hardest nights” for the city."),
    ]
    quotes = [q for a in articles for q in extract_quotes(a)]
    assert len(group_quotes(quotes, embed_words, articles)) == 1


def _groups(articles: list[StoryArticle], embed: Embed) -> list:  # type: ignore[type-arg]
    return group_quotes([q for a in articles for q in extract_quotes(a)], embed, articles)


def test_one_statement_across_scripts_groups_under_one_speaker(
        make_article: MakeArticle, embed_multilingual: Embed) -> None:
    filler = ["The bank's shares fell by a tenth on Tuesday.",
              "Regulators in three countries opened inquiries."]
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“We will not pay criminals, and we will not hide anything from our "
                     "customers,” said chief executive Ilona Vrandeck.", *filler),
        make_article("b", "zeit", "DE", "de",
                     "„Wir zahlen keine Kriminellen, und wir verheimlichen unseren Kunden nichts“, "
                     "sagte Vorstandschefin Ilona Vrandeck.",
                     "Die Aktie der Bank fiel am Dienstag um ein Zehntel."),
        make_article("c", "shimpo", "JP", "ja",
                     "イロナ・ヴランデックCEOは「犯罪者には支払わないし、顧客に何も隠さない」と述べた。"),
        make_article("d", "huaxia", "CN", "zh",
                     "首席执行官伊洛娜·弗兰德克表示：“我们不会向犯罪分子付钱，也不会对客户隐瞒任何事情。”"),
        make_article("e", "post", "US", "en",
                     "“Customers should change their passwords today,” said Marek Tolvasto, "
                     "the head of the national cyber agency.", *filler[::-1]),
    ]
    groups = _groups(articles, embed_multilingual)
    top = groups[0]
    assert top.speaker == "Ilona Vrandeck"
    assert top.outlets == ["huaxia", "shimpo", "wire", "zeit"]
    assert any(g.speaker == "Marek Tolvasto" and g.outlets == ["post"] for g in groups)


def test_a_partial_quote_in_a_paraphrase_joins_the_whole_statement(
        make_article: MakeArticle, embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“The river does not stop at the border, and neither will our response,” "
                     "said commissioner Anja Lindqvist."),
        make_article("b", "meseta", "ES", "es",
                     "La comisaria Anja Lindqvist advirtió que la respuesta europea «no se "
                     "detendrá en la frontera», igual que el río."),
        make_article("c", "post", "US", "en",
                     "“Schools will stay closed until Friday,” said mayor Pavel Hradek."),
    ]
    groups = _groups(articles, embed_multilingual)
    assert groups[0].outlets == ["meseta", "wire"]
    assert groups[0].speaker == "Anja Lindqvist"


def test_halves_split_by_the_attribution_read_as_one_statement(
        make_article: MakeArticle, embed_multilingual: Embed) -> None:
    # the story's other sentences are the background a match must stand out from
    filler = ["Tanker trucks brought drinking water to the town's 28,000 residents.",
              "The plume is expected to reach the delta within four days.",
              "Fishing was banned along a 60-kilometre stretch of the river.",
              "The chemical plant said production had been halted."]
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“We closed the wells before the plume arrived,” said Anja Lindqvist. "
                     "“Nobody in the town will drink river water until every test is clean.”",
                     *filler),
        make_article("b", "rhone", "FR", "fr",
                     "« Nous avons fermé les puits avant l'arrivée de la nappe. Personne en ville "
                     "ne boira l'eau du fleuve tant que les analyses ne seront pas propres », a "
                     "déclaré Anja Lindqvist.",
                     "Des camions-citernes approvisionnent les 28 000 habitants de la ville.",
                     "La pêche est interdite sur 60 kilomètres du fleuve."),
        make_article("c", "post", "US", "en",
                     "“We closed the wells before the plume arrived. Nobody in the town will "
                     "drink river water until every test is clean,” Anja Lindqvist said.",
                     *filler[::-1]),
    ]
    groups = _groups(articles, embed_multilingual)
    assert len(groups) == 1 and groups[0].outlets == ["post", "rhone", "wire"]
    assert len(groups[0].variants) == 4  # both halves of the wire's rendering


def test_like_words_of_two_people_stay_apart(make_article: MakeArticle,
                                             embed_multilingual: Embed) -> None:
    articles = [
        make_article("a", "wire", "GB", "en",
                     "“We will rebuild every bridge in the valley,” said mayor Pavel Hradek."),
        make_article("b", "post", "US", "en",
                     "“We will rebuild every school in the valley,” said minister Anja Lindqvist."),
        make_article("c", "zeit", "DE", "de",
                     "„Wir bauen jede Brücke im Tal wieder auf“, sagte Bürgermeister Pavel Hradek."),
    ]
    groups = _groups(articles, embed_multilingual)
    by_speaker = {g.speaker: g.outlets for g in groups}
    assert by_speaker == {"Pavel Hradek": ["wire", "zeit"], "Anja Lindqvist": ["post"]}


def test_speakers_that_are_phrases_do_not_block_a_group() -> None:
    from rashomon.compare.quotegroups import is_named

    assert is_named("Ilona Vrandeck") and is_named("イロナ・ヴランデック")
    assert not is_named("the ministry said in a statement")
    assert not is_named("")
