"""The CLI contract: commands exist, JSONL import is idempotent and reports bad records."""

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from rashomon.cli import app

runner = CliRunner()

CONTRACT = ["init", "db", "doctor", "sources", "crawl", "import", "process", "reprocess",
            "stories", "story", "blindspots", "serve", "up", "demo", "eval", "config", "inspect"]


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("RASHOMON_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("RASHOMON_DATABASE_URL", raising=False)
    return tmp_path


def test_help_lists_the_contract():
    result = subprocess.run([sys.executable, "-m", "rashomon", "--help"], capture_output=True,
                            text=True, check=True)
    for name in CONTRACT:
        assert name in result.stdout
    for group, subs in {"db": ["upgrade", "status", "copy"],
                        "import": ["jsonl", "warc", "html"],
                        "eval": ["extraction", "clustering", "crosslingual", "truthfulness"]}.items():
        out = runner.invoke(app, [group, "--help"]).output
        for sub in subs:
            assert sub in out


def test_config_json_reports_origins(env, monkeypatch):
    monkeypatch.setenv("RASHOMON_PORT", "8123")
    result = runner.invoke(app, ["config", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["port"] == {"value": 8123, "origin": "env RASHOMON_PORT"}


def test_bad_setting_is_a_clear_error(env, monkeypatch):
    monkeypatch.setenv("RASHOMON_PORT", "eighty")
    result = runner.invoke(app, ["config"])
    assert result.exit_code == 2
    assert "RASHOMON_PORT" in result.output


def test_init_and_db_status(env):
    assert runner.invoke(app, ["init"]).exit_code == 0
    result = runner.invoke(app, ["db", "status", "--json"])
    info = json.loads(result.output)
    assert info["backend"] == "sqlite" and info["pending"] == []
    assert info["tables"]["sources"] >= 300  # the bundled catalog


def _write_jsonl(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows),
                    encoding="utf-8")


def test_import_jsonl_is_idempotent_and_reports_bad_lines(env):
    src = env / "in.jsonl"
    good = {"url": "https://www.bbc.com/news/x1", "source": "bbc-news", "title": "T",
            "text": "Body one.", "published": "2026-10-03T07:42:00Z", "language": "en"}
    _write_jsonl(src, [
        good,
        "{not json",
        {"url": "https://www.bbc.com/news/x2", "source": "bbc-news"},
        {"url": "https://x.example/1", "source": "no-such-outlet", "text": "t"},
        {"url": "https://www.bbc.com/news/x3", "source": "bbc-news", "text": "t",
         "published": "yesterday"},
        {**good, "url": "https://www.bbc.com/news/x4", "text": "Body two."},
    ])
    first = runner.invoke(app, ["import", "jsonl", str(src)])
    assert first.exit_code == 0, first.output
    assert "imported 2 new, 0 already known, 4 bad records" in first.output
    assert f"{src}:2: invalid JSON" in first.output
    assert f"{src}:3: needs a non-empty 'html' or 'text'" in first.output
    assert "unknown source 'no-such-outlet'" in first.output
    assert f"{src}:5: 'published' is not ISO 8601" in first.output
    second = runner.invoke(app, ["import", "jsonl", str(src)])
    assert "imported 0 new, 2 already known" in second.output


def test_import_missing_file(env):
    result = runner.invoke(app, ["import", "jsonl", str(env / "missing.jsonl")])
    assert result.exit_code == 2 and "is not a file" in result.output


def test_eval_with_a_missing_dataset_is_a_clear_error(env):
    result = runner.invoke(app, ["eval", "truthfulness", "--dataset", str(env / "nope.json")])
    assert result.exit_code == 2 and "does not exist" in result.output
