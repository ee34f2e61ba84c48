"""Benchmark the reader as people meet it, against Textual's own widgets, in one run.

    python benchmarks/run.py              # every table (about 15 minutes)
    python benchmarks/run.py --quick      # fewer repeats and presses, shorter limits
    python benchmarks/run.py --pty-only   # only the figures measured in a pseudo-terminal

In-process figures: every measurement runs in a fresh child process, headless at
80x24 (120x40 for articles), so one side's caches never help the other. A side
that does not finish within the time limit is reported as "> N s".

Pty figures: the ``reader`` console script (``python -m reader`` when there is
none beside this Python) runs in a real pseudo-terminal of 100x30 whose output
feeds a pyte screen (benchmarks/keys.py's ``Term``), with HOME, the cache, config
and data folders made for the run. A figure ends when the words looked for are
on the screen, at the read that brought the frame drawing them.
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
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the pty helpers import pexpect and pyte: only the parent needs them
    from keys import Term

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SPEC = REPO / "tests" / "corpora" / "commonmark-spec-0.31.2.md"
SIZES = {"10 KB": 10_000, "35 KB": 35_000, "355 KB": 355_000, "1 MB": 1_000_000}
KEYS = {"line down": "down", "page down": "pagedown", "next heading": "h", "End": "end"}
# Textual's Markdown view scrolls; it has no headings to jump to.
MARKDOWN_KEYS = {"line down": "down", "page down": "pagedown", "End": "end"}
# The yardstick for cold start, headless and in the pty: one Markdown paragraph.
MINIMAL_APP = """
from textual.app import App, ComposeResult
from textual.widgets import Markdown


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Markdown("A minimal Textual app with *one* Markdown paragraph.")
"""
MINIMAL_WORDS = "A minimal Textual app"


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


def slug_of(label: str) -> str:
    """The slug ``write_content`` gives the article of this size."""
    return "bench-" + label.replace(" ", "").lower()


def write_content(folder: Path) -> None:
    """A content folder with one article per size."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "topics.yaml").write_text("- id: bench\n  title: Benchmark\n")
    for label, size in SIZES.items():
        (folder / f"{slug_of(label)}.md").write_text(front_matter(label) + make_article(size))


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
        namespace: dict[str, Any] = {}
        exec(MINIMAL_APP, namespace)
        app = namespace["Minimal"]()

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


def in_process(quick: bool, limit: float) -> None:
    """Cold start, open and paint, and key presses, headless, each in a fresh child."""
    repeats = 3 if quick else 7
    print(
        f"In process: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; time limit "
        f"{limit:g} s; medians of {repeats} cold starts and of 5 key presses.\n"
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
            mine = run_child(["article", "reader", str(folder), slug_of(label)], limit)
            theirs = run_child(["article", "markdown", str(folder), slug_of(label)], limit)
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
    print()


# -- in a pseudo-terminal, as a person starts the reader -------------------------

END_KEY, HOME_KEY = b"\x1b[F", b"\x1b[H"
PTY_SIZES = ("10 KB", "355 KB", "1 MB")
LIBRARY = 5000  # articles in the generated library, as benchmarks/search.py makes them


def reader_command() -> tuple[list[str], str]:
    """How to start the reader: the console script beside this Python, else ``-m reader``."""
    script = Path(sys.executable).parent / "reader"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], f"the console script {script}"
    return [sys.executable, "-m", "reader"], f"{sys.executable} -m reader (no console script)"


def words_of(line: str, count: int = 4) -> str:
    """The first ``count`` words of a Markdown line, without its leading markup."""
    return " ".join(line.lstrip("#>*-+ ").split()[:count])


def first_words(body: str) -> str:
    """The words of a Markdown body's first line (the first thing the article shows)."""
    return words_of(next(line for line in body.splitlines() if line.strip()))


def last_words(body: str) -> str:
    """The words of a Markdown body's last line."""
    return words_of(next(line for line in reversed(body.splitlines()) if line.strip()))


def first_topic(folder: Path) -> str:
    """The title of the first topic in a content folder (the first words on the main screen)."""
    import yaml

    return str(yaml.safe_load((folder / "topics.yaml").read_text())[0]["title"])


def start(argv: list[str], env: dict[str, str], words: str, limit: float) -> tuple[Term, float]:
    """Spawn ``argv`` in a pty; it and the seconds from spawn to ``words`` on screen.

    Raises RuntimeError (with the screen as it was) when the words never came.
    """
    from keys import Term

    term = Term(argv, env)
    seen = term.wait_for(words, limit)
    if seen is None:
        screen = "\n".join(line.rstrip() for line in term.screen.display).strip()
        term.quit()
        raise RuntimeError(f"{argv}: {words!r} not on screen within {limit:g} s:\n{screen}")
    return term, seen - term.spawned


def press_until(term: Term, key: bytes, words: str, limit: float) -> float | None:
    """Seconds from sending ``key`` to ``words`` on screen; None after ``limit`` seconds."""
    sent = time.perf_counter()
    os.write(term.fd, key)
    seen = term.wait_for(words, limit)
    return None if seen is None else seen - sent


def idle_output(
    term: Term, first_screen: float, after: float, span: float = 2.0
) -> tuple[int, str]:
    """Bytes the child writes in ``span`` seconds from ``after`` s past its first screen.

    Also the screen rows those bytes drew on (pyte's dirty rows, 1-based), which
    shows redraws that change only colours, such as a scroll bar's.
    """
    while (left := first_screen + after - time.perf_counter()) > 0:
        term.pump(left)
    before, end = term.received, time.perf_counter() + span
    term.screen.dirty.clear()
    while (left := end - time.perf_counter()) > 0:
        term.pump(left)
    return term.received - before, spans(sorted(row + 1 for row in term.screen.dirty))


def spans(rows: list[int]) -> str:
    """Row numbers as ranges: 1-3, 7."""
    parts: list[str] = []
    for row in rows:
        if parts and int(parts[-1].split("-")[-1]) == row - 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{row}"
        else:
            parts.append(str(row))
    return ", ".join(parts) or "none"


def load() -> str:
    """The 1-minute load average, for the captions."""
    return f"{os.getloadavg()[0]:.2f}"


def median_cell(values: list[float]) -> str:
    """A median, with the range of the runs."""
    if not values:
        return "n/a"
    return f"{fmt(statistics.median(values))} ({fmt(min(values))} to {fmt(max(values))})"


def verdict(value: float | None, target: float) -> str:
    """met / not met against an upper bound."""
    return "n/a" if value is None else "met" if value <= target else "**not met**"


def pty_cold_start(reader: list[str], tmp: Path, repeats: int, limit: float) -> None:
    """Spawn to first words: the minimal app, the reader, and the reader with 5,000 articles."""
    import random

    from keys import private_env
    from search import vocabulary, write_library  # benchmarks/search.py

    library = tmp / "library"
    write_library(library, LIBRARY, vocabulary(), random.Random(7))
    env, caption = private_env(tmp / "home"), f"load average {load()}"
    minimal = [sys.executable, "-c", MINIMAL_APP + "\nMinimal().run()\n"]
    bundled_topic, library_topic = first_topic(REPO / "articles"), first_topic(library)
    # Not counted: compiles what an edit left stale, warms the disk cache, and builds
    # the bundled articles' search index, as a second start finds it.
    for argv, words in ((minimal, MINIMAL_WORDS), (reader, bundled_topic)):
        term, _ = start(argv, env, words, limit)
        with term:
            term.settle(quiet=0.5)
    times: dict[str, list[float]] = {"minimal": [], "bundled": [], "first": [], "second": []}
    for run in range(repeats):
        for name, argv, words in (
            ("minimal", minimal, MINIMAL_WORDS),
            ("bundled", reader, bundled_topic),
        ):
            term, seconds = start(argv, env, words, limit)
            term.quit()
            times[name].append(seconds)
        fresh = private_env(tmp / f"home-{run}")  # no caches yet
        for name in ("first", "second"):
            argv = [*reader, "--articles", str(library)]
            term, seconds = start(argv, fresh, library_topic, limit)
            with term:  # the first start builds its caches after drawing: let it finish
                term.settle(quiet=0.5, limit=120)
            times[name].append(seconds)
        print(f"  cold start {run + 1} of {repeats}", file=sys.stderr, flush=True)
    med = {name: statistics.median(values) for name, values in times.items()}
    ours = med["bundled"] / med["minimal"]
    first, second = (med[name] / med["bundled"] for name in ("first", "second"))
    print(
        f"| cold start in a pty: spawn to first words, median of {repeats} (range) | time "
        "| ratio | target | |"
    )
    print("|---|---|---|---|---|")
    print(
        f"| minimal Textual app, one Markdown paragraph | {median_cell(times['minimal'])} | | | |"
    )
    print(
        f"| reader, bundled articles ({bundled_topic!r}) | {median_cell(times['bundled'])} "
        f"| {ours:.2f}x the minimal app | <= 1.25x | {verdict(ours, 1.25)} |"
    )
    print(
        f"| reader, {LIBRARY:,} articles, first start (builds its caches) "
        f"| {median_cell(times['first'])} | {first:.2f}x the bundled start | | |"
    )
    print(
        f"| reader, {LIBRARY:,} articles, second start | {median_cell(times['second'])} "
        f"| {second:.2f}x the bundled start | <= 1.5x | {verdict(second, 1.5)} |"
    )
    cache = Path(fresh["XDG_CACHE_HOME"])
    kept = [
        f"{f.relative_to(cache)} ({f.stat().st_size / 1e6:.1f} MB)"
        for f in sorted(cache.rglob("*"))
        if f.is_file()
    ]
    print(f"\nCaches after the {LIBRARY:,}-article starts: {', '.join(kept) or 'none'}.")
    print(f"{caption} at the start, {load()} at the end\n")


def pty_articles(
    reader: list[str], content: Path, env: dict[str, str], repeats: int, limit: float
) -> None:
    """First paint of three sizes; End at once in the 1 MB article, and again once laid out."""
    bodies = {label: make_article(SIZES[label]) for label in PTY_SIZES}
    top, bottom = first_words(bodies["1 MB"]), last_words(bodies["1 MB"])
    caption = f"load average {load()}"
    paint: dict[str, list[float]] = {label: [] for label in PTY_SIZES}
    end_now: list[float] = []
    end_later: list[float] = []
    for run in range(repeats):
        for label in PTY_SIZES:
            argv = [*reader, "--articles", str(content), "--open", slug_of(label)]
            term, seconds = start(argv, env, first_words(bodies[label]), limit)
            paint[label].append(seconds)
            with term:
                if label != "1 MB":
                    continue
                if term.shows(bottom):
                    raise RuntimeError(f"{bottom!r} is on the first screen: pick other words")
                if (seconds := press_until(term, END_KEY, bottom, limit)) is not None:
                    end_now.append(seconds)
                os.write(term.fd, HOME_KEY)
                term.wait_for(top, limit)
                term.settle(quiet=0.5, limit=120)  # the rest is laid out, nothing drawn
                if (seconds := press_until(term, END_KEY, bottom, limit)) is not None:
                    end_later.append(seconds)
        print(f"  articles {run + 1} of {repeats}", file=sys.stderr, flush=True)
    ten, big = statistics.median(paint["10 KB"]), statistics.median(paint["1 MB"])
    print(
        f"| first paint in a pty: `reader --articles FOLDER --open SLUG`, spawn to "
        f"{first_words(bodies['1 MB'])!r}, median of {repeats} (range) | time | target | |"
    )
    print("|---|---|---|---|")
    for label in PTY_SIZES:
        print(f"| {label} | {median_cell(paint[label])} | | |")
    print(f"| 1 MB minus 10 KB | {fmt(big - ten)} | <= 0.5 s | {verdict(big - ten, 0.5)} |")
    now = statistics.median(end_now) if end_now else None
    print(
        f"\n| End in the 1 MB article, key to {bottom!r} (its last line) on screen, "
        f"median of {repeats} (range) | time | target | |"
    )
    print("|---|---|---|---|")
    print(
        f"| pressed at once after the first screen | {median_cell(end_now)} "
        f"| <= 0.25 s | {verdict(now, 0.25)} |"
    )
    print(f"| pressed again after Home, once all is laid out | {median_cell(end_later)} | | |")
    print(f"\n{caption} at the start, {load()} at the end\n")


def pty_idle(reader: list[str], content: Path, env: dict[str, str], limit: float) -> None:
    """Bytes written in 2 s of idle after the 1 MB article's first screen, in both modes."""
    words = first_words(make_article(SIZES["1 MB"]))
    caption = f"load average {load()}"
    print(
        "| nothing drawn while idle: 1 MB article opened, bytes written in 2 s "
        "| from 1 s after the first screen | from 0.2 s after | target | |"
    )
    print("|---|---|---|---|---|")
    for mode, extra in (("default", []), ("screen-reader mode", ["--screen-reader=panes"])):
        cells, most = [], 0
        for after in (1.0, 0.2):
            argv = [*reader, *extra, "--articles", str(content), "--open", slug_of("1 MB")]
            term, seconds = start(argv, env, words, limit)
            with term:
                written, rows = idle_output(term, term.spawned + seconds, after)
            most = max(most, written)
            cells.append(f"{written:,} bytes" + (f" (rows {rows})" if written else ""))
        print(f"| {mode} | {cells[0]} | {cells[1]} | 0 | {verdict(most, 0)} |")
    print(f"\n{caption} at the start, {load()} at the end\n")


def pty_arrows(reader: list[str], content: Path, env: dict[str, str], presses: int) -> None:
    """benchmarks/keys.py's arrow-to-cursor measurement, against a bare OptionList."""
    from keys import PAUSE, measure

    caption = f"load average {load()}"
    rows, largest = measure(presses, content, env, reader)
    base = {r["key"]: r for r in rows if r["subject"] == "bare OptionList"}
    print(
        f"| arrow to cursor, `--screen-reader`, {presses} presses, {PAUSE * 1000:.0f} ms apart "
        "| key | p50 | p95 | bare OptionList p50 / p95 | ratio p50 / p95 | target | |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        if row["subject"] == "bare OptionList" or "cursor_p50" not in row:
            continue
        other = base[row["key"]]
        p50, p95 = row["cursor_p50"], row["cursor_p95"]
        r50 = float(p50) / float(other["frame_p50"])  # type: ignore[arg-type]
        r95 = float(p95) / float(other["frame_p95"])  # type: ignore[arg-type]
        name = str(row["subject"]).removeprefix("reader ")
        name = f"article ({largest})" if name == "article" else name
        print(
            f"| {name} | {row['key']} | {p50:.1f} ms | {p95:.1f} ms "
            f"| {other['frame_p50']:.1f} / {other['frame_p95']:.1f} ms | {r50:.2f}x / {r95:.2f}x "
            f"| <= 1.25x | {verdict(max(r50, r95), 1.25)} |"
        )
    print(
        "\nThe reader's time is to the frame that moves the terminal cursor; the OptionList's "
        "to its first frame (it has no cursor: its highlight moves)."
    )
    for row in rows:
        if row.get("note"):
            print(f"{row['subject']}, {row['key']}: {row['note']}")
    print(f"{caption} at the start, {load()} at the end\n")


def in_pty(quick: bool) -> None:
    """Every figure measured in a pseudo-terminal, the way a person starts the reader."""
    from keys import COLS, ROWS, private_env
    from speech import pty_speech

    reader, how = reader_command()
    repeats, presses, limit = (3, 20, 30.0) if quick else (7, 60, 60.0)
    print(
        f"In a pty ({COLS}x{ROWS}, TERM=xterm-256color): the reader started as {how}; "
        "HOME, XDG_CACHE_HOME, XDG_CONFIG_HOME and READER_DATA_DIR in a temporary folder; "
        f"load average {load()} ({os.cpu_count()} CPUs).\n"
    )
    with tempfile.TemporaryDirectory(prefix="reader-bench-") as name:
        tmp = Path(name)
        content = tmp / "content"
        write_content(content)
        env = private_env(tmp / "home-articles")
        parts: list[tuple[Callable[..., None], tuple[object, ...]]] = [
            (pty_cold_start, (reader, tmp, repeats, limit)),
            (pty_articles, (reader, content, env, repeats, limit)),
            (pty_idle, (reader, content, env, limit)),
            (pty_arrows, (reader, content, private_env(tmp / "home-keys"), presses)),
            (pty_speech, (reader, tmp / "speech", max(presses // 2, 15))),
        ]
        for part, arguments in parts:
            try:
                part(*arguments)
            except RuntimeError as error:  # the app may be mid-edit: report, go on
                print(f"{part.__name__} failed: {error}\n")


def main() -> None:
    """Run every measurement and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, shorter limits")
    parser.add_argument("--limit", type=float, default=None, help="seconds per in-process child")
    parser.add_argument("--pty-only", action="store_true", help="only the figures in a pty")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.child[0] == "cold":
            child_cold_start(args.child[1])
        else:
            child_article(*args.child[1:])
        return
    started = time.perf_counter()
    print(f"load average (1 min) {load()} at the start ({os.cpu_count()} CPUs)\n")
    if not args.pty_only:
        in_process(args.quick, args.limit or (10.0 if args.quick else 30.0))
    in_pty(args.quick)
    print(f"load average (1 min) {load()} at the end; {time.perf_counter() - started:.0f} s in all")


if __name__ == "__main__":
    main()
