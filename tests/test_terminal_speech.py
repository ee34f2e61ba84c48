"""The talking kiosk in a real terminal: what it says for a keyboard walk, reading aloud,
and what the speech process may never do (write to the screen, redraw it).

The speech command is the logging server of the tests: READER_SPEECH_COMMAND.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import REPO, copy_content
from pty_terminal import Terminal

LOGGER = REPO / "tests" / "log_speech.py"


def logged(log: Path) -> list[tuple[str, str]]:
    if not log.exists():
        return []
    return [tuple(json.loads(row)[1:]) for row in log.read_text().splitlines()]


class Listener:
    """The words the speech process was given since the last question."""

    def __init__(self, log: Path) -> None:
        self.log, self.seen = log, 0

    def said(self, term: Terminal, quiet: float = 0.5, limit: float = 10.0) -> list[str]:
        end, count, still = time.monotonic() + limit, len(logged(self.log)), 0.0
        while time.monotonic() < end and still < quiet:
            term.read(0.1)
            now = len(logged(self.log))
            still, count = (still + 0.1 if now == count else 0.0), now
        rows = logged(self.log)
        fresh, self.seen = rows[self.seen :], len(rows)
        return [text for kind, text in fresh if kind == "s"]


@pytest.fixture
def kiosk(tmp_path: Path):
    """``reader --kiosk --speech`` on the test content, its speech logged."""
    log = tmp_path / "said.jsonl"
    content = copy_content(tmp_path)
    terms: list[Terminal] = []

    def start(*args: str, rows: int = 30, env: dict[str, str] | None = None) -> Terminal:
        command = f"{sys.executable} {LOGGER} {log}"
        term = Terminal(
            "--kiosk", "--speech", "--articles", str(content), "--region", "GB", *args,
            cols=120, rows=rows, data_dir=tmp_path / "data",
            env={"READER_SPEECH_COMMAND": command, "XDG_CACHE_HOME": str(tmp_path / "cache"),
                 **(env or {})},
        )  # fmt: skip
        terms.append(term)
        term.wait_for("Topics" if "--open" not in args else "Reviewed")
        return term

    yield start, Listener(log), content
    for term in terms:
        term.child.terminate(force=True)


def test_a_keyboard_walk_speaks_the_focused_items_and_status_and_nothing_else(kiosk) -> None:
    start, listener, _content = kiosk
    term = start()
    assert listener.said(term) == [
        "F5: speech. F4: screen-reader mode. F2: get help now. reader: mental-health "
        "information. Topics: 2 topics, - Sleep (topic, 1 article, expanded) selected. "
        "Enter opens. F2: get help now. ?: keys."
    ]
    # Each key, and every utterance it brings, in order: the first of them whole, the
    # start of the rest (reading aloud goes on after an article opens, timed by speech).
    walk: list[tuple[tuple[str, ...], list[str]]] = [
        (("down",), ["Topics: Every kind of block (article)."]),
        (("enter",), [
            "Opened Every kind of block, 5 sections, line 1 of ",
            "An opening paragraph with bold, emphasis, code, struck text and a link to a "
            "section in it.",
        ]),
        (("l",), ["Link: link to a section (#a-table). a link to a section in it."]),
        (("enter",), ["A table."]),  # the link followed: the reading line, a heading
        (("f2",), ["Help contacts: 4 items, Emergency, phone 999 selected."]),
        (("/",), [
            "Search: type what you are looking for, in your own words. Type a few words. "
            "Down moves to the results, Enter opens the first. for example: can't sleep."
        ]),
        (tuple("worry"), [
            '3 articles for "w". Down moves to them.', '2 articles for "wo". Down moves to them.',
            '2 articles for "wor". Down moves to them.', '1 article for "worr". Down moves to it.',
            '1 article for "worry". Down moves to it.',
        ]),
        (("down",), ["Worry basics, in Worry."]),
        (("enter",), [
            "Opened Worry basics, 3 sections, line 1 of 22. First match: Worry is common.",
            "What helps.",
        ]),
        (("f8", "b"), ["Bookmark added at line "]),
        (("B",), [
            "Bookmarks. 1 bookmark. Enter opens, d deletes, n adds a note, Escape goes back. "
            "Worry basics"
        ]),
    ]  # fmt: skip
    for keys, expected in walk:
        term.press(*keys)
        heard = listener.said(term)
        opened = keys == ("enter",) and expected[0].startswith(("Opened", "First"))
        assert (len(heard) >= len(expected)) if opened else (len(heard) == len(expected)), (
            keys,
            heard,
        )
        for words, start_of in zip(heard, expected, strict=False):
            assert words.startswith(start_of), (keys, heard)
    letters = [text for kind, text in logged(listener.log) if kind == "l"]
    assert letters == list("worry")  # typing, echoed


def test_reading_aloud_goes_to_the_end_moving_the_reading_line(kiosk, tmp_path: Path) -> None:
    start, listener, content = kiosk
    config = tmp_path / "reader.toml"
    config.write_text("speech_rate = 100\n")
    term = start("--open", "all-blocks", rows=60, env={"READER_CONFIG": str(config)})
    words: list[str] = []
    end = time.monotonic() + 90
    while "End of the article." not in words and time.monotonic() < end:
        words += listener.said(term, quiet=0.2, limit=1.0)
    assert words[-1] == "End of the article.", words
    # In order: each utterance's first words, found in the article as `reader read` prints it.
    text = subprocess.run(
        [sys.executable, "-m", "reader", "--articles", str(content), "read", "all-blocks",
         "--width", "1000"],
        capture_output=True, text=True, check=True, cwd=REPO,
    ).stdout  # fmt: skip
    place = 0
    for utterance in words[1:-1]:
        first = " ".join(utterance.split()[:2]).rstrip(".")
        where = text.find(first, place)
        assert where >= 0, (first, text[place : place + 200])
        place = where
    assert len(words) > 10
    # The reading line went along: the cursor is on a line of the last block read.
    term.read(0.5)
    row = term.cursor_row().split("┃")[1].strip(" >*")
    assert row and row in words[-2], (row, words[-2])


def test_while_reading_aloud_only_the_reading_line_is_redrawn(kiosk, tmp_path: Path) -> None:
    start, _listener, _content = kiosk
    config = tmp_path / "reader.toml"
    config.write_text("speech_rate = 100\n")
    term = start("--open", "all-blocks", rows=60, env={"READER_CONFIG": str(config)})
    term.read(1.0)
    rows_of_cursor = {term.cursor[1]}
    term.screen.dirty.clear()
    end = time.monotonic() + 4
    while time.monotonic() < end:
        term.read(0.05)
        rows_of_cursor.add(term.cursor[1])
    assert len(rows_of_cursor) > 2  # it moved
    assert term.screen.dirty <= rows_of_cursor, (sorted(term.screen.dirty), rows_of_cursor)


def test_the_speech_process_never_writes_to_the_terminal(kiosk, tmp_path: Path) -> None:
    start, _listener, _content = kiosk
    log = tmp_path / "noisy.jsonl"
    noisy = (
        f"sh -c 'echo SPEECH-NOISE; echo SPEECH-NOISE >&2; exec {sys.executable} {LOGGER} {log}'"
    )
    term = start(env={"READER_SPEECH_COMMAND": noisy})
    term.press("down", "enter")
    term.read(1.0)
    assert logged(log), "the noisy speech command never started"
    assert b"SPEECH-NOISE" not in term.stream_bytes
    assert "SPEECH-NOISE" not in term.text
