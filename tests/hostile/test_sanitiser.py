"""What the sanitisers make of each hostile input: exact outputs, so a change is a decision.

render.clean: outlet text into HTML (text and attributes); render.safe_url: outlet URLs into
href; feeds.plain: outlet text into Atom. See docs/security.md.
"""

from __future__ import annotations

import pytest

from rashomon.web.feeds import plain
from rashomon.web.render import clean, safe_url
from tests.hostile.inert import html_problems
from tests.hostile.site import HOMOGLYPH_TITLE, PWN

CLEAN = [
    # (hostile outlet text, what the page gets)
    (f"<script>{PWN}</script>Quake", "Quake"),
    (f'<img src=x onerror="{PWN}">Rescuers', "Rescuers"),
    (f'<a href="javascript:{PWN}" onclick="{PWN}">Click</a>', "Click"),
    ('<a href="&#106;avascript:alert(1)">x</a>', "x"),
    (f'<svg onload="{PWN}"><script>{PWN}</script></svg>Vector', "Vector"),
    (f'<p onclick="{PWN}" onmouseover="{PWN}">Hover</p>', "Hover"),
    ('<div style="width: expression(alert(1)); background: url(javascript:alert(1))">Aid</div>',
     "Aid"),
    (f"<style>body{{background:url('javascript:{PWN}')}}</style>Styled", "Styled"),
    (f'<iframe src="javascript:{PWN}"></iframe><object data="x"></object>Frame', "Frame"),
    (f'<math><mtext><table><mglyph><style><img src=x onerror="{PWN}"></style></mglyph></mtext>'
     "</math>", ""),
    (f"<noscript><p title=\"</noscript><img src=x onerror='{PWN}'>\"></p></noscript>",
     "&lt;p title=&#34;&#34;&gt;"),
    ("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),
    ('"><svg/onload=alert(1)>', "&#34;&gt;"),  # attribute break-out: quotes escaped too
    ("'-alert(1)-'", "&#39;-alert(1)-&#39;"),
    ("<!--<script>alert(1)//-->", ""),
    ("<![CDATA[<script>alert(1)</script>]]>", "alert(1)]]&gt;"),
    ("<template><script>alert(1)</script></template>t", "t"),
    ("javascript:alert(1)", "javascript:alert(1)"),  # as text it is only text
    ("Tom &amp; Jerry &lt;3", "Tom &amp; Jerry &lt;3"),
    ("Karvash relief convoy \u202egnissim as aid stalls",
     "Karvash relief convoy gnissim as aid stalls"),  # bidi override dropped
    ("\u2067isolated\u2069 \u202bembedded\u202c", "isolated embedded"),
    ("عاجل: \u200fزلزال\u200f في كارفاش", "عاجل: \u200fزلزال\u200f في كارفاش"),  # RLM stays
    (HOMOGLYPH_TITLE, HOMOGLYPH_TITLE),  # shown as written: the page does not "fix" text
    (None, ""),
]
SAFE_URL = [
    ("javascript:alert(1)", "#"), (" JAVASCRIPT:alert(1)", "#"), ("java\tscript:alert(1)", "#"),
    ("java\nscript:x", "#"), ("\x01javascript:x", "#"), ("jav&#x09;ascript:x", "#"),
    ("vbscript:x", "#"), ("data:text/html;base64,PHNjcmlwdD4=", "#"), ("//evil.example/", "#"),
    ("/relative", "#"), ("http://[", "#"), ("", "#"),
    ("HTTPS://ok.example/", "HTTPS://ok.example/"),
    ("https://раураl.com/", "https://раураl.com/"),  # an IDN host: the browser shows punycode
    # a quote cannot break out: templates autoescape what safe_url returns
    ('https://ok.example/"onmouseover="x', 'https://ok.example/"onmouseover="x'),
]
PLAIN = [
    (f"<script>{PWN}</script>Quake", "Quake"),
    (f'<img src=x onerror="{PWN}">Rescuers', "Rescuers"),
    ("Tom &amp; Jerry\x00\x1b", "Tom & Jerry"),
    ("convoy \u202egnissim", "convoy gnissim"),
    (HOMOGLYPH_TITLE, HOMOGLYPH_TITLE),
]


@pytest.mark.parametrize(("hostile", "expected"), CLEAN)
def test_clean(hostile: str | None, expected: str) -> None:
    out = str(clean(hostile))
    assert out == expected
    assert html_problems(f"<p title=\"{out}\">{out}</p>") == []


@pytest.mark.parametrize(("hostile", "expected"), SAFE_URL)
def test_safe_url(hostile: str, expected: str) -> None:
    assert safe_url(hostile) == expected


@pytest.mark.parametrize(("hostile", "expected"), PLAIN)
def test_plain(hostile: str, expected: str) -> None:
    assert plain(hostile) == expected


def test_the_inertness_check_sees_each_vector() -> None:
    bad = ['<a href=" JaVa\tScript:alert(1)">x</a>', "<p onclick=x>", "<script>x</script>",
           '<div style="x:expression(1)">', "<iframe></iframe>", "<base href=/x>",
           '<meta http-equiv="refresh" content="0;url=javascript:x">', "<style></style>",
           '<svg><a xlink:href="javascript:x">', "a\u202eb"]
    assert all(html_problems(b) for b in bad)
    assert html_problems('<script src="/static/globe.js"></script><a href="/story/1">x</a>') == []
