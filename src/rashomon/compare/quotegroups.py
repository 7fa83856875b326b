"""Quote groups: one statement as each outlet renders it, side by side, differences marked."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

import numpy as np

from rashomon.compare.names import same_person
from rashomon.compare.quoteaffinity import affinities, contained
from rashomon.compare.quotes import Quote
from rashomon.compare.story import Embed, StoryArticle
from rashomon.compare.text import content_words, jaccard, script_of

# Pair scores (quoteaffinity.affinities, in background deviations) plus what the speakers say:
# the same person adds SAME_SPEAKER, two different people take DIFFERENT_SPEAKERS off, a
# fragment within a longer quote of its language adds CONTAINED_BONUS. Groups merge, strongest
# pair first, while the average score between them stays at JOIN or more (average linkage: a
# fragment that matches one rendering weakly cannot chain two statements together).
LINK = 2.0
JOIN = 0.6
SAME_SPEAKER = 1.2
DIFFERENT_SPEAKERS = 4.0
CONTAINED_BONUS = 2.0
COVER = 2.0  # the score another outlet's quote needs with both halves to read them as one
SPLIT_GAP = 60  # characters: a quote split by its attribution ("…,” she said. “…") is one


@dataclass(frozen=True)
class DiffOp:
    """A word-level difference of a variant against the group's reference rendering."""

    op: str  # equal, replace, insert, delete
    reference: str
    text: str


@dataclass
class QuoteVariant:
    """One outlet's rendering of a statement."""

    quote: Quote
    diff: list[DiffOp] = field(default_factory=list)  # against the reference, same language


@dataclass
class QuoteGroup:
    """A statement and its renderings across outlets and languages."""

    id: int
    speaker: str
    variants: list[QuoteVariant]
    outlets: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    reference: int = 0  # index of the variant the diffs compare against


def _people(quotes: Sequence[Quote]) -> list[int]:
    """A person number per quote (-1 for none): one number for a name in every script."""
    names: list[str] = []
    for q in quotes:
        if q.speaker and q.speaker not in names:
            names.append(q.speaker)
    person = list(range(len(names)))
    for i, a in enumerate(names):
        for j in range(i):
            if person[j] == j and same_person(a, names[j]):
                person[i] = j
                break
    index = {n: person[i] for i, n in enumerate(names)}
    return [index[q.speaker] if q.speaker else -1 for q in quotes]


def _known(quotes: Sequence[Quote]) -> list[int]:
    """Person numbers of quotes whose speaker is a name; -1 for phrases and for none."""
    return [p if is_named(q.speaker) else -1 for p, q in zip(_people(quotes), quotes, strict=True)]


def _split(a: Quote, b: Quote) -> bool:
    """Whether b continues a after the attribution only: "…,” she said. “…"."""
    gap = b.start - a.end
    return (a.article == b.article and 0 <= gap <= SPLIT_GAP and bool(a.speaker)
            and b.speaker in {"", a.speaker})


def _units(quotes: Sequence[Quote], raw: np.ndarray) -> list[list[int]]:
    """Quotes of one article split by their attribution ("…,” she said. “…") read as one
    statement when another outlet's quote matches both halves (it rendered them as one);
    else they stay apart: a speaker's next sentence may be another statement."""
    units: list[list[int]] = []
    for i in sorted(range(len(quotes)), key=lambda k: (quotes[k].article, quotes[k].start)):
        if units and _split(quotes[units[-1][-1]], quotes[i]) and _covered(
                quotes, raw, units[-1][-1], i):
            units[-1].append(i)
        else:
            units.append([i])
    return units


def _covered(quotes: Sequence[Quote], raw: np.ndarray, a: int, b: int) -> bool:
    """Whether another outlet's single quote holds both halves: by meaning, or word for word."""
    for x in range(len(quotes)):
        if quotes[x].article == quotes[a].article:
            continue
        if min(raw[a, x], raw[b, x]) >= COVER or (
                contained(quotes[a], quotes[x]) and contained(quotes[b], quotes[x])):
            return True
    return False


def _joined(quotes: Sequence[Quote], unit: list[int]) -> Quote:
    first, last = quotes[unit[0]], quotes[unit[-1]]
    return replace(first, end=last.end, text=" ".join(quotes[i].text for i in unit))


def _scores(quotes: Sequence[Quote], aff: np.ndarray, people: list[int]
            ) -> tuple[np.ndarray, np.ndarray]:
    """(adjusted pair scores, pairs that may never share a group)."""
    n = len(quotes)
    adjusted = aff.copy()
    blocked = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = quotes[i], quotes[j]
            known = people[i] >= 0 and people[j] >= 0
            same = known and people[i] == people[j]
            bonus = SAME_SPEAKER if same else -DIFFERENT_SPEAKERS if known else 0.0
            bonus += CONTAINED_BONUS if contained(a, b) else 0.0
            adjusted[i, j] = adjusted[j, i] = aff[i, j] + bonus
            # one article gives a statement twice only as a partial quote and the whole
            if a.article == b.article and not contained(a, b):
                blocked[i, j] = blocked[j, i] = True
    return adjusted, blocked


def _clusters(quotes: Sequence[Quote], adjusted: np.ndarray, blocked: np.ndarray
              ) -> list[list[int]]:
    n = len(quotes)
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    pairs = sorted(((float(adjusted[i, j]), i, j) for i in range(n) for j in range(i + 1, n)
                    if adjusted[i, j] >= LINK and not blocked[i, j]), reverse=True)
    for _, i, j in pairs:
        a, b = group[i], group[j]
        if a == b:
            continue
        cross = np.ix_(members[a], members[b])
        if blocked[cross].any():
            continue
        links = [adjusted[x, y] for x in members[a] for y in members[b]
                 if quotes[x].article != quotes[y].article]
        if links and sum(links) / len(links) < JOIN:
            continue
        for k in members[b]:
            group[k] = a
        members[a] += members.pop(b)
    return [sorted(m) for m in members.values()]


def is_named(speaker: str) -> bool:
    """Whether a speaker is a name ("Eirik Hovland", "霍夫兰") rather than a phrase the
    attribution fell back on ("the ministry said in a statement")."""
    if not speaker:
        return False
    if script_of(speaker) not in {"latin", "cyrillic", "greek"}:
        return True
    return all(w[0].isupper() or len(w) <= 3 for w in re.split(r"[\s·・]+", speaker) if w)


def canonical_speaker(quotes: Sequence[Quote]) -> str:
    """The group's speaker: the person most articles name, as English articles write them."""
    named = [q for q in quotes if q.speaker]
    if not named:
        return ""
    people = _people(named)
    votes: Counter[int] = Counter()
    for person, q in zip(people, named, strict=True):
        votes[person] += 0 if q.is_copy else (2 if is_named(q.speaker) else 1)
    top = max(votes, key=lambda p: (votes[p], -people.index(p)))
    forms = [q for person, q in zip(people, named, strict=True) if person == top]
    best = max(forms, key=lambda q: (is_named(q.speaker), q.language == "en",
                                     script_of(q.speaker) == "latin",
                                     Counter(f.speaker for f in forms)[q.speaker],
                                     len(q.speaker.split())))
    return best.speaker


def word_diff(reference: str, text: str) -> list[DiffOp]:
    """Word-level edit operations turning the reference rendering into this one."""
    a, b = reference.split(), text.split()
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return [DiffOp(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in ops]


def _group(number: int, quotes: list[Quote], articles: dict[str, StoryArticle]) -> QuoteGroup:
    ordered = sorted(quotes, key=lambda q: (q.language != "en", q.is_copy, q.article, q.start))
    words = [content_words(q.text) for q in ordered]

    def centrality(i: int) -> float:  # the rendering closest to the others reads as reference
        peers = [jaccard(words[i], words[j]) for j in range(len(ordered))
                 if j != i and ordered[j].language == ordered[i].language]
        return sum(peers) / len(peers) if peers else 0.0

    reference = max(range(len(ordered)), key=lambda i: (
        ordered[i].language == "en", not ordered[i].is_copy, len(ordered[i].text.split()) >= 4,
        round(centrality(i), 3), -len(ordered[i].text)))
    ref = ordered[reference]
    variants = [QuoteVariant(q, word_diff(ref.text, q.text) if q.language == ref.language
                             and q is not ref else []) for q in ordered]
    outlets = sorted({q.outlet for q in quotes if not (
        q.is_copy and articles.get(q.article) and articles[q.article].origin in
        {x.article for x in quotes})})
    return QuoteGroup(number, canonical_speaker(quotes), variants, outlets,
                      sorted({q.language for q in quotes}), reference)


def group_quotes(quotes: Sequence[Quote], embed: Embed, articles: Sequence[StoryArticle],
                 sentence_vectors: np.ndarray | None = None) -> list[QuoteGroup]:
    """Quotes grouped by speaker and meaning across articles and languages, widest first.

    ``sentence_vectors`` (one row per sentence of ``articles``) spares embedding them again.
    """
    if not quotes:
        return []
    by_id = {a.id: a for a in articles}
    raw = affinities(quotes, embed, by_id, sentence_vectors)
    adjusted, blocked = _scores(quotes, raw, _known(quotes))
    units = _units(quotes, raw)
    joined: Sequence[Quote] = quotes
    if len(units) < len(quotes):  # halves read as one: score the whole statements again
        joined = [_joined(quotes, u) for u in units]
        again = affinities(joined, embed, by_id, sentence_vectors)
        adjusted, blocked = _scores(joined, again, _known(joined))
    else:
        units = [[i] for i in range(len(quotes))]
    clusters = [[k for u in c for k in units[u]] for c in _clusters(joined, adjusted, blocked)]
    groups = [_group(0, [quotes[i] for i in sorted(c)], by_id) for c in clusters]
    groups.sort(key=lambda g: (-len(g.outlets), -len(g.variants), g.speaker))
    for number, group in enumerate(groups):
        group.id = number
    return groups
