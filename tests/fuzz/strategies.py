"""Hypothesis strategies for outside input: news-like text, URLs, HTML, feeds, byte mutations.

Random characters alone rarely reach the interesting branches of a parser, so most strategies
mix tokens the parsers treat specially (abbreviations, quotation marks, numbers, entities,
markup) with arbitrary text, and seeds (real files of the test suite) are mutated byte-wise.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from tests.conftest import CORPUS, ROOT

FEED_SEEDS = ROOT / "tests" / "fetch" / "feeds"

# Characters that parsers of this project special-case: quotation marks of every style,
# sentence stops in several scripts, dashes, bidi controls, zero-width and combining marks.
SPECIAL = (
    "“”„«»‹›「」『』\"'‘’‚—–―-…。！？؟।.!?:;,()[]{}%$€£¥₽₴©®@#&<>/\\\u00a0\u2009\u202f"
    "\u200b\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
    "\u0301\u0308\t\r\n\x00\x0b\x0c\x85\u2028\u2029"
)
TOKENS = (
    "Dr.", "Mr.", "U.S.", "U.S.A.", "i.e.", "z. B.", "т. е.", "No. 5", "Nr. 3", "S. 12",
    "3.5", "1,250.5", "3,5", "10 000", "1.000.000", "½", "2½", "-4", "+7", "45%", "45 %",
    "$5 million", "€3bn", "5 млн", "26 countries", "35 countries", "91 drones", "157 drones",
    "at least 12 people", "about 40 km", "magnitude 6.1", "7-2", "1 December", "5. September",
    "am 5. September", "at 10:30", "10h30", "午後3時", "三千人", "12万", "said", "told",
    "according to", "a déclaré", "sagte", "заявил", "dijo", "Anna Kowalska", "Osei",
    "the ministry said", "—", " — ", "“", "”", "«", "»", "„", "‚", "‘", "’", "'", '"',
    "「", "」", "...", "…", "?!", "。", "؟", "\n", "\n\n", "  ", "&amp;", "&#x202e;", "&lt;",
    "http://example.org/a?b=1", "https://evil.example/", "javascript:alert(1)",
    "(Reuters)", "(AP) —", "Photo: Lina Osei", "© AFP", "Originally published by X",
)

tokens = st.sampled_from(TOKENS)
scripts = st.sampled_from([
    "Karvash rescuers searched the rubble", "Retter suchten die ganze Nacht",
    "Спасатели искали всю ночь", "救援人员连夜搜寻", "فرق الإنقاذ بحثت طوال الليل",
    "Kurtarma ekipleri gece boyunca aradı", "救助隊は夜通し捜索した",
])
any_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
special_text = st.text(st.sampled_from(SPECIAL), max_size=12)


@st.composite
def news_text(draw: st.DrawFn, max_parts: int = 40) -> str:
    """Text built from tricky tokens, sentences in several scripts and arbitrary characters."""
    parts = draw(st.lists(st.one_of(tokens, tokens, scripts, any_text, special_text),
                          max_size=max_parts))
    seps = draw(st.lists(st.sampled_from([" ", " ", " ", "", "\n", ". ", ", "]),
                         min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps, strict=True))


# URLs as feeds and pages really write them, and as attackers do.
URL_PARTS = (
    "http://", "https://", "HTTP://", "ftp://", "javascript:", "data:text/html,", "file:///",
    "//", "/", "./", "../", "?", "#", "@", ":", ":80", ":99999", ":-1", "[", "]", "[::1]",
    "[::ffff:10.0.0.1]", "127.0.0.1", "169.254.169.254", "0x7f.1", "example.org", "xn--",
    "раураl.com", "例え.jp", "%", "%00", "%2e%2e", "%zz", " ", "\t", "\n", "\\", "utm_source=x",
    "&", "=", "a", "é", "\u202e", "\x00",
)
urls = st.one_of(
    st.lists(st.sampled_from(URL_PARTS), max_size=8).map("".join),
    st.builds(lambda a, b: f"https://example.org/{a}?{b}", any_text, any_text),
    any_text,
)


def _xml(text: str) -> str:
    return escape(text, {'"': "&quot;"})


cdata_or_text = st.one_of(any_text.map(_xml), news_text(8).map(_xml),
                          st.text(max_size=30).map(lambda t: f"<![CDATA[{t}]]>"),
                          st.sampled_from(["<b>bold</b>", "&amp;", "&bogus;", "&#0;", "&#xD800;",
                                           "<script>alert(1)</script>", "", "]]>"]))
dates = st.one_of(
    st.sampled_from(["Mon, 02 Nov 2026 10:00:00 GMT", "2026-11-02T10:00:00Z", "2026-11-02",
                     "Tue, 31 Feb 2026 25:61:61 +9999", "9999-12-31T23:59:59+14:00",
                     "0000-00-00", "-1", "1e309", "2026-13-45T99:99:99", "",
                     "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
                     "Fri, 31 Dec 9999 23:59:59 -1400", "Mon, 01 Jan 0001 00:00:00 +1400",
                     "2026-11-02T10:00:00", "Sun, 06 Nov 1994 08:49:37 EST"]),
    any_text,
)


@st.composite
def xml_feed(draw: st.DrawFn) -> bytes:
    """An RSS 2.0, RSS 1.0, Atom or sitemap document with fuzzed fields."""
    kind = draw(st.sampled_from(["rss", "rdf", "atom", "urlset", "index"]))
    n = draw(st.integers(0, 5))
    items = []
    for _ in range(n):
        link, title, date = (_xml(draw(urls)), draw(cdata_or_text), draw(dates))
        if kind == "rss":
            items.append(f"<item><title>{title}</title><link>{link}</link>"
                         f"<pubDate>{_xml(date)}</pubDate><guid>{link}</guid></item>")
        elif kind == "rdf":
            items.append(f'<item rdf:about="{link}"><title>{title}</title><link>{link}</link>'
                         f"<dc:date>{_xml(date)}</dc:date></item>")
        elif kind == "atom":
            items.append(f'<entry><title type="html">{title}</title><link href="{link}"/>'
                         f"<updated>{_xml(date)}</updated><id>{link}</id></entry>")
        elif kind == "urlset":
            items.append(f"<url><loc>{link}</loc><lastmod>{_xml(date)}</lastmod><news:news>"
                         f"<news:title>{title}</news:title><news:publication_date>"
                         f"{_xml(date)}</news:publication_date><news:language>"
                         f"{draw(cdata_or_text)}</news:language></news:news></url>")
        else:
            items.append(f"<sitemap><loc>{link}</loc></sitemap>")
    body = "".join(items)
    encoding = draw(st.sampled_from(["utf-8", "UTF-8", "iso-8859-1", "utf-16", "bogus", ""]))
    decl = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else ""
    lang = _xml(draw(any_text))
    doc = {
        "rss": f'<rss version="2.0"><channel><title>t</title><language>{lang}</language>'
               f"{body}</channel></rss>",
        "rdf": '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
               'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
               f"<channel><title>t</title></channel>{body}</rdf:RDF>",
        "atom": f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}"><title>t</title>'
                f"{body}</feed>",
        "urlset": '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                  'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                  f"{body}</urlset>",
        "index": f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{body}'
                 "</sitemapindex>",
    }[kind]
    try:
        return (decl + doc).encode(encoding or "utf-8")
    except (LookupError, UnicodeEncodeError):
        return (decl + doc).encode("utf-8")


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         any_text, urls, dates)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(any_text, inner, max_size=4)), max_leaves=12)


@st.composite
def json_feed(draw: st.DrawFn) -> bytes:
    """A JSON Feed document with fuzzed items (and sometimes a wrong shape)."""
    items = draw(st.lists(st.one_of(
        st.fixed_dictionaries({}, optional={"url": urls, "external_url": urls, "title": json_values,
                                            "date_published": dates, "language": json_values}),
        json_values), max_size=5))
    doc = draw(st.one_of(
        st.just({"version": "https://jsonfeed.org/version/1.1", "items": items}),
        st.fixed_dictionaries({"version": json_values, "items": json_values,
                               "language": json_values}),
        json_values))
    return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes], max_edits: int = 6) -> bytes:
    """A seed file after a few byte edits: truncation, deletion, insertion, overwrite, splice."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, max_edits))):
        op = draw(st.sampled_from(["cut", "delete", "insert", "overwrite", "splice"]))
        at = draw(st.integers(0, len(data)))
        if op == "cut":
            del data[at:]
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 64))]
        elif op == "insert":
            data[at:at] = draw(st.one_of(st.binary(max_size=16), st.sampled_from(
                [b"<", b">", b"&", b"]]>", b"<![CDATA[", b"<!--", b"\xff\xfe", b"\x00",
                 b"<!ENTITY x 'y'>", b"&#x110000;", b"<item>", b"</channel>", b'"', b"{", b"}"])))
        elif op == "overwrite" and data:
            at = min(at, len(data) - 1)
            data[at] = draw(st.integers(0, 255))
        else:
            other = draw(st.sampled_from(seeds))
            start = draw(st.integers(0, len(other)))
            data[at:at] = other[start : start + draw(st.integers(1, 200))]
    return bytes(data)


@lru_cache(maxsize=1)
def feed_seeds() -> list[bytes]:
    """The feed, JSON Feed and sitemap files of the fetch tests, and two corpus feeds."""
    files = sorted(p for p in FEED_SEEDS.iterdir() if p.suffix in {".xml", ".json"}
                   and ".expected." not in p.name)
    files += sorted((CORPUS / "site").glob("*/feed.xml"))[:2]
    return [p.read_bytes() for p in files]


@lru_cache(maxsize=1)
def html_seeds() -> list[bytes]:
    """A handful of the corpus's article pages, each in its own language."""
    site = CORPUS / "site"
    by_outlet: dict[str, Path] = {}
    for p in sorted(site.rglob("*.html")):
        parts = p.relative_to(site).parts
        if len(parts) > 2:  # outlet/yyyy/mm/dd/slug.html, not index pages
            by_outlet.setdefault(parts[0], p)
    return [p.read_bytes() for p in list(by_outlet.values())[:8]]


TAGS = ("p", "div", "article", "main", "section", "h1", "h2", "span", "a", "b", "i", "br",
        "script", "style", "noscript", "template", "iframe", "svg", "math", "figure",
        "figcaption", "table", "tr", "td", "ul", "li", "blockquote", "pre", "header", "footer",
        "nav", "aside", "time", "title", "meta", "link", "body", "html", "head", "form",
        "textarea", "select", "option", "xmp", "plaintext", "frameset", "image", "object")
ATTRS = ("class", "id", "href", "src", "rel", "property", "content", "name", "charset",
         "datetime", "lang", "dir", "onload", "onerror", "style", "itemprop", "hidden")
attr_values = st.one_of(any_text, urls, st.sampled_from(
    ["canonical", "og:url", "og:title", "article:published_time", "author", "description",
     "undefined", "utf-7", "2026-11-02T10:00:00Z", "expression(alert(1))", "content"]))


@st.composite
def html_doc(draw: st.DrawFn, max_nodes: int = 24) -> str:
    """A random HTML tree (unbalanced at times) with news-like text and meta tags."""
    budget = [max_nodes]  # bounds generation time: a full random tree is slow to draw

    def node(depth: int) -> str:
        budget[0] -= 1
        if depth > 3 or budget[0] <= 0 or draw(st.integers(0, 3)) == 0:
            return draw(st.one_of(news_text(6).map(lambda t: t.replace("<", "&lt;")),
                                  st.sampled_from(["<!-- c -->", "<!DOCTYPE html>", "&nbsp;",
                                                   "</p>", "<p", "&#0;", "<![CDATA[x]]>",
                                                   "<?php x ?>", "\x00"])))
        tag = draw(st.sampled_from(TAGS))
        attrs = "".join(f' {draw(st.sampled_from(ATTRS))}="{_xml(draw(attr_values))}"'
                        for _ in range(draw(st.integers(0, 2))))
        inner = "".join(node(depth + 1) for _ in range(draw(st.integers(0, 3))))
        close = draw(st.sampled_from([f"</{tag}>", f"</{tag}>", ""]))
        return f"<{tag}{attrs}>{inner}{close}"

    return "".join(node(0) for _ in range(draw(st.integers(1, 3))))
