"""Random keys at a kiosk, as fast as a hand on a keyboard (or a cat): it never ends.

Every key the README names, the F-keys, pastes, stray bytes and resizes, 0 to 10 ms
apart, for a bounded time, to `reader --kiosk` in a pty: in English and in bokmål, full
screen and in both screen-reader layouts. Afterwards the reader is still there, no
traceback was ever written, and F2 still brings the emergency number. Faults the kiosk
recovered from (crashes.log) are reported as warnings, with the seed to replay them
(READER_FUZZ_SEED).
"""

from __future__ import annotations

import os
import random
import time
import warnings
from pathlib import Path

import pytest
from pty_terminal import KEYS, Terminal

SECONDS = 4.0  # of keys, per run (a slow machine may take a minute to answer them all)
TYPED = list("123cCbBdDnhHlLtTijkoqy/? ")
NAMED = [
    *(k for k in KEYS if k not in ("slash", "question_mark")),
    "ctrl+f",
    "ctrl+g",
    "ctrl+o",
    "ctrl+t",
]
EXTRA = {
    "ctrl+g": "\x07",
    "paste": "\x1b[200~a pasted line\x1b[201~",
    "stray": "\xff",
}


def keys(rng: random.Random) -> list[str]:
    """A random walk: mostly keys, now and then a paste, a stray byte or a resize."""
    walk: list[str] = []
    while len(walk) < 2000:
        roll = rng.random()
        if roll < 0.02:
            walk.append("resize")
        elif roll < 0.04:
            walk.append(rng.choice(["paste", "stray"]))
        elif roll < 0.5:
            walk.append(rng.choice(TYPED))
        else:
            walk.append(rng.choice(NAMED))
    return walk


@pytest.mark.parametrize(
    ("lang", "mode"),
    [("en", ()), ("nb", ("--screen-reader=line",)), ("en", ("--screen-reader=panes",))],
    ids=["en-full-screen", "nb-line-mode", "en-one-pane"],
)
def test_random_keys_never_end_a_kiosk(tmp_path: Path, lang: str, mode: tuple[str, ...]) -> None:
    seed = int(os.environ.get("READER_FUZZ_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    data = tmp_path / "data"
    terminal = Terminal(
        "--kiosk", "--region", "GB", "--lang", lang, *mode, cols=100, rows=30, data_dir=data
    )
    terminal.child.delaybeforesend = None
    try:
        terminal.wait_for("Emner" if lang == "nb" else "Topics")
        end = time.monotonic() + SECONDS
        for key in keys(rng):
            if time.monotonic() > end:
                break
            if key == "resize":
                terminal.child.setwinsize(rng.choice([20, 30, 40]), rng.choice([40, 80, 100]))
            else:
                terminal.child.send(EXTRA.get(key) or KEYS.get(key, key))
            terminal.read(rng.uniform(0, 0.01))
            assert terminal.child.isalive(), f"the kiosk ended (seed {seed})"
        # The keys still queued are answered first (on a loaded machine, for a while):
        # F2 is asked until its answer shows, at most three times.
        terminal.settle(quiet=2.0, limit=300)
        for _ in range(3):
            start = len(terminal.stream_bytes)
            terminal.child.send(KEYS["f2"])
            deadline = time.monotonic() + 30
            # Written anew, or (full screen) already there: the frame writer rewrites no
            # cell that shows the right thing.
            while b"999" not in terminal.stream_bytes[start:] and "999" not in terminal.text:
                if time.monotonic() > deadline:
                    break
                terminal.read(0.1)
            else:
                break
        else:
            raise AssertionError(f"F2 brought no emergency number (seed {seed})")
        assert terminal.child.isalive(), f"the kiosk ended (seed {seed})"
        assert b"Traceback" not in terminal.stream_bytes, f"a traceback was shown (seed {seed})"
        crashes = data / "crashes.log"
        if crashes.exists():  # faults the kiosk recovered from: reported, to be mended
            faults = [
                [line.strip() for line in part.splitlines() if "reader/" in line][-2:]
                + part.strip().splitlines()[-1:]
                for part in crashes.read_text().split("--- ")[1:]
            ]
            warnings.warn(f"seed {seed}: recovered from {faults}", stacklevel=1)
    finally:
        terminal.child.terminate(force=True)
