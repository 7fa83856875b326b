"""The one settings table: defaults, types and help, read from TOML, env RASHOMON_* and CLI."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Setting:
    """One configurable value."""

    name: str
    default: Any
    type: type
    help: str
    section: str = "general"

    @property
    def env(self) -> str:
        return "RASHOMON_" + self.name.upper()


def _default_data_dir() -> str:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "rashomon")


# Keep entries grouped by section; docs/configuration.md is generated from this table.
SETTINGS: tuple[Setting, ...] = (
    # general
    Setting("data_dir", _default_data_dir(), str,
            "Directory for the SQLite database, caches and logs.", "general"),
    Setting("database_url", "", str,
            "Database URL: sqlite:///PATH or postgresql://USER@HOST/DB. "
            "Empty means a SQLite file rashomon.db in data_dir.", "general"),
    Setting("log_level", "INFO", str, "Logging level (DEBUG, INFO, WARNING, ERROR).", "general"),
    Setting("demo_corpus", "", str,
            "Folder with the demo corpus (outlets.toml and site/); empty: tests/corpus of the "
            "checkout Rashomon runs from.", "general"),
    # fetch
    Setting("user_agent", "Rashomon/0.1 (+{contact})", str,
            "User-Agent sent with every request; {contact} is replaced by contact_url.", "fetch"),
    Setting("contact_url", "https://github.com/rashomon-news/rashomon", str,
            "Where site owners can learn about the crawler; goes into the User-Agent.", "fetch"),
    Setting("fetch_concurrency", 16, int, "Global limit of simultaneous requests.", "fetch"),
    Setting("per_host_concurrency", 1, int, "Simultaneous requests to one host.", "fetch"),
    Setting("per_host_delay", 1.0, float,
            "Minimum seconds between requests to one host (robots.txt Crawl-delay wins if larger).",
            "fetch"),
    Setting("max_body_bytes", 5_000_000, int,
            "Largest response body accepted, enforced while streaming and after decompression.",
            "fetch"),
    Setting("connect_timeout", 10.0, float, "Seconds to establish a connection.", "fetch"),
    Setting("read_timeout", 20.0, float, "Seconds to wait for data on an open connection.", "fetch"),
    Setting("total_timeout", 60.0, float, "Seconds for a whole request including the body.", "fetch"),
    Setting("max_redirects", 5, int, "Redirects followed per request.", "fetch"),
    Setting("allow_hosts", "", str,
            "Comma-separated hosts or IPs exempt from the private-address guard (tests: 127.0.0.1).",
            "fetch"),
    Setting("sources_file", "", str,
            "User sources TOML that adds, overrides or disables catalog outlets.", "fetch"),
    Setting("poll_interval_min", 300, int, "Shortest seconds between polls of one feed.", "fetch"),
    Setting("poll_interval_max", 86_400, int, "Longest seconds between polls of one feed.", "fetch"),
    Setting("fetch_retries", 2, int,
            "Retries of a request after a timeout, a connection error or a 5xx/429 answer.", "fetch"),
    Setting("retry_backoff", 2.0, float,
            "Seconds before the first retry; doubled for each further one, with jitter.", "fetch"),
    Setting("retry_after_max", 120.0, float,
            "Longest Retry-After (seconds) waited for in a run; longer ones postpone the feed.",
            "fetch"),
    Setting("max_new_per_feed", 200, int,
            "Most unseen article URLs fetched from one feed or sitemap per poll.", "fetch"),
    # process
    Setting("engine", "local", str, "Pipeline engine: local or ray.", "process"),
    Setting("ray_address", "", str, "Ray cluster address for engine=ray (empty: start locally).",
            "process"),
    Setting("batch_size", 64, int, "Articles per pipeline batch.", "process"),
    Setting("workers", 0, int, "Worker processes for CPU-bound stages (0: one per core).",
            "process"),
    Setting("language_candidates", "", str,
            "Comma-separated ISO 639-1 codes language identification chooses from "
            "(empty: 45 major news languages).", "process"),
    Setting("language_low_accuracy_over", 0, int,
            "Texts longer than this many characters use lingua's low-accuracy mode (about 80 MB "
            "instead of 0.9 GB; as accurate on whole articles). -1 never uses it.", "process"),
    Setting("template_min_articles", 3, int,
            "A line recurring in this many of an outlet's recent articles is boilerplate.",
            "process"),
    Setting("translator", "none", str,
            "Translation backend: none, argos, libretranslate, openai or an entry-point name.",
            "process"),
    Setting("translator_url", "", str, "Base URL of the libretranslate or openai translator.",
            "process"),
    Setting("translator_api_key", "", str, "API key for the translator, if it needs one.",
            "process"),
    Setting("translator_model", "", str, "Model name for the openai translator.", "process"),
    Setting("translator_concurrency", 4, int, "Simultaneous requests to the translator.",
            "process"),
    Setting("translator_rate", 0.0, float,
            "Most translator requests per second (0: no limit).", "process"),
    Setting("translator_timeout", 30.0, float, "Seconds to wait for one translation request.",
            "process"),
    Setting("translate_full_text", False, bool,
            "Translate whole articles, not only title and lead (costly with remote backends).",
            "process"),
    Setting("embedder", "default", str,
            "Embedding backend: default (bundled), sentence-transformers, openai or an "
            "entry-point name.", "process"),
    Setting("embedder_model", "", str, "Model name or path for the chosen embedder.", "process"),
    Setting("embedder_url", "", str, "Base URL of an OpenAI-compatible embeddings endpoint.",
            "process"),
    Setting("embedder_api_key", "", str,
            "API key for the openai embedder (default: the OPENAI_API_KEY variable).", "process"),
    Setting("syndication_window_days", 7, int,
            "Days within which near-identical articles count as copies of one original.",
            "process"),
    Setting("cluster_threshold", 0.42, float,
            "Score (0-1: embedding, terms, entities) at which an article joins a story.",
            "process"),
    Setting("cluster_embedding_threshold", 0.5, float,
            "The same for embedding similarity alone: articles in different languages "
            "without translations.", "process"),
    Setting("cluster_merge_threshold", 0.28, float,
            "Average-link score at which the repair pass merges two stories.", "process"),
    Setting("cluster_split_ratio", 0.7, float,
            "The repair pass splits a story whose two halves are less alike than this share "
            "of their own cohesion.", "process"),
    Setting("cluster_window_days", 7.0, float,
            "Days without a new article after which a story is closed to new ones.", "process"),
    Setting("cluster_time_grace_hours", 24.0, float,
            "Hours from a story's centre within which publication time costs nothing.",
            "process"),
    Setting("cluster_time_decay", 0.1, float,
            "Score an article loses per day beyond the grace (0: time-blind).", "process"),
    Setting("cluster_candidates", 24, int,
            "Nearest articles the ANN index proposes per new article.", "process"),
    Setting("cluster_lead_chars", 1500, int,
            "Characters of body text after the title used for terms and entities.", "process"),
    Setting("thread_threshold", 0.28, float,
            "Stories kept apart only by time share a thread when their score reaches this.",
            "process"),
    # web
    Setting("host", "127.0.0.1", str, "Address the web server listens on.", "web"),
    Setting("port", 8000, int, "Port the web server listens on.", "web"),
    Setting("web_workers", 1, int,
            "Web server processes (more than 1 serves more readers; each has its own cache).",
            "web"),
    Setting("web_cache_seconds", 5.0, float,
            "Seconds a page or API answer is reused for further readers (0: always fresh).",
            "web"),
    Setting("page_size", 30, int, "Stories per page on the front, country and thread pages.",
            "web"),
    Setting("blindspot_min_countries", 3, int,
            "A story counts as overlooked by a country when at least this many other countries' "
            "outlets cover it and none of its own do.", "web"),
    Setting("base_url", "", str,
            "Public URL of the site for links in Atom feeds (empty: taken from each request).",
            "web"),
    # analysis
    Setting("analysis_max_articles", 40, int,
            "Most articles of a story its analysis reads (originals first, then the earliest "
            "copies); coverage still counts every article.", "analysis"),
    Setting("analysis_max_sentences", 60, int,
            "Most sentences of each article the analysis reads (news is front-loaded).",
            "analysis"),
    Setting("take_writer", "extractive", str,
            "World's-take writer: extractive (sentences as outlets wrote them) or llm (rewritten "
            "by an OpenAI-compatible chat model, kept only when every sentence is grounded).",
            "analysis"),
    Setting("llm_url", "", str, "Base URL of the OpenAI-compatible chat endpoint for take_writer "
            "= llm, e.g. http://127.0.0.1:8080/v1.", "analysis"),
    Setting("llm_model", "", str, "Model name sent to the llm take writer's endpoint.",
            "analysis"),
    Setting("llm_api_key", "", str, "API key for the llm take writer, if it needs one.",
            "analysis"),
    Setting("llm_timeout", 60.0, float, "Seconds to wait for the llm take writer's answer.",
            "analysis"),
    Setting("blindspot_min_outlets", 5, int,
            "A story counts as overlooked by a country when at least this many outlets abroad "
            "cover it (see blindspot_min_countries) and none of its own do.", "analysis"),
    Setting("blindspot_only_min_outlets", 2, int,
            "A story covered only by one country's outlets is listed as \"only in\" that country "
            "when at least this many of its outlets cover it.", "analysis"),
    Setting("blindspot_window_days", 7, int,
            "Blindspots consider stories last reported within this many days.", "analysis"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


class SettingsError(ValueError):
    """A setting has a bad name or value; the message says which and where from."""


def _coerce(setting: Setting, raw: Any, origin: str) -> Any:
    if setting.type is bool:
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "on"}:
            return True
        if text in {"0", "false", "no", "off"}:
            return False
        raise SettingsError(f"{setting.name} from {origin}: expected true/false, got {raw!r}")
    try:
        return setting.type(raw)
    except (TypeError, ValueError):
        raise SettingsError(
            f"{setting.name} from {origin}: expected {setting.type.__name__}, got {raw!r}"
        ) from None


class Settings(Mapping[str, Any]):
    """Effective settings with the origin of every value."""

    def __init__(self, values: dict[str, Any], origins: dict[str, str]):
        self._values = values
        self.origins = origins

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __getattr__(self, key: str) -> Any:
        try:
            return self._values[key]
        except KeyError:
            raise AttributeError(key) from None

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def replace(self, **changes: Any) -> Settings:
        """A copy with some values changed (origin 'override')."""
        values = dict(self._values)
        origins = dict(self.origins)
        for name, raw in changes.items():
            if name not in _BY_NAME:
                raise SettingsError(f"unknown setting {name!r}")
            values[name] = _coerce(_BY_NAME[name], raw, "override")
            origins[name] = "override"
        return Settings(values, origins)

    @property
    def resolved_database_url(self) -> str:
        """The database URL, with the SQLite default placed in data_dir."""
        if self._values["database_url"]:
            return str(self._values["database_url"])
        return f"sqlite:///{Path(self._values['data_dir']) / 'rashomon.db'}"


def load_settings(
    config_file: str | Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Defaults < TOML file < environment < explicit overrides (CLI options)."""
    env = os.environ if environ is None else environ
    values = {s.name: s.default for s in SETTINGS}
    origins = {s.name: "default" for s in SETTINGS}
    path = config_file or env.get("RASHOMON_CONFIG")
    if path:
        p = Path(path)
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SettingsError(f"config file {p} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"config file {p} is not valid TOML: {exc}") from None
        table = data.get("rashomon", data)
        for name, raw in table.items():
            if name not in _BY_NAME:
                raise SettingsError(f"config file {p}: unknown setting {name!r}")
            values[name] = _coerce(_BY_NAME[name], raw, str(p))
            origins[name] = str(p)
    for s in SETTINGS:
        if s.env in env:
            values[s.name] = _coerce(s, env[s.env], f"env {s.env}")
            origins[s.name] = f"env {s.env}"
    for name, raw in (overrides or {}).items():
        if raw is None:
            continue
        if name not in _BY_NAME:
            raise SettingsError(f"unknown setting {name!r}")
        values[name] = _coerce(_BY_NAME[name], raw, "command line")
        origins[name] = "command line"
    return Settings(values, origins)


def settings_markdown() -> str:
    """docs/configuration.md, generated from the table."""
    lines = [
        "# Configuration",
        "",
        "<!-- generated by `rashomon config --markdown`; edit src/rashomon/settings.py -->",
        "",
        "Every setting is read, lowest to highest precedence, from its default, a TOML file "
        "(`--config FILE` or `RASHOMON_CONFIG`; keys at the top level or under `[rashomon]`), "
        "the environment variable `RASHOMON_<NAME>`, and command-line options. "
        "`rashomon config` prints the effective values and where each came from.",
    ]
    section = None
    for s in SETTINGS:
        if s.section != section:
            section = s.section
            lines += ["", f"## {section}", "", "| name | env | type | default | help |",
                      "|---|---|---|---|---|"]
        default = "(per user)" if s.name == "data_dir" else repr(s.default)
        help_text = s.help.replace("|", "\\|")
        lines.append(f"| `{s.name}` | `{s.env}` | {s.type.__name__} | `{default}` | {help_text} |")
    return "\n".join(lines) + "\n"
