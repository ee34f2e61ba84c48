"""How background work gives way to the screen.

Workers parse, lay out and index in threads, and a key hops through many asyncio
tasks on its way to a widget, each hop waiting for the GIL. Background threads
start once the first screen has settled, and hand the GIL over sooner than
Python's default, so a key is answered in a frame while a megabyte is parsed.
"""

from __future__ import annotations

import sys

SETTLE_SECONDS = 0.5  # after the first screen (or an article opened) before threads start
SWITCH_SECONDS = 0.0005  # how long a thread holds the GIL while another waits (default 5 ms)


def favour_the_screen() -> None:
    """Make threads hand over the GIL often, for the whole process."""
    sys.setswitchinterval(SWITCH_SECONDS)
