"""A real Chromium walks the site served by uvicorn on 127.0.0.1; screenshots go to docs/."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from rashomon.store import Store
from tests.conftest import ROOT
from tests.web.fixtures import load_gold

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = ROOT / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """uvicorn serving the gold corpus from a SQLite file."""
    if not CHROMIUM.exists():
        pytest.skip("Chromium is absent: apt-get install chromium (scripts/test does it)")
    pytest.importorskip("playwright")
    tmp = tmp_path_factory.mktemp("browser")
    url = f"sqlite:///{tmp / 'web.db'}"
    store = Store(url)
    store.upgrade()
    load_gold(store)
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
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_walk_front_story_map_country_blindspots_search(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

        page.goto(server + "/?date=2026-10-18&days=3")
        expect(page.get_by_role("heading", level=1)).to_contain_text("18 October 2026")
        page.screenshot(path=str(SHOTS / "front.png"), full_page=True)
        page.locator("ol.stories .headline a").first.click()

        expect(page.locator("#take-h")).to_be_visible()
        expect(page.locator("ol.take li").first).to_be_visible()
        expect(page.locator("table.quotes")).to_be_visible()
        expect(page.locator("table.figures")).to_be_visible()
        expect(page.locator("a.chip").first).to_be_visible()
        page.screenshot(path=str(SHOTS / "story.png"))
        page.locator("#quotes").scroll_into_view_if_needed()
        page.locator("#quotes").screenshot(path=str(SHOTS / "story-quotes.png"))
        page.locator("#figures").screenshot(path=str(SHOTS / "story-figures.png"))
        page.locator("#coverage").screenshot(path=str(SHOTS / "story-coverage.png"))
        copies = page.locator("details.copies summary").first
        if copies.count():
            copies.click()  # copies are folded under their original; a click opens them

        page.get_by_role("link", name="Map", exact=True).click()
        page.goto(server + "/map?date=2026-11-11&days=60")
        globe = page.locator("canvas.globe")
        expect(globe).to_have_attribute("data-ready", "1")
        before = globe.get_attribute("data-lon")
        box = globe.bounding_box()
        assert box is not None
        cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(cx, cy)
        page.mouse.down()
        page.mouse.move(cx + 120, cy + 10, steps=8)
        page.mouse.up()
        page.wait_for_timeout(200)
        assert globe.get_attribute("data-lon") != before, "the globe did not turn on drag"
        globe.focus()
        lon = globe.get_attribute("data-lon")
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(100)
        assert globe.get_attribute("data-lon") != lon, "the globe did not turn on a key"
        page.screenshot(path=str(SHOTS / "map-globe.png"), full_page=True)
        page.get_by_role("button", name="Show flat map").click()
        expect(page.locator("svg.worldmap")).to_be_visible()
        page.screenshot(path=str(SHOTS / "map.png"), full_page=True)
        page.locator('svg.worldmap a[data-cc="DE"] path').click()

        page.wait_for_url("**/country/DE**")
        expect(page.get_by_role("heading", name="Germany", level=1)).to_be_visible()
        expect(page.locator("#over-h")).to_have_text("Overlooked here")
        page.screenshot(path=str(SHOTS / "country.png"), full_page=True)

        page.get_by_role("link", name="Blindspots", exact=True).click()
        page.get_by_label("Country").select_option("KE")
        page.get_by_label("Day (UTC)").fill("2026-11-11")
        page.get_by_label("Window").select_option("30")
        page.get_by_role("button", name="Show").click()
        expect(page.get_by_role("heading", name="Overlooked by Kenya's media")).to_be_visible()
        expect(page.locator("ol.stories").first).to_contain_text("Wildfire near Alto Lenga")
        page.screenshot(path=str(SHOTS / "blindspots.png"), full_page=True)

        page.get_by_label("Search articles").fill("Karvash")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=2)).to_contain_text("Karvash")
        page.screenshot(path=str(SHOTS / "search.png"), full_page=True)

        page.goto(server + "/thread/1")
        page.screenshot(path=str(SHOTS / "thread.png"), full_page=True)
        page.goto(server + "/source/meridian-post")
        page.screenshot(path=str(SHOTS / "source.png"), full_page=True)

        phone = browser.new_page(viewport={"width": 390, "height": 844}, color_scheme="dark")
        phone.goto(page.url.split("/source")[0] + "/story/1")
        phone.screenshot(path=str(SHOTS / "story-phone-dark.png"))
        browser.close()
    assert errors == []


def test_map_works_without_javascript(server: str) -> None:
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_context(java_script_enabled=False,
                                   viewport={"width": 1280, "height": 900}).new_page()
        page.goto(server + "/map?date=2026-11-11&days=60")
        expect(page.locator("svg.worldmap")).to_be_visible()
        assert page.locator("canvas.globe").count() == 0
        page.locator('svg.worldmap a[data-cc="ES"] path').click()
        page.wait_for_url("**/country/ES**")
        expect(page.get_by_role("heading", name="Spain", level=1)).to_be_visible()
        page.keyboard.press("Tab")  # the skip link comes first for keyboard users
        expect(page.locator("a.skip")).to_be_focused()
        browser.close()
