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
    """Copy this installation's database into an empty one (e.g. SQLite to PostgreSQL)."""
    from rich.progress import Progress

    from rashomon.store import Store, StoreError
    from rashomon.store.copy import CopyError, copy_database

    source = open_store(upgrade=True)
    try:
        target = Store(to)
        target.upgrade()
    except (StoreError, Exception) as exc:
        fail(f"cannot open target database {to}: {exc}")
        return
    tasks: dict[str, Any] = {}
    start = time.monotonic()
    try:
        with Progress(console=console, transient=True) as progress:
            def update(table: str, done: int, total: int) -> None:
                if table not in tasks:
                    tasks[table] = progress.add_task(table, total=total)
                progress.update(tasks[table], completed=done)

            counts = copy_database(source.engine, target.engine, update)
    except CopyError as exc:
        fail(f"{exc} (nothing was written)")
        return
    out.print(f"copied {sum(counts.values())} rows in {len(counts)} tables to "
              f"{target.engine.url.render_as_string(hide_password=True)} in "
              f"{time.monotonic() - start:.1f}s")


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


def _sources_changed(path: Path, what: str, ids: list[str]) -> None:
    from rashomon.pipeline.sources import configured_outlets, register_outlets

    changed = [o for o in configured_outlets(settings()) if o.id in set(ids)]
    register_outlets(open_store(upgrade=True), changed)
    out.print(f"{what}; written to {path}")
    if not settings().sources_file:
        console.print(f"[dim]note: set sources_file = {str(path)!r} (or RASHOMON_SOURCES_FILE) "
                      "so every command reads this file[/]")


@sources_app.command("add")
def sources_add(
    outlet_id: Annotated[str, typer.Argument(help="Kebab-case id, e.g. my-paper.")],
    name: Annotated[str, typer.Option(help="The outlet's name.")],
    homepage: Annotated[str, typer.Option(help="Homepage URL.")],
    country: Annotated[str, typer.Option(help="ISO 3166-1 alpha-2 country.")],
    language: Annotated[list[str], typer.Option(help="ISO 639-1 language (repeatable).")],
    feed: Annotated[list[str] | None, typer.Option(help="RSS/Atom/JSON feed URL.")] = None,
    sitemap: Annotated[list[str] | None, typer.Option(help="News sitemap URL.")] = None,
    outlet_type: Annotated[str, typer.Option("--type", help="public, state, private, wire "
                                             "or nonprofit.")] = "private",
    wire: Annotated[bool, typer.Option(help="A news agency others republish.")] = False,
) -> None:
    """Add an outlet (or override a catalog one) in the user sources file."""
    from rashomon.catalog import CatalogError, Outlet
    from rashomon.pipeline.user_sources import add_outlet

    outlet = Outlet(outlet_id, name, homepage, country.upper(), tuple(language), outlet_type,
                    wire, tuple(feed or ()), tuple(sitemap or ()))
    try:
        path = add_outlet(settings(), outlet)
    except CatalogError as exc:
        fail(str(exc))
        return
    _sources_changed(path, f"added {outlet_id}", [outlet_id])


@sources_app.command("disable")
def sources_disable(
    outlet_id: Annotated[str, typer.Argument(help="Outlet id (see `sources list`).")],
) -> None:
    """Stop following an outlet (recorded in the user sources file)."""
    from rashomon.catalog import CatalogError
    from rashomon.pipeline.user_sources import disable_outlet

    try:
        path = disable_outlet(settings(), outlet_id)
    except CatalogError as exc:
        fail(str(exc))
        return
    _sources_changed(path, f"disabled {outlet_id}", [outlet_id])


@sources_app.command("import")
def sources_import(
    file: Annotated[Path, typer.Argument(help="OPML file.")],
    country: Annotated[str | None, typer.Option(help="Country for outlines without one.")] = None,
    language: Annotated[str | None, typer.Option(help="Language for outlines without one.")] = None,
) -> None:
    """Follow the feeds of an OPML file (outlines lacking country/language need the options)."""
    from dataclasses import replace

    from rashomon.catalog import CatalogError, from_opml
    from rashomon.pipeline.user_sources import add_outlets, new_from_opml

    try:
        outlets = from_opml(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        fail(f"{file}: {exc}")
        return
    outlets = [replace(o, country=o.country or (country or "").upper(),
                       languages=o.languages or ((language,) if language else ()))
               for o in outlets]
    fresh, skipped = new_from_opml(settings(), outlets)
    for reason in skipped:
        console.print(f"[yellow]skipped[/] {reason}")
    try:
        path = add_outlets(settings(), fresh)
    except CatalogError as exc:
        fail(str(exc))
        return
    _sources_changed(path, f"imported {len(fresh)} outlets from {file}, skipped {len(skipped)}",
                     [o.id for o in fresh])


@sources_app.command("export")
def sources_export(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
) -> None:
    """Write the enabled outlets as OPML (to stdout, or --output FILE)."""
    from rashomon.catalog import to_opml
    from rashomon.pipeline.sources import configured_outlets

    text = to_opml([o for o in configured_outlets(settings()) if o.enabled])
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        out.print(f"wrote {output}")


@sources_app.command("health")
def sources_health(
    source: Annotated[str | None, typer.Option(help="Only this source id.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List failing feeds and why (from the last crawl)."""
    from rashomon.store.fetches import failing_feeds, feed_counts

    with open_store(upgrade=True).connect() as conn:
        failing, counts = failing_feeds(conn, source), feed_counts(conn)
    if as_json:
        emit_json({"summary": counts, "failing": [f.__dict__ for f in failing]})
        return
    table = Table("source", "feed", "status", "fails", "last error", "next poll")
    for f in failing:
        table.add_row(f.source_id, f.feed_url, str(f.last_status or "-"), str(f.error_count),
                      f.last_error or "", f.next_poll_at.isoformat(timespec="minutes")
                      if f.next_poll_at else "-")
    if failing:
        out.print(table)
    out.print(f"{counts['failing']} failing of {counts['feeds']} feeds "
              f"({counts['polled']} polled so far)")


@app.command()
def crawl(
    once: Annotated[bool, typer.Option(help="Poll due feeds once, then exit.")] = False,
    source: Annotated[str | None, typer.Option(help="Only this source id.")] = None,
) -> None:
    """Poll feeds and sitemaps and fetch new articles (until Ctrl-C unless --once)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from rashomon.pipeline.crawl import CrawlSummary, run_crawl
    from rashomon.pipeline.sources import sync_catalog
    from rashomon.store.sources import get_source

    s = settings()
    store = open_store(upgrade=True)
    sync_catalog(store, s)
    if source:
        with store.connect() as conn:
            if get_source(conn, source) is None:
                fail(f"no source {source!r}; see `rashomon sources list`")
    start = time.monotonic()
    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("polling feeds", total=None)

        def on_progress(done: int, total: int, summary: CrawlSummary) -> None:
            progress.update(task, completed=done, total=total,
                            description=f"polling feeds: {summary.new_articles} new articles")

        def on_round(summary: CrawlSummary) -> None:
            if not once:
                console.print(f"round: {summary.line(time.monotonic() - start)}")

        if not once:
            console.print("crawling until Ctrl-C (a second Ctrl-C aborts at once)")
        try:
            total = run_crawl(store, s, source, once=once, progress=on_progress,
                              on_round=on_round)
        except KeyboardInterrupt:
            console.print("[yellow]aborted[/]; what was stored so far is kept")
            raise typer.Exit(130) from None
    out.print(total.line(time.monotonic() - start))


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


SourceOpt = Annotated[
    str | None,
    typer.Option("--source", help="Source id for every page (default: matched by domain)."),
]


@import_app.command("warc")
def import_warc(
    paths: Annotated[list[Path], typer.Argument(help="WARC files (.warc or .warc.gz).")],
    source: SourceOpt = None,
) -> None:
    """Import HTML response records from WARC files (CC-NEWS style)."""
    from itertools import chain

    from rashomon.fetch.warc import read_warc

    for p in paths:
        if not p.is_file():
            fail(f"{p} is not a file")
    cap = int(settings().max_body_bytes)
    _run_import(chain.from_iterable(read_warc(p, source, cap) for p in paths))


@import_app.command("html")
def import_html(
    directory: Annotated[Path, typer.Argument(help="Directory of .html pages.")],
    source: SourceOpt = None,
) -> None:
    """Import a directory of HTML pages; URLs from urls.tsv/urls.json or rel=canonical."""
    from rashomon.fetch.htmldir import read_html_dir

    if not directory.is_dir():
        fail(f"{directory} is not a directory")
    _run_import(read_html_dir(directory, source, int(settings().max_body_bytes)))


def _process_with_progress(store: Any, s: Settings) -> None:
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from rashomon.pipeline.engine import EngineError
    from rashomon.pipeline.engine import process as run

    tasks: dict[str, Any] = {}
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=console, transient=False) as progress:
        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = progress.add_task(stage, total=total)
            progress.update(tasks[stage], completed=done, total=max(total, done))

        try:
            report = run(store, s, update)
        except EngineError as exc:
            fail(escape(str(exc)))
            return
    for stage in report.stages:
        for err in stage.errors[:10]:
            console.print(f"[yellow]{stage.name}:[/] {err}")
    out.print(report.line())


def _run_process() -> None:
    _process_with_progress(open_store(upgrade=True), settings())


EngineOpt = Annotated[str | None, typer.Option(
    "--engine", help="Pipeline engine: local or ray (default: the 'engine' setting).")]
AddressOpt = Annotated[str | None, typer.Option(
    "--address", help="Ray cluster address for --engine ray, e.g. ray-head:6379 "
    "(empty: start Ray on this machine).")]


def _choose_engine(engine: str | None, address: str | None) -> None:
    """Apply --engine/--address and check the engine can run before any work starts."""
    from rich.markup import escape

    from rashomon.pipeline.engine import EngineError, get_engine

    _State.overrides = {**_State.overrides, "engine": engine, "ray_address": address}
    try:
        get_engine(settings().engine)
    except EngineError as exc:
        fail(escape(str(exc)))


@app.command()
def process(engine: EngineOpt = None, address: AddressOpt = None) -> None:
    """Run every pending pipeline stage."""
    _choose_engine(engine, address)
    _run_process()


@app.command()
def reprocess(
    stage: Annotated[str, typer.Option(help="Stage to redo (and every stage after it).")],
    since: Annotated[str | None, typer.Option(help="Only articles published since DATE.")] = None,
    engine: EngineOpt = None,
    address: AddressOpt = None,
) -> None:
    """Redo a stage (and those after it) after a model or setting change."""
    from datetime import UTC, datetime

    from rashomon.models import STAGES
    from rashomon.store.articles import rewind

    _choose_engine(engine, address)
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


def _day(value: str | None) -> Any:
    """A --date option as a date (None when absent)."""
    from datetime import date

    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"--date must be YYYY-MM-DD, got {value!r}")


def _view_json(obj: Any) -> Any:
    """A view object as the JSON the API returns for it."""
    from pydantic import TypeAdapter

    return TypeAdapter(type(obj)).dump_python(obj, mode="json")


def _story_table(cards: Any, title: str | None = None) -> Table:
    table = Table("id", "story", "outlets", "countries", "articles", "last seen", title=title)
    for c in cards:
        table.add_row(str(c.id), c.headline or "(untitled)", str(c.n_original_outlets),
                      ", ".join(x.code for x in c.countries), str(c.n_articles),
                      c.last_seen.strftime("%Y-%m-%d %H:%M") if c.last_seen else "")
    return table


DaysOpt = Annotated[int, typer.Option(min=1, max=366, help="Days in the window, ending on --date.")]


@app.command()
def stories(
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (UTC); default: the latest day.")]
    = None,
    country: Annotated[str | None, typer.Option(help="Country code.")] = None,
    days: DaysOpt = 1,
    limit: Annotated[int, typer.Option(min=1, help="Most stories to list.")] = 30,
    as_json: JsonOpt = False,
) -> None:
    """List stories ranked by breadth (countries × original outlets, with recency)."""
    from rashomon.store.views import list_stories

    with open_store().connect() as conn:
        page = list_stories(conn, _day(date), days, country=country, limit=limit)
    if as_json:
        emit_json(_view_json(page))
        return
    if page.date is None:
        out.print("no stories yet: crawl and process first (rashomon up)")
        return
    out.print(_story_table(page.items, f"stories of {page.date} ({page.days} day window)"))
    out.print(f"{len(page.items)} of {page.total} stories")


def _print_story(d: Any) -> None:
    s = d.story
    out.print(f"[bold]{s.headline or '(untitled)'}[/]  (story {s.id})")
    out.print(f"{s.n_original_outlets} original outlets, {s.n_countries} countries, "
              f"{s.n_languages} languages, {s.n_articles} articles ({s.n_copies} copies)"
              + (f"; thread: {s.thread.label}" if s.thread else ""))
    if d.first:
        out.print(f"first: {d.first.source_name} ({d.first.country}) {d.first.published}")
    a = d.analysis
    if a is None:
        out.print(f"[yellow]analysis {d.analysis_status}[/]")
    else:
        out.print("\n[bold]The world's take[/]")
        for t in a["take"]:
            names = ", ".join(x.get("source_name", x["source_id"]) for x in t["support"])
            out.print(f"  - {t['text']}  [dim][{names}][/]")
        for alt in a["alternatives"]:
            out.print(f"[bold]{alt['country']}[/]: " + "; ".join(
                f"{p['kind']}: {p['text']}" for p in alt["points"]))
        for q in a["quotes"]:
            out.print(f"[bold]{q['speaker']}[/]")
            for v in q["variants"]:
                out.print(f"  “{v['text']}”  [dim]{len(v['support'])} outlet(s)[/]")
        for f in a["figures"]:
            values = ", ".join(f"{v['value']:g} ({len(v['support'])})" for v in f["values"])
            flag = "  [red]CONFLICT[/]" if f["conflict"] else ""
            out.print(f"  {f['label']}: {values}{flag}")
    table = Table("id", "outlet", "country", "published", "title")
    for g in d.articles:
        for b in [g.original, *g.copies]:
            table.add_row(str(b.id), ("  copy: " if b.is_copy else "") + b.source_name,
                          b.country, b.published.strftime("%Y-%m-%d %H:%M") if b.published
                          else "", b.title or "")
    out.print(table)


@app.command()
def story(story_id: int, as_json: JsonOpt = False) -> None:
    """Show one story with its analysis (a merged story shows the one it joined)."""
    from rashomon.store.views import resolve_story_id, story_detail

    with open_store().connect() as conn:
        target = resolve_story_id(conn, story_id)
        detail = story_detail(conn, target) if target is not None else None
    if detail is None:
        fail(f"no story with id {story_id}")
        return
    if target != story_id:
        console.print(f"story {story_id} was merged into story {target}")
    if as_json:
        emit_json(_view_json(detail))
        return
    _print_story(detail)


@app.command()
def blindspots(
    country: Annotated[str, typer.Option(help="Country code.")],
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD (UTC); default: the latest day.")]
    = None,
    days: Annotated[int | None, typer.Option(
        min=1, max=366, help="Days in the window (default: blindspot_window_days).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Stories the world covers that a country's press ignores, and the reverse."""
    from rashomon.store.views import BlindspotRule, country_view

    if len(country) != 2 or not country.isalpha():
        fail(f"--country must be a two-letter ISO code, got {country!r}")
    s = settings()
    rule = BlindspotRule(s.blindspot_min_countries, s.blindspot_min_outlets,
                         s.blindspot_only_min_outlets)
    with open_store().connect() as conn:
        view = country_view(conn, country, _day(date), days or s.blindspot_window_days, rule)
    if as_json:
        emit_json(_view_json(view))
        return
    if not view.n_sources:
        out.print(f"[yellow]no outlet in {view.name} is followed: nothing can be overlooked[/]")
    out.print(_story_table(view.overlooked, f"overlooked by {view.name} media"))
    out.print(_story_table(view.only_here, f"only in {view.name} media"))


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[int | None, typer.Option(min=1, help="Server processes.")] = None,
) -> None:
    """Serve the web UI, JSON API and feeds until Ctrl-C."""
    import os

    import uvicorn

    s = settings()
    open_store(upgrade=True).dispose()
    host = host or s.host
    port = port or s.port
    workers = workers or s.web_workers
    out.print(f"serving http://{host}:{port}/ (API docs at /docs; Ctrl-C stops)")
    level = str(s.log_level).lower()
    if workers > 1:
        # Worker processes build their own app from the environment: hand the settings over.
        os.environ["RASHOMON_DATABASE_URL"] = s.resolved_database_url
        if _State.config:
            os.environ["RASHOMON_CONFIG"] = str(_State.config)
        uvicorn.run("rashomon.web.app:create_app_from_env", factory=True, host=host, port=port,
                    workers=workers, log_level=level)
    else:
        from rashomon.web import create_app

        uvicorn.run(create_app(s), host=host, port=port, log_level=level)
    out.print("server stopped")


def _serve_until_ctrl_c(app_obj: Any, host: str, port: int, level: str) -> None:
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app_obj, host=host, port=port, log_level=level))
    server.run()


@app.command()
def up(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
) -> None:
    """The main job: crawl the catalog on its schedule, process continuously and serve."""
    from rashomon.pipeline.service import Worker
    from rashomon.pipeline.sources import sync_catalog
    from rashomon.web import create_app

    s = settings()
    Path(s.data_dir).mkdir(parents=True, exist_ok=True)
    store = open_store(upgrade=True)
    n = sync_catalog(store, s)
    host, port = host or s.host, port or s.port
    out.print(f"{n} sources; crawling on their schedule, processing as articles arrive")
    worker = Worker(store, s, lambda line: console.print(f"[dim]{time.strftime('%H:%M:%S')}[/] "
                                                         + line))
    worker.start()
    out.print(f"serving http://{host}:{port}/ (Ctrl-C stops)")
    try:
        _serve_until_ctrl_c(create_app(store, settings=s), host, port, str(s.log_level).lower())
    finally:
        worker.stop()
        console.print("stopping: finishing the current batch…")
        worker.join(timeout=120)
    st = worker.state
    out.print(f"stopped after {st.rounds} round(s): {st.crawled.new_articles} new articles, "
              f"{st.processed} stage steps, {len(st.errors)} failed round(s)")


@app.command()
def demo(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    fresh: Annotated[bool, typer.Option(help="Start from an empty demo database.")] = True,
    serve_web: Annotated[bool, typer.Option("--serve/--no-serve",
                                            help="Serve the UI when done.")] = True,
) -> None:
    """Offline demo: crawl our fictional corpus from a loopback server, process it, serve it."""
    from rashomon.corpus_server import serve_corpus
    from rashomon.demo import corpus_dir, corpus_outlets, demo_settings
    from rashomon.pipeline.crawl import run_crawl
    from rashomon.pipeline.sources import register_outlets
    from rashomon.store import Store
    from rashomon.web import create_app

    try:
        corpus = corpus_dir(settings().demo_corpus)
    except FileNotFoundError as exc:
        fail(str(exc))
        return
    start = time.monotonic()
    with serve_corpus(corpus / "site") as base:
        s = demo_settings(settings(), base, fresh)
        store = Store(s.resolved_database_url)
        store.upgrade()
        outlets = corpus_outlets(corpus, base)
        register_outlets(store, outlets, origin="demo")
        out.print(f"demo corpus served at {base}: {len(outlets)} fictional outlets")
        summary = run_crawl(store, s, once=True)
        out.print(summary.line(time.monotonic() - start))
        _process_with_progress(store, s)
    out.print(f"demo ready in {time.monotonic() - start:.0f}s; database "
              f"{store.engine.url.render_as_string(hide_password=True)}")
    if serve_web:
        host, port = host or s.host, port or s.port
        out.print(f"open http://{host}:{port}/ (Ctrl-C stops)")
        _serve_until_ctrl_c(create_app(store, settings=s), host, port, str(s.log_level).lower())


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


def _eval_progress():  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    return Progress("[progress.description]{task.description}", BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)


def _run_eval(run: Any) -> dict[str, Any]:
    """Run an evaluation with a progress bar per task; bad dataset paths are clear errors."""
    tasks: dict[str, Any] = {}
    with _eval_progress() as progress:
        def update(task: str, done: int, total: int) -> None:
            if task not in tasks:
                tasks[task] = progress.add_task(task, total=total)
            progress.update(tasks[task], completed=done, total=total)

        try:
            return dict(run(update))
        except FileNotFoundError as exc:
            fail(f"dataset not found: {exc}")
            raise


def _dataset(path: Path) -> Path:
    if not path.exists():
        fail(f"dataset path {path} does not exist (the evaluation data lives in ../shared/eval)")
    return path


@eval_app.command("extraction")
def eval_extraction(dataset: Annotated[Path, typer.Option(help="Dataset path.")],
                    limit: Annotated[int | None, typer.Option(help="Only N pages.")] = None,
                    as_json: JsonOpt = False) -> None:
    """Extraction F1 on the scrapinghub benchmark, Rashomon vs plain trafilatura."""
    from rashomon.eval.extraction import evaluate_extraction

    path = _dataset(dataset)
    result = _run_eval(lambda cb: evaluate_extraction(path, limit=limit, progress=cb))
    if as_json:
        emit_json(result)
        return
    table = Table("extractor", "precision", "recall", "F1", "pages/s")
    for name, r in result.items():
        if isinstance(r, dict) and "f1" in r:
            table.add_row(name, f"{r['precision']:.3f}", f"{r['recall']:.3f}", f"{r['f1']:.3f}",
                          f"{r['pages_per_second']:.1f}")
    out.print(table)
    out.print(f"{result['pages']} pages")


@eval_app.command("crosslingual")
def eval_crosslingual(
    dataset: Annotated[Path, typer.Option(help="Dataset path.")],
    backend: Annotated[list[str] | None, typer.Option(help="Embedders to compare.")] = None,
    limit: Annotated[int | None, typer.Option(help="Only N sentences per file.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Cross-lingual retrieval on Tatoeba and similarity on STSb, per embedder."""
    from rashomon.embed import available
    from rashomon.eval.crosslingual import evaluate_crosslingual

    path = _dataset(dataset)
    names = backend or [b for b in available() if b in {"default", "e5", "use", "combined"}]
    result = _run_eval(lambda cb: evaluate_crosslingual(path, names, limit=limit, progress=cb))
    if as_json:
        emit_json(result)
        return
    for name, r in result["backends"].items():
        table = Table("language", "xx→en error", "en→xx error", "STSb Spearman",
                      title=f"{name} ({r.get('model_id', '')})")
        langs = sorted(set(r.get("tatoeba", {})) | set(r.get("stsb", {})))
        for lang in langs:
            t = r.get("tatoeba", {}).get(lang, {})
            st = r.get("stsb", {}).get(lang)
            table.add_row(lang, _pct(t.get("error_xx_en")), _pct(t.get("error_en_xx")),
                          f"{st:.3f}" if isinstance(st, float) else "")
        out.print(table)
        out.print(f"{name}: {r.get('summary', {})}")


def _pct(value: Any) -> str:
    return f"{100 * value:.1f}%" if isinstance(value, float) else ""


@eval_app.command("clustering")
def eval_clustering(
    dataset: Annotated[Path | None, typer.Option(
        help="ECB+ JSONL (../shared/eval/clustering/ecbplus.jsonl); omit for our corpus.")] = None,
    limit: Annotated[int | None, typer.Option(help="Only N documents.")] = None,
    baselines: Annotated[bool, typer.Option(help="Also run the two baselines.")] = True,
    as_json: JsonOpt = False,
) -> None:
    """Story clustering: pairwise and B³ P/R/F1, ARI, NMI and docs/s, with baselines."""
    from rashomon.eval.clustering import evaluate_clustering, evaluate_corpus_clustering

    if dataset is None:
        result = _run_eval(lambda cb: evaluate_corpus_clustering(baselines=baselines,
                                                                 progress=cb))
    else:
        path = _dataset(dataset)
        result = _run_eval(lambda cb: evaluate_clustering(path, limit=limit,
                                                          baselines=baselines, progress=cb))
    if as_json:
        emit_json(result)
        return
    _print_nested(result)


@eval_app.command("truthfulness")
def eval_truthfulness(
    dataset: Annotated[Path | None, typer.Option(help="Gold file (default: our corpus).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Quotes, speakers, figures, conflicts and world's-take grounding against the gold file."""
    from rashomon.eval.truthfulness import DEFAULT_GOLD, evaluate_truthfulness

    path = _dataset(dataset) if dataset else DEFAULT_GOLD
    result = _run_eval(lambda cb: evaluate_truthfulness(path, progress=cb))
    if as_json:
        emit_json(result)
        return
    _print_nested(result)


def _print_nested(result: dict[str, Any], indent: str = "") -> None:
    """A readable dump of an evaluation's figures."""
    for key, value in result.items():
        if isinstance(value, dict):
            out.print(f"{indent}[bold]{key}[/]")
            _print_nested(value, indent + "  ")
        elif isinstance(value, float):
            out.print(f"{indent}{key}: {value:.3f}")
        elif not isinstance(value, list) or len(value) <= 8:
            out.print(f"{indent}{key}: {value}")


def main() -> None:
    """Console-script entry point."""
    app()
