"""The `rashomon` command line: parses options, calls the pipeline and store, prints."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from rashomon import __version__
from rashomon.settings import SETTINGS, Settings, SettingsError, load_settings, settings_markdown

app = typer.Typer(help="Rashomon: the same event, told by every country's press.",
                  no_args_is_help=True, add_completion=False)
db_app = typer.Typer(help="Database migrations, status and copies.", no_args_is_help=True)
sources_app = typer.Typer(help="The outlets Rashomon follows.", no_args_is_help=True)
import_app = typer.Typer(help="Import articles from files.", no_args_is_help=True)
eval_app = typer.Typer(help="Quality evaluations on public datasets.", no_args_is_help=True)
inspect_app = typer.Typer(help="Look inside stored items.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(sources_app, name="sources")
app.add_typer(import_app, name="import")
app.add_typer(eval_app, name="eval")
app.add_typer(inspect_app, name="inspect")
translate_app = typer.Typer(help="Translation backends.", no_args_is_help=True)
app.add_typer(translate_app, name="translate")

console = Console(stderr=True, soft_wrap=True)
out = Console(soft_wrap=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON output.")]


class _State:
    config: Path | None = None
    overrides: dict[str, Any] = {}


def settings() -> Settings:
    """The effective settings for this invocation."""
    try:
        return load_settings(_State.config, _State.overrides)
    except SettingsError as exc:
        fail(str(exc))
        raise  # unreachable; keeps type checkers content


def fail(message: str, code: int = 2) -> None:
    """Print an error that says what to do, and exit."""
    console.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def not_yet(what: str, issue: int) -> None:
    """Say plainly that a capability has not landed yet (never pretend)."""
    console.print(f"[yellow]{what} is not available in this version yet[/] "
                  f"(tracked in issue #{issue}).")
    raise typer.Exit(3)


def emit_json(data: Any) -> None:
    out.print_json(json.dumps(data, default=str, ensure_ascii=False))


def open_store(upgrade: bool = False):  # type: ignore[no-untyped-def]
    """The configured store; with upgrade, migrated to the newest schema first."""
    from rashomon.store import Store, StoreError

    s = settings()
    try:
        store = Store(s.resolved_database_url)
        if upgrade:
            store.upgrade()
    except StoreError as exc:
        fail(str(exc))
    except Exception as exc:  # a driver error: say which database and why
        fail(f"cannot open database {s.resolved_database_url}: {exc}")
    return store


@app.callback()
def _main(
    config: Annotated[Path | None, typer.Option("--config", help="TOML settings file.")] = None,
    database_url: Annotated[str | None, typer.Option(help="Database URL.")] = None,
    data_dir: Annotated[str | None, typer.Option(help="Data directory.")] = None,
    version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False,
) -> None:
    if version:
        out.print(f"rashomon {__version__}")
        raise typer.Exit()
    _State.config = config
    _State.overrides = {"database_url": database_url, "data_dir": data_dir}


@app.command()
def config(
    markdown: Annotated[bool, typer.Option(help="Print docs/configuration.md.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Print the effective settings and where each value came from."""
    if markdown:
        sys.stdout.write(settings_markdown())
        return
    s = settings()
    if as_json:
        emit_json({k: {"value": s[k], "origin": s.origins[k]} for k in s})
        return
    table = Table("setting", "value", "origin", "env")
    for item in SETTINGS:
        table.add_row(item.name, str(s[item.name]), s.origins[item.name], item.env)
    out.print(table)


@app.command()
def init() -> None:
    """Create the data directory and database, and apply migrations."""
    s = settings()
    Path(s.data_dir).mkdir(parents=True, exist_ok=True)
    store = open_store(upgrade=True)
    from rashomon.pipeline.sources import sync_catalog

    n = sync_catalog(store, s)
    out.print(f"database ready at {store.engine.url.render_as_string(hide_password=True)}; "
              f"{n} sources registered")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply pending migrations."""
    store = open_store()
    from rashomon.store.migrate import pending

    todo = pending(store.engine)
    store.upgrade()
    out.print(f"applied {len(todo)} migration(s); database at the newest schema")


@db_app.command("status")
def db_status(as_json: JsonOpt = False) -> None:
    """Show the schema revision, pending migrations and row counts."""
    from rashomon.store.status import db_status as status

    info = status(open_store().engine)
    if as_json:
        emit_json(info)
        return
    out.print(f"backend {info['backend']}  {info['url']}")
    out.print(f"revision {info['revision'] or '(empty)'}  head {info['head']}  "
              f"pending {len(info['pending'])}")
    for name, n in info["tables"].items():
        out.print(f"  {name:20} {n}")


@db_app.command("copy")
def db_copy(to: Annotated[str, typer.Option("--to", help="Target database URL.")]) -> None:
    """Copy this installation's database to another (e.g. SQLite to PostgreSQL)."""
    not_yet("db copy", 9)


@app.command()
def doctor(as_json: JsonOpt = False) -> None:
    """Check the database, models, optional backends and disk; say how to fix problems."""
    from rashomon.doctor import run_checks

    checks = run_checks(settings())
    if as_json:
        emit_json([c.__dict__ for c in checks])
    else:
        for c in checks:
            mark = {"ok": "[green]ok[/]", "warn": "[yellow]warn[/]", "fail": "[red]FAIL[/]"}[c.status]
            out.print(f"{mark:>20}  {c.name}: {c.detail}" + (f"\n{'':>8}fix: {c.fix}" if c.fix else ""))
    if any(c.status == "fail" for c in checks):
        raise typer.Exit(1)


@sources_app.command("list")
def sources_list(
    country: Annotated[str | None, typer.Option(help="ISO 3166-1 alpha-2 country.")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 language.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List the outlets followed (bundled catalog plus the user sources file)."""
    from rashomon.pipeline.sources import configured_outlets, outlets_summary

    outlets = configured_outlets(settings())
    if country:
        outlets = [o for o in outlets if o.country == country.upper()]
    if language:
        outlets = [o for o in outlets if language.lower() in o.languages]
    if as_json:
        emit_json({"summary": outlets_summary(outlets),
                   "outlets": [o.__dict__ | {"languages": list(o.languages),
                                             "feeds": list(o.feeds),
                                             "sitemaps": list(o.sitemaps)} for o in outlets]})
        return
    table = Table("id", "name", "country", "languages", "type", "feeds")
    for o in outlets:
        table.add_row(o.id, o.name, o.country, ",".join(o.languages),
                      o.type + (" (wire)" if o.wire else ""), str(len(o.feeds) + len(o.sitemaps)))
    out.print(table)
    summary = outlets_summary(outlets)
    out.print(f"{summary['outlets']} outlets, {summary['countries']} countries, "
              f"{summary['languages']} languages")


@app.command()
def crawl(
    once: Annotated[bool, typer.Option(help="Poll due feeds once, then exit.")] = False,
    source: Annotated[str | None, typer.Option(help="Only this source id.")] = None,
) -> None:
    """Poll feeds and sitemaps and fetch new articles."""
    not_yet("The crawler", 3)


def _run_import(records: Any, total_hint: int | None = None) -> None:
    from rich.progress import Progress

    from rashomon.pipeline.ingest import import_documents
    from rashomon.pipeline.sources import sync_catalog

    store = open_store(upgrade=True)
    sync_catalog(store, settings())
    start = time.monotonic()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task("importing", total=total_hint)
        summary = import_documents(store, records, on_record=lambda: progress.advance(task))
    for bad in summary.bad[:50]:
        console.print(f"[yellow]skipped[/] {bad}")
    if len(summary.bad) > 50:
        console.print(f"[yellow]... and {len(summary.bad) - 50} more bad records[/]")
    out.print(summary.line(time.monotonic() - start))


@import_app.command("jsonl")
def import_jsonl(paths: Annotated[list[Path], typer.Argument(help="JSONL files.")]) -> None:
    """Import articles from JSONL files (format: docs/import-formats.md)."""
    from itertools import chain

    from rashomon.fetch.jsonl import read_jsonl

    for p in paths:
        if not p.is_file():
            fail(f"{p} is not a file")
    _run_import(chain.from_iterable(read_jsonl(p) for p in paths))


@import_app.command("warc")
def import_warc(paths: Annotated[list[Path], typer.Argument(help="WARC files.")]) -> None:
    """Import response records from WARC files (CC-NEWS style)."""
    not_yet("WARC import", 3)


@import_app.command("html")
def import_html(directory: Annotated[Path, typer.Argument(help="Directory of pages.")]) -> None:
    """Import a directory of HTML pages with a URL mapping."""
    not_yet("HTML directory import", 3)


def _run_process() -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from rashomon.pipeline.engine import process as run

    store = open_store(upgrade=True)
    tasks: dict[str, Any] = {}
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as progress:
        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=max(total, done))

        report = run(store, settings(), update)
    for stage in report.stages:
        for err in stage.errors[:10]:
            console.print(f"[yellow]{stage.name}:[/] {err}")
    out.print(report.line())


@app.command()
def process() -> None:
    """Run every pending pipeline stage."""
    _run_process()


@app.command()
def reprocess(
    stage: Annotated[str, typer.Option(help="Stage to redo (and every stage after it).")],
    since: Annotated[str | None, typer.Option(help="Only articles published since DATE.")] = None,
) -> None:
    """Redo a stage (and those after it) after a model or setting change."""
    from datetime import UTC, datetime

    from rashomon.models import STAGES
    from rashomon.store.articles import rewind

    if stage not in STAGES[1:]:
        fail(f"--stage must be one of {', '.join(STAGES[1:])}, not {stage!r}")
    try:
        when = datetime.fromisoformat(since).replace(tzinfo=UTC) if since else None
    except ValueError:
        fail(f"--since must be a date like 2026-10-03, not {since!r}")
        return
    previous = STAGES[STAGES.index(stage) - 1]
    with open_store(upgrade=True).begin() as conn:
        n = rewind(conn, previous, when)
    out.print(f"{n} article(s) will redo {stage} and later stages")
    _run_process()


@app.command()
def stories(
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD.")] = None,
    country: Annotated[str | None, typer.Option(help="Country code.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List stories."""
    not_yet("Stories", 6)


@app.command()
def story(story_id: int, as_json: JsonOpt = False) -> None:
    """Show one story with its analysis."""
    not_yet("Stories", 6)


@app.command()
def blindspots(
    country: Annotated[str, typer.Option(help="Country code.")],
    as_json: JsonOpt = False,
) -> None:
    """Stories the world covers that a country's press ignores, and the reverse."""
    not_yet("Blindspots", 7)


@app.command()
def serve() -> None:
    """Serve the web UI and API."""
    not_yet("The web UI", 8)


@app.command()
def up() -> None:
    """The main job: crawl the catalog, process continuously and serve."""
    not_yet("`rashomon up` (crawl, process and serve)", 8)


@app.command()
def demo() -> None:
    """Crawl the bundled fictional corpus offline and serve it."""
    not_yet("The demo", 8)


@translate_app.command("install")
def translate_install(source: str, target: str) -> None:
    """Install an Argos Translate package for a language pair (needs the internet)."""
    from rashomon.language.translate import TranslationError
    from rashomon.language.translate.argos import install_pair

    try:
        out.print(f"installed {install_pair(source, target)}")
    except TranslationError as exc:
        fail(str(exc))
    except Exception as exc:  # network errors from the package index
        fail(f"argos: could not install {source}→{target}: {exc}")


@inspect_app.command("article")
def inspect_article(article_id: int, as_json: JsonOpt = False) -> None:
    """Show an article's clean text and what cleanup removed."""
    from rashomon.store.articles import get_article

    with open_store().connect() as conn:
        art = get_article(conn, article_id)
    if art is None:
        fail(f"no article with id {article_id}")
        return
    if as_json:
        emit_json(art)
        return
    out.print(f"[bold]{art['title'] or '(untitled)'}[/]  [{art['language'] or '?'}] "
              f"{art['source_id']}  stage={art['stage']}")
    out.print(art["url"])
    out.print(art["text"] or "(not extracted yet)")
    for r in art["removed"]:
        out.print(f"[dim]removed ({r['reason']}): {r['text']}[/]")


def _eval_stub(kind: str, issue: int) -> None:
    not_yet(f"`rashomon eval {kind}`", issue)


@eval_app.command("extraction")
def eval_extraction(dataset: Annotated[Path, typer.Option(help="Dataset path.")],
                    as_json: JsonOpt = False) -> None:
    """Extraction F1 on the scrapinghub benchmark."""
    _eval_stub("extraction", 4)


@eval_app.command("clustering")
def eval_clustering(dataset: Annotated[Path, typer.Option(help="Dataset path.")],
                    as_json: JsonOpt = False) -> None:
    """Story clustering B³/pairwise F1 and ARI on ECB+."""
    _eval_stub("clustering", 6)


@eval_app.command("crosslingual")
def eval_crosslingual(dataset: Annotated[Path, typer.Option(help="Dataset path.")],
                      as_json: JsonOpt = False) -> None:
    """Cross-lingual retrieval on Tatoeba and similarity on STSb."""
    _eval_stub("crosslingual", 5)


@eval_app.command("truthfulness")
def eval_truthfulness(dataset: Annotated[Path | None, typer.Option(help="Dataset path.")] = None,
                      as_json: JsonOpt = False) -> None:
    """Quotes, figures and world's-take grounding against the corpus gold."""
    _eval_stub("truthfulness", 7)


def main() -> None:
    """Console-script entry point."""
    app()
