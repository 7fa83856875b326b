"""Key people, places and organisations of a story, and who is quoted by which outlets."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from rashomon.compare.names import Name, find_names, same_person, skeleton
from rashomon.compare.quotegroups import QuoteGroup
from rashomon.compare.story import StoryArticle
from rashomon.compare.text import script_of

LIMIT = 20
_PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|at|near|from|to|across|into|im|in der|bei|nach|aus|à|au|en|près de|dans|"
    r"en el|cerca de|a|nel|nella|em|no|na|perto de|в|во|у|під|под|із|из|di|da|dal)\s+)$",
    re.IGNORECASE)


@dataclass
class Entity:
    """A person, place or organisation named across a story's articles."""

    name: str
    kind: str  # person, place, organisation
    forms: list[str] = field(default_factory=list)  # how the articles write it
    outlets: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    mentions: int = 0
    quoted_by: list[str] = field(default_factory=list)  # outlets that quote this person


def _key(name: Name) -> str:
    text = name.text
    if script_of(text) in {"latin", "cyrillic", "greek"}:
        return "L:" + skeleton(name.surname)
    return "X:" + text


def _kind(name: Name, before: str, quoted: bool) -> str:
    if name.organisation:
        return "organisation"
    if quoted or len(re.split(r"[\s·・]+", name.text)) > 1 and not _PLACE_BEFORE.search(before):
        return "person"
    return "place" if _PLACE_BEFORE.search(before) else "organisation"


def key_entities(articles: Sequence[StoryArticle], quotes: Sequence[QuoteGroup],
                 limit: int = LIMIT) -> list[Entity]:
    """Entities named by at least two outlets (or quoted), most widely named first."""
    speakers = {g.speaker: sorted({v.quote.outlet for v in g.variants}) for g in quotes
                if g.speaker}
    found: dict[str, Entity] = {}
    for article in articles:
        for name in find_names(article.text, article.language):
            if len(name.text) < 3 or (len(name.text.split()) == 1 and name.start == 0):
                continue
            entity = found.setdefault(_key(name), Entity(name.text, ""))
            entity.mentions += 1
            if name.text not in entity.forms:
                entity.forms.append(name.text)
            if not article.is_copy and article.outlet not in entity.outlets:
                entity.outlets.append(article.outlet)
                if article.country and article.country not in entity.countries:
                    entity.countries.append(article.country)
            quoted = [o for s, o in speakers.items() if same_person(s, name.text)]
            entity.quoted_by = sorted({*entity.quoted_by, *(x for q in quoted for x in q)})
            if not entity.kind or entity.kind == "place" and quoted:
                entity.kind = _kind(name, article.text[max(0, name.start - 14) : name.start],
                                    bool(quoted))
    for entity in found.values():
        entity.name = max(entity.forms, key=lambda f: (script_of(f) == "latin",
                                                       len(f.split()), len(f)))
    keep = [e for e in found.values() if len(e.outlets) >= 2 or e.quoted_by]
    keep.sort(key=lambda e: (-len(e.outlets), -e.mentions, e.name))
    return keep[:limit]
