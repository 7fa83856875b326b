"""`rashomon stories|story|blindspots|serve`: thin callers of the same views as the web."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from rashomon.cli import app
from rashomon.store import Store
from tests.web.fixtures import Loaded

runner = CliRunner()


@pytest.fixture
def cli_env(store: Store, loaded: Loaded, monkeypatch: pytest.MonkeyPatch) -> Loaded:
    monkeypatch.setenv("RASHOMON_DATABASE_URL", store.url)
    return loaded


def test_stories_story_blindspots(cli_env: Loaded) -> None:
    listed = runner.invoke(app, ["stories", "--date", "2026-10-18", "--days", "3", "--json"])
    assert listed.exit_code == 0, listed.output
    page = json.loads(listed.stdout)
    assert page["date"] == "2026-10-18" and page["total"] == 3
    table = runner.invoke(app, ["stories", "--date", "2026-10-18", "--days", "3",
                                "--country", "KE"])
    assert table.exit_code == 0 and "2 of 2 stories" in table.stdout
    sid = cli_env.stories["quake-karvash"]
    shown = runner.invoke(app, ["story", str(sid)])
    assert shown.exit_code == 0 and "The world's take" in shown.stdout
    assert "Selin Aksoy" in shown.stdout
    merged = runner.invoke(app, ["story", str(cli_env.merged_story), "--json"])
    assert merged.exit_code == 0 and json.loads(merged.stdout)["story"]["id"] == sid
    pending = runner.invoke(app, ["story", str(cli_env.local_story)])
    assert "analysis pending" in pending.stdout
    assert runner.invoke(app, ["story", "99999"]).exit_code == 2
    spots = runner.invoke(app, ["blindspots", "--country", "ke", "--date", "2026-11-11",
                                "--days", "2", "--json"])
    assert spots.exit_code == 0
    view = json.loads(spots.stdout)
    assert cli_env.stories["wildfire-andes"] in [s["id"] for s in view["overlooked"]]
    text = runner.invoke(app, ["blindspots", "--country", "US", "--date", "2026-11-11",
                               "--days", "2"])
    assert "only in United States media" in text.stdout and "Lakeshore" in text.stdout
    assert runner.invoke(app, ["blindspots", "--country", "USA"]).exit_code == 2
    assert runner.invoke(app, ["stories", "--date", "soon"]).exit_code == 2


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.slow
def test_serve_answers_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    port = _free_port()
    env = dict(os.environ, RASHOMON_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}",
               RASHOMON_PORT=str(port))
    proc = subprocess.Popen([sys.executable, "-m", "rashomon", "serve"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and proc.poll() is None, proc.stdout
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["items"] == []
        assert "No stories in this window yet" in httpx.get(f"http://127.0.0.1:{port}/").text
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=20)
        assert proc.returncode == 0, out
        assert "server stopped" in out
    finally:
        if proc.poll() is None:
            proc.kill()
