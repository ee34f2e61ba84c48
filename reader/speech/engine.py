"""The speech process: started beside the app, fed lines from a thread of its own.

A key never waits for speech: lines go into a queue, and a writer thread starts
the process and writes to it. The process's output never reaches the terminal
(standard output is thrown away, standard error goes to a log file or nowhere).
If the process is missing or dies, it is started again once; if that fails too,
speech gives up, says why once (``on_failure``), and the reader goes on silently.
"""

from __future__ import annotations

import contextlib
import queue
import subprocess
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from reader.i18n import _

RESTARTS = 1  # started again once; after that, silence


class SpeechEngine:
    """A speech-server command, and the lines sent to it."""

    def __init__(
        self,
        command: list[str],
        on_failure: Callable[[str], None],
        log_path: Path | None = None,
    ) -> None:
        self.command = command
        self.on_failure = on_failure
        self.log_path = log_path
        self.failed = False
        # What a restarted process must be told again before it speaks.
        self._settings: dict[str, str] = {}
        self._lines: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        self._process: subprocess.Popen[bytes] | None = None
        self._starts = 0
        self._thread = threading.Thread(target=self._run, name="speech", daemon=True)
        self._thread.start()

    def send(self, line: str) -> None:
        """Queue one protocol line (never blocks; dropped once speech has given up)."""
        if not line or self.failed:
            return
        kind = line[0]
        if kind in "rvL":  # a new dict, never changed: the writer thread reads it
            self._settings = {**self._settings, kind: line}
        self._lines.put(line)

    def close(self) -> None:
        """Stop speaking and end the process (waits at most a second)."""
        self._lines.put(None)
        self._thread.join(timeout=1.0)
        self._end_process()

    # -- the writer thread -------------------------------------------------------

    def _run(self) -> None:
        while True:
            line = self._lines.get()
            if line is None:
                return
            if self.failed:
                continue
            self._write(line)

    def _write(self, line: str) -> None:
        data = (line + "\n").encode("utf-8", "replace")
        while not self.failed:
            process = self._process if self._alive() else self._start()
            if process is None or process.stdin is None:
                return
            try:
                process.stdin.write(data)
                process.stdin.flush()
                return
            except (BrokenPipeError, OSError, ValueError) as error:
                self._log(f"speech process lost ({error})")
                self._end_process()

    def _alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _start(self) -> subprocess.Popen[bytes] | None:
        """Start the process (again): at most ``1 + RESTARTS`` times in all."""
        reason = _("the speech process ended")
        while self._starts <= RESTARTS:
            if self._process is not None:  # it ran once: this is a restart
                reason = _("the speech process ended (exit status {code})").format(
                    code=self._process.poll()
                )
                self._log(reason)
                self._end_process()
            self._starts += 1
            try:
                self._process = self._popen()
            except OSError as error:
                reason = f"{self.command[0]}: {error.strerror or error}"
                self._log(f"the speech command could not start: {reason}")
                continue
            if self._starts > 1:
                self._log("the speech process was started again")
            self._tell_settings(self._process)
            return self._process
        self._give_up(reason)
        return None

    def _popen(self) -> subprocess.Popen[bytes]:
        log: IO[bytes] | int = subprocess.DEVNULL
        if self.log_path is not None:
            with contextlib.suppress(OSError):
                log = self.log_path.open("ab")
        try:
            return subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.DEVNULL,  # never the terminal
                stderr=log,
                start_new_session=True,  # no signals from the reader's terminal
                close_fds=True,
            )
        finally:
            if not isinstance(log, int):
                log.close()

    def _tell_settings(self, process: subprocess.Popen[bytes]) -> None:
        """A new process hears the rate, volume and language in force."""
        if process.stdin is None or self._starts < 2:  # the first one hears them queued
            return
        try:
            process.stdin.write("".join(f"{line}\n" for line in self._settings.values()).encode())
            process.stdin.flush()
        except OSError:
            pass  # found out on the next write

    def _give_up(self, reason: str) -> None:
        if not self.failed:
            self.failed = True
            self._log(f"speech given up: {reason}")
            self.on_failure(reason)

    def _end_process(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        try:
            if process.stdin is not None:
                process.stdin.close()
        except OSError:
            pass
        try:
            process.wait(timeout=0.5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _log(self, text: str) -> None:
        if self.log_path is None:
            return
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        try:
            with self.log_path.open("a", encoding="utf-8") as log:
                log.write(f"{stamp} {text}\n")
        except OSError:
            pass  # a log that cannot be written must not stop the reader
