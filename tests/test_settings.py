"""The settings table: precedence, types, errors and generated documentation."""

from pathlib import Path

import pytest

from rashomon.settings import SETTINGS, SettingsError, load_settings, settings_markdown

DOC = Path(__file__).resolve().parents[1] / "docs" / "configuration.md"


def test_every_setting_is_documented_and_doc_is_current():
    text = DOC.read_text(encoding="utf-8")
    for s in SETTINGS:
        assert f"`{s.name}`" in text and s.env in text, f"{s.name} missing from {DOC}"
        assert s.help.strip(), f"{s.name} has no help text"
    assert text == settings_markdown(), "regenerate: rashomon config --markdown > docs/configuration.md"


def test_precedence_default_file_env_cli(tmp_path):
    cfg = tmp_path / "r.toml"
    cfg.write_text("port = 9000\nbatch_size = 10\nhost = '0.0.0.0'\n")
    s = load_settings(cfg, {"batch_size": "5"}, environ={"RASHOMON_PORT": "9100"})
    assert (s.port, s.batch_size, s.host, s.engine) == (9100, 5, "0.0.0.0", "local")
    assert s.origins["port"] == "env RASHOMON_PORT"
    assert s.origins["batch_size"] == "command line"
    assert s.origins["host"] == str(cfg)
    assert s.origins["engine"] == "default"


def test_section_table_in_toml(tmp_path):
    cfg = tmp_path / "r.toml"
    cfg.write_text("[rashomon]\nport = 8100\n")
    assert load_settings(cfg, environ={}).port == 8100


@pytest.mark.parametrize("content, message", [
    ("port = 'eighty'", "port from .*: expected int"),
    ("nonsense = 1", "unknown setting 'nonsense'"),
    ("port = ", "not valid TOML"),
])
def test_bad_config_names_file_and_field(tmp_path, content, message):
    cfg = tmp_path / "bad.toml"
    cfg.write_text(content)
    with pytest.raises(SettingsError, match=message):
        load_settings(cfg, environ={})


def test_bad_env_value_names_variable():
    with pytest.raises(SettingsError, match="env RASHOMON_BATCH_SIZE"):
        load_settings(environ={"RASHOMON_BATCH_SIZE": "many"})


def test_missing_config_file(tmp_path):
    with pytest.raises(SettingsError, match="does not exist"):
        load_settings(tmp_path / "nope.toml", environ={})


def test_default_database_is_sqlite_in_data_dir(tmp_path):
    s = load_settings(environ={"RASHOMON_DATA_DIR": str(tmp_path)})
    assert s.resolved_database_url == f"sqlite:///{tmp_path / 'rashomon.db'}"
    s2 = s.replace(database_url="postgresql://u@h/db")
    assert s2.resolved_database_url == "postgresql://u@h/db"
