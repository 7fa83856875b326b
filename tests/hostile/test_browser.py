"""A real Chromium reads every page that shows the hostile outlet: no script of theirs runs.

Each page is loaded twice: as served (with the Content-Security-Policy) and with the CSP
bypassed, so the sanitiser is shown to hold on its own, not only behind the policy. A hostile
script would set ``window.__pwned``, retitle the page ``PWNED``, open a dialog, add
``data-pwned`` or request ``/pwned``; the test hovers and clicks outlet links too.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from rashomon.store import Store
from tests.hostile.pipeline import SOURCE, Processed, crawl_and_process
from tests.hostile.site import serve

if TYPE_CHECKING:
    from playwright.sync_api import Dialog

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]
PROBE = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  title: document.title,
  marked: document.querySelectorAll('[data-pwned]').length,
  scripts: [...document.scripts].filter(s => !s.src.includes('/static/')).length,
  handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])
      .filter(a => a.name.startsWith('on')).map(a => a.name),
  jsLinks: [...document.querySelectorAll('[href],[src],[action],[formaction]')]
      .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action')
           || e.getAttribute('formaction') || '')
      .filter(u => /^\\s*(javascript|vbscript|data):/i.test(u)),
})"""

# What a reader does short of clicking: point at and focus everything (fires any handler).
TOUCH = """() => { for (const e of document.querySelectorAll('body *')) {
  for (const t of ['mouseover', 'mouseenter', 'focus', 'animationstart']) {
    e.dispatchEvent(new Event(t, {bubbles: true})); } } }"""


def _recorder(dialogs: list[str]) -> Callable[[Dialog], None]:
    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    return on_dialog


@dataclass
class Served:
    base: str
    done: Processed
    pwned_hits: list[str]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The hostile outlet crawled and processed into a SQLite file, served by uvicorn."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is absent: apt-get install chromium (scripts/test does it)")
    pytest.importorskip("playwright")
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'web.db'}"
    store = Store(url)
    store.upgrade()
    with serve() as site:
        done = crawl_and_process(store, site)
    store.dispose()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, RASHOMON_DATABASE_URL=url, RASHOMON_WEB_CACHE_SECONDS="0")
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory",
                             "rashomon.web.app:create_app_from_env", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "warning"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(base + "/api/threads", timeout=2)
                break
            except httpx.HTTPError:
                assert proc.poll() is None and time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        yield Served(base, done, [])
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _paths(done: Processed) -> list[str]:
    return (["/", f"/source/{SOURCE}", "/sources", "/search?q=Karvash", "/threads"]
            + [f"/story/{s}" for s in done.stories] + [f"/article/{a}" for a in done.articles])


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "sanitiser-alone"])
def test_no_outlet_script_runs(served: Served, bypass_csp: bool) -> None:
    from playwright.sync_api import sync_playwright

    dialogs: list[str] = []
    requests: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        context = browser.new_context(bypass_csp=bypass_csp)
        page = context.new_page()
        page.on("dialog", _recorder(dialogs))
        page.on("request", lambda r: requests.append(r.url))
        for path in _paths(served.done):
            page.goto(served.base + path)
            page.wait_for_load_state("load")
            title = page.title()
            page.evaluate(TOUCH)
            found = page.evaluate(PROBE)
            assert found == {"pwned": None, "title": title, "marked": 0, "scripts": 0,
                             "handlers": [], "jsLinks": []}, (path, found)
            assert "PWNED" not in title, path
        # follow every outlet link on an article page: each leads to our pages or the outlet
        page.goto(served.base + f"/article/{served.done.articles[0]}")
        hrefs = [a.get_attribute("href") or "" for a in page.locator("main a").all()]
        assert all(h.startswith(("/", "http://127.0.0.1", "#")) for h in hrefs), hrefs
        browser.close()
    assert dialogs == []
    assert not [u for u in requests if "pwned" in u.lower()]


def test_the_probe_sees_a_script_that_runs(served: Served) -> None:
    """The same checks on the raw hostile HTML (unsanitised) do fire: the test has teeth."""
    from playwright.sync_api import sync_playwright

    from tests.hostile.site import HOSTILE_HTML

    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        page.on("dialog", _recorder(dialogs))
        page.set_content("<main>" + "".join(HOSTILE_HTML) + "</main>")
        page.wait_for_timeout(300)
        found = page.evaluate(PROBE)
        browser.close()
    assert found["pwned"] == "1" and found["title"] == "PWNED" and dialogs
    assert found["handlers"] and found["jsLinks"] and found["scripts"]
