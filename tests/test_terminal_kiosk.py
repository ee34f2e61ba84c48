"""The kiosk in a real pseudo-terminal: no key escapes it; the supervisor brings it back."""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest
from helpers import FIXTURES, REPO
from pty_terminal import Terminal

CONTENT = str(FIXTURES / "content")
ESCAPES = {
    "ctrl+q": "\x11",
    "ctrl+c": "\x03",
    "ctrl+z": "\x1a",
    "ctrl+\\": "\x1c",
    "ctrl+d": "\x04",
    "ctrl+p": "\x10",
    "escape": "\x1b",
    "q": "q",
    "F1": "\x1bOP",
    "F3": "\x1bOR",
    "F4": "\x1bOS",
    "F5": "\x1b[15~",
    "F6": "\x1b[17~",
    "F7": "\x1b[18~",
    "F8": "\x1b[19~",
    "F9": "\x1b[20~",
    "F10": "\x1b[21~",
    "F11": "\x1b[23~",
    "F12": "\x1b[24~",
}


def running_state(terminal: Terminal) -> str:
    """The kiosk process's state letter from /proc ("S", "R"; "T" if stopped), or "" if gone.

    pexpect's isalive() is True for a stopped process: ctrl+z must be caught here.
    """
    if not terminal.child.isalive():
        return ""
    stat = Path(f"/proc/{terminal.child.pid}/stat")
    return stat.read_text().rsplit(")", 1)[1].split()[0] if stat.exists() else "S"


def wait_until(terminal: Terminal, shown: bool, text: str, after: str) -> None:
    """Read until ``text`` is on the screen (or gone from it), within 10 s."""
    end = time.monotonic() + 10
    while (text in terminal.text) is not shown:
        assert time.monotonic() < end, (
            f"after {after}, the kiosk stopped answering:\n{terminal.text}"
        )
        terminal.read(0.1)


# With TEXTUAL_ALLOW_SIGNALS set, Textual would let ctrl+c, ctrl+z and ctrl+\ send signals.
@pytest.mark.parametrize("env", [{}, {"TEXTUAL_ALLOW_SIGNALS": "1"}], ids=["plain", "signals"])
def test_every_escape_key_is_swallowed(tmp_path: Path, env: dict[str, str]) -> None:
    terminal = Terminal("--articles", CONTENT, "--kiosk", data_dir=tmp_path / "data", env=env)
    try:
        terminal.wait_for("Topics")
        for name, sequence in ESCAPES.items():
            terminal.child.send(sequence)
            terminal.settle()  # a lone ESC waits for the rest of a possible sequence
            state = running_state(terminal)
            assert state, f"{name} ended the kiosk"
            assert state not in "TtZX", f"{name} stopped the kiosk (process state {state})"
            if name == "F4":  # line mode: no key bar to read; F4 again, the full screen
                terminal.child.send(sequence)
            terminal.press("escape")  # close the help screen F1 opens
            # It still takes keys: 2 moves to the article (its keys show in the footer), 1 back.
            terminal.child.send("2")
            wait_until(terminal, True, "Next heading", name)
            terminal.child.send("1")
            wait_until(terminal, False, "Next heading", name)
            assert "Topics" in terminal.text, f"after {name}:\n{terminal.text}"
        # A visitor's bookmark, and still nothing on disk.
        terminal.press("down", "enter", "b")
        terminal.wait_for("Bookmark added")
        assert running_state(terminal) not in ("", "T", "t")
        assert not (tmp_path / "data").exists(), "a kiosk writes nothing of its visitors"
    finally:
        terminal.child.terminate(force=True)


def test_the_supervisor_brings_a_killed_kiosk_back(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(PYTHONPATH=str(REPO), TERM="xterm-256color", LANG="en_GB.UTF-8")
    supervisor = pexpect.spawn(
        sys.executable,
        ["-m", "reader", "kiosk-supervise", "--articles", CONTENT, "--data-dir", str(data)],
        env=env,
        dimensions=(24, 80),
        timeout=20,
    )
    screen = pyte.Screen(80, 24)
    stream = pyte.ByteStream(screen)
    log = data / "kiosk-supervisor.log"

    def pids() -> list[int]:
        text = log.read_text() if log.exists() else ""
        return [int(p) for p in re.findall(r"started the reader, process (\d+)", text)]

    def wait_for_screen(limit: float = 20) -> None:
        end = time.monotonic() + limit
        screen.reset()
        while "Topics" not in "\n".join(screen.display):
            assert time.monotonic() < end, "the kiosk did not come back"
            with contextlib.suppress(pexpect.TIMEOUT):
                stream.feed(supervisor.read_nonblocking(65536, timeout=0.2))

    try:
        wait_for_screen()
        first = pids()[-1]
        os.kill(first, signal.SIGKILL)
        killed = time.monotonic()
        while len(pids()) < 2:
            assert time.monotonic() - killed < 1.5, "not restarted within a second"
            time.sleep(0.02)
        wait_for_screen()
        assert supervisor.isalive()
        assert "killed by SIGKILL" in log.read_text()
    finally:
        supervisor.kill(signal.SIGTERM)
        supervisor.expect(pexpect.EOF, timeout=10)
        for pid in pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("stray", [b"\xff", b"\xfe", b"\xc3\x28"], ids=["ff", "fe", "c3-28"])
def test_a_byte_that_is_not_utf8_never_ends_the_kiosk(tmp_path: Path, stray: bytes) -> None:
    """Textual's input thread raised on it, and the kiosk ended with status 0."""
    terminal = Terminal("--articles", CONTENT, "--kiosk", data_dir=tmp_path / "data")
    try:
        terminal.wait_for("Topics (active)")
        terminal.child.send(stray)
        terminal.press("f2")
        wait_until(terminal, True, "Help contacts: 4 items", repr(stray))
        assert running_state(terminal) not in ("", "T", "t")
        assert "Traceback" not in terminal.text
        terminal.press("slash")  # in a field it is a replacement character, nothing more
        terminal.child.send(stray + b"sleep")
        wait_until(terminal, True, "\ufffd", repr(stray))
        assert "sleep" in terminal.text
    finally:
        terminal.child.terminate(force=True)


def test_a_reader_whose_terminal_goes_away_ends(tmp_path: Path) -> None:
    """With the hang-up ignored (nohup, a parent that blocks it), the reader read an
    empty terminal for ever at a whole core; now it ends within seconds."""
    master, slave = pty.openpty()
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(PYTHONPATH=str(REPO), TERM="xterm-256color", READER_DATA_DIR=str(tmp_path))
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", "--articles", CONTENT],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN),
    )
    os.close(slave)
    try:
        shown = b""
        end = time.monotonic() + 20
        while b"Topics" not in shown:
            assert time.monotonic() < end, "the reader did not start"
            if select.select([master], [], [], 0.2)[0]:
                shown += os.read(master, 65536)
        os.close(master)  # the terminal window closed
        assert child.wait(timeout=10) == 129
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()


def test_the_supervisor_ends_only_when_the_operator_leaves(tmp_path: Path) -> None:
    """A stray byte ended the kiosk with status 0 and the supervisor took it for the
    operator; now that byte is only a key, and the PIN is the one way out."""
    from reader.library.pin import MIN_SCRYPT_N, hash_pin

    data, config = tmp_path / "data", tmp_path / "config.toml"
    config.write_text(f'[kiosk]\noperator_pin_hash = "{hash_pin("246813", n=MIN_SCRYPT_N)}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("READER_")}
    env.update(PYTHONPATH=str(REPO), TERM="xterm-256color", LANG="en_GB.UTF-8")
    supervisor = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "reader",
            "kiosk-supervise",
            "--articles",
            CONTENT,
            "--data-dir",
            str(data),
            "--config",
            str(config),
        ],
        env=env,
        dimensions=(24, 80),
        timeout=30,
    )
    supervisor.delaybeforesend = None
    try:
        supervisor.expect("Topics")
        supervisor.send(b"\xff")
        supervisor.send("\x0f")  # ctrl+o: the operator's exit
        supervisor.expect("Operator PIN")
        supervisor.send("246813\r")
        supervisor.expect(pexpect.EOF)
        supervisor.wait()
        assert supervisor.exitstatus == 0
        log = (data / "kiosk-supervisor.log").read_text()
        assert log.count("started the reader") == 1, log
        assert "closed by the operator; supervision ends" in log
    finally:
        supervisor.terminate(force=True)
