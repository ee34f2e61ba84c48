"""One frame per key: the cells that changed, written once, when the app has settled.

Textual writes an update after each message hop, so one key (a screen pushed, its
focus, the status line, a worker's result) became three to seven updates, and a
row was written as often. A screen reader reads every copy. Here Textual's
updates only say that something changed; once nothing on the screen is waiting to
run (or after ``FRAME_MAX`` at the most, so a sighted reader never waits long),
the whole screen is rendered and what Textual's updates would have drawn (a whole
row after a layout, else the stretches its widgets asked to redraw: a status line,
a margin cell) is written once, and only where it differs from what the terminal
shows.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, CompositorUpdate
from textual.strip import Strip

from reader.document.sanitize import row_is_clean, row_text

if TYPE_CHECKING:
    from textual.app import App
    from textual.geometry import Offset, Size
    from textual.screen import Screen

    Display = Callable[[Screen[object], RenderableType | None], None]

FRAME_MAX = 0.5  # seconds from the first change to its frame, whatever still runs
QUIET = 0.005
# Keys that move a mark and the cursor (see FrameWriter.changed).
MOVES = frozenset({"up", "down", "left", "right", "home", "end", "pageup", "pagedown", "j", "k"})


def settling(app: App[object]) -> bool:
    """True while anything on the screen may still change it: a node with a message
    waiting or one it is still handling (not back waiting on its queue: a recomposing
    key bar awaits between its steps), a callback due next or after the refresh, an
    update the screen has still to make, a batch of updates."""
    screen = app.screen
    if app._batch_count or screen._callbacks:
        return True
    if (  # an update the screen's timer will make (a layout, a repaint, a widget)
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
        or screen._dirty_widgets
    ):
        return True
    for node in (app, screen, *screen.walk_children()):
        if not node.is_running:
            continue
        queue = node._message_queue
        if not queue.empty() or not queue.ready_event._waiters or node._next_callbacks:
            return True
    return False


Cell = tuple[str, Style | None]


def safe(strip: Strip) -> Strip:
    """The row with any control character left in its text removed: whatever path
    text took to the screen (a status, a title, a dialog), no escape sequence in it
    reaches the terminal."""
    if all(control or row_is_clean(text) for text, _style, control in strip):
        return strip
    return Strip(
        [
            Segment(text if control else row_text(text), style, control)
            for text, style, control in strip
        ],
        strip.cell_length,
    )


def cells(strip: Strip) -> list[Cell]:
    """A row as cells: its text (a wide character's second cell is ``""``) and its look."""
    row: list[Cell] = []
    for text, style, control in strip:
        if control:
            continue
        if style is not None and style._meta:
            # Textual's click offsets into the text: not on the screen, and they change
            # whenever a status line wraps its words differently.
            style = style.clear_meta_and_links()
        for char in text:
            width = cell_len(char)
            if width == 0 and row:  # a combining mark belongs to the cell before
                row[-1] = (row[-1][0] + char, style)
                continue
            row.append((char, style))
            if width == 2:
                row.append(("", style))
    return row


def merged(spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Spans ``(y, x1, x2)`` in order, those that touch or overlap on a row made one."""
    out: list[tuple[int, int, int]] = []
    for y, x1, x2 in sorted(spans):
        if out and out[-1][0] == y and x1 <= out[-1][2]:
            out[-1] = (y, out[-1][1], max(x2, out[-1][2]))
        else:
            out.append((y, x1, x2))
    return out


def whole_cells(row: list[Cell], start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` widened so that no wide character is cut in half."""
    while 0 < start < len(row) and row[start][0] == "":
        start -= 1
    while end < len(row) and row[end][0] == "":
        end += 1
    return start, end


class RowsUpdate(CompositorUpdate):
    """An update that is already a terminal sequence (Textual adds the cursor move)."""

    def __init__(self, sequence: str) -> None:
        self.sequence = sequence

    def render_segments(self, console: Console) -> str:
        """The rows to write, as they are."""
        return self.sequence


class FrameWriter:
    """Gathers Textual's updates into one frame of changed rows (see the module)."""

    def __init__(self, app: App[object], write: Display) -> None:
        self.app = app
        self.write = write  # Textual's own display: the rows, the cursor, the flush
        self.rows: list[list[Cell]] | None = None  # what the terminal shows (None: unknown)
        self._full = False  # a layout changed: compare whole rows
        self._spans: list[tuple[int, int, int]] = []  # (y, x1, x2): asked to redraw
        self._cursor: Offset | None = None
        self._size: Size | None = None
        self._handle: asyncio.Handle | None = None
        self._first = 0.0
        self._move = False

    def forget(self) -> None:
        """The terminal's rows are unknown (a resize, a return from line mode): the next
        frame writes every row."""
        self.rows = self._cursor = None

    def key(self, key: str) -> None:
        """A key was pressed: a move's first redraw is written at once (see ``changed``)."""
        self._move = key in MOVES

    def changed(self, update: CompositorUpdate) -> None:
        """Textual has an update: write a frame once the app has settled."""
        if isinstance(update, ChopsUpdate):
            self._spans += update.spans
            if self._move and self._handle is None and not self._full and self.rows is not None:
                # A line-reading screen reader reads the row at the cursor 20 ms after an
                # arrow key: the moved mark and the cursor cannot wait for the status line.
                self._move = False
                self.flush()
                return
        else:
            self._full = True
            if self._size is None:
                # The first screen at once: the app's start goes on for a few hundred
                # milliseconds more (the key bar, the store), and nobody should wait
                # for it to see or hear the topics; what it changes follows in a frame.
                self.flush()
                return
        if self._handle is None:
            self._first = time.monotonic()
            self._handle = asyncio.get_running_loop().call_later(QUIET, self._when_settled)

    def _when_settled(self) -> None:
        # Textual draws nothing during a batch: wait for its end, however long.
        overdue = time.monotonic() - self._first >= FRAME_MAX and not self.app._batch_count
        if settling(self.app) and not overdue:
            self._handle = asyncio.get_running_loop().call_later(QUIET, self._when_settled)
        else:
            self.flush()

    def flush(self) -> None:
        """Render the screen and write what changed where Textual would draw (and the cursor)."""
        self._handle = None
        app = self.app
        screen = app.screen
        if not screen.is_running or not screen.size.area:
            return
        update = screen._compositor.render_update(full=True, screen_stack=app._background_screens)
        if screen.size != self._size:  # a resized terminal may have moved or cut any row
            self.rows, self._size = None, screen.size
        strips = [safe(Strip.join(line)) for line in update.strips]
        new = [cells(strip) for strip in strips]
        old = self.rows if self.rows is not None else [[] for _ in new]
        stretches: list[tuple[int, int, int]] = list(self._spans)
        if self._full or self.rows is None:
            stretches += [(y, 0, len(row)) for y, row in enumerate(new)]
        self._full, self._spans = False, []
        parts: list[str] = []
        for y, x1, x2 in merged(stretches):
            if y >= len(new):
                continue
            start, end = whole_cells(new[y], x1, min(x2, len(new[y])))
            if old[y][start:end] == new[y][start:end]:
                continue  # already on the terminal
            parts.append(f"\x1b[{y + 1};{start + 1}H")
            parts.append(strips[y].crop(start, end).render(console=app.console))
            if end == len(new[y]) and y + 1 < len(new):
                parts.append("\n")  # as Textual ends a row: screen readers hear a break
            old[y][start:end] = new[y][start:end]
        self.rows = old
        sequence = "".join(parts)
        if sequence or app.cursor_position != self._cursor:  # idle: not a byte
            self._cursor = app.cursor_position
            self.write(screen, RowsUpdate(sequence))
