"""Figures: numbers with what they count, found in every article and aligned across them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from rashomon.compare.dates import anchors, find_dates
from rashomon.compare.figkinds import AGE, CURRENCIES, FAMILIES, NOUNS, ROLES, UNITS
from rashomon.compare.numbers import Number, find_durations, find_numbers
from rashomon.compare.story import StoryArticle, StorySentence
from rashomon.compare.text import STOPWORDS

_APPROX = re.compile(
    r"(?:about|around|some|nearly|almost|approximately|roughly|more than|over|at least|up to|"
    r"rund|etwa|fast|mehr als|mindestens|bis zu|environ|près de|plus de|au moins|jusqu'à|"
    r"cerca de|alrededor de|casi|más de|al menos|hasta|circa|quasi|oltre|almeno|fino a|"
    r"quase|mais de|pelo menos|até|около|почти|более|свыше|не менее|до|близько|майже|понад|"
    r"щонайменше|yaklaşık|en az|ponad|prawie|co najmniej|حوالي|نحو|أكثر من|ما لا يقل عن|"
    r"约|近|超过|至少|約|少なくとも)\s*$", re.IGNORECASE)
_MAGNITUDE = ("magnitude", "magnitudo", "stärke", "magnitud", "магнитуд", "магнітуд", "マグニチュード",
              "richter", "büyüklüğ", "بقوة", "شدته")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_CLOCK_BEFORE = re.compile(r"(?:\b(?:à|at|um|alle|a las|às|в|о|saat)|午前|午後|上午|下午|凌晨)\s*$",
                           re.IGNORECASE)
_CLOCK_AFTER = re.compile(r"\s*(?:h\s*\d\d|時\d|点\d|uhr|a\.m\.|p\.m\.|am\b|pm\b)", re.IGNORECASE)
_WINDOW = 40  # characters either side searched for the role of a count
_CLAUSE_END = re.compile(r"\s*(?:[.;。；]|$)")  # "…45 kilometres, the Slovaks 60."


@dataclass(frozen=True)
class Figure:
    """A number in one article, with what it counts and where it stands."""

    article: str
    outlet: str
    country: str
    language: str
    start: int
    end: int
    text: str  # article.text[start:end]
    value: float
    precision: float
    dimension: str  # count, money, percent, length, area, mass, volume, duration, magnitude...
    counts: str  # what: deaths, injured, drones, countries, USD, km, % ...
    role: str = ""  # what happened to the counted things: launched, downed, ...
    qualifier: str = ""  # "about", "at least", ... as written
    sentence: int = 0
    days: tuple[int, ...] = ()  # calendar days named in its sentence
    earlier: bool = False  # its sentence speaks of an earlier episode ("a week earlier")
    is_copy: bool = False

    @property
    def what(self) -> str:
        """A short label of the measured quantity: 'drones downed', 'deaths', 'USD'."""
        return f"{self.counts} {self.role}".strip()


def _form_matches(word: str, form: str) -> bool:
    # short forms ("ha", "eur", "yen") must be the whole word: "haben", "europe", "yeniden"
    form = form.strip()
    if len(form) <= 3 and form.isalpha():
        return word in (form, form + "s", form + ".")
    if word.startswith("europ"):
        return False
    # German compounds put the counted noun last: "Kampfdrohnen", "Todesopfer"
    return word.startswith(form) or (len(form) >= 5 and form in word[2:])


_ELISION = re.compile(r"^(?:d|l|dell|dall|all|nell|sull)['’]")


def _next_words(window: str, limit: int) -> list[str]:
    words = [_ELISION.sub("", w.strip(".,;:()\"'“”«»„-–"))
             for w in window.replace("-", " ").split()]
    return [w for w in words if w and w not in STOPWORDS][:limit]


@lru_cache(maxsize=256)
def _phrases(forms: tuple[str, ...]) -> tuple[str, ...]:
    """The forms matched as written rather than word by word: symbols and phrases."""
    return tuple(f.replace("-", " ") for f in forms
                 if not f[0].isalnum() or " " in f.strip() or "-" in f) or ("\0",)


def _starts(window: str, forms: Sequence[str], limit: int = 2) -> bool:
    """Whether a form begins one of the first ``limit`` meaningful words of the window."""
    head = window.lstrip(" -‑\u00a0")
    if _CJK.search(head[:2]):
        return any(f.strip() in head[:5] for f in forms)
    if re.match(r"[\u0600-\u06ff]", head[:1]):
        return any(f.strip() in head[:12] for f in forms)
    spaced = head.replace("-", " ")  # "pontos-base" is "pontos base"
    if spaced.startswith(_phrases(tuple(forms))):
        return True
    return any(_form_matches(w, f) for w in _next_words(head, limit) for f in forms)


def _unit(before: str, after: str) -> tuple[str, str] | None:
    for dimension, unit, forms in UNITS:
        if _starts(after, forms, 1 if dimension != "concentration" else 2):
            return dimension, unit
    if before.rstrip().endswith(("yüzde", "百分之", "%")):
        return "percent", "%"
    return None


def _currency(before: str, after: str) -> str | None:
    tail = before.rstrip()[-4:]
    for code, forms in CURRENCIES.items():
        if any(tail.endswith(f) for f in forms if not f[0].isalpha()):
            return code
        if _starts(after, forms, 3):
            return code
    return None


_CLAUSE = re.compile(r"[,;:，；。、()（）]")


def _nearest_role(before: str, after: str) -> str:
    # within the number's clause: "killing four people and wounding 17, the governor said"
    cut = [m.end() for m in _CLAUSE.finditer(before)]
    before = before[cut[-1]:] if cut else before
    stop = _CLAUSE.search(after)
    after = after[: stop.start()] if stop else after
    best, distance = "", _WINDOW * 2
    for role, forms in ROLES.items():
        for form in forms:
            at = after.find(form)
            if 0 <= at < distance:
                best, distance = role, at
            back = before.rfind(form)
            if back >= 0 and len(before) - back < distance:
                best, distance = role, len(before) - back
    return best


def family(counts: str) -> str:
    """The kind a count is compared as: prisoners, soldiers and people of a swap are one."""
    return next((min(f) for f in FAMILIES if counts in f), counts)


def classify(number: Number, text: str) -> tuple[str, str, str] | None:
    """(dimension, counts, role) of a number in its sentence, None when it is no figure."""
    before = text[max(0, number.start - _WINDOW) : number.start].casefold()
    after = text[number.end : number.end + _WINDOW].casefold()
    if any(a in after[:14] or a in before[-6:] for a in AGE):
        return None
    if any(m in before[-18:] for m in _MAGNITUDE) or after.lstrip().startswith(("级", "級")):
        return "magnitude", "magnitude", ""
    currency = _currency(before, after)
    if currency:
        return "money", currency, ""
    unit = _unit(before, after)
    if unit:
        return unit[0], unit[1], ""
    noun = next((kind for kind, forms in NOUNS.items() if _starts(after, forms)), "")
    if not noun and _CJK.search(before[-8:]):  # 無人機157機: the noun comes first in Japanese
        noun = next((k for k, forms in NOUNS.items() if any(f in before[-8:] for f in forms)), "")
    role = _nearest_role(before, after)
    if noun in {"", "people"} and role in {"deaths", "injured", "missing", "evacuated",
                                           "arrested"}:
        return "count", role, ""
    if noun:
        weapon = noun in {"drones", "missiles"}  # launched or downed only says something of these
        return "count", noun, role if weapon and role in {"downed", "launched", "hit"} else ""
    return None


def _figure(article: StoryArticle, sentence: StorySentence, start: int, end: int, value: float,
            precision: float, kind: tuple[str, str, str]) -> Figure:
    text = sentence.text
    qualifier = _APPROX.search(text[max(0, start - 24) : start])
    days, earlier = anchors(text, article.language)
    a, b = sentence.start + start, sentence.start + end
    if kind[1] == "pp":  # percentage points are compared as basis points
        value, precision, kind = value * 100, precision * 100, ("basis points", "bp", "")
    return Figure(article.id, article.outlet, article.country, article.language, a, b,
                  article.text[a:b], value, precision, kind[0], kind[1], kind[2],
                  qualifier[0].strip() if qualifier else "", sentence.index,
                  tuple(sorted(days)), earlier, article.is_copy)


def _figures_in(article: StoryArticle, sentence: StorySentence) -> list[Figure]:
    text = sentence.text
    dates = find_dates(text, article.language)
    spans = [(d.start, d.end) for d in dates]
    out = []
    for duration in find_durations(text):
        out.append(_figure(article, sentence, duration.start, duration.end, duration.value,
                           duration.precision, ("duration", "s", "")))
        spans.append((duration.start, duration.end))
    previous: tuple[str, str, str] | None = None
    for number in find_numbers(text, article.language):
        if number.ordinal or number.year or any(a <= number.start < b for a, b in spans):
            continue
        if _CLOCK_AFTER.match(text, number.end):
            continue
        kind = classify(number, text)
        if kind is None and previous and not number.spelled and (
                number.value != int(number.value) or _CLAUSE_END.match(text, number.end)):
            kind = previous  # "0.31 mg per litre, the Austrians 0.18": the unit is said once
        if _CLOCK_BEFORE.search(text[max(0, number.start - 8) : number.start]) and (
                kind is None or kind[0] == "count" and number.value <= 24):
            continue  # "at 5", "um 10": an hour; "at 60,000 cubic metres" is no hour
        if kind is None:
            continue
        previous = kind
        out.append(_figure(article, sentence, number.start, number.end, number.value,
                           number.precision, kind))
    return sorted(out, key=lambda f: f.start)


def extract_figures(article: StoryArticle) -> list[Figure]:
    """Every figure of an article, with its span in the article's text."""
    return [f for s in article.sentences for f in _figures_in(article, s)]


@dataclass
class FigureValue:
    """One value of an aligned quantity and the outlets that report it."""

    value: float
    text: str
    outlets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


@dataclass
class FigureGroup:
    """Figures of several articles that measure the same quantity."""

    id: int
    dimension: str
    counts: str
    role: str
    figures: list[Figure]
    values: list[FigureValue] = field(default_factory=list)
    conflict: bool = False  # the same quantity is given different values

    @property
    def what(self) -> str:
        """Label of the quantity: 'drones downed'."""
        return f"{self.counts} {self.role}".strip()
