"""Web load benchmark: story list and story detail (API and pages) under concurrent readers.

Builds (once) a database of at least --articles articles by replicating the test corpus with
perturbed URLs and dates through the store functions, serves it with uvicorn on 127.0.0.1, and
drives load from a second process (wrk when installed, else a bounded asyncio/httpx loop) at
each --concurrency. Every endpoint runs with the response cache on (the default setting) and
off (the peer), so the figures read as ratios measured in the same run.

    .venv/bin/python benchmarks/web_load.py --articles 100000 --write

--write replaces the "## Web" section of docs/performance.md with the results.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

from rashomon.store import Store  # noqa: E402
from rashomon.store.schema import articles, stories  # noqa: E402
from rashomon.store.views import list_stories  # noqa: E402
from tests.web.fixtures import load_gold  # noqa: E402

WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %%d, "seconds": %%f, "p50": %%f, "p95": %%f, "p99": %%f, "errors": %%d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def build(url: str, target: int) -> int:
    """Fill the database up to `target` articles; returns the article count."""
    store = Store(url)
    store.upgrade()
    with store.connect() as conn:
        have = int(conn.execute(select(func.count()).select_from(articles)).scalar_one())
        # Replica numbers only need to be new (they perturb URLs): the story count is.
        replica = int(conn.execute(select(func.count()).select_from(stories)).scalar_one())
    if have == 0:
        have = len(load_gold(store).articles)  # replica 0, with the web extras
        replica = 1
    start, first = time.monotonic(), have
    while have < target:
        # Each replica is the whole corpus moved `replica` more days into the past.
        loaded = load_gold(store, replica=replica, shift=-timedelta(days=replica),
                           with_extras=False, sources=False)
        have += len(loaded.articles)
        replica += 1
        if replica % 50 == 0:
            rate = (have - first) / max(1e-9, time.monotonic() - start)
            print(f"  {have} articles ({rate:.0f}/s)", file=sys.stderr)
    store.dispose()
    return have


def _story_ids(url: str, n: int, day: str) -> list[int]:
    store = Store(url)
    end = datetime.fromisoformat(day).replace(tzinfo=UTC) + timedelta(days=1)
    with store.connect() as conn:
        rows = conn.execute(select(stories.c.id).where(stories.c.merged_into.is_(None),
                                                       stories.c.first_seen < end)
                            .order_by(stories.c.first_seen.desc()).limit(n)).scalars().all()
    store.dispose()
    return [int(r) for r in rows]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(url: str, cache: float, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    """uvicorn in its own process group; returns it and its base URL once it answers."""
    port = _free_port()
    env = dict(os.environ, RASHOMON_DATABASE_URL=url, RASHOMON_WEB_CACHE_SECONDS=str(cache),
               RASHOMON_LOG_LEVEL="WARNING")
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "rashomon.web.app:create_app_from_env",
           "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
           "--log-level", "warning", "--no-access-log"]
    proc = subprocess.Popen(cmd, env=env)
    base = f"http://127.0.0.1:{port}"
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/threads", timeout=2).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


def run_wrk(base: str, paths: list[str], conns: int, seconds: int) -> dict[str, Any]:
    """One wrk run cycling through paths; returns requests, rate, p50/p95/p99 (ms), errors."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    try:
        out = subprocess.run(["wrk", "-t2", f"-c{conns}", f"-d{seconds}s", "--timeout", "10s",
                              "-s", f.name, base + paths[0]], capture_output=True, text=True,
                             check=True).stdout
    finally:
        os.unlink(f.name)
    match = re.search(r"RESULT (\{.*\})", out)
    if not match:
        raise SystemExit(f"wrk gave no result:\n{out}")
    res: dict[str, Any] = json.loads(match.group(1))
    res["rps"] = res["requests"] / res["seconds"]
    return res


async def _pyload(base: str, paths: list[str], conns: int, seconds: int) -> dict[str, Any]:
    import httpx

    lat: list[float] = []
    errors = 0
    stop = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=conns, max_keepalive_connections=conns)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10) as client:
        async def worker(k: int) -> None:
            nonlocal errors
            i = k
            while time.monotonic() < stop:
                t = time.perf_counter()
                try:
                    r = await client.get(paths[i % len(paths)])
                    errors += r.status_code != 200
                except httpx.HTTPError:
                    errors += 1
                lat.append((time.perf_counter() - t) * 1000)
                i += conns
        start = time.monotonic()
        await asyncio.gather(*(worker(k) for k in range(conns)))
        took = time.monotonic() - start
    lat.sort()

    def pct(p: float) -> float:
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))] if lat else 0.0

    return {"requests": len(lat), "seconds": took, "rps": len(lat) / took, "p50": pct(50),
            "p95": pct(95), "p99": pct(99), "errors": errors}


def warm(base: str, paths: list[str]) -> None:
    """One request per path first: the runs measure the steady state, not cold starts."""
    import httpx

    with httpx.Client(base_url=base, timeout=60) as client:
        for path in paths:
            client.get(path)


def load(base: str, paths: list[str], conns: int, seconds: int) -> dict[str, Any]:
    """Drive load with wrk when installed, else with the Python loop."""
    if shutil.which("wrk"):
        return run_wrk(base, paths, conns, seconds)
    return asyncio.run(_pyload(base, paths, conns, seconds))


def markdown(rows: list[dict[str, Any]], meta: dict[str, Any]) -> str:
    """The "## Web" section of docs/performance.md."""
    lines = [
        "## Web",
        "",
        f"`benchmarks/web_load.py` on {meta['machine']}, {meta['date']}: {meta['articles']} "
        f"articles in {meta['stories']} stories ({meta['backend']}), uvicorn with "
        f"{meta['workers']} worker(s) on 127.0.0.1, load from {meta['driver']} in a second "
        f"process for {meta['seconds']} s per row. The list and front page show "
        f"{meta['day']} ({meta['day_stories']} stories); story detail cycles through the "
        f"{meta['n_ids']} stories up to that day. \"cache\" is the `web_cache_seconds` setting "
        "(default 5; 0 computes every answer); each endpoint's paths are requested once "
        "before its rows. Goal: p95 < 50 ms with the default, 0 errors.",
        "",
        "| endpoint | connections | cache s | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(f"| {r['name']} | {r['conns']} | {r['cache']:g} | {r['rps']:.0f} | "
                     f"{r['p50']:.1f} | {r['p95']:.1f} | {r['p99']:.1f} | {r['errors']} |")
    lines += ["", meta.get("note", ""), ""]
    return "\n".join(lines)


def write_section(section: str) -> None:
    """Replace (or append) the ## Web section of docs/performance.md, keeping the others."""
    path = ROOT / "docs" / "performance.md"
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = ("# Performance\n\nFigures from the scripts in `benchmarks/`, each section "
                "naming its machine and date.\n\n")
    pattern = re.compile(r"^## Web\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    path.write_text(text.rstrip() + "\n", encoding="utf-8")


def main() -> None:
    """Build the database if needed, serve it, load it, report."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--database-url", default=f"sqlite:///{tempfile.gettempdir()}/"
                    "rashomon-web-bench.db")
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--concurrency", type=int, nargs="+", default=[50, 200])
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--caches", type=float, nargs="+", default=[5.0, 0.0])
    ap.add_argument("--date", default="2026-09-01",
                    help="Day listed by the story list and front page (replicas fill it).")
    ap.add_argument("--write", action="store_true", help="Update docs/performance.md.")
    ap.add_argument("--build-only", action="store_true", help="Only build the database.")
    args = ap.parse_args()
    print(f"building the database ({args.database_url})", file=sys.stderr)
    n = build(args.database_url, args.articles)
    if args.build_only:
        return
    ids = _story_ids(args.database_url, 200, args.date)
    if not ids:
        raise SystemExit(f"no story up to {args.date}: pick another --date")
    day = args.date
    endpoints = {"GET /api/stories": [f"/api/stories?date={day}"],
                 "GET /api/stories/{id}": [f"/api/stories/{i}" for i in ids],
                 "GET / (front page)": [f"/?date={day}"],
                 "GET /story/{id} (page)": [f"/story/{i}" for i in ids]}
    rows = []
    load_before = os.getloadavg()[0]
    for cache in args.caches:
        proc, base = serve(args.database_url, cache, args.workers)
        try:
            for name, paths in endpoints.items():
                warm(base, paths)
                for conns in args.concurrency:
                    res = load(base, paths, conns, args.seconds)
                    rows.append({"name": name, "conns": conns, "cache": cache, **res})
                    print(f"{name:28} c={conns:<4} cache={cache:<4g} {res['rps']:8.0f} req/s "
                          f"p50 {res['p50']:7.1f}  p95 {res['p95']:7.1f}  p99 {res['p99']:7.1f} "
                          f"ms  errors {res['errors']}", file=sys.stderr)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    store = Store(args.database_url)
    with store.connect() as conn:
        n_stories = int(conn.execute(select(func.count()).select_from(stories)).scalar_one())
        day_stories = list_stories(conn, date.fromisoformat(args.date), limit=1).total
    meta = {"machine": f"{platform.node() or 'this machine'} ({os.cpu_count()} CPUs, "
                       f"{platform.machine()}, Python {platform.python_version()})",
            "date": datetime.now(UTC).strftime("%Y-%m-%d"), "articles": n, "stories": n_stories,
            "backend": store.dialect, "workers": args.workers, "seconds": args.seconds,
            "driver": "wrk" if shutil.which("wrk") else "an asyncio/httpx loop",
            "n_ids": len(ids), "day": args.date, "day_stories": day_stories,
            "note": f"1-minute load average {load_before:.1f} before and "
                    f"{os.getloadavg()[0]:.1f} after the runs (other work on the machine "
                    "competes for its CPUs; compare rows of one run, not runs)."}
    section = markdown(rows, meta)
    print(section)
    if args.write:
        write_section(section)


if __name__ == "__main__":
    main()
