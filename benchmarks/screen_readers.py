"""What each screen reader says per key: line mode beside the one-pane full screen.

    python benchmarks/screen_readers.py            # tdsr, and Fenrir and Orca where installed
    python benchmarks/screen_readers.py --only tdsr

The same walk of keys (bundled articles, region NO, 100x30) runs under each screen
reader twice: `reader --screen-reader` (line mode) and `reader --screen-reader=panes`
(the one-pane full screen, the obvious alternative and what screen-reader mode was
before line mode). For each key the answer is what line mode prints for it, taken
from the app itself (headless, in-process); a screen reader's words are compared
with the punctuation set aside (Fenrir drops it). Per key:

- said: characters spoken after the key (less the screen reader's own key echo:
  tdsr's "letter x", Orca's key names and typed letters);
- noise: said characters that are not the answer's (said minus the answer's, when
  the answer is in what was said; all of it when the answer is missing);
- first: whether what was said begins with the answer.

The harnesses are the tests' own (tests/screen_reader.py, tests/fenrir.py,
tests/orca.py). Fenrir's and Orca's are skipped where they are not installed
(.ci/run installs them).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

ARTICLES = REPO / "articles"
COLS, ROWS = 100, 30
# (label, key as the tests' pty harness names it, as xdotool names it, as Pilot does)
WALK = [
    ("Down, topics", "down", "Down", "down"),
    ("Enter, open", "enter", "Return", "enter"),
    ("Down, article", "down", "Down", "down"),
    ("Down, article", "down", "Down", "down"),
    ("h, heading", "h", "h", "h"),
    ("l, link", "l", "l", "l"),
    ("c, help contacts", "c", "c", "c"),
    ("Down, contacts", "down", "Down", "down"),
    ("Enter, contact card", "enter", "Return", "enter"),
    ("Enter, card closed", "enter", "Return", "enter"),
    ("/, search", "slash", "slash", "slash"),
    ("typing sleep", "type:sleep", "type:sleep", "type:sleep"),
    ("Down, results", "down", "Down", "down"),
    ("Enter, result", "enter", "Return", "enter"),
    ("b, bookmark", "b", "b", "b"),
    ("B, bookmarks", "B", "B", "B"),
]
ECHO = {"return", "F2", "slash", "BackSpace", "escape", "left shift", "space"}


def plain(text: str) -> str:
    """Words only: punctuation set aside, Fenrir's "dash" too."""
    text = re.sub(r"[^\w\s]", " ", text.lower())
    return " ".join(word for word in text.split() if word != "dash")


def answers() -> list[str]:
    """What line mode prints for each key of the walk, from the app itself."""
    from helpers import kiosk_settings
    from line_mode_lines import Lines, settled

    from reader.library.loader import load_library
    from reader.tui.run import build_app

    lines = Lines()
    home = Path(tempfile.mkdtemp())
    settings = replace(
        kiosk_settings(ARTICLES, home / "data", enabled=False),
        region="NO",
        screen_reader=True,
    )
    app = build_app(settings, load_library(ARTICLES))
    app._line_write = lines.write
    found: list[str] = []

    async def walk() -> None:
        async with app.run_test(size=(COLS, ROWS)) as pilot:
            await lines.wait(pilot, "Topics:")
            for _label, _pty, _x, key in WALK:
                keys = list(key[5:]) if key.startswith("type:") else [key]
                before = len(lines.text)
                await pilot.press(*keys)
                await settled(pilot)
                printed = lines.text[before:]
                if key.startswith("type:"):  # the letters echoed are not the answer
                    printed = printed.removeprefix(key[5:])
                found.append(printed)

    asyncio.run(walk())
    return [" ".join(re.sub(r".?\x08 \x08", "", text).split()) for text in found]


def heard(said: list[str], key: str) -> str:
    """A screen reader's words after ``key``, less its own echo of the key."""
    typed = key[5:] if key.startswith("type:") else key
    if len(key) == 1 and len(said) > 1 and said[0] == f"letter {key}":
        # tdsr says a key's letter when the answer begins with it ("B", "ookmarks").
        said = [key + said[1], *said[2:]]
    kept = [
        words
        for words in said
        if not words.startswith("letter ") and words not in ECHO and words not in typed
    ]
    return " ".join(kept)


def measure(name: str, mode: str, expected: list[str]) -> list[dict[str, Any]]:
    """Walk under screen reader ``name`` in ``mode`` ("line" or "panes")."""
    home = Path(tempfile.mkdtemp())
    args = ("--articles", str(ARTICLES), "--region", "NO", f"--screen-reader={mode}")
    ready = "c: get help now" if mode == "line" else "Topics"
    rows: list[dict[str, Any]] = []
    if name == "tdsr":
        from screen_reader import ScreenReader

        sr: Any = ScreenReader(*args, home=home, cols=COLS, rows=ROWS)
    elif name == "fenrir":
        from fenrir import Fenrir

        sr = Fenrir(*args, home=home, cols=COLS, rows=ROWS, ready=ready)
    else:
        from orca import Orca

        sr = Orca(*args, home=home, cols=COLS, rows=ROWS, ready=ready)
    try:
        for (label, pty_key, x_key, _pilot), answer in zip(WALK, expected, strict=True):
            if name == "tdsr":
                said = sr.type(pty_key[5:]) if pty_key.startswith("type:") else sr.press(pty_key)
            elif name == "fenrir":
                said = sr.press(pty_key[5:] if pty_key.startswith("type:") else pty_key, "")
            else:
                said = sr.press(x_key, "")
            words, want = plain(heard(said, pty_key)), plain(answer)
            found = bool(want) and want in words
            noise = len(words) - len(want) if found else len(words)
            rows.append(
                {"key": label, "said": len(words), "noise": max(noise, 0),
                 "first": found and words.startswith(want)}
            )  # fmt: skip
    finally:
        sr.close()
    return rows


def main() -> None:
    """Walk under each screen reader, in both modes; print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["tdsr", "fenrir", "orca"], action="append")
    options = parser.parse_args()
    import fenrir
    import orca

    readers = options.only or ["tdsr", "fenrir", "orca"]
    readers = [
        name
        for name in readers
        if name == "tdsr"
        or (name == "fenrir" and fenrir.available())
        or (name == "orca" and orca.available())
    ]
    expected = answers()
    summary = []
    for name in readers:
        line, panes = measure(name, "line", expected), measure(name, "panes", expected)
        print(f"\n### {name}: characters said per key, line mode beside `--screen-reader=panes`\n")
        print("| key | line: said | noise | answer first | panes: said | noise | answer first |")
        print("|---|---|---|---|---|---|---|")
        for a, b in zip(line, panes, strict=True):
            print(
                f"| {a['key']} | {a['said']} | {a['noise']} | {'yes' if a['first'] else 'no'} "
                f"| {b['said']} | {b['noise']} | {'yes' if b['first'] else 'no'} |"
            )
        totals = [sum(r[k] for r in rows) for rows in (line, panes) for k in ("said", "noise")]
        firsts = [sum(r["first"] for r in rows) for rows in (line, panes)]
        summary.append((name, *totals, *firsts))
    print("\n### Per screen reader, the whole walk\n")
    print(
        f"| screen reader | line: said | noise | answer first ({len(WALK)} keys) "
        "| panes: said | noise | answer first | said, panes / line |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for name, said_l, noise_l, said_p, noise_p, first_l, first_p in summary:
        ratio = said_p / said_l if said_l else float("inf")
        print(
            f"| {name} | {said_l} | {noise_l} | {first_l} | {said_p} | {noise_p} | {first_p} "
            f"| {ratio:.1f}x |"
        )


if __name__ == "__main__":
    main()
