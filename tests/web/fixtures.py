"""Load the fictional corpus gold (tests/corpus/gold.json) into a store as finished stories.

One story per gold event with its counts, threads, syndication groups, feeds with health, and
a hand-built analysis in the documented JSON shape (docs/web.md, rashomon.store.views). Extras
for the web: a US-only local story without analysis ("Only here", "analysis pending") and a
story merged into another (redirects).
"""

from __future__ import annotations

import difflib
import json
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, update

from rashomon.store import Store
from rashomon.store.articles import NewArticle, add_article, mark_stage
from rashomon.store.schema import (
    analyses,
    feeds,
    stories,
    story_redirects,
    syndication_groups,
    threads,
)
from rashomon.store.sources import SourceRow, upsert_feeds, upsert_sources
from tests.conftest import CORPUS

LOCAL = [  # fixture-only: a story only the US press covers, with no analysis yet
    ("meridian-post", "Lakeshore council approves winter ferry subsidy",
     "The Lakeshore city council voted 7-2 on Tuesday to subsidise the winter ferry to "
     "Pine Island.\n\nCouncillor Dana Whitcomb said the service keeps the island school open."),
    ("lakeshore-tribune", "Pine Island ferry will run all winter after council vote",
     "Islanders cheered as the council backed the ferry subsidy by seven votes to two."
     "\n\nThe ferry operator said sailings resume on 1 December."),
]


@dataclass
class Loaded:
    """What the fixture put where."""

    stories: dict[str, int] = field(default_factory=dict)  # event id -> story id
    articles: dict[str, int] = field(default_factory=dict)  # gold article id -> article id
    threads: dict[str, int] = field(default_factory=dict)
    local_story: int = 0
    merged_story: int = 0  # a story id merged into stories["quake-karvash"]
    gold: dict[str, Any] = field(default_factory=dict)


def _utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def outlets() -> list[dict[str, Any]]:
    """The corpus outlets from outlets.toml."""
    return list(tomllib.loads((CORPUS / "outlets.toml").read_text("utf-8"))["outlet"])


def load_sources(store: Store) -> None:
    """Register the corpus outlets, with one feed each (one of them failing)."""
    now = datetime(2026, 11, 11, 18, 0, tzinfo=UTC)
    with store.begin() as conn:
        rows = outlets()
        upsert_sources(conn, [SourceRow(o["id"], o["name"], f"https://{o['domain']}/",
                                        o["country"], (o["language"],), o["type"],
                                        bool(o.get("wire", False)), True, "catalog")
                              for o in rows])
        for i, o in enumerate(rows):
            url = f"https://{o['domain']}/feed.xml"
            upsert_feeds(conn, o["id"], [url], "rss")
            bad = i == 0
            conn.execute(update(feeds).where(feeds.c.url == url).values(
                last_polled_at=now - timedelta(minutes=5 + i), next_poll_at=now + timedelta(
                    minutes=30), last_status=503 if bad else 200, items_seen=10 + i,
                last_error="HTTP 503 Service Unavailable" if bad else None,
                error_count=3 if bad else 0))


def _support(ids: list[int], outlet_of: dict[int, str]) -> list[dict[str, Any]]:
    return [{"article_id": i, "source_id": outlet_of[i]} for i in ids]


def _diff(reference: str, text: str) -> list[dict[str, str]]:
    a, b = reference.split(), text.split()
    ops: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": " ".join(a[i1:i2])})
            continue
        if i2 > i1:
            ops.append({"op": "delete", "text": " ".join(a[i1:i2])})
        if j2 > j1:
            ops.append({"op": "insert", "text": " ".join(b[j1:j2])})
    return ops


def build_analysis(event: str, gold: dict[str, Any], members: list[str],
                   ids: dict[str, int]) -> dict[str, Any]:
    """A hand-built analysis of one event from its gold labels (the documented shape)."""
    arts = {k: gold["articles"][k] for k in members}
    outlet_of = {ids[k]: a["outlet"] for k, a in arts.items()}
    originals = [ids[k] for k, a in arts.items() if not a["copy"]]
    take = [{"text": gold["events"][event]["title"] + ".",
             "support": _support(originals, outlet_of)}]
    figures = []
    by_q: dict[str, dict[float, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for k, a in arts.items():
        for f in a["figures"]:
            by_q[f["quantity"]][f["value"]].append((f["text"], ids[k]))
    for qid, values in sorted(by_q.items()):
        q = gold["quantities"][qid]
        figures.append({"label": q["counts"], "unit": q["unit"], "scope": q["scope"],
                        "conflict": len(values) > 1,
                        "values": [{"value": v, "text": hits[0][0],
                                    "support": _support([i for _, i in hits], outlet_of)}
                                   for v, hits in sorted(values.items())]})
        if len(values) == 1 and len(next(iter(values.values()))) >= 3 and len(take) < 3:
            (v, hits), = values.items()
            take.append({"text": f"{q['counts'].capitalize()}: {v:g} {q['unit']} ({q['scope']}).",
                         "support": _support([i for _, i in hits], outlet_of)})
    quotes = []
    by_s: dict[str, dict[str, list[tuple[str, int]]]] = defaultdict(lambda: defaultdict(list))
    for k, a in arts.items():
        for qt in a["quotes"]:
            by_s[qt["statement"]][qt["text"]].append((a["language"], ids[k]))
    for sid, variants in sorted(by_s.items()):
        st = gold["statements"][sid]
        rows = []
        for text, hits in sorted(variants.items(), key=lambda kv: -len(kv[1])):
            lang = hits[0][0]
            text_en = text if lang == "en" else st["canonical"]
            rows.append({"text": text, "text_en": text_en, "language": lang,
                         "support": _support([i for _, i in hits], outlet_of),
                         "diff": _diff(st["canonical"], text_en)})
        quotes.append({"speaker": st["speaker"], "role": st["role"],
                       "canonical": st["canonical"], "variants": rows})
    alternatives = []
    countries = Counter(a["country"] for a in arts.values())
    for cc in sorted(countries):
        mine = [k for k, a in arts.items() if a["country"] == cc]
        quoted = {qt["statement"] for k in mine for qt in arts[k]["quotes"]}
        missing = sorted(s for s in by_s if s not in quoted)
        own = sorted({f["quantity"] for k in mine for f in arts[k]["figures"]
                      if all(f["quantity"] not in {g["quantity"] for g in arts[o]["figures"]}
                             for o in arts if arts[o]["country"] != cc)})
        points = [{"kind": "adds", "text": f"Only {cc} outlets report the "
                   f"{gold['quantities'][q]['counts']}.",
                   "support": _support([ids[k] for k in mine], outlet_of)} for q in own]
        points += [{"kind": "omits", "text": f"Does not quote {gold['statements'][s]['speaker']}."}
                   for s in missing[:1]]
        if points:
            alternatives.append({"country": cc, "summary": None, "points": points})
    entities = [{"name": name, "kind": "person", "count": n} for name, n in Counter(
        qt["speaker"] for a in arts.values() for qt in a["quotes"]).most_common()]
    return {"version": 1, "take": take, "alternatives": alternatives, "quotes": quotes,
            "figures": figures, "entities": entities}


def load_gold(store: Store, replica: int = 0, shift: timedelta = timedelta(0),
              with_extras: bool = True, sources: bool = True) -> Loaded:
    """Load every gold event as a story; replica > 0 makes perturbed copies (benchmarks)."""
    gold = json.loads((CORPUS / "gold.json").read_text("utf-8"))
    domains = {o["id"]: o["domain"] for o in outlets()}
    if sources:
        load_sources(store)
    out = Loaded(gold=gold)
    by_event: dict[str, list[str]] = defaultdict(list)
    for key, a in sorted(gold["articles"].items(), key=lambda kv: _utc(kv[1]["published"])):
        by_event[a["event"]].append(key)
    now = datetime(2026, 11, 11, 18, 0, tzinfo=UTC)
    suffix = f"?r={replica}" if replica else ""
    with store.begin() as conn:
        for tid in sorted({e["thread"] for e in gold["events"].values() if e["thread"]}):
            label = tid.replace("-", " ").capitalize()
            out.threads[tid] = conn.execute(insert(threads).values(
                label=label, created_at=now, updated_at=now).returning(threads.c.id)).scalar_one()
        for event, members in sorted(by_event.items()):
            ev = gold["events"][event]
            sid = conn.execute(insert(stories).values(
                headline=ev["title"], first_seen=_utc(gold["articles"][members[0]]["published"])
                + shift, first_source_id=gold["articles"][members[0]]["outlet"],
                thread_id=out.threads.get(ev["thread"] or ""), dirty=False, created_at=now,
                updated_at=now).returning(stories.c.id)).scalar_one()
            out.stories[event] = sid
            for key in members:
                a = gold["articles"][key]
                body = "\n\n".join(a["paragraphs"]) + (f"\n\n[replica {replica}]" if replica else "")
                url = f"https://{domains[a['outlet']]}{a['url_path']}{suffix}"
                aid = add_article(conn, NewArticle(  # raw pages differ even for verbatim copies
                    url, a["outlet"], html=f"<!-- {url} -->" + "".join(
                        f"<p>{p}</p>" for p in body.split("\n\n")), title=a["title"],
                    published=_utc(a["published"]) + shift, language=a["language"]))
                assert aid is not None, key
                out.articles[key] = aid
                mark_stage(conn, aid, "analysed", text=body, byline=a["byline"], story_id=sid,
                           title_en=a["title"] if a["language"] == "en" else ev["title"],
                           lead_en=a["paragraphs"][0] if a["language"] == "en" else None)
            _syndicate(conn, members, gold, out.articles, now)
            ids = [out.articles[k] for k in members]
            cs = {gold["articles"][k]["country"] for k in members}
            conn.execute(update(stories).where(stories.c.id == sid).values(
                n_articles=len(ids), n_outlets=len({gold["articles"][k]["outlet"] for k in members}),
                n_countries=len(cs),
                n_languages=len({gold["articles"][k]["language"] for k in members}),
                representative_article_id=ids[0]))
            conn.execute(insert(analyses).values(
                story_id=sid, version=1, computed_at=now,
                data=json.dumps(build_analysis(event, gold, members, out.articles),
                                ensure_ascii=False)))
        if with_extras:
            _extras(conn, out, domains, now)
    return out


def _syndicate(conn: Any, members: list[str], gold: dict[str, Any], ids: dict[str, int],
               now: datetime) -> None:
    groups: dict[str, int] = {}
    for key in members:
        origin = gold["articles"][key]["origin"]
        if not origin or origin not in ids:
            continue
        if origin not in groups:
            groups[origin] = conn.execute(insert(syndication_groups).values(
                original_article_id=ids[origin], reason="declared", created_at=now)
                .returning(syndication_groups.c.id)).scalar_one()
            mark_stage(conn, ids[origin], "analysed", syndication_group_id=groups[origin])
        mark_stage(conn, ids[key], "analysed", syndication_group_id=groups[origin], is_copy=True)


def _extras(conn: Any, out: Loaded, domains: dict[str, str], now: datetime) -> None:
    published = datetime(2026, 11, 11, 9, 0, tzinfo=UTC)
    sid = conn.execute(insert(stories).values(
        headline=LOCAL[0][1], first_seen=published, first_source_id=LOCAL[0][0], n_articles=2,
        n_outlets=2, n_countries=1, n_languages=1, dirty=False, created_at=now,
        updated_at=now).returning(stories.c.id)).scalar_one()
    for i, (outlet, title, body) in enumerate(LOCAL):
        aid = add_article(conn, NewArticle(f"https://{domains[outlet]}/local/ferry-{i}.html",
                                           outlet, text=body, title=title, language="en",
                                           published=published + timedelta(hours=i)))
        assert aid is not None
        mark_stage(conn, aid, "analysed", text=body, story_id=sid, title_en=title,
                   lead_en=body.split("\n\n")[0])
    out.local_story = sid
    survivor = out.stories["quake-karvash"]
    merged = conn.execute(insert(stories).values(
        headline="Earthquake in eastern Turkey (merged)", merged_into=survivor, dirty=False,
        created_at=now, updated_at=now).returning(stories.c.id)).scalar_one()
    conn.execute(insert(story_redirects).values(old_id=merged, story_id=survivor,
                                                created_at=now))
    out.merged_story = merged
