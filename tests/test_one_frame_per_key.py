"""In a real pseudo-terminal: after each key, every cell that changes is written once.

Textual writes an update after each message hop; a screen reader reads every copy.
Here each key's bytes are replayed into a pyte screen that counts the characters
drawn into each cell: none may be drawn twice, and no row that stayed the same
(characters, colours and attributes) may be drawn at all.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pyte
import pytest
from helpers import FIXTURES
from pty_terminal import KEYS, Terminal

CONTENT = str(FIXTURES / "content")

# (key, words on the screen once its answer is drawn)
STEPS = [
    ("down", "Every kind of"),
    ("enter", "Opened Every kind of block"),
    ("down", "Every kind of block"),
    ("f2", "Help contacts: 4 items"),
    ("enter", "EMERGENCY"),
    ("escape", "Help contacts: 4 items"),
    ("question_mark", "Previous"),
    ("escape", "Help contacts"),
    ("1", "Topics"),
    ("slash", "Search"),
    ("w", "w"),
    ("o", "wo"),
    ("escape", "Topics"),
]


class CountingScreen(pyte.Screen):
    """A pyte screen that counts the characters drawn into each cell."""

    def __init__(self, columns: int, lines: int) -> None:
        super().__init__(columns, lines)
        self.drawn: Counter[tuple[int, int]] = Counter()

    def draw(self, data: str) -> None:
        for char in data:
            self.drawn[self.cursor.y, self.cursor.x] += 1
            super().draw(char)


def rows_with_styles(screen: pyte.Screen) -> list[tuple[pyte.screens.Char, ...]]:
    """Each row's characters with their colours and attributes."""
    return [tuple(screen.buffer[y][x] for x in range(screen.columns)) for y in range(screen.lines)]


def drawn(data: bytes, cols: int, rows: int) -> Counter[tuple[int, int]]:
    """How often each cell (row, column) was drawn in ``data``."""
    screen = CountingScreen(cols, rows)
    pyte.ByteStream(screen).feed(data)
    return screen.drawn


def changed(terminal: Terminal, before: list, cursor: tuple[int, int]) -> None:
    """Until the screen or the cursor has changed (the key's answer), then quiet."""
    end = time.monotonic() + 20
    while rows_with_styles(terminal.screen) == before and terminal.cursor == cursor:
        assert time.monotonic() < end, "the key changed nothing on the screen"
        terminal.read(0.05)
    terminal.settle()


@pytest.mark.parametrize("layout", [(), ("--screen-reader=panes",)], ids=["panes3", "one"])
@pytest.mark.parametrize(("cols", "rows"), [(100, 30), (40, 20)])
def test_each_key_writes_each_changed_cell_once(
    tmp_path: Path, layout: tuple[str, ...], cols: int, rows: int
) -> None:
    terminal = Terminal(
        "--articles", CONTENT, *layout, cols=cols, rows=rows, data_dir=tmp_path / "data"
    )
    try:
        terminal.wait_for("Topics")
        # The first screen is drawn at once (nobody waits for the end of the start);
        # what the rest of the start changes (the key bar, the status line) follows in
        # one more frame: no cell twice more (Textual alone drew it three to seven times).
        first = drawn(terminal.stream_bytes, cols, rows)
        assert first and max(first.values()) <= 2, sorted(first.items(), key=lambda c: -c[1])[:5]
        for key, words in STEPS:
            before, start = rows_with_styles(terminal.screen), len(terminal.stream_bytes)
            cursor = terminal.cursor
            terminal.child.send(KEYS.get(key, key))
            changed(terminal, before, cursor)
            assert words in terminal.text, (key, terminal.text)
            cells = drawn(terminal.stream_bytes[start:], cols, rows)
            twice = sorted(cell for cell, count in cells.items() if count > 1)
            assert not twice, (key, twice[:10])
            after = rows_with_styles(terminal.screen)
            same = sorted({y for y, _ in cells if before[y] == after[y]})
            assert not same, (key, [terminal.screen.display[y] for y in same])
    finally:
        terminal.close()
