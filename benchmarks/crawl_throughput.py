"""Crawl-and-store throughput against a local server, as a ratio to a plain httpx fetch loop.

    .venv/bin/python benchmarks/crawl_throughput.py [--pages 2000] [--runs 3] [--record]

The test corpus (tests/corpus/site) is replicated to about --pages article pages and served
from 127.0.0.1 by a separate process. Each run happens in a fresh child process so that
its peak RSS is its own:

- peer: httpx.AsyncClient fetches every feed and page URL with the same global concurrency,
  no robots.txt, no politeness, no parsing, no storage;
- rashomon: `crawl --once` machinery (robots, guard, per-host gate, feed parsing, known-URL
  checks, charset decoding, fetch + article rows in a fresh SQLite file).

Politeness is configured away for rashomon too (per-host concurrency = global limit, no
delay), because every replica lives on one host: this measures the machinery, not the
waiting a real crawl does on purpose. --record writes the medians to docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "tests" / "corpus" / "site"
PERF = ROOT / "docs" / "performance.md"
CONCURRENCY = 16


def build_site(dest: Path, pages: int) -> tuple[list[str], int]:
    """Replicate the corpus outlets until there are about `pages` article pages."""
    outlets = sorted(p.name for p in SITE.iterdir() if (p / "feed.xml").is_file())
    per_round = sum(len(list((SITE / o).rglob("*/*.html"))) for o in outlets)
    rounds = max(1, round(pages / per_round))
    names = []
    for r in range(rounds):
        for o in outlets:
            name = f"{o}-r{r}"
            shutil.copytree(SITE / o, dest / name)
            for f in (dest / name).rglob("*"):
                if f.suffix in (".html", ".xml"):
                    text = f.read_text(encoding="utf-8").replace(
                        f"http://corpus.local/{o}/", f"http://corpus.local/{name}/"
                    )
                    if f.suffix == ".html":  # distinct content, so no page is a duplicate
                        text = text.replace("</body>", f"<!-- replica {r} --></body>")
                    f.write_text(text, encoding="utf-8")
            names.append(name)
    shutil.copy(SITE / "robots.txt", dest / "robots.txt")
    return names, per_round * rounds


def start_server(site: Path) -> tuple[subprocess.Popen[str], str]:
    code = (
        "import sys, time\n"
        "from rashomon.corpus_server import serve_corpus\n"
        "with serve_corpus(sys.argv[1]) as url:\n"
        "    print(url, flush=True)\n"
        "    time.sleep(10**6)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(site)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def _peer(base: str, outlets: list[str]) -> int:
    import httpx

    sem = asyncio.Semaphore(CONCURRENCY)
    async with httpx.AsyncClient(timeout=30) as client:

        async def get(url: str) -> bytes:
            async with sem:
                return (await client.get(url)).content

        feeds = await asyncio.gather(*(get(f"{base}/{o}/feed.xml") for o in outlets))
        links = [
            u
            for body in feeds
            for u in re.findall(r"<link>(http[^<]+\.html)</link>", body.decode())
        ]
        await asyncio.gather(*(get(u) for u in links))
    return len(links)


def run_peer(base: str, outlets: list[str]) -> dict[str, float]:
    start = time.perf_counter()
    n = asyncio.run(_peer(base, outlets))
    return {"pages": n, "seconds": time.perf_counter() - start, "rss_mb": peak_rss_mb()}


def run_rashomon(base: str, outlets: list[str], db: str) -> dict[str, float]:
    from rashomon.pipeline.crawl import crawl_loop
    from rashomon.settings import load_settings
    from rashomon.store import Store
    from rashomon.store.sources import SourceRow, upsert_feeds, upsert_sources

    store = Store(db)
    store.upgrade()
    with store.begin() as conn:
        upsert_sources(
            conn,
            [
                SourceRow(o, o, f"https://{o}.example/", "GB", ("en",), "private", False, True)
                for o in outlets
            ],
        )
        for o in outlets:
            upsert_feeds(conn, o, [f"{base}/{o}/feed.xml"], "rss")
    settings = load_settings(
        environ={},
        overrides={
            "allow_hosts": "127.0.0.1",
            "per_host_delay": 0,
            "fetch_concurrency": CONCURRENCY,
            "per_host_concurrency": CONCURRENCY,
            "max_new_per_feed": 10_000,
        },
    )
    start = time.perf_counter()
    summary = asyncio.run(crawl_loop(store, settings, None, once=True, stop=asyncio.Event()))
    elapsed = time.perf_counter() - start
    store.dispose()
    return {
        "pages": summary.new_articles,
        "seconds": elapsed,
        "rss_mb": peak_rss_mb(),
        "errors": sum(summary.errors.values()),
    }


def child(kind: str, base: str, outlets: list[str], workdir: Path, run: int) -> dict[str, float]:
    args = [
        sys.executable,
        __file__,
        "--child",
        kind,
        "--base",
        base,
        "--workdir",
        str(workdir),
        "--run",
        str(run),
        *outlets,
    ]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def git_commit() -> str:
    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    try:
        dirty = bool(git("status", "--porcelain", "src"))
        return git("rev-parse", "--short", "HEAD") + (" with uncommitted changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def record(section: str) -> None:
    header = (
        "# Performance\n\nBenchmarks are scripts in `benchmarks/`; figures are medians of "
        "repeated runs, stated as ratios against a peer measured in the same run.\n"
    )
    text = PERF.read_text(encoding="utf-8") if PERF.exists() else header
    pattern = re.compile(r"^## Crawl\n.*?(?=^## |\Z)", re.S | re.M)
    text = (
        pattern.sub(lambda _: section, text)
        if pattern.search(text)
        else text.rstrip("\n") + "\n\n" + section
    )
    PERF.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--record", action="store_true", help="write docs/performance.md")
    ap.add_argument("--child", choices=["peer", "rashomon"], help=argparse.SUPPRESS)
    ap.add_argument("--base", help=argparse.SUPPRESS)
    ap.add_argument("--workdir", help=argparse.SUPPRESS)
    ap.add_argument("--run", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("outlets", nargs="*", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        if a.child == "peer":
            result = run_peer(a.base, a.outlets)
        else:
            result = run_rashomon(a.base, a.outlets, f"sqlite:///{a.workdir}/run{a.run}.db")
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory(prefix="rashomon-bench-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        outlets, n_pages = build_site(site, a.pages)
        proc, base = start_server(site)
        try:
            peer, ours = [], []
            for run in range(a.runs):
                peer.append(child("peer", base, outlets, Path(tmp), run))
                ours.append(child("rashomon", base, outlets, Path(tmp), run))
                print(
                    f"run {run + 1}: peer {peer[-1]['pages'] / peer[-1]['seconds']:.0f} pages/s, "
                    f"rashomon {ours[-1]['pages'] / ours[-1]['seconds']:.0f} pages/s "
                    f"({ours[-1]['pages']:.0f} stored, {ours[-1]['errors']:.0f} errors)",
                    file=sys.stderr,
                )
        finally:
            proc.terminate()
            proc.wait()
    rate = statistics.median(r["pages"] / r["seconds"] for r in ours)
    peer_rate = statistics.median(r["pages"] / r["seconds"] for r in peer)
    # The ratio is taken within each run (same machine state), then the median of those.
    ratio = statistics.median(
        (o["pages"] / o["seconds"]) / (p["pages"] / p["seconds"])
        for o, p in zip(ours, peer, strict=True)
    )
    rss = statistics.median(r["rss_mb"] for r in ours)
    peer_rss = statistics.median(r["rss_mb"] for r in peer)
    when = datetime.now(UTC).strftime("%Y-%m-%d")
    section = (
        "## Crawl\n\n"
        f"`benchmarks/crawl_throughput.py --pages {a.pages} --runs {a.runs}` on {when}, "
        f"commit {git_commit()}, {machine()}.\n\n"
        f"{len(outlets)} feeds and {n_pages} article pages (the test corpus replicated) served "
        "by a separate process on 127.0.0.1; global concurrency "
        f"{CONCURRENCY}, politeness delays off (one host). Peer: a plain `httpx.AsyncClient` "
        "loop over the same feeds and pages, without robots.txt, guard, parsing or storage. "
        f"Medians of {a.runs} runs, each in a fresh process:\n\n"
        "| | pages/s | peak RSS (MB) |\n|---|---|---|\n"
        f"| rashomon crawl + SQLite store | {rate:.0f} | {rss:.0f} |\n"
        f"| peer: plain httpx fetch loop | {peer_rate:.0f} | {peer_rss:.0f} |\n"
        f"| ratio rashomon / peer (median of per-run ratios) | **{ratio:.2f}** | "
        f"{rss / peer_rss:.2f} |\n"
    )
    print(section)
    if a.record:
        record(section)
        print(f"recorded in {PERF}", file=sys.stderr)


if __name__ == "__main__":
    main()
