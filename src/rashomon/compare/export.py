"""A StoryAnalysis in the documented shape the web, API and CLI read (docs/web.md).

The analysis keeps more than readers see (claim members, offsets, caps); this is the public
view: every statement with the outlets (and articles) that carry it.
"""

from __future__ import annotations

from typing import Any

from rashomon.compare.analyse import StoryAnalysis
from rashomon.compare.claims import ClaimGroup
from rashomon.compare.figures import FigureGroup
from rashomon.compare.quotegroups import QuoteGroup
from rashomon.compare.takes import AlternativeTake, ClaimRef

FRAMING_TERMS = 5  # framing terms shown per country


def _article_id(article: str) -> int | None:
    return int(article) if article.isdigit() else None


def _support(outlet: str, article: str | None = None) -> dict[str, Any]:
    sup: dict[str, Any] = {"source_id": outlet}
    aid = _article_id(article) if article else None
    if aid is not None:
        sup["article_id"] = aid
    return sup


def _claim_articles(claims: list[ClaimGroup]) -> dict[int, dict[str, str]]:
    """Per claim: outlet → the article (an original where possible) that states it."""
    out: dict[int, dict[str, str]] = {}
    for claim in claims:
        by_outlet: dict[str, str] = {}
        for m in sorted(claim.members, key=lambda m: m.is_copy):
            by_outlet.setdefault(m.outlet, m.article)
        out[claim.id] = by_outlet
    return out


def _claim_support(ref_claim: int, outlets: list[str],
                   articles: dict[int, dict[str, str]]) -> list[dict[str, Any]]:
    where = articles.get(ref_claim, {})
    return [_support(o, where.get(o)) for o in outlets]


def _take(a: StoryAnalysis, articles: dict[int, dict[str, str]]) -> list[dict[str, Any]]:
    return [{"text": s.text, "language": s.language, "translated": s.translated,
             "support": _claim_support(s.claim, s.outlets, articles)}
            for s in a.take.sentences]


def _points(kind: str, refs: list[ClaimRef],
            articles: dict[int, dict[str, str]]) -> list[dict[str, Any]]:
    return [{"kind": kind, "text": r.text, "language": r.language,
             "support": _claim_support(r.claim, r.outlets, articles)} for r in refs]


def _alternative(alt: AlternativeTake,
                 articles: dict[int, dict[str, str]]) -> dict[str, Any]:
    terms = [t.term for t in alt.framing[:FRAMING_TERMS]]
    points = _points("adds", alt.adds, articles) + _points("omits", alt.omits, articles)
    if terms:
        points.append({"kind": "frames", "text": ", ".join(f"“{t}”" for t in terms)})
    return {"country": alt.key, "points": points}


def _quote(group: QuoteGroup) -> dict[str, Any]:
    variants: dict[str, dict[str, Any]] = {}  # identical wording (copies) shares one row
    for v in group.variants:
        q = v.quote
        row = variants.setdefault(q.text, {
            "text": q.text, "language": q.language, "support": [],
            "diff": [{"op": d.op, "text": d.text, "reference": d.reference} for d in v.diff]})
        row["support"].append(_support(q.outlet, q.article))
    ref = group.variants[group.reference].quote.text if group.variants else None
    return {"speaker": group.speaker, "canonical": ref, "variants": list(variants.values())}


def _figure(group: FigureGroup) -> dict[str, Any]:
    articles: dict[tuple[float, str], str] = {}
    for f in group.figures:
        articles.setdefault((f.value, f.outlet), f.article)
    label = group.what
    scope = ", ".join(sorted({f.qualifier for f in group.figures if f.qualifier})) or None
    return {"label": label, "unit": group.dimension, "scope": scope, "conflict": group.conflict,
            "values": [{"value": v.value, "text": v.text,
                        "support": [_support(o, articles.get((v.value, o))) for o in v.outlets]}
                       for v in group.values]}


def web_shape(a: StoryAnalysis) -> dict[str, Any]:
    """The documented analysis JSON (take, alternatives, quotes, figures, entities)."""
    articles = _claim_articles(a.claims)
    return {
        "version": a.version,
        "take": _take(a, articles),
        "alternatives": [_alternative(alt, articles) for alt in a.alternatives
                         if alt.scope == "country" and (alt.adds or alt.omits or alt.framing)],
        "quotes": [_quote(g) for g in a.quotes if g.variants],
        "figures": [_figure(g) for g in a.figures if g.values],
        "entities": [{"name": e.name, "kind": e.kind, "count": e.mentions}
                     for e in a.entities],
        "caps": {"articles_total": a.caps.articles_total, "articles_used": a.caps.articles_used},
    }
