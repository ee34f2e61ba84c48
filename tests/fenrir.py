"""The reader under Fenrir, a console screen reader, and what it says.

Fenrir runs in its PTY emulation mode (``fenrir -e``) in a pseudo-terminal of
its own, with the reader as its "shell"; its generic speech driver runs a
command per utterance, ours appends the text to a log. Keys are sent as an xterm
sends them, so Fenrir's own PTY key map applies (it takes F1, F2 and Escape for
itself). Debian's defaults otherwise: punctuation "some", keys do not
interrupt speech. Fenrir is Debian's package (GPL-3.0), a test tool only.
"""

from __future__ import annotations

import configparser
import os
import shlex
import shutil
import sys
import time
from pathlib import Path

import pexpect
from helpers import REPO
from pty_terminal import KEYS

FENRIR = "/usr/bin/fenrir"
SETTINGS = Path("/etc/fenrirscreenreader/settings/settings.conf")


def available() -> bool:
    """True where Fenrir is installed (Debian's package)."""
    return Path(FENRIR).exists() and SETTINGS.exists() and shutil.which("sh") is not None


class Fenrir:
    """``reader ARGS`` under Fenrir in a ``cols`` x ``rows`` pty; ``press`` returns what it
    said after the key."""

    def __init__(
        self,
        *args: str,
        home: Path,
        cols: int = 100,
        rows: int = 30,
        ready: str = "c: get help now",
    ) -> None:
        """``ready``: words said once the reader has started."""
        self.log = home / "fenrir-speech.log"
        self.log.write_text("")
        say = home / "say.sh"
        say.write_text(
            f'#!/bin/sh\nprintf "%s\\n" "$1" | tr "\\n" " " >> {self.log}\necho >> {self.log}\n'
        )
        say.chmod(0o755)
        config = configparser.RawConfigParser()
        config.optionxform = str  # type: ignore[assignment,method-assign]
        config.read(SETTINGS)
        config["speech"]["driver"] = "genericDriver"
        config["speech"]["genericSpeechCommand"] = f"{say} fenrirText"
        config["sound"]["enabled"] = "False"
        config["remote"]["enable"] = "False"
        config["general"]["debugMode"] = "File"
        config["general"]["debugFile"] = str(home / "fenrir-debug.log")
        reader = [sys.executable, "-m", "reader", *args]
        config["general"]["shell"] = shlex.join(reader)
        settings = home / "settings.conf"
        with settings.open("w") as handle:
            config.write(handle)
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("READER_", "TEXTUAL")) and k not in ("NO_COLOR", "DISPLAY")
        }
        env.update(
            HOME=str(home),
            PYTHONPATH=str(REPO),
            LANG="C.UTF-8",
            LC_ALL="C.UTF-8",
            XDG_RUNTIME_DIR=str(home),
            XDG_CONFIG_HOME=str(home / ".config"),
            XDG_CACHE_HOME=str(home / "cache"),
            READER_DATA_DIR=str(home / "data"),
        )
        self.child = pexpect.spawn(
            FENRIR, ["-e", "-s", str(settings)], env=env, dimensions=(rows, cols),
            timeout=20, cwd=str(REPO),
        )  # fmt: skip
        self.child.delaybeforesend = None
        self._seen = 0
        self.start_speech = self.wait_for(ready, limit=60)

    def _drain(self) -> None:
        try:
            while self.child.read_nonblocking(65536, timeout=0):
                pass
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def _said(self) -> list[str]:
        lines = self.log.read_text(encoding="utf-8", errors="replace").splitlines()
        new, self._seen = lines[self._seen :], len(lines)
        return [" ".join(line.split()) for line in new if line.strip()]

    def wait_for(self, words: str, limit: float = 20.0, quiet: float = 0.8) -> list[str]:
        """Until something said holds ``words`` (or ``limit``), then until nothing more is
        said for ``quiet`` seconds: everything said."""
        said: list[str] = []
        end = time.monotonic() + limit
        while time.monotonic() < end and not any(words in text for text in said):
            self._drain()
            said += self._said()
            time.sleep(0.02)
        last = time.monotonic()
        while time.monotonic() - last < quiet and time.monotonic() < end + quiet:
            self._drain()
            fresh = self._said()
            if fresh:
                said += fresh
                last = time.monotonic()
            time.sleep(0.02)
        return said

    def press(self, key: str, expect: str) -> list[str]:
        """Press ``key`` (a name from pty_terminal.KEYS, or text typed a letter at a time):
        everything Fenrir said until ``expect`` and quiet after it."""
        self._said()
        for char in [KEYS[key]] if key in KEYS else list(key):
            self.child.send(char)
            time.sleep(0.05)
        return self.wait_for(expect)

    def close(self) -> None:
        """End Fenrir and the reader it runs."""
        self.child.terminate(force=True)
