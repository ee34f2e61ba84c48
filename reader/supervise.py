"""``reader kiosk-supervise``: keep the kiosk running, whatever happens to it.

The reader runs as a child process. If it exits (other than by the operator's
PIN) or is killed, it is started again within a second. The operator's exit is
told apart by what no visitor can produce: the reader writes a word into a pipe
only the supervisor reads (its end passed as ``READER_OPERATOR_EXIT_FD``) and
exits with status 0. Any other end, status 0 included, is a crash. A child
that keeps failing right after it starts is restarted ever more slowly (up to
``max_delay``), so a broken install does not spin the CPU. Every exit is logged.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType

QUICK = 10.0  # a child that dies sooner than this counts as a failed start
FIRST_DELAY = 0.5  # within a second, as the kiosk promises
LOG_NAME = "kiosk-supervisor.log"
OPERATOR_EXIT_FD = "READER_OPERATOR_EXIT_FD"
OPERATOR_EXIT = b"operator exit\n"


def tell_the_supervisor(channel: str | None) -> None:
    """The operator left by PIN: say so on the supervisor's pipe (``channel``: the
    file descriptor from ``READER_OPERATOR_EXIT_FD``; None without a supervisor)."""
    if channel is None:
        return
    with contextlib.suppress(OSError, ValueError):  # no supervisor listening
        os.write(int(channel), OPERATOR_EXIT)


def describe(code: int) -> str:
    """An exit status in words: "exit status 1", "killed by SIGKILL"."""
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


def heard(hear: int) -> bytes:
    """What the ended child wrote on the pipe (never waiting for more), and the pipe closed."""
    os.set_blocking(hear, False)
    try:
        return os.read(hear, len(OPERATOR_EXIT) + 1)
    except BlockingIOError:
        return b""
    finally:
        os.close(hear)


class Supervisor:
    """Runs ``command`` again and again until the operator leaves or we are stopped."""

    def __init__(
        self,
        command: Sequence[str],
        log_path: Path,
        max_delay: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.command = list(command)
        self.log_path = log_path
        self.max_delay = max_delay
        self.sleep = sleep
        self.clock = clock
        self.child: subprocess.Popen[bytes] | None = None
        self.stopping = False
        self.starts = 0
        self.delays: list[float] = []

    def log(self, text: str) -> None:
        """One line in the supervisor's log (in the data folder)."""
        try:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            with self.log_path.open("a", encoding="utf-8") as log:
                log.write(f"{datetime.now(UTC).isoformat(timespec='seconds')} {text}\n")
        except OSError:
            pass  # the kiosk must keep running even if its log cannot be written

    def stop(self, signum: int = 0, frame: FrameType | None = None) -> None:
        """Stop supervising (SIGTERM from systemd, say) and end the child."""
        self.stopping = True
        if self.child is not None and self.child.poll() is None:
            self.child.terminate()

    def delay(self, quick_failures: int) -> float:
        """How long to wait before the next start."""
        if quick_failures <= 3:
            return FIRST_DELAY
        return min(FIRST_DELAY * 2 ** (quick_failures - 3), self.max_delay)

    def run(self) -> int:
        """Supervise until the operator leaves (by PIN) or we are stopped."""
        quick_failures = 0
        self.log(f"supervising: {' '.join(self.command)}")
        while not self.stopping:
            started = self.clock()
            self.starts += 1
            hear, say = os.pipe()
            try:
                self.child = subprocess.Popen(
                    self.command, pass_fds=(say,), env={**os.environ, OPERATOR_EXIT_FD: str(say)}
                )
            finally:
                os.close(say)  # the child's alone: its end closes with it
            self.log(f"started the reader, process {self.child.pid}")

            code = self.child.wait()
            said = heard(hear)
            if self.stopping:
                break
            if code == 0 and said == OPERATOR_EXIT:
                self.log("the reader was closed by the operator; supervision ends")
                return 0
            uptime = self.clock() - started
            quick_failures = quick_failures + 1 if uptime < QUICK else 0
            wait = self.delay(quick_failures)
            self.delays.append(wait)
            self.log(
                f"the reader ended ({describe(code)}) after {uptime:.1f} s; "
                f"starting it again in {wait:.1f} s"
            )
            self.sleep(wait)
        self.log("supervision stopped")
        return 0

    def install_signal_handlers(self) -> None:
        """Stop cleanly on SIGTERM and SIGHUP."""
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, self.stop)
