"""Drive the reader in a real pseudo-terminal and read the screen with pyte.

This is what only a real terminal shows: where the hardware cursor is, the
bytes written while idle, and the colours actually drawn.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pexpect
import pyte
from helpers import REPO

KEYS = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "tab": "\t",
    "enter": "\r",
    "escape": "\x1b",
    "backspace": "\x7f",
    "f1": "\x1bOP",
    "f2": "\x1bOQ",
    "f3": "\x1bOR",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "f6": "\x1b[17~",
    "f7": "\x1b[18~",
    "f8": "\x1b[19~",
    "f9": "\x1b[20~",
    "f11": "\x1b[23~",
    "f12": "\x1b[24~",
    "shift+f11": "\x1b[23;2~",
    "shift+f12": "\x1b[24;2~",
    "ctrl+t": "\x14",
    "ctrl+f": "\x06",
    "ctrl+o": "\x0f",
    "slash": "/",
    "question_mark": "?",
}


class Terminal:
    """The reader running in a pty of ``cols`` x ``rows``, seen through pyte."""

    def __init__(
        self,
        *args: str,
        cols: int = 80,
        rows: int = 24,
        data_dir: Path,
        env: dict[str, str] | None = None,
    ) -> None:
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("READER_", "TEXTUAL")) and k != "NO_COLOR"
        }
        environment.update(
            PYTHONPATH=str(REPO),
            TERM="xterm-256color",
            COLORTERM="truecolor",
            READER_DATA_DIR=str(data_dir),
            LANG="en_GB.UTF-8",
            **(env or {}),
        )
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.stream_bytes = b""  # everything written, for tests of what reaches the terminal

        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "reader", *args],
            env=environment,
            dimensions=(rows, cols),
            timeout=20,
        )

    def read(self, seconds: float) -> bytes:
        """Everything written during ``seconds``, fed to the screen."""
        data = b""
        end = time.monotonic() + seconds
        while (left := end - time.monotonic()) > 0:
            try:
                data += self.child.read_nonblocking(65536, timeout=left)
            except pexpect.TIMEOUT:
                break
            except pexpect.EOF:
                break
        self.stream.feed(data)
        self.stream_bytes += data
        return data

    def settle(self, quiet: float = 0.4, limit: float = 10.0) -> None:
        """Read until nothing has been written for ``quiet`` seconds."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            if not self.read(quiet):
                return
        raise AssertionError("the screen never stopped changing")

    def wait_for(self, text: str, limit: float = 20.0) -> None:
        """Read until ``text`` is on the screen, then until it is quiet."""
        end = time.monotonic() + limit
        while text not in self.text:
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never appeared:\n{self.text}")
            self.read(0.1)
        self.settle()

    def press(self, *keys: str) -> None:
        """Type keys (names from KEYS, or literal characters), then let the screen settle."""
        for key in keys:
            self.child.send(KEYS.get(key, key))
            # A lone ESC waits for the rest of a possible sequence: give it time,
            # or the next key would arrive as alt+key.
            time.sleep(0.3 if key == "escape" else 0.05)
        self.settle()

    @property
    def text(self) -> str:
        """The whole screen as text."""
        return "\n".join(self.screen.display)

    @property
    def cursor(self) -> tuple[int, int]:
        """The hardware cursor: (column, row)."""
        return self.screen.cursor.x, self.screen.cursor.y

    def cursor_row(self) -> str:
        """The text of the row the hardware cursor is on."""
        return self.screen.display[self.screen.cursor.y]

    def close(self) -> None:
        """Quit the app (and make sure the process is gone)."""
        if self.child.isalive():
            self.child.sendcontrol("q")
            try:
                self.child.expect(pexpect.EOF, timeout=5)
            except pexpect.TIMEOUT:
                self.child.terminate(force=True)
