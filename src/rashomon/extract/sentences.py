"""Multilingual sentence splitting with character offsets into the clean text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rashomon.extract.protect import MONTHS
from rashomon.models import Sentence

# Abbreviations (lower case, without the dot) after which a full stop ends no sentence,
# in en, de, fr, es, it, pt, ru, uk, pl, tr. Single letters ("z. B.", "т. е.") are covered apart.
ABBREVIATIONS = frozenset(
    """
mr mrs ms dr prof st jr sr gen gov rep sen lt col capt sgt maj cmdr adm inc ltd co corp vs etc
approx est dept univ mt ft rev hon pres supt bros jan feb mar apr jun jul aug sep sept oct nov dec
bzw ca str usw vgl hr fr dipl ing inkl evtl ggf sog bspw jh jhd abs tel mme mlle mm av bd env cf
sra srta dña ud uds aprox sig sigg dott ecc exmo dra
гг ул им млн млрд тыс руб ст см др пр проф акад рис вул ім тис грн див
np tzn ul św mgr tys mln mld zł godz vb örn yy sf bkz
""".split()
)
# Abbreviations that end no sentence only when a number follows ("No. 5", "S. 12", "Nr. 3").
NUMERIC_ABBREVIATIONS = frozenset("no nos nr pp vol fig figs art p s pág núm n".split())

_TERMINATORS = ".!?…؟।"
_CJK_TERMINATORS = "。！？"
_CLOSERS = "\"'”“’‘»」』)]›"
_BOUNDARY = re.compile(rf"(?:[{_TERMINATORS}]+|[{_CJK_TERMINATORS}]+)[{re.escape(_CLOSERS)}]*")
# Opening quotation marks and the marks that close them; "“" closes German „ but opens English.
_PAIRS = {"“": "”", "„": "“”", "«": "»", "「": "」", "『": "』", "‹": "›", '"': '"', "‚": "‘’"}
MAX_QUOTE_CHARS = 1500  # a "quotation" longer than this is a stray mark, not a quote
# A longer "sentence" is a list or a page without full stops: it is cut at a space, so no
# later stage (figures, quotes, claims) ever works on a sentence of unbounded length.
MAX_SENTENCE_CHARS = 2000


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of a clean text, each with text[start:end] == sentence.text and its paragraph."""
    sentences: list[Sentence] = []
    for paragraph, match in enumerate(m for m in re.finditer(r"[^\n]+", text) if m[0].strip()):
        for start, end in _sentence_spans(match[0]):
            s, e = match.start() + start, match.start() + end
            sentences.append(Sentence(len(sentences), s, e, text[s:e], paragraph))
    return sentences


def _sentence_spans(paragraph: str) -> Iterator[tuple[int, int]]:
    quotes = _quote_spans(paragraph)
    start = 0
    for cut in [*_cuts(paragraph, quotes), len(paragraph)]:
        yield from _bounded(paragraph, start, cut)
        start = cut


def _bounded(paragraph: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > MAX_SENTENCE_CHARS:
        cut = paragraph.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        if span := _trim(paragraph, start, cut):
            yield span
        start = cut
    if span := _trim(paragraph, start, end):
        yield span


def _cuts(paragraph: str, quotes: list[tuple[int, int]]) -> Iterator[int]:
    for match in _BOUNDARY.finditer(paragraph):
        end = match.end()
        cjk = match[0][0] in _CJK_TERMINATORS
        if not cjk and end < len(paragraph) and not paragraph[end].isspace():
            continue  # "3.5", "example.com", "U.S.A"
        if any(open_ < end <= close for open_, close in quotes):
            continue  # a sentence inside a quotation stays with the quotation
        if not cjk and not _ends_sentence(paragraph, match.start(), end):
            continue
        yield end


def _ends_sentence(paragraph: str, stop: int, end: int) -> bool:
    following = paragraph[end:].lstrip()
    if following[:1].islower():
        return False  # "approx. five", "he said… and then"
    if paragraph[stop] != "." or paragraph[stop + 1 : stop + 2] == ".":
        return True  # "!", "?", "…" and "..." end sentences that a capital follows
    token = _word_before(paragraph, stop).lower().lstrip("([\"'“„«")
    if len(token) == 1 and token.isalpha():
        return False  # initials and "z. B.", "т. е."
    if "." in token or token in ABBREVIATIONS:
        return False  # "U.S.", "i.e.", "Dr."
    next_word = following.split(" ", 1)[0].strip(".,;:").lower()
    if token in NUMERIC_ABBREVIATIONS and next_word[:1].isdigit():
        return False  # "No. 5"
    return not (token.isdigit() and next_word in MONTHS)  # "am 5. September"


def _word_before(paragraph: str, stop: int) -> str:
    start = stop
    while start > 0 and not paragraph[start - 1].isspace():
        start -= 1
    return paragraph[start:stop]


def _quote_spans(paragraph: str) -> list[tuple[int, int]]:
    """(opening index, closing index) of every balanced quotation in a paragraph."""
    spans: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    for i, char in enumerate(paragraph):
        if stack and char in _PAIRS[stack[-1][0]]:
            opener, start = stack.pop()
            if i - start <= MAX_QUOTE_CHARS:
                spans.append((start, i))
        elif char in _PAIRS and not _is_inch_mark(paragraph, i):
            stack.append((char, i))
    return spans


def _is_inch_mark(paragraph: str, i: int) -> bool:
    # a straight double quote between letters is an inch mark or typo, not an opening quote
    return paragraph[i] == '"' and 0 < i < len(paragraph) - 1 and paragraph[i - 1].isalnum()


def _trim(paragraph: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and paragraph[start].isspace():
        start += 1
    while end > start and paragraph[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
