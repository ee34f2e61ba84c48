"""Benchmark the reader's article view against Textual's Markdown widget, in one run.

    python benchmarks/run.py            # the full table (a few minutes)
    python benchmarks/run.py --quick    # fewer repeats, a shorter time limit

Every measurement runs in a fresh child process, headless at 80x24 (120x40 for
articles), so one side's caches never help the other. A side that does not
finish within the time limit is reported as "> N s".
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SPEC = REPO / "tests" / "corpora" / "commonmark-spec-0.31.2.md"
SIZES = {"10 KB": 10_000, "35 KB": 35_000, "355 KB": 355_000, "1 MB": 1_000_000}
KEYS = {"line down": "down", "page down": "pagedown", "next heading": "h", "End": "end"}
# Textual's Markdown view scrolls; it has no headings to jump to.
MARKDOWN_KEYS = {"line down": "down", "page down": "pagedown", "End": "end"}


def make_article(size: int) -> str:
    """Real, varied Markdown (the CommonMark spec, repeated) cut at a block near ``size``."""
    text = SPEC.read_text(encoding="utf-8").split("\n...\n", 1)[-1]
    while len(text) < size:
        text += "\n\n" + text
    cut = text.rfind("\n\n", 0, size)
    return text[: cut if cut > 0 else size] + "\n"


def front_matter(title: str) -> str:
    """Front matter for a generated article."""
    return (
        f"---\ntitle: {title}\ntopic: bench\nsummary: Generated for the benchmark.\n"
        "keywords: [bench]\nlast_reviewed: 2026-01-01\nnext_review: 2099-01-01\n"
        "reviewed_by: Nobody.\nsources: ['CommonMark spec']\n---\n"
    )


def write_content(folder: Path) -> None:
    """A content folder with one article per size."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "topics.yaml").write_text("- id: bench\n  title: Benchmark\n")
    for label, size in SIZES.items():
        slug = "bench-" + label.replace(" ", "").lower()
        (folder / f"{slug}.md").write_text(front_matter(label) + make_article(size))


def run_child(args: list[str], limit: float) -> dict[str, object]:
    """Run this file as a child measurement; what it measured within ``limit`` seconds.

    The child prints one JSON object per measurement as it goes, so a run cut at
    the limit still reports what it finished.
    """
    env = {**os.environ, "PYTHONPATH": str(REPO), "BENCH_SPAWNED": repr(time.perf_counter())}
    try:
        done = subprocess.run(
            [sys.executable, str(Path(__file__)), "--child", *args],
            capture_output=True,
            text=True,
            timeout=limit,
            env=env,
            cwd=REPO,
        )
        output = done.stdout
        if done.returncode != 0:
            raise RuntimeError(f"child {args} failed:\n{done.stderr[-2000:]}")
    except subprocess.TimeoutExpired as expired:
        raw = expired.stdout or b""
        output = raw.decode() if isinstance(raw, bytes) else raw
    results: dict[str, object] = {}
    for line in output.splitlines():
        if line.startswith("{"):
            results.update(json.loads(line))
    return results


def emit(name: str, value: float) -> None:
    """Report one measurement from a child, at once."""
    print(json.dumps({name: value}), flush=True)


# -- children ------------------------------------------------------------------


def child_cold_start(kind: str) -> None:
    """Process start to the first frame of the main screen (or a one-paragraph app)."""
    spawned = float(os.environ["BENCH_SPAWNED"])
    from textual.app import App

    if kind == "reader":
        from reader.library.bookmarks import BookmarkStore
        from reader.library.loader import load_library
        from reader.library.paths import bundled_articles
        from reader.tui.app import ReaderApp

        app: App[None] = ReaderApp(load_library(bundled_articles()), BookmarkStore.open(None))
    else:
        from textual.widgets import Markdown

        class Minimal(App[None]):
            def compose(self):  # type: ignore[no-untyped-def]
                yield Markdown("A minimal Textual app with *one* Markdown paragraph.")

        app = Minimal()

    def first_frame() -> None:
        emit("seconds", time.perf_counter() - spawned)
        app.exit()

    app.call_after_refresh(first_frame)
    app.run(headless=True, size=(80, 24))


def child_article(kind: str, folder: str, slug: str) -> None:
    """Open and paint one article, then time key presses, each to its next frame."""
    import asyncio

    from textual import events
    from textual.app import App, ComposeResult
    from textual.containers import VerticalScroll
    from textual.widgets import Markdown

    from reader.library.loader import load_library
    from reader.tui.article_view import ArticleView

    library = load_library(Path(folder))
    article = library.articles[slug]

    class Bench(App[None]):
        def compose(self) -> ComposeResult:
            if kind == "reader":
                yield ArticleView(id="view")
            else:
                with VerticalScroll(id="view"):
                    yield Markdown(id="md")

    async def main() -> None:
        app = Bench()
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            frames: list[float] = []
            display = app._display

            def spy(screen: object, renderable: object) -> None:
                frames.append(time.perf_counter())
                display(screen, renderable)  # type: ignore[arg-type]

            app._display = spy  # type: ignore[method-assign]

            async def next_frame(since: int) -> float:
                while len(frames) <= since:
                    await asyncio.sleep(0.0002)
                return frames[since]

            async def press(key: str) -> float:
                """Seconds from a key arriving to the first frame drawn after it."""
                await pilot.pause()
                seen = len(frames)
                start = time.perf_counter()
                app._driver.send_message(events.Key(key, None))  # type: ignore[union-attr]
                return await next_frame(seen) - start

            seen = len(frames)
            start = time.perf_counter()
            if kind == "reader":
                app.query_one(ArticleView).show(article, library.document(slug))
            else:
                await app.query_one(Markdown).update(article.body())
            emit("open", await next_frame(seen) - start)
            app.query_one("#view").focus()
            if kind == "reader":
                emit("first End", await press("end"))
                await press("home")
            for name, key in (KEYS if kind == "reader" else MARKDOWN_KEYS).items():
                times = []
                for _ in range(5):
                    times.append(await press(key))
                    if key == "end":
                        await press("home")
                emit(name, statistics.median(times))

    asyncio.run(main())


# -- the table -----------------------------------------------------------------


def fmt(seconds: object, limit: float | None = None) -> str:
    """Seconds as ms or s; "> N s" for a run cut at the limit."""
    if seconds is None:
        return f"> {limit:g} s" if limit else "n/a"
    value = float(seconds)  # type: ignore[arg-type]
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def ratio(ours: object, theirs: object, limit: float) -> str:
    """How many times faster ours is ("> N x" when theirs hit the limit)."""
    if ours is None:
        return "n/a"
    if theirs is None:
        return f"> {limit / float(ours):.0f}x"  # type: ignore[arg-type]
    return f"{float(theirs) / float(ours):.1f}x"  # type: ignore[arg-type]


def main() -> None:
    """Run every measurement and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 10 s limit")
    parser.add_argument("--limit", type=float, default=None, help="seconds per child run")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "cold":
            child_cold_start(args.child[1])
        else:
            child_article(*args.child[1:])
        return
    limit = args.limit or (10.0 if args.quick else 30.0)
    repeats = 3 if args.quick else 7

    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; time limit {limit:g} s; "
        f"medians of {repeats} cold starts and of 5 key presses.\n"
    )
    cold: dict[str, list[float]] = {"reader": [], "minimal": []}
    for _ in range(repeats):
        for kind in cold:
            result = run_child(["cold", kind], limit)
            if "seconds" in result:
                cold[kind].append(float(result["seconds"]))  # type: ignore[arg-type]
    ours, minimal = statistics.median(cold["reader"]), statistics.median(cold["minimal"])
    print("| cold start to first frame | time |")
    print("|---|---|")
    print(f"| reader, main screen with the bundled articles | {fmt(ours)} |")
    print(f"| minimal Textual app, one Markdown paragraph | {fmt(minimal)} |")
    print(f"| ratio (target <= 1.25x) | {ours / minimal:.2f}x |\n")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "content"
        write_content(folder)
        rows = []
        for label in SIZES:
            slug = "bench-" + label.replace(" ", "").lower()
            mine = run_child(["article", "reader", str(folder), slug], limit)
            theirs = run_child(["article", "markdown", str(folder), slug], limit)
            rows.append((label, mine, theirs))
            print(f"  measured {label}", file=sys.stderr)

    print("| open and paint | reader | Textual Markdown | ratio |")
    print("|---|---|---|---|")
    for label, mine, theirs in rows:
        a, b = mine.get("open"), theirs.get("open")
        print(f"| {label} | {fmt(a, limit)} | {fmt(b, limit)} | {ratio(a, b, limit)} |")
    for label, mine, theirs in rows:
        if label not in ("35 KB", "1 MB"):
            continue
        print(f"\n| key press to next frame, {label} article | reader | Textual Markdown |")
        print("|---|---|---|")
        for name in KEYS:
            if name not in MARKDOWN_KEYS:
                other = "no such key"
            elif "open" not in theirs:
                other = f"did not open within {limit:g} s"
            else:
                other = fmt(theirs.get(name), limit)
            print(f"| {name} | {fmt(mine.get(name), limit)} | {other} |")
        print(f"| End, first press (lays out the rest) | {fmt(mine.get('first End'), limit)} | |")


if __name__ == "__main__":
    main()
