"""Alternative takes: what one country's (or outlet's) coverage adds, omits and frames."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rashomon.compare.claims import ClaimGroup, rendering
from rashomon.compare.framing import FramingTerm, framing_terms, term_counts
from rashomon.compare.story import StoryArticle

LIMIT = 5  # claims listed per side and direction
WIDE_MIN_OUTLETS = 2  # an omitted claim must be stated by at least this many other outlets...
WIDE_MIN_COUNTRIES = 2  # ...in at least this many other countries


@dataclass(frozen=True)
class ClaimRef:
    """A claim as an alternative take lists it."""

    claim: int
    text: str
    language: str
    translated: bool
    outlets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


@dataclass
class AlternativeTake:
    """How one country's or outlet's coverage differs from the rest."""

    scope: str  # country or outlet
    key: str  # the country code or outlet id
    outlets: list[str]
    adds: list[ClaimRef] = field(default_factory=list)  # claims only this side makes
    omits: list[ClaimRef] = field(default_factory=list)  # widely made claims this side omits
    framing: list[FramingTerm] = field(default_factory=list)


def _ref(group: ClaimGroup) -> ClaimRef:
    member, text, translated = rendering(group)
    language = "en" if member.language == "en" or translated else member.language
    return ClaimRef(group.id, text, language, translated, list(group.outlets),
                    list(group.countries))


def _framing_text(article: StoryArticle) -> tuple[str, str]:
    """(language key, text) compared for framing: English when fully translated."""
    if article.language == "en":
        return "en", article.text
    if article.sentences and all(s.text_en for s in article.sentences):
        return "en", " ".join(s.text_en or "" for s in article.sentences)
    return article.language, article.text


def _framing(side: list[StoryArticle], rest: list[StoryArticle]) -> list[FramingTerm]:
    # compare like with like: a language only against the rest's coverage in that language
    by_language: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for articles, slot in ((side, 0), (rest, 1)):
        for article in articles:
            if article.is_copy:
                continue
            language, text = _framing_text(article)
            pair = by_language.setdefault(language, (Counter(), Counter()))
            pair[slot].update(term_counts(text))
    terms = [t for mine, others in by_language.values() for t in framing_terms(mine, others)]
    return sorted(terms, key=lambda t: -t.z)[:10]


def _take(scope: str, key: str, belongs: Callable[[StoryArticle], bool],
          articles: Sequence[StoryArticle], groups: Sequence[ClaimGroup]) -> AlternativeTake:
    side = [a for a in articles if belongs(a)]
    rest = [a for a in articles if not belongs(a)]
    mine = {a.id for a in side}
    side_outlets = {a.outlet for a in side}
    adds, omits = [], []
    for group in groups:
        members = {m.article for m in group.members}
        if members <= mine and group.support:
            adds.append(group)
        elif not members & mine:
            others = [o for o in group.outlets if o not in side_outlets]
            countries = [c for c in group.countries if scope != "country" or c != key]
            if len(others) >= WIDE_MIN_OUTLETS and len(countries) >= WIDE_MIN_COUNTRIES:
                omits.append(group)
    adds.sort(key=lambda g: (-g.support, g.position))
    omits.sort(key=lambda g: (-g.support, -len(g.countries), g.position))
    return AlternativeTake(scope, key, sorted(side_outlets), [_ref(g) for g in adds[:LIMIT]],
                           [_ref(g) for g in omits[:LIMIT]], _framing(side, rest))


def alternative_takes(articles: Sequence[StoryArticle], groups: Sequence[ClaimGroup],
                      outlets: Sequence[str] = ()) -> list[AlternativeTake]:
    """One take per country with an original article, plus one per outlet asked for."""
    countries = sorted({a.country for a in articles if a.country and not a.is_copy})
    takes = [_take("country", c, _by("country", c), articles, groups)
             for c in countries if len(countries) > 1]
    takes += [_take("outlet", o, _by("outlet", o), articles, groups) for o in outlets]
    return takes


def _by(attribute: str, value: str) -> Callable[[StoryArticle], bool]:
    """A predicate: the article's country (or outlet) is ``value``."""
    return lambda article: bool(getattr(article, attribute) == value)
