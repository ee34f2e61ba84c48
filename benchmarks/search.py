"""Benchmark search on a generated library of 5,000 articles.

    python benchmarks/search.py            # 5,000 articles
    python benchmarks/search.py --articles 1000

Prints: loading the library, building the index, query latency (p50/p95) for
one-, two- and three-word queries and prefixes, compared in the same run with
the obvious alternative (a case-insensitive scan of every body held in
memory), and the memory of the running app with that library.

Everything it writes stays in a temporary folder, removed at the end: the
generated library, and the running app's search index cache (XDG_CACHE_HOME
points there), so the user's own cache folder is never touched.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from reader.library.loader import load_library  # noqa: E402
from reader.library.search import SearchIndex, query_terms  # noqa: E402

TOPICS = ["crisis", "depression", "anxiety", "stress", "sleep", "exercise", "support", "self-care"]


def vocabulary() -> list[str]:
    """Real words: those of the bundled articles."""
    text = " ".join(p.read_text() for p in (REPO / "articles").glob("*.md"))
    return sorted({w.lower() for w in re.findall(r"[A-Za-z]{3,}", text)})


def write_library(folder: Path, count: int, words: list[str], rng: random.Random) -> None:
    """``count`` articles of about 3 KB each, in eight topics."""
    folder.mkdir(parents=True)
    (folder / "topics.yaml").write_text(
        "".join(f"- id: {t}\n  title: {t.title()}\n" for t in TOPICS)
    )
    for number in range(count):
        title = " ".join(rng.choice(words) for _ in range(4)).capitalize()
        keywords = ", ".join(f'"{rng.choice(words)} {rng.choice(words)}"' for _ in range(6))
        sections = []
        for section in range(5):
            sentences = [
                " ".join(rng.choice(words) for _ in range(12)).capitalize() + "." for _ in range(8)
            ]
            sections.append(f"## Part {section} {rng.choice(words)}\n\n" + " ".join(sentences))
        (folder / f"article-{number:05d}.md").write_text(
            f"---\ntitle: {title}\ntopic: {rng.choice(TOPICS)}\nsummary: {title}.\n"
            f"keywords: [{keywords}]\nlast_reviewed: 2026-01-01\nnext_review: 2099-01-01\n"
            f"reviewed_by: Nobody.\nsources: ['Generated.']\n---\n" + "\n\n".join(sections)
        )


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie."""
    ordered = sorted(values)
    return ordered[min(int(len(ordered) * fraction), len(ordered) - 1)]


def naive_search(bodies: dict[str, str], query: str) -> list[str]:
    """The alternative: every body in memory, scanned for every word."""
    terms = query_terms(query)
    return [slug for slug, body in bodies.items() if all(t in body for t in terms)][:20]


def child_rss(folder: str) -> None:
    """Run the app headless on the library; report its memory once the index is ready."""
    import asyncio

    from reader.library.bookmarks import BookmarkStore
    from reader.library.paths import default_cache_dir
    from reader.tui.app import ReaderApp

    # The app caches its index in the user cache folder: here, the parent's temporary one.
    cache, temporary = default_cache_dir(), os.environ.get("BENCHMARK_CACHE", "")
    if not temporary or not cache.is_relative_to(temporary):
        raise SystemExit(f"the app would write its index to {cache}, not a temporary folder")

    async def main() -> None:
        app = ReaderApp(load_library(Path(folder)), BookmarkStore.open(None))
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(600):  # the index is built in a worker after the first frame
                await pilot.pause()
                if app.search_index is not None:
                    break
            await app.workers.wait_for_complete()

            await pilot.press("slash", *"part")
            await pilot.pause()
            status = Path("/proc/self/status").read_text()
            rss = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]
            print(json.dumps({"rss_mb": rss, "indexed": app.search_index is not None}))

    asyncio.run(main())


def main() -> None:
    """Build, query and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--child-rss", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_rss:
        child_rss(args.child_rss)
        return
    rng = random.Random(7)
    words = vocabulary()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        write_library(folder, args.articles, words, rng)
        start = time.perf_counter()
        library = load_library(folder)
        loaded = time.perf_counter() - start
        start = time.perf_counter()
        index = SearchIndex.build(library)
        built = time.perf_counter() - start
        bodies = {slug: a.body().lower() for slug, a in library.articles.items()}
        kinds = {
            "one word": lambda: rng.choice(words),
            "two words": lambda: f"{rng.choice(words)} {rng.choice(words)}",
            "three words": lambda: " ".join(rng.choice(words) for _ in range(3)),
            "prefix (3 letters)": lambda: rng.choice(words)[:3],
        }
        rows = []
        for name, make in kinds.items():
            queries = [make() for _ in range(200)]
            fts, naive = [], []
            for query in queries:
                start = time.perf_counter()
                index.search(query)
                fts.append(time.perf_counter() - start)
                start = time.perf_counter()
                naive_search(bodies, query)
                naive.append(time.perf_counter() - start)
            rows.append((name, fts, naive))
        cache = str(Path(tmp) / "cache")  # the app's index cache: never the user's own
        env = {**os.environ, "PYTHONPATH": str(REPO), "XDG_CACHE_HOME": cache}
        env["BENCHMARK_CACHE"] = cache
        done = subprocess.run(
            [sys.executable, __file__, "--child-rss", str(folder)],
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )
        rss = (
            json.loads(done.stdout.strip().splitlines()[-1])["rss_mb"]
            if done.returncode == 0
            else None
        )
        if rss is None:
            print(done.stderr.strip(), file=sys.stderr)

    print(
        f"{args.articles} generated articles of about 3 KB "
        f"(Python {sys.version.split()[0]}, {os.cpu_count()} CPUs)\n"
    )
    print("| step | time | target |")
    print("|---|---|---|")
    print(f"| load the library (front matter) | {loaded:.2f} s | |")
    print(f"| build the search index | {built:.2f} s | <= 2 s |")
    print("\n| query, 200 each | FTS5 p50 | FTS5 p95 | scan of bodies p50 | p95 ratio |")
    print("|---|---|---|---|---|")
    for name, fts, naive in rows:
        p95, naive95 = percentile(fts, 0.95), percentile(naive, 0.95)
        print(
            f"| {name} | {statistics.median(fts) * 1000:.2f} ms | {p95 * 1000:.2f} ms | "
            f"{statistics.median(naive) * 1000:.2f} ms | {naive95 / p95:.1f}x faster |"
        )
    print("\n| memory of the running app, index just built (every body read) | target |")
    print("|---|---|")
    print(f"| {rss:.0f} MB | <= 200 MB |" if rss is not None else "| failed to measure | |")


if __name__ == "__main__":
    main()
