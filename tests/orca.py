"""The reader under Orca, the GNOME screen reader, and what it says.

Orca 43 reads a VTE terminal (xfce4-terminal) through AT-SPI under Xvfb; keys
are sent with xdotool to the terminal window. What Orca queues for speech is
read from its debug log ("SPEECH OUTPUT:" entries, the log made line-buffered by
a small wrapper); speech-dispatcher runs with a "synthesiser" that writes each
utterance to a file, so nothing needs a sound card. Orca's defaults are kept
(punctuation "most", key echo on). Everything started here is ended by PID.
These are Debian's packages (orca is GPL-2.0+): test tools, never imported by
the reader.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import REPO

ORCA = "/usr/bin/orca"
TOOLS = ("Xvfb", "dbus-launch", "xfce4-terminal", "xdotool", "speech-dispatcher")
ATSPI = "/usr/libexec/at-spi-bus-launcher"
ENTRY = re.compile(r"^\d\d:\d\d:\d\d\.\d{6} - SPEECH OUTPUT: '(.*)$")

SPEECHD = """LogLevel 3
LogDir "default"
SymbolsPreproc "char"
SymbolsPreprocFile "gender-neutral.dic"
SymbolsPreprocFile "font-variants.dic"
SymbolsPreprocFile "symbols.dic"
SymbolsPreprocFile "emojis.dic"
SymbolsPreprocFile "orca.dic"
SymbolsPreprocFile "orca-chars.dic"
AddModule "textlog" "sd_generic" "textlog.conf"
DefaultModule textlog
DefaultLanguage "en"
AudioOutputMethod "libao"
"""
TEXTLOG = """GenericExecuteSynth "printf '%s\\\\n' \\'$DATA\\' >> {log}"
GenericCmdDependsOn "printf"
GenericMaxChunkLength 4000
GenericDelimiters ""
GenericLanguage "en" "en" "utf-8"
AddVoice "en" "MALE1" "default"
"""
# Orca's debug log, line-buffered, so that it can be read while Orca runs.
LINE_BUFFERED = """import builtins, runpy, sys
_open = builtins.open
def _open_lb(file, mode="r", *a, **k):
    if isinstance(file, str) and file.endswith("orca-debug.log") and "w" in mode:
        return _open(file, mode, buffering=1, encoding="utf-8")
    return _open(file, mode, *a, **k)
builtins.open = _open_lb
sys.argv[0] = "/usr/bin/orca"
runpy.run_path("/usr/bin/orca", run_name="__main__")
"""
TERMINALRC = """[Configuration]
MiscAlwaysShowTabs=FALSE
MiscMenubarDefault=FALSE
MiscToolbarDefault=FALSE
ScrollingBar=TERMINAL_SCROLLBAR_NONE
MiscCursorBlinks=FALSE
MiscConfirmClose=FALSE
FontName=Monospace 10
"""


def available() -> bool:
    """True where Orca, Xvfb, xfce4-terminal and the rest are installed."""
    return Path(ORCA).exists() and Path(ATSPI).exists() and all(map(shutil.which, TOOLS))


def _free_display() -> str:
    number = 99
    while Path(f"/tmp/.X{number}-lock").exists() or Path(f"/tmp/.X11-unix/X{number}").exists():
        number += 1
    return f":{number}"


class Orca:
    """``reader ARGS`` in an xfce4-terminal of ``cols`` x ``rows`` read by Orca."""

    def __init__(
        self,
        *args: str,
        home: Path,
        cols: int = 100,
        rows: int = 30,
        ready: str = "c: get help now",
    ) -> None:
        """``ready``: words said once the reader has started."""
        self.home, self.ready = home, ready
        self.log = home / "orca-debug.log"
        self.processes: list[subprocess.Popen[bytes]] = []
        run = home / "run"
        run.mkdir(mode=0o700)
        config = home / ".config"
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("READER_", "TEXTUAL", "DBUS_", "SESSION_MANAGER"))
            and k != "NO_COLOR"
        }
        env.update(
            HOME=str(home), XDG_RUNTIME_DIR=str(run), XDG_CONFIG_HOME=str(config),
            XDG_DATA_HOME=str(home / ".local" / "share"), XDG_CACHE_HOME=str(home / "cache"),
            GNOME_ACCESSIBILITY="1", NO_AT_BRIDGE="0", GTK_MODULES="gail:atk-bridge",
            LANG="C.UTF-8", LC_ALL="C.UTF-8", GSETTINGS_BACKEND="memory",
            DISPLAY=_free_display(),
        )  # fmt: skip
        self.env = env
        try:
            self._start(args, cols, rows)
        except BaseException:
            self.close()
            raise

    def _spawn(self, *command: str, log: str) -> subprocess.Popen[bytes]:
        with (self.home / log).open("wb") as out:
            process = subprocess.Popen(
                command, env=self.env, stdout=out, stderr=subprocess.STDOUT, cwd=str(REPO)
            )
        self.processes.append(process)
        return process

    def _until(self, check, what: str, limit: float = 30.0) -> None:
        end = time.monotonic() + limit
        while not check():
            if time.monotonic() > end:
                raise AssertionError(f"{what} did not start")
            time.sleep(0.1)

    def _run(self, *command: str) -> str:
        return subprocess.run(
            command, env=self.env, capture_output=True, text=True, check=False
        ).stdout.strip()

    def _start(self, args: tuple[str, ...], cols: int, rows: int) -> None:
        home, env = self.home, self.env
        self._spawn("Xvfb", env["DISPLAY"], "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                    log="xvfb.log")  # fmt: skip
        self._until(lambda: self._run("xdpyinfo") != "" or Path(
            f"/tmp/.X11-unix/X{env['DISPLAY'][1:]}").exists(), "Xvfb")  # fmt: skip
        for line in self._run("dbus-launch", "--sh-syntax").splitlines():
            match = re.match(r"(DBUS_SESSION_BUS_ADDRESS|DBUS_SESSION_BUS_PID)='?([^';]*)", line)
            if match:
                env[match.group(1)] = match.group(2)
        self.bus_pid = int(env.get("DBUS_SESSION_BUS_PID", "0"))
        self._spawn(ATSPI, "--launch-immediately", log="atspi.log")
        self._until(
            lambda: subprocess.run(
                ["dbus-send", "--session", "--dest=org.a11y.Bus", "/org/a11y/bus",
                 "org.freedesktop.DBus.Properties.Set", "string:org.a11y.Status",
                 "string:IsEnabled", "variant:boolean:true"],
                env=env, capture_output=True, check=False,
            ).returncode == 0,
            "the accessibility bus",
        )  # fmt: skip
        speechd = home / ".config" / "speech-dispatcher"
        (speechd / "modules").mkdir(parents=True)
        (speechd / "speechd.conf").write_text(SPEECHD)
        self.spoken = home / "spd-text.log"
        self.spoken.touch()
        (speechd / "modules" / "textlog.conf").write_text(TEXTLOG.format(log=self.spoken))
        self._spawn("speech-dispatcher", "-s", "-t", "0", log="speechd.log")
        wrapper = home / "orca_lb.py"
        wrapper.write_text(LINE_BUFFERED)
        self._spawn("/usr/bin/python3", str(wrapper), "--debug-file", str(self.log), log="orca.log")
        self._until(
            lambda: (
                self.log.exists() and "Startup complete" in self.log.read_text(errors="replace")
            ),
            "Orca",
            60,
        )
        terminal = home / ".config" / "xfce4" / "terminal"
        terminal.mkdir(parents=True)
        (terminal / "terminalrc").write_text(TERMINALRC)
        # A shell in the terminal, and the command typed into it, as a person starts it:
        # Orca speaks what Return brings.
        self.env.update(TERM="xterm-256color", PS1="$ ", PYTHONPATH=str(REPO),
                        READER_DATA_DIR=str(home / "data"))  # fmt: skip
        self._spawn("xfce4-terminal", "--disable-server", f"--geometry={cols}x{rows}",
                    "--title=READER", "-x", "bash", "--norc", "--noprofile", "-i",
                    log="terminal.log")  # fmt: skip
        self._until(lambda: self._run("xdotool", "search", "--name", "^READER$") != "", "xterm")
        window = self._run("xdotool", "search", "--name", "^READER$").splitlines()[0]
        if self._run("xdotool", "getwindowfocus") != window:
            self._run("xdotool", "windowfocus", "--sync", window)
        self._seen = 0
        self.wait_for("$", limit=20)  # the shell's prompt
        command = shlex.join([sys.executable, "-m", "reader", *args])
        self._run("xdotool", "type", "--delay", "5", command)
        self.wait_for("", limit=5, quiet=0.5)
        self._seen = len(self.log.read_text(encoding="utf-8", errors="replace"))
        self._run("xdotool", "key", "Return")
        self.start_speech = self.wait_for(self.ready, limit=60)

    def said(self) -> list[str]:
        """What Orca queued for speech since the last call, an entry each."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        new, self._seen = text[self._seen :], len(text)
        entries: list[str] = []
        lines = new.split("\n")
        for number, line in enumerate(lines):
            match = ENTRY.match(line)
            if not match:
                continue
            body = match.group(1)
            for more in lines[number + 1 :]:  # an utterance over several lines
                if not more.startswith(" " * 18):
                    break
                body += "\n" + more[18:]
            cut = max(body.rfind(mark) for mark in ("'{", "'[{", "' {", "' [{", "' voice="))
            entries.append(" ".join((body[:cut] if cut >= 0 else body).split()))
        return [entry for entry in entries if entry]

    def wait_for(self, words: str, limit: float = 20.0, quiet: float = 1.0) -> list[str]:
        """Until something said holds ``words`` (or ``limit``), then until nothing more is
        said for ``quiet`` seconds: everything said."""
        said: list[str] = []
        end = time.monotonic() + limit
        while time.monotonic() < end and not any(words in text for text in said):
            said += self.said()
            time.sleep(0.05)
        last = time.monotonic()
        while time.monotonic() - last < quiet:
            fresh = self.said()
            if fresh:
                said += fresh
                last = time.monotonic()
            time.sleep(0.05)
        return said

    def press(self, key: str, expect: str) -> list[str]:
        """Press ``key`` (an xdotool key name, or ``type:TEXT``): all Orca said after it."""
        self.said()
        if key.startswith("type:"):
            self._run("xdotool", "type", "--delay", "80", key[5:])
        else:
            self._run("xdotool", "key", key)
        return self.wait_for(expect)

    def close(self) -> None:
        """End everything started here (and what D-Bus started for it), by PID."""
        pids = [process.pid for process in self.processes]
        if getattr(self, "bus_pid", 0):
            pids.append(self.bus_pid)
        run = f"XDG_RUNTIME_DIR={self.home / 'run'}".encode()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if run in (entry / "environ").read_bytes().split(b"\0"):
                        pids.append(int(entry.name))
                except OSError:
                    pass
        for pid in set(pids):
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
