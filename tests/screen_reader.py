"""The reader under a real terminal screen reader (tdsr), and what it says.

tdsr runs the reader in a pty of its own and speaks through a speech server
command; ours (log_speech.py) logs the words instead. After an arrow key tdsr
reads the whole row at the terminal cursor (after its cursor delay); after any
other key it reads the text that was newly drawn. tdsr is GPL-3.0: a test tool
here, never imported by the reader.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import tty
from pathlib import Path

import pexpect
import pyte
from helpers import REPO
from pty_terminal import KEYS

TDSR = shutil.which("tdsr") or str(Path(sys.executable).with_name("tdsr"))
ARROWS = {"up", "down", "left", "right"}


class ScreenReader:
    """``reader ARGS`` in a ``cols`` x ``rows`` pty under tdsr; ``press`` returns what it said."""

    def __init__(
        self,
        *args: str,
        home: Path,
        cols: int = 100,
        rows: int = 30,
        cursor_delay: float = 0.2,
        env: dict[str, str] | None = None,
    ) -> None:
        config = home / ".config" / "tdsr"
        config.mkdir(parents=True, exist_ok=True)  # tdsr fails without it
        (config / "tdsr.cfg").write_text(f"[speech]\ncursor_delay = {cursor_delay}\n")
        self.log = home / "speech.log"
        self.log.write_text("")
        self.cursor_delay = cursor_delay
        environment = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("READER_", "TEXTUAL")) and k != "NO_COLOR"
        }
        environment.update(
            HOME=str(home),
            PYTHONPATH=str(REPO),
            TERM="xterm-256color",
            LANG="en_GB.UTF-8",
            READER_DATA_DIR=str(home / "data"),
            XDG_CACHE_HOME=str(home / "cache"),
            **(env or {}),
        )
        server = f"{sys.executable} {REPO / 'tests' / 'log_speech.py'} {self.log}"
        # tdsr execs the program without a PATH search: a full path.
        program = [sys.executable, "-m", "reader", *args]
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(
            TDSR, ["-s", server, "--", *program], env=environment,
            dimensions=(rows, cols), timeout=20, cwd=str(REPO),
        )  # fmt: skip
        self.child.delaybeforesend = None
        # tdsr's main() leaves its terminal cooked: keys would wait for a newline.
        time.sleep(0.3)
        tty.setraw(self.child.child_fd)
        self._seen = 0
        # The first frame, then quiet: a first start (no caches yet) can be silent for
        # longer than "quiet" while it loads, and keys sent then are echoed by the tty.
        end = time.monotonic() + 20
        while not any(row.strip() for row in self.screen.display) and time.monotonic() < end:
            self._read(0.05)
        self.wait_quiet(limit=20)
        self.start_speech = self.said()

    def _read(self, seconds: float) -> bool:
        try:
            data = self.child.read_nonblocking(65536, timeout=seconds)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return False
        self.stream.feed(data)
        return True

    def _entries(self) -> list[list]:
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def wait_quiet(self, quiet: float = 0.6, limit: float = 10.0) -> None:
        """Until nothing is drawn or said for ``quiet`` seconds."""
        end = time.monotonic() + limit
        last_speech = len(self._entries())
        quiet_since = time.monotonic()
        while time.monotonic() < end:
            drew = self._read(0.05)
            count = len(self._entries())
            if drew or count != last_speech:
                last_speech = count
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                return
        raise AssertionError("the screen or the speech never went quiet")

    def said(self) -> list[str]:
        """What was said since the last call: spoken text, and letters as ``letter X``."""
        entries = self._entries()
        new, self._seen = entries[self._seen :], len(entries)
        words = [
            text.strip() if command == "s" else f"letter {text}"
            for _, command, text in new
            if command in "sl" and text.strip()
        ]
        return words

    def press(self, key: str) -> list[str]:
        """Press a key (a name from pty_terminal.KEYS or text); what tdsr said after it."""
        self.said()
        self.child.send(KEYS.get(key, key))
        time.sleep(self.cursor_delay + 0.1 if key in ARROWS else 0.05)
        self.wait_quiet()
        return self.said()

    def wait_for(self, words: str, limit: float = 30.0) -> list[str]:
        """No key: wait until something said holds ``words``, then for quiet; all said."""
        said: list[str] = []
        end = time.monotonic() + limit
        while not any(words in text for text in said) and time.monotonic() < end:
            self._read(0.05)
            said += self.said()
        self.wait_quiet()
        return said + self.said()

    def type(self, text: str) -> list[str]:
        """Type text a character at a time; everything said."""
        self.said()
        for char in text:
            self.child.send(char)
            time.sleep(0.08)
        self.wait_quiet()
        return self.said()

    @property
    def rows(self) -> list[str]:
        """The screen's rows as text."""
        return list(self.screen.display)

    @property
    def cursor(self) -> tuple[int, int]:
        """The terminal cursor: (column, row)."""
        return self.screen.cursor.x, self.screen.cursor.y

    def close(self) -> None:
        """End tdsr and the reader."""
        self.child.terminate(force=True)
