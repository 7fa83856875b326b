"""Sentence splitting: abbreviations, decimals, CJK and Arabic stops, quotations kept whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rashomon.extract.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Aksoy arrived at 3.5 p.m. in the U.S. capital. She left on Friday.",
         ["Dr. Aksoy arrived at 3.5 p.m. in the U.S. capital.", "She left on Friday."]),
        ("The ferry carries 1,250.5 tonnes. It sails at dawn! Does it? Yes.",
         ["The ferry carries 1,250.5 tonnes.", "It sails at dawn!", "Does it?", "Yes."]),
        ("Das ist z. B. ein Test am 5. September in Berlin. Danach regnete es.",
         ["Das ist z. B. ein Test am 5. September in Berlin.", "Danach regnete es."]),
        ("Die Preise stiegen um 3,5 Prozent. Das sagte Prof. Weber.",
         ["Die Preise stiegen um 3,5 Prozent.", "Das sagte Prof. Weber."]),
        ("Это т. е. проверка. Цена выросла на 2,5 %. Потом всё стихло.",
         ["Это т. е. проверка.", "Цена выросла на 2,5 %.", "Потом всё стихло."]),
        ("Mr. and Mrs. Osei paid No. 5 in full. Ok.",
         ["Mr. and Mrs. Osei paid No. 5 in full.", "Ok."]),
        ("港口将扩建。工程明年开始！真的吗？是的。",
         ["港口将扩建。", "工程明年开始！", "真的吗？", "是的。"]),
        ("港は拡張される。工事は来年始まる。", ["港は拡張される。", "工事は来年始まる。"]),
        ("هل سيأتي؟ نعم سيأتي غداً.", ["هل سيأتي؟", "نعم سيأتي غداً."]),
        ("He waited... Then he left.", ["He waited...", "Then he left."]),
        ("It cost approx. five dollars. Fine.", ["It cost approx. five dollars.", "Fine."]),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said: “We will rebuild. We always do.” Then he left.",
         ["He said: “We will rebuild. We always do.”", "Then he left."]),
        ("“We will rebuild. We always do,” he said. Then he left.",
         ["“We will rebuild. We always do,” he said.", "Then he left."]),
        ("Er sagte: „Wir schaffen das. Ganz sicher.“ Danach ging er.",
         ["Er sagte: „Wir schaffen das. Ganz sicher.“", "Danach ging er."]),
        ("Он сказал: «Мы победим. Точно». Потом ушёл.",
         ["Он сказал: «Мы победим. Точно».", "Потом ушёл."]),
        ('She said "It is done. Go home." Then silence.',
         ['She said "It is done. Go home."', "Then silence."]),
        ("他说：「我们会赢。一定会。」然后走了。", ["他说：「我们会赢。一定会。」", "然后走了。"]),
    ],
)
def test_quotations_stay_whole(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_an_unclosed_quote_does_not_swallow_the_paragraph() -> None:
    text = "“And if decisions are reached, we will see. Nothing more. He then left."
    assert len(split_sentences(text)) == 3


def test_offsets_and_paragraphs() -> None:
    text = "First paragraph. Second sentence.\n\n  Next paragraph here.  \nThird one!"
    sentences = split_sentences(text)
    assert [(s.index, s.paragraph, s.text) for s in sentences] == [
        (0, 0, "First paragraph."),
        (1, 0, "Second sentence."),
        (2, 1, "Next paragraph here."),
        (3, 2, "Third one!"),
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_empty() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


@settings(max_examples=400, deadline=None)
@given(st.text())
def test_fuzz_offsets_always_valid(text: str) -> None:
    sentences = split_sentences(text)
    previous_end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert 0 <= previous_end <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == s.text
        assert s.text.strip() and s.text == s.text.strip()
        assert "\n" not in s.text
        previous_end = s.end


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Dr.", "z. B.", "3.5", "“", "”", "«", "»", "„", "。", "؟", "!",
                                 "?", " ", "\n", "word", "Слово", "字", ".", "...", '"', "т. е."]),
                max_size=60))
def test_fuzz_punctuation_soup(parts: list[str]) -> None:
    text = "".join(parts)
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text and s.text.strip()
