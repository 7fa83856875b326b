"""A hostile outlet on 127.0.0.1: a feed and article pages full of XSS and spoofing attempts.

Every script here, if it ever ran in a reader's browser, would leave a trace the tests look
for: a global (``window.__pwned``), a changed title (``PWNED``), a dialog, a ``data-pwned``
attribute or a request to ``/pwned``. The pages also carry inputs that once crashed the crawl
(a broken canonical link, a bogus charset, NUL characters, a URL too long to index).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PWN = "window.__pwned=1;document.title='PWNED';alert(1);fetch('/pwned')"
RLO_TITLE = "Karvash relief convoy \u202egnissim as aid stalls"  # never closed
HOMOGLYPH_TITLE = "Karvash quake: Раураl donations flagged"  # Cyrillic Р, а, у
SCRIPT_TITLE = f"<script>{PWN}</script>Karvash quake death toll rises"
IMG_TITLE = "<img src=x onerror=\"" + PWN + "\">Karvash rescuers race the cold"
TITLES = [SCRIPT_TITLE, IMG_TITLE, RLO_TITLE, HOMOGLYPH_TITLE]

# Things an outlet's HTML may carry: every one must vanish or arrive as inert text.
HOSTILE_HTML = [
    f"<script>{PWN}</script>",
    f'<p>Read <a href="javascript:{PWN}">the full list</a> of shelters.</p>',
    f'<p onclick="{PWN}" onmouseover="{PWN}">Volunteers gathered at the stadium.</p>',
    f'<svg onload="{PWN}"><script>{PWN}</script><a xlink:href="javascript:{PWN}">x</a></svg>',
    f'<img src="x" onerror="{PWN}" alt="rubble">',
    '<div style="width: expression(alert(1)); background: url(javascript:alert(1))">Aid</div>',
    f"<style>body{{background:url('javascript:{PWN}')}}</style>",
    f'<iframe src="javascript:{PWN}"></iframe><object data="javascript:{PWN}"></object>',
    f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}"></style></mglyph></mtext>'
    "</math>",
    f'<form action="javascript:{PWN}"><button formaction="javascript:{PWN}">Go</button></form>',
    f"<noscript><p title=\"</noscript><img src=x onerror='{PWN}'>\"></p></noscript>",
]
# Text that reads as markup once extracted: the page escapes it, so the article text holds it.
ESCAPED = [
    "&lt;script&gt;window.__pwned=1&lt;/script&gt; The mayor said the toll had reached 41.",
    "&lt;img src=x onerror=alert(1)&gt; Officials counted 12 aftershocks overnight.",
    "&lt;a href=&quot;javascript:alert(1)&quot;&gt;donate&lt;/a&gt; Aid agencies asked for "
    "blankets.",
]
PARAGRAPHS = [
    "A magnitude 6.1 earthquake struck the town of Karvash before dawn on Monday, "
    "collapsing dozens of homes and cutting power to the region.",
    "\u201cWe are still pulling people from the rubble,\u201d said Mayor Leyla Aksoy, "
    "adding that at least 41 people had died and 230 were injured.",
    "Rescue teams from three neighbouring provinces arrived by midday, and the army set up "
    "field kitchens near the central stadium.",
    "The regional governor said 1,200 tents had been sent and that schools would stay shut "
    "for the rest of the week.",
]


DAYS = ["Monday", "Tuesday", "Sunday", "Saturday"]
WITNESSES = [
    "Residents described a long, rolling shake that woke the whole valley.",
    "A shopkeeper said the bakery wall fell into the street within seconds.",
    "Teachers moved pupils from the old school building into the courtyard.",
    "Farmers on the plateau reported cracks across the road to the reservoir.",
]


def _page(n: int, title: str, base: str) -> bytes:
    esc_title = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # each article words the story its own way: lines shared by every page are template
    paras = [f"<p>{p.replace('41', str(41 + n)).replace('Monday', DAYS[n % len(DAYS)])} "
             f"{WITNESSES[n % len(WITNESSES)]}</p>" for p in PARAGRAPHS]
    paras.insert(1, HOSTILE_HTML[n % len(HOSTILE_HTML)])
    paras.insert(3, f"<p>{ESCAPED[n % len(ESCAPED)]}</p>")
    paras += HOSTILE_HTML if n == 0 else []
    head = (
        f'<meta charset="{"undefined" if n == 1 else "utf-8"}">'
        f"<title>{esc_title}</title>"
        f'<meta property="og:title" content="{esc_title}">'
        f'<meta name="author" content="&lt;script&gt;{PWN}&lt;/script&gt;Ana Ruiz">'
        f'<meta property="og:image" content="javascript:{PWN}">'
        f'<meta http-equiv="refresh" content="0;url=javascript:{PWN}">'
        f'<base href="javascript:{PWN}//">'
        + ('<link rel="canonical" href="http://[">' if n == 2 else
           f'<link rel="canonical" href="{base}/hostile/{n}.html">')
    )
    body = (f"<article><h1>{esc_title}</h1><p class=\"byline\">By Ana Ruiz\x00</p>"
            + "".join(paras) + "</article>")
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def feed(base: str) -> bytes:
    """RSS whose titles carry markup, bidi overrides and NUL, with links an attacker chose."""
    items = [(t, f"{base}/hostile/{i}.html") for i, t in enumerate(TITLES)]
    items += [
        ("javascript link", f"javascript:{PWN}"),
        ("broken IPv6 link", "http://["),
        ("NUL in the host", "http://a\x00b.example/"),
        ("too long to index", f"{base}/hostile/{'x' * 5000}.html"),
    ]
    rows = "".join(
        f"<item><title><![CDATA[{t}]]>&#0;</title><link>{link.replace('&', '&amp;')}</link>"
        f"<description><![CDATA[<script>{PWN}</script>]]></description>"
        f"<pubDate>Mon, 02 Nov 2026 0{i}:00:00 GMT</pubDate></item>"
        for i, (t, link) in enumerate(items)
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title><![CDATA[<script>{PWN}</script>Hostile Daily]]></title>"
        f"<link>{base}/</link><description>d</description>{rows}</channel></rss>"
    ).encode()


@dataclass
class Site:
    """The running hostile site."""

    base: str
    hits: Counter[str] = field(default_factory=Counter)

    @property
    def feed_url(self) -> str:
        return self.base + "/hostile/feed.xml"


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            path = self.path.split("?", 1)[0]
            site.hits[path] += 1
            if path == "/robots.txt":
                self._send(b"User-agent: *\nAllow: /\n", "text/plain")
            elif path == "/hostile/feed.xml":
                # a bogus charset label once made feedparser raise
                self._send(feed(site.base), "application/rss+xml; charset=undefined")
            elif path.startswith("/hostile/") and path[9:-5].isdigit():
                n = int(path[9:-5])
                self._send(_page(n, TITLES[n % len(TITLES)], site.base),
                           "text/html" if n == 1 else "text/html; charset=utf-8")
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()

        def _send(self, body: bytes, ctype: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    """Serve the hostile site on 127.0.0.1 (a free port) in a thread."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    httpd.daemon_threads = True
    site = Site(f"http://127.0.0.1:{httpd.server_address[1]}")
    httpd.RequestHandlerClass = _handler(site)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield site
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
