"""Lexical and entity features of an article in any script: terms, names, places, numbers."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

# A run of letters/digits, keeping inner apostrophes, dots and hyphens ("O'Brien", "U.S.").
_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")
# Scripts written without spaces: lexical terms become character bigrams of each run.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0e7f]+")
_DIGIT_SEP = re.compile(r"(?<=\d)[.,\u202f\u00a0'’](?=\d)")

# Function words of the languages the corpus covers, so that capitalised sentence starts and
# German/English title case do not pass for names. Content words are left to IDF weighting.
STOPWORDS: frozenset[str] = frozenset("""
a an the of in on at to for from by with and or but is are was were be been being has have had
it its this that these those as he she they his her their them we our you your i me my not no
will would can could should may might must shall do does did said says say after before over
into about than more most up out new also just who what when where which while why how all any
some after amid during under again against between because through there here then than so if
der die das den dem des ein eine einer eines einem einen und oder aber ist sind war waren wird
werden wurde wurden hat haben hatte im in am an auf aus bei mit nach von vor zu zum zur für über
unter nicht auch sich es er sie wir ihr als wie dass seit bis noch nur mehr
le la les un une des du de et ou mais est sont était été a ont au aux dans sur par pour avec
sans sous ce cette ces il elle ils elles nous vous qui que quoi dont où ne pas plus selon après
el los las uno una unos unas y o pero es son era fue ha han en del al por para con sin sobre
este esta estos estas que se su sus lo como más tras según
il lo gli i una uno e o ma è sono era stato ha hanno nel nella nei delle degli della dei di da
per con su tra fra che si come dopo
o a os as um uma e ou mas é são foi tem em no na nos nas do da dos das por para com sem que se
como mais após segundo
ve bir bu şu ile için da de ki mi
и в во на с со по к ко о об от до из за для не но а что это как его ее их он она они мы вы я
также после при
і в у на з зі по до від для не але а що це як його її їх він вона вони ми ви я також після
""".split())

@dataclass(frozen=True)
class TextFeatures:
    """Term and entity counts of one article, with the spaces they can be compared in."""

    terms: Counter[str]
    entities: Counter[str]
    lexical_space: str  # language of the terms ("en" when a translation was used)


def normalise_number(token: str) -> str:
    """Digits of a number in ASCII with separators dropped ("4,2" and "4.2" both give "42")."""
    ascii_digits = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in token)
    return _DIGIT_SEP.sub("", ascii_digits)


def _bigrams(run: str) -> list[str]:
    return [run[i:i + 2] for i in range(len(run) - 1)] or [run]


def extract(text: str, language: str | None = None) -> TextFeatures:
    """Terms (content words, numbers, CJK bigrams) and entities (names, numbers) of a text."""
    terms: Counter[str] = Counter()
    entities: Counter[str] = Counter()
    for run in _UNSPACED.findall(text):
        terms.update(_bigrams(run))
    for token in _TOKEN.findall(_UNSPACED.sub(" ", text)):
        if token[0].isdigit():
            number = normalise_number(token)
            terms[number] += 1
            entities[number] += 1
            continue
        low = token.lower()
        if low in STOPWORDS or len(low) < 2:
            continue
        terms[low] += 1
        if token[0].isupper():
            entities[low] += 1
    return TextFeatures(terms, entities, (language or "und").split("-")[0].lower())


def lead_text(title: str | None, text: str | None, max_chars: int = 1500) -> str:
    """Title plus the start of the body, cut at a word boundary: what a story is about."""
    head = (title or "").strip()
    body = (text or "").strip()
    if head and body.startswith(head):
        body = body[len(head):].lstrip()
    if len(body) > max_chars:
        cut = body.rfind(" ", 0, max_chars)
        body = body[:cut if cut > max_chars // 2 else max_chars]
    return f"{head}\n{body}".strip()


def article_features(title: str | None, text: str | None, language: str | None,
                     title_en: str | None = None, lead_en: str | None = None,
                     max_chars: int = 1500) -> TextFeatures:
    """Features of an article, from its English translation when it has one."""
    if title_en or lead_en:
        return extract(lead_text(title_en, lead_en, max_chars), "en")
    return extract(lead_text(title, text, max_chars), language)


def embedding_text(title: str | None, text: str | None, max_chars: int = 600) -> str:
    """What an article's embedding is computed from: the title and the lead."""
    return lead_text(title, text, max_chars)
