"""How background work gives way to the screen.

Workers parse, lay out and index in threads, and a key hops through many asyncio
tasks on its way to a widget, each hop waiting for the GIL. Background threads
start once the first screen has settled and the reader has paused, wait while
keys are pressed where they can, and hand the GIL over sooner than Python's
default, so a key is answered in a frame while a megabyte is parsed.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable

SETTLE_SECONDS = 0.5  # after the first screen, or the last key, before threads start
SWITCH_SECONDS = 0.0005  # how long a thread holds the GIL while another waits (default 5 ms)


def favour_the_screen() -> None:
    """Make threads hand over the GIL often, for the whole process."""
    sys.setswitchinterval(SWITCH_SECONDS)


def quiet_for(last_key: Callable[[], float]) -> float:
    """Seconds since the last key (``last_key`` gives its ``time.monotonic()``)."""
    return time.monotonic() - last_key()


def give_way(last_key: Callable[[], float]) -> None:
    """In a worker thread: wait while keys are being pressed, so that each is answered
    at full speed (the GIL is not shared with a layout that can wait)."""
    while quiet_for(last_key) < SETTLE_SECONDS / 2:
        time.sleep(0.02)
