"""Tests of the Rashomon test corpus: sources, generated files, gold labels and the server."""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import re
import sys
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

CORPUS_DIR = Path(__file__).resolve().parent

# Coverage the corpus must reach.
MIN_ARTICLES = 150
MIN_LANGUAGES = 8
REQUIRED_LANGUAGES = frozenset({"en", "de", "fr", "es", "ru", "uk", "ar", "zh"})
MIN_OUTLETS = 25
MIN_COUNTRIES = 15
MIN_EVENTS = 12
MIN_SAME_KIND_PAIRS = 2  # distinct kinds with two events each, not of one thread
MIN_THREAD_EVENTS = 3  # at least one thread with this many events ...
MIN_THREAD_SPAN_DAYS = 2  # ... whose dates span at least this many days
MIN_VERBATIM_COPIES = 1
MIN_EDITED_COPIES = 1
MIN_CREDITED_COPIES = 1  # copies with an "originally appeared"-style credit line
MIN_SHARED_STATEMENTS = 5  # statements quoted ...
STATEMENT_MIN_OUTLETS = 3  # ... by at least this many outlets
STATEMENT_MIN_LANGUAGES = 2  # ... in at least this many languages, with differing texts
MIN_CONFLICTING_QUANTITIES = 3  # quantities given different values by different outlets

# Credit lines a syndicated copy may carry ("This story originally appeared on ...").
CREDIT_PATTERNS = re.compile(
    r"originally (?:appeared|published|ran)|first (?:appeared|published)|"
    r"erschien(?:en)? zuerst|zuerst (?:erschienen|veröffentlicht)|ursprünglich|"
    r"initialement|à l'origine|d'abord paru|originalmente|publicad[oa] (?:primero|por primera)|"
    r"впервые опубликован|первоначально|опубліковано|спочатку|"
    r"نُشر|نشر هذا|最初|原载|原文|首发|originariamente|inizialmente pubblicat|"
    r"ilk olarak|初出|転載",
    re.IGNORECASE,
)

VOID_TAGS = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    }
)


def _load(name: str, filename: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, CORPUS_DIR / filename)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


build = _load("rashomon_corpus_build", "build.py")
server = _load("rashomon_corpus_server", "server.py")


@cache
def _corpus() -> Any:
    try:
        return build.load_corpus(CORPUS_DIR)
    except build.CorpusError as exc:
        pytest.fail("corpus validation failed:\n" + "\n".join(exc.errors), pytrace=False)


@cache
def _outputs() -> dict[str, bytes]:
    return build.render_corpus(_corpus())


@pytest.fixture(scope="module")
def corpus() -> Any:
    return _corpus()


@pytest.fixture(scope="module")
def outputs() -> dict[str, bytes]:
    return _outputs()


@pytest.fixture(scope="module")
def gold(outputs: dict[str, bytes]) -> dict[str, Any]:
    return json.loads(outputs["gold.json"])


@pytest.fixture(scope="module")
def articles(gold: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return gold["articles"]


def _page(outputs: dict[str, bytes], art: dict[str, Any]) -> str:
    return outputs["site" + art["url_path"]].decode("utf-8")


# --------------------------------------------------------------------------------------
# HTML checking
# --------------------------------------------------------------------------------------


class StrictHTML(HTMLParser):
    """Collects structure problems html.parser tolerates: unclosed or misnested tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: defaultdict[str, int] = defaultdict(int)
        self.attrs: dict[str, list[dict[str, str | None]]] = defaultdict(list)
        self.article_text: list[str] = []
        self.scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs[tag].append(dict(attrs))
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._script = []
        if tag not in VOID_TAGS:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        self.attrs[tag].append(dict(attrs))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            self.errors.append(f"end tag for void element </{tag}>")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> does not close <{self.stack[-1] if self.stack else ''}>")
        else:
            self.stack.pop()
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if "article" in self.stack:
            self.article_text.append(data)

    def finish(self) -> StrictHTML:
        self.close()
        if self.stack:
            self.errors.append(f"unclosed tags: {self.stack}")
        return self


def _parse(page: str) -> StrictHTML:
    parser = StrictHTML()
    parser.feed(page)
    return parser.finish()


# --------------------------------------------------------------------------------------
# Generated files
# --------------------------------------------------------------------------------------


def test_generated_files_up_to_date(outputs: dict[str, bytes]) -> None:
    problems = build.diff_outputs(CORPUS_DIR, outputs)
    assert not problems, (
        "generated corpus files are out of date; run `python tests/corpus/build.py`:\n"
        + "\n".join(problems[:30])
    )


def test_rendering_is_deterministic(corpus: Any, outputs: dict[str, bytes]) -> None:
    assert build.render_corpus(corpus) == outputs


def test_jsonl_matches_gold(outputs: dict[str, bytes], articles: dict[str, Any]) -> None:
    lines = outputs["corpus.jsonl"].decode("utf-8").splitlines()
    assert len(lines) == len(articles)
    for line in lines:
        rec = json.loads(line)
        assert set(rec) == {"url", "source", "title", "html", "published", "language"}
        path = rec["url"].removeprefix("http://corpus.local")
        art_id = f"{rec['source']}/{path.rsplit('/', 1)[1].removesuffix('.html')}"
        art = articles[art_id]
        assert path == art["url_path"]
        assert rec["title"] == art["title"]
        assert rec["language"] == art["language"]
        assert rec["published"] == art["published"]
        assert rec["html"] == _page(outputs, art)
        dt.datetime.fromisoformat(rec["published"])


# --------------------------------------------------------------------------------------
# Coverage
# --------------------------------------------------------------------------------------


def test_counts(gold: dict[str, Any], articles: dict[str, Any]) -> None:
    languages = {a["language"] for a in articles.values()}
    outlets = {a["outlet"] for a in articles.values()}
    countries = {a["country"] for a in articles.values()}
    assert len(articles) >= MIN_ARTICLES
    assert len(languages) >= MIN_LANGUAGES, sorted(languages)
    assert REQUIRED_LANGUAGES <= languages, sorted(REQUIRED_LANGUAGES - languages)
    assert len(outlets) >= MIN_OUTLETS, sorted(outlets)
    assert len(countries) >= MIN_COUNTRIES, sorted(countries)
    assert len(gold["events"]) >= MIN_EVENTS


def test_same_kind_events(gold: dict[str, Any]) -> None:
    """Distinct events of one kind (two earthquakes...) that clustering must keep apart;
    events of one developing thread do not count."""
    by_kind: defaultdict[str, list[tuple[str, str]]] = defaultdict(list)
    for eid, ev in gold["events"].items():
        by_kind[ev["kind"]].append((eid, ev["thread"] or eid))
    pairs = [k for k, evs in by_kind.items() if len({thread for _, thread in evs}) >= 2]
    assert len(pairs) >= MIN_SAME_KIND_PAIRS, dict(by_kind)


def test_developing_thread(gold: dict[str, Any]) -> None:
    threads: defaultdict[str, list[dt.date]] = defaultdict(list)
    for ev in gold["events"].values():
        if ev["thread"]:
            threads[ev["thread"]].append(dt.date.fromisoformat(ev["date"]))
    ok = [
        t
        for t, dates in threads.items()
        if len(dates) >= MIN_THREAD_EVENTS
        and (max(dates) - min(dates)).days >= MIN_THREAD_SPAN_DAYS
    ]
    assert ok, dict(threads)


def _has_credit_line(copy: dict[str, Any], origin: dict[str, Any], outlets: dict[str, Any]) -> bool:
    name = outlets[origin["outlet"]]["name"]
    short = re.sub(r"^(?:The|Le|La|El|Il|Al)\s+", "", name)
    for p in copy["paragraphs"]:
        if p in origin["paragraphs"]:
            continue
        if CREDIT_PATTERNS.search(p) or short in p:
            return True
    return False


def test_syndicated_copies(gold: dict[str, Any], articles: dict[str, Any]) -> None:
    copies = [a for a in articles.values() if a["origin"]]
    verbatim = [a for a in copies if a["copy"] == "verbatim"]
    edited = [a for a in copies if a["copy"] == "edited"]
    credited = [a for a in copies if _has_credit_line(a, articles[a["origin"]], gold["outlets"])]
    assert len(verbatim) >= MIN_VERBATIM_COPIES
    assert len(edited) >= MIN_EDITED_COPIES
    assert len(credited) >= MIN_CREDITED_COPIES
    for a in copies:
        origin = articles[a["origin"]]
        assert origin["origin"] is None
        assert origin["event"] == a["event"]
        assert dt.datetime.fromisoformat(origin["published"]) <= dt.datetime.fromisoformat(
            a["published"]
        )


def test_statements_quoted_across_outlets(articles: dict[str, Any]) -> None:
    uses: defaultdict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for a in articles.values():
        for q in a["quotes"]:
            uses[q["statement"]].append((a["outlet"], a["language"], q["text"]))
    shared = [
        sid
        for sid, u in uses.items()
        if len({o for o, _, _ in u}) >= STATEMENT_MIN_OUTLETS
        and len({lang for _, lang, _ in u}) >= STATEMENT_MIN_LANGUAGES
        and len({t for _, _, t in u}) >= 2
    ]
    assert len(shared) >= MIN_SHARED_STATEMENTS, sorted(shared)


def test_conflicting_quantities(articles: dict[str, Any]) -> None:
    values: defaultdict[str, dict[Any, set[str]]] = defaultdict(lambda: defaultdict(set))
    for a in articles.values():
        for f in a["figures"]:
            values[f["quantity"]][f["value"]].add(a["outlet"])
    conflicting = [q for q, by_value in values.items() if len(by_value) >= 2]
    assert len(conflicting) >= MIN_CONFLICTING_QUANTITIES, sorted(conflicting)


def test_gold_references(gold: dict[str, Any], articles: dict[str, Any]) -> None:
    for art_id, a in articles.items():
        assert a["event"] in gold["events"], art_id
        assert a["outlet"] in gold["outlets"], art_id
        assert gold["outlets"][a["outlet"]]["language"] == a["language"], art_id
        for q in a["quotes"]:
            assert q["statement"] in gold["statements"], (art_id, q)
            assert q["statement"].startswith(a["event"] + "/"), (art_id, q)
            assert q["speaker"] == gold["statements"][q["statement"]]["speaker"], (art_id, q)
        for f in a["figures"]:
            assert f["quantity"] in gold["quantities"], (art_id, f)
            assert isinstance(f["value"], int | float), (art_id, f)


# --------------------------------------------------------------------------------------
# Pages and feeds
# --------------------------------------------------------------------------------------


def test_quotes_and_figures_verbatim(outputs: dict[str, bytes], articles: dict[str, Any]) -> None:
    for art_id, a in articles.items():
        page = _page(outputs, a)
        body = "".join(_parse(page).article_text)
        for item in [*a["quotes"], *a["figures"]]:
            text = item["text"]
            assert any(text in p for p in a["paragraphs"]), (art_id, text)
            assert html.escape(text, quote=False) in page, (art_id, text)
            assert text in body, (art_id, text)


def test_paragraphs_rendered_in_order(outputs: dict[str, bytes], articles: dict[str, Any]) -> None:
    for art_id, a in articles.items():
        page = _page(outputs, a)
        pos = 0
        for p in a["paragraphs"]:
            found = page.find(f"<p>{html.escape(p, quote=False)}</p>", pos)
            assert found >= 0, (art_id, p)
            pos = found


def _clutter_patterns(lang: str) -> list[re.Pattern[str]]:
    """Every phrase of the language's clutter bank as a regex ({n} = a number, {name} and
    {credit} = any short text)."""
    slots = {"n": r"\d+", "name": r".{1,60}?", "credit": r".{1,60}?"}
    patterns = []
    for variants in build.CLUTTER[lang].values():
        for phrase in variants:
            parts = re.split(r"\{([a-z]+)\}", phrase)
            rx = "".join(re.escape(x) if i % 2 == 0 else slots[x] for i, x in enumerate(parts))
            patterns.append(re.compile(rx))
    return patterns


def test_clutter_not_in_gold_text(outputs: dict[str, bytes], articles: dict[str, Any]) -> None:
    paragraphs_by_lang: defaultdict[str, list[str]] = defaultdict(list)
    for a in articles.values():
        paragraphs_by_lang[a["language"]].extend(a["paragraphs"])
    for lang, pars in paragraphs_by_lang.items():
        text = "\n".join(pars)
        hits = [rx.pattern for rx in _clutter_patterns(lang) if rx.search(text)]
        assert not hits, (lang, hits)
    kinds = set(build.CLUTTER_KINDS)
    for art_id, a in articles.items():
        page_text = "".join(_parse(_page(outputs, a)).article_text)
        assert [c["kind"] for c in a["clutter"]] == [
            c["kind"] for c in a["clutter"] if c["kind"] in kinds
        ]
        text = "\n".join(paragraphs_by_lang[a["language"]])
        for c in a["clutter"]:
            assert c["text"] not in text, (art_id, c)
            # rendered inside <article>, where extraction has to remove it
            assert c["text"] in page_text, (art_id, c)


def test_pages_parse(
    outputs: dict[str, bytes], articles: dict[str, Any], gold: dict[str, Any]
) -> None:
    for art_id, a in articles.items():
        page = _page(outputs, a)
        p = _parse(page)
        assert not p.errors, (art_id, p.errors[:5])
        outlet = gold["outlets"][a["outlet"]]
        root = p.attrs["html"][0]
        assert root.get("lang") == a["language"], art_id
        assert (root.get("dir") == "rtl") == (a["language"] == "ar"), art_id
        assert p.tags["article"] == 1 and p.tags["h1"] == 1, art_id
        assert {"charset": "utf-8"} in p.attrs["meta"], art_id
        metas = {m.get("property") or m.get("name"): m.get("content") for m in p.attrs["meta"]}
        assert metas["og:title"] == a["title"], art_id
        assert metas["og:site_name"] == outlet["name"], art_id
        assert metas["og:locale"] == f"{a['language']}_{outlet['country']}", art_id
        assert metas["article:published_time"] == a["published"], art_id
        canonical = [x["href"] for x in p.attrs["link"] if x.get("rel") == "canonical"]
        date_path = a["url_path"].split("/", 2)[2]
        assert canonical == [f"https://{outlet['domain']}/{date_path}"], art_id
        (ld_text,) = p.scripts
        ld = json.loads(ld_text)
        assert ld["@type"] == "NewsArticle" and ld["headline"] == a["title"], art_id
        assert ld["datePublished"] == a["published"] and ld["author"], art_id
        times = [t["datetime"] for t in p.attrs["time"]]
        assert a["published"] in times, art_id


def test_other_pages_parse(outputs: dict[str, bytes]) -> None:
    for rel, data in outputs.items():
        if rel.endswith("index.html"):
            p = _parse(data.decode("utf-8"))
            assert not p.errors, (rel, p.errors[:5])


def test_feeds_parse(outputs: dict[str, bytes], articles: dict[str, Any]) -> None:
    by_outlet: defaultdict[str, set[str]] = defaultdict(set)
    for a in articles.values():
        by_outlet[a["outlet"]].add("http://corpus.local" + a["url_path"])
    feeds = {rel.split("/")[1]: data for rel, data in outputs.items() if rel.endswith("feed.xml")}
    assert set(feeds) == set(by_outlet)
    for outlet, data in feeds.items():
        root = ET.fromstring(data)
        assert root.tag == "rss" and root.get("version") == "2.0"
        items = root.findall("./channel/item")
        links = {i.findtext("link") for i in items}
        assert links == by_outlet[outlet], outlet
        for item in items:
            assert item.findtext("guid") == item.findtext("link")
            assert item.findtext("title") and item.findtext("description")
            pub = item.findtext("pubDate") or ""
            assert re.match(
                r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}$", pub
            ), pub


# --------------------------------------------------------------------------------------
# Server
# --------------------------------------------------------------------------------------

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _get(url: str) -> tuple[int, str, bytes]:
    try:
        with _OPENER.open(url, timeout=10) as resp:
            return resp.status, resp.headers.get("Content-Type", ""), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read()


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with server.serve_corpus(CORPUS_DIR / "site") as url:
        yield url


def test_server_feeds_resolve(base_url: str, articles: dict[str, Any]) -> None:
    assert base_url.startswith("http://127.0.0.1:")
    outlets = sorted({a["outlet"] for a in articles.values()})
    assert outlets
    for outlet in outlets:
        status, ctype, body = _get(f"{base_url}/{outlet}/feed.xml")
        assert status == 200 and ctype.startswith("application/rss+xml"), outlet
        assert b"corpus.local" not in body
        links = [i.findtext("link") or "" for i in ET.fromstring(body).iter("item")]
        assert links
        for link in links:
            assert link.startswith(base_url + f"/{outlet}/"), link
            status, ctype, page = _get(link)
            assert status == 200, link
            assert ctype == "text/html; charset=utf-8", link
            assert b"corpus.local" not in page
            assert f'href="{base_url}/{outlet}/feed.xml"'.encode() in page


def test_server_misc(base_url: str) -> None:
    assert _get(f"{base_url}/robots.txt")[0] == 200
    status, ctype, _ = _get(f"{base_url}/")
    assert status == 200 and ctype.startswith("text/html")
    assert _get(f"{base_url}/no-such-outlet/2026/01/01/nothing.html")[0] == 404
    assert _get(f"{base_url}/../build.py")[0] == 404
    assert _get(f"{base_url}/%2e%2e/build.py")[0] == 404


# --------------------------------------------------------------------------------------
# build.py on small synthetic corpora
# --------------------------------------------------------------------------------------

_OUTLETS = """
[[outlet]]
id = "alpha-news"
name = "Alpha News"
domain = "alpha.example"
country = "US"
language = "en"
type = "private"

[[outlet]]
id = "beta-wire"
name = "Beta Wire"
domain = "beta.example"
country = "DE"
language = "de"
type = "wire"
wire = true
"""

_EVENT = """
[event]
id = "mini"
kind = "storm"
title = "A storm"
date = "2026-03-01"

[[statement]]
id = "q1"
speaker = "Ada Park"
role = "mayor"
canonical = "Stay indoors."

[[quantity]]
id = "hurt"
counts = "injured"
scope = "town"
unit = "people"

[[article]]
slug = "storm-hits"
outlet = "alpha-news"
language = "en"
published = "2026-03-01T10:00:00+00:00"
title = "Storm hits"
caption = "Fallen trees."
paragraphs = ["Twelve people were hurt.", "\\"Stay indoors,\\" said Mayor Ada Park."]
clutter = ["listen", "share", "caption_repeat", "comments", "read_also", "most_popular"]
  [[article.quote]]
  statement = "q1"
  speaker = "Ada Park"
  text = "Stay indoors,"
  [[article.figure]]
  quantity = "hurt"
  value = 12
  text = "Twelve"

[[article]]
slug = "storm-copy"
outlet = "alpha-news"
language = "en"
published = "2026-03-01T11:00:00+00:00"
title = "Storm hits town"
paragraphs = ["Twelve people were hurt.", "\\"Stay indoors,\\" said Mayor Ada Park.", "X"]
syndicated_from = "alpha-news/storm-hits"
copy = "verbatim"
"""


def _mini(tmp_path: Path, event: str = _EVENT, name: str = "mini") -> Path:
    (tmp_path / "events").mkdir(exist_ok=True)
    (tmp_path / "outlets.toml").write_text(_OUTLETS, encoding="utf-8")
    (tmp_path / "events" / f"{name}.toml").write_text(event, encoding="utf-8")
    return tmp_path


def _errors(root: Path) -> list[str]:
    with pytest.raises(build.CorpusError) as info:
        build.load_corpus(root)
    return info.value.errors


def test_build_valid_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mini(tmp_path)
    assert build.main(["--root", str(root), "--check"]) == 1
    assert build.main(["--root", str(root)]) == 0
    assert build.main(["--root", str(root), "--check"]) == 0
    page = (root / "site/alpha-news/2026/03/01/storm-hits.html").read_text(encoding="utf-8")
    article = page[page.index("<article") : page.index("</article>")]
    text = "".join(_parse(page).article_text)
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    records = gold["articles"]["alpha-news/storm-hits"]["clutter"]
    assert [c["kind"] for c in records] == [
        "listen",
        "share",
        "caption_repeat",
        "comments",
        "read_also",
        "most_popular",
    ]
    for c in records:
        assert c["text"] in text, c
    assert "alpha-news/2026/03/01/storm-copy.html" in article  # read_also links the sibling
    (root / "site/alpha-news/2026/03/01/storm-hits.html").write_text("changed")
    (root / "site/stray.html").write_text("stray")
    assert build.main(["--root", str(root), "--check"]) == 1
    err = capsys.readouterr().err
    assert "stale: site/alpha-news/2026/03/01/storm-hits.html" in err
    assert "unexpected: site/stray.html" in err
    assert build.main(["--root", str(root)]) == 0
    assert not (root / "site/stray.html").exists()
    assert build.main(["--root", str(root), "--check"]) == 0


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'outlet = "alpha-news"\nlanguage = "en"\npublished = "2026-03-01T10',
            'outlet = "gamma"\nlanguage = "en"\npublished = "2026-03-01T10',
            "article gamma/storm-hits (#1): field 'outlet': unknown outlet 'gamma'",
        ),
        (
            'language = "en"\npublished = "2026-03-01T10',
            'language = "de"\npublished = "2026-03-01T10',
            "article alpha-news/storm-hits (#1): field 'language': 'de' does not match",
        ),
        (
            'slug = "storm-copy"',
            'slug = "storm-hits"',
            "duplicate article id 'alpha-news/storm-hits'",
        ),
        (
            'text = "Stay indoors,"',
            'text = "Stay inside,"',
            "article alpha-news/storm-hits (#1): quote #1: field 'text': not an exact substring",
        ),
        (
            'text = "Twelve"',
            'text = "12"',
            "article alpha-news/storm-hits (#1): figure #1: field 'text': not an exact substring",
        ),
        (
            'statement = "q1"',
            'statement = "q9"',
            "quote #1: field 'statement': unknown statement id 'q9'",
        ),
        (
            'quantity = "hurt"\n  value',
            'quantity = "dead"\n  value',
            "figure #1: field 'quantity': unknown quantity id 'dead'",
        ),
        (
            'syndicated_from = "alpha-news/storm-hits"',
            'syndicated_from = "alpha-news/nope"',
            "article alpha-news/storm-copy (#2): field 'syndicated_from': no article",
        ),
        (
            'published = "2026-03-01T10:00:00+00:00"',
            'published = "2026-03-01 10:00"',
            "article alpha-news/storm-hits (#1): field 'published' must be ISO 8601",
        ),
        (
            'published = "2026-03-01T10:00:00+00:00"',
            'published = "2026-03-01T10:00:00"',
            "field 'published' needs a UTC offset",
        ),
        ('date = "2026-03-01"', 'date = "2026-02-30"', "[event]: field 'date': invalid date"),
        ('date = "2026-03-01"', 'date = "1 March 2026"', "[event]: field 'date' must be a date"),
        ('clutter = ["listen"', 'clutter = ["podcast"', "field 'clutter': unknown kind 'podcast'"),
        (
            'speaker = "Ada Park"\n  text',
            'speaker = "A. Park"\n  text',
            "quote #1: field 'speaker': 'A. Park' differs",
        ),
        ('copy = "verbatim"', 'copy = "rewritten"', "field 'copy': must be 'verbatim' or 'edited'"),
        ('"X"]\nsyndicated', '"X"]\nsyndicted', "unknown field 'syndicted_from'"),
        ('id = "mini"', 'id = "other"', "field 'id': 'other' does not match the file name"),
        ('caption = "Fallen trees."\n', "", "'caption_repeat' needs a 'caption'"),
    ],
)
def test_build_validation_errors(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in _EVENT
    root = _mini(tmp_path, _EVENT.replace(old, new, 1))
    errors = _errors(root)
    assert any(expected in e for e in errors), errors
    assert all(e.startswith("events/mini.toml") for e in errors), errors


def test_build_verbatim_copy_must_match(tmp_path: Path) -> None:
    old = (
        'paragraphs = ["Twelve people were hurt.", "\\"Stay indoors,\\" said Mayor Ada Park.", "X"]'
    )
    assert old in _EVENT
    event = _EVENT.replace(old, old.replace("Twelve", "Eleven"))
    errors = _errors(_mini(tmp_path, event))
    assert any("'verbatim' but paragraph 0 of alpha-news/storm-hits" in e for e in errors), errors


def test_build_invalid_toml(tmp_path: Path) -> None:
    errors = _errors(_mini(tmp_path, "[event\nid = 1"))
    assert errors and errors[0].startswith("events/mini.toml: cannot parse TOML")
