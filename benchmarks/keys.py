"""Arrow key to terminal cursor, timed as a line-reading screen reader meets it.

    python benchmarks/keys.py            # 60 presses of Down and of Up per subject
    python benchmarks/keys.py --quick    # 20 of each
    python benchmarks/keys.py --json FILE

tdsr, Speakup and Fenrir read the row at the terminal's cursor a fixed delay after
an arrow key (tdsr: 20 ms). Each subject runs in a real pty (100x30) whose output
feeds a pyte screen. We answer Textual's query for synchronized output, so every
frame ends with ESC[?2026l: "frame" is send to the end of the first frame after the
key; "cursor" is send to the end of the first frame after which the cursor is on
another row, or the row under it reads differently (the view scrolled).

``Term``, ``private_env`` and ``measure`` are shared with benchmarks/run.py.
"""

from __future__ import annotations

import argparse
import json
import os
import select
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pexpect
import pyte

REPO = Path(__file__).resolve().parent.parent
ROWS, COLS = 30, 100
QUERY, REPLY = b"\x1b[?2026$p", b"\x1b[?2026;2$y"  # "supported, currently off"
START, END = b"\x1b[?2026h", b"\x1b[?2026l"
KEYS = {"Down": b"\x1b[B", "Up": b"\x1b[A"}
WRAP = {"Down": b"\x1b[H", "Up": b"\x1b[F"}  # Home / End at the end of a list
TIMEOUT = 2.0  # a press with no cursor move within this is the end of the list
QUIET = 0.05  # output quiet this long after the last frame: the press is over
PAUSE = 0.15  # between presses


@dataclass
class Press:
    """One key press: seconds to the first frame end, to the cursor move, to the last frame."""

    frame: float | None = None
    cursor: float | None = None
    last: float | None = None
    frames: int = 0


class Term:
    """A child in a pty, its output fed frame by frame into a pyte screen."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.spawned = time.perf_counter()  # just before the fork
        self.child = pexpect.spawn(argv[0], argv[1:], env=env, cwd=REPO, dimensions=(ROWS, COLS))
        self.child.delaybeforesend = None
        self.fd: int = self.child.child_fd
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.pending = b""
        self.synced = False
        self.received = 0  # bytes read from the child so far
        self.last_output = time.perf_counter()

    def shows(self, text: str) -> bool:
        """Whether ``text`` is on one row of the screen (as drawn by complete frames)."""
        return any(text in line for line in self.screen.display)

    def wait_for(self, text: str, limit: float) -> float | None:
        """The time (perf_counter) of the read that put ``text`` on screen; None after ``limit`` s.

        The time is taken when the bytes are read, before pyte parses them, so
        pyte's own speed does not count.
        """
        deadline = time.perf_counter() + limit
        while not self.shows(text):
            if (left := deadline - time.perf_counter()) <= 0:
                return None
            try:
                self.pump(min(left, 0.05))
            except RuntimeError:  # the child ended; what it wrote is on the screen
                return None
        return self.last_output

    def quit(self) -> None:
        """End the child (SIGHUP, then SIGINT, then SIGKILL)."""
        self.child.terminate(force=True)

    def __enter__(self) -> Term:
        return self

    def __exit__(self, *_: object) -> None:
        self.quit()

    def where(self) -> tuple[int, str]:
        """The cursor's row and what that row says."""
        y = self.screen.cursor.y
        return y, self.screen.display[y]

    def pump(self, timeout: float) -> int:
        """Read once (waiting up to ``timeout``), feed pyte; how many frames were completed."""
        if not select.select([self.fd], [], [], max(timeout, 0))[0]:
            return 0
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError as error:
            screen = "\n".join(line.rstrip() for line in self.screen.display if line.strip())
            raise RuntimeError(f"the child ended; its screen:\n{screen}") from error
        self.last_output = time.perf_counter()
        self.received += len(data)
        if not self.synced and QUERY in self.pending + data:
            os.write(self.fd, REPLY)
            self.synced = True
        *frames, rest = (self.pending + data).split(END)
        for frame in frames:
            self.stream.feed(frame + END)
        cut = rest.find(START)  # a frame begun: keep it for later; else keep what may begin one
        if cut < 0:
            cut = rest.rfind(b"\x1b")
            cut = cut if cut >= 0 and START.startswith(rest[cut:]) else len(rest)
        self.stream.feed(rest[:cut])
        self.pending = rest[cut:]
        return len(frames)

    def cpu_ticks(self) -> int:
        """The child's user + system CPU time, in clock ticks."""
        fields = Path(f"/proc/{self.child.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])

    def settle(self, quiet: float = 0.3, limit: float = 120.0) -> None:
        """Wait for a drawn screen, then no output and (almost) no CPU for ``quiet`` seconds."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            ticks, window_end = self.cpu_ticks(), time.perf_counter() + quiet
            while (left := window_end - time.perf_counter()) > 0:
                self.pump(left)
            drawn = any(line.strip() for line in self.screen.display)
            idle = self.cpu_ticks() - ticks <= 1
            if drawn and idle and time.perf_counter() - self.last_output >= quiet:
                return
        raise RuntimeError("the child never went quiet")

    def press(self, key: bytes, track_cursor: bool) -> Press:
        """Send ``key``; time the first frame, the cursor move and the last frame."""
        before, result = self.where(), Press()
        start = time.perf_counter()
        os.write(self.fd, key)
        while (now := time.perf_counter()) - start < TIMEOUT:
            moved = result.cursor is not None or (not track_cursor and result.frame is not None)
            if moved and now - self.last_output >= QUIET:
                break
            if count := self.pump(0.002):
                result.frames, result.last = result.frames + count, self.last_output - start
                result.frame = result.last if result.frame is None else result.frame
                if track_cursor and result.cursor is None and self.where() != before:
                    result.cursor = result.last
        return result


def run_subject(name: str, argv: list[str], env: dict[str, str], setup: bytes, n: int) -> list:
    """Start one subject, then press Down ``n`` times and Up ``n`` times: a dict per key."""
    term, track, out = Term(argv, env), not name.startswith("bare"), []
    try:
        term.settle()
        if not term.synced:
            raise RuntimeError(f"{name}: Textual never asked for synchronized output")
        if setup:
            os.write(term.fd, setup)
            term.settle()
        for key in KEYS:
            presses: list[Press] = []
            series, misses = {"subject": name, "key": key, "wraps": 0, "note": ""}, 0
            while len(presses) < n:
                result = term.press(KEYS[key], track)
                if result.cursor is None and (track or result.frame is None):
                    misses += 1  # the end of the list (or a cursor that never moves)
                    if misses == 2:
                        series["note"] = "cursor never moved" if result.frame else "no frame"
                        break
                    series["wraps"] += 1
                    os.write(term.fd, WRAP[key])
                    term.settle(quiet=PAUSE)
                    continue
                misses = 0
                presses.append(result)
                term.settle(quiet=PAUSE, limit=10)
            out.append({**series, "presses": presses})
    finally:
        term.quit()
    return out


def child_optionlist() -> None:
    """The yardstick: one focused OptionList of 40 options filling the screen."""
    from textual.app import App, ComposeResult
    from textual.widgets import OptionList

    class Bare(App[None]):
        CSS = "OptionList { height: 1fr; }"

        def compose(self) -> ComposeResult:
            yield OptionList(*(f"Option {i:02d}: a few words to read" for i in range(40)))

    Bare().run()


def pct(values: list[float], q: float) -> float:
    """The ``q`` quantile (0-1), nearest rank, in ms."""
    ordered = sorted(values)
    return 1000 * ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def summarise(series: dict) -> dict[str, object]:
    """p50 and p95 of each time, and how many presses a screen reader would meet too early."""
    presses: list[Press] = series.pop("presses")
    frames = [p.frame for p in presses if p.frame is not None]
    cursors = [p.cursor for p in presses if p.cursor is not None]
    row: dict[str, object] = {**series, "n": len(presses)}
    if frames:
        row.update(frame_p50=pct(frames, 0.5), frame_p95=pct(frames, 0.95))
        row["last_p50"] = pct([p.last for p in presses if p.last is not None], 0.5)
        row["frames"] = statistics.fmean(p.frames for p in presses)
    if cursors:
        row.update(cursor_p50=pct(cursors, 0.5), cursor_p95=pct(cursors, 0.95))
        row["late_20ms"] = sum(c > 0.020 for c in cursors)
        row["late_60ms"] = sum(c > 0.060 for c in cursors)
    return row


FIGURES = ("n", *(f"{a}_{q}" for a in ("frame", "ratio", "cursor") for q in ("p50", "p95")))
FIGURES += ("last_p50", "frames", "wraps")


def cell(name: str, value: object) -> str:
    """A figure for the table."""
    digits = 2 if name.startswith("ratio") else 1
    return str(value) if not isinstance(value, float) else f"{value:.{digits}f}"


def show(rows: list[dict[str, object]]) -> None:
    """The table, then what tdsr would say."""
    print(f"{'subject':<20} {'key':<4} " + " ".join(FIGURES))
    for r in rows:
        line = "".join(f" {cell(k, r.get(k, '-')):>{len(k)}}" for k in FIGURES)
        print(f"{r['subject']:<20} {r['key']:<4}{line}  {r['note']}".rstrip())
    print("\ntimes in ms; ratio = frame time / the bare OptionList's frame time, same key;")
    print("last = to the last frame of the press; frames = frames per press; wraps = Home/End")
    for r in rows:
        if "late_20ms" in r:
            print(
                f"{r['subject']}, {r['key']}: tdsr at 20 ms would read the old row in"
                f" {r['late_20ms']} of {r['n']} presses; at 60 ms in {r['late_60ms']} of {r['n']}"
            )


def private_env(tmp: str | Path) -> dict[str, str]:
    """This environment with every folder the reader writes to under ``tmp``.

    HOME, the cache, config and data folders are the run's own, never the
    user's; the reader's own settings (READER_*) and a fixed size are dropped.
    """
    drop = ("READER_", "COLUMNS", "LINES")  # our settings only, and the pty's own size
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    # An installed reader has its bytecode compiled; without this, a shell that sets
    # it would have every start compile the modules changed since the last install.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(TERM="xterm-256color", HOME=str(tmp), XDG_CACHE_HOME=f"{tmp}/cache")
    env.update(READER_DATA_DIR=f"{tmp}/data", XDG_CONFIG_HOME=f"{tmp}/config")
    return env


def measure(
    n: int, content: Path, env: dict[str, str], reader: list[str]
) -> tuple[list[dict[str, object]], str]:
    """Every subject, ``n`` presses of each key: summarised rows, and the bundled article used.

    ``content`` is a folder made by run.py's ``write_content``; ``reader`` the
    command that starts the reader. Each row has ``ratio_p50``/``ratio_p95``: its
    frame time over the bare OptionList's, same key.
    """
    reader = [*reader, "--screen-reader=panes"]
    bundled = [*reader, "--articles", str(REPO / "articles")]
    largest = max((REPO / "articles").glob("*.md"), key=lambda p: p.stat().st_size).stem
    big = [*reader, "--articles", str(content), "--open", "bench-1mb"]
    subjects = [
        ("bare OptionList", [sys.executable, __file__, "--child", "optionlist"], b""),
        ("reader topics", bundled, b""),
        ("reader article", [*bundled, "--open", largest], b""),
        ("reader article 1 MB", big, b""),
        ("reader contacts", bundled, b"3"),
    ]
    rows: list[dict[str, object]] = []
    for name, argv, setup in subjects:
        print(f"{name} ...", file=sys.stderr, flush=True)
        rows += [summarise(series) for series in run_subject(name, argv, env, setup, n)]
    for row in rows:  # the ratio of frame times to the bare OptionList's, same key
        base = next(r for r in rows if r["subject"] == "bare OptionList" and r["key"] == row["key"])
        for q in ("p50", "p95"):
            if f"frame_{q}" in row and f"frame_{q}" in base:
                row[f"ratio_{q}"] = row[f"frame_{q}"] / base[f"frame_{q}"]  # type: ignore[operator]
    return rows, largest


def main() -> None:
    """Run every subject in turn and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="20 presses per key, not 60")
    parser.add_argument("--json", metavar="FILE", help="write the figures here too")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "optionlist":
        return child_optionlist()
    from run import write_content  # benchmarks/run.py, beside this file

    n, load = 20 if args.quick else 60, os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="reader-keys-") as tmp:
        content = Path(tmp) / "content"
        write_content(content)
        rows, largest = measure(n, content, private_env(tmp), [sys.executable, "-m", "reader"])
    print(f"reader article = {largest}; {n} presses per key; pause {PAUSE * 1000:.0f} ms")
    print(f"load average (1 min) {load:.2f} at the start, {os.getloadavg()[0]:.2f} at the end\n")
    show(rows)
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
