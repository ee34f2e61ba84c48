"""Line mode's output as a terminal shows it, for the tests and the benchmarks."""

from __future__ import annotations

import re
import time

BOXES = re.compile("[\u2500-\u259f]")  # box drawing and block elements
DEADLINE = 10.0


def shown(text: str) -> list[str]:
    """The terminal's lines after ``text``: CR LF ends a line, "\\b \\b" erases a letter."""
    lines: list[str] = []
    for line in text.split("\r\n"):
        while "\b \b" in line:
            line = re.sub(".?\b \b", "", line, count=1)
        lines.append(line)
    return lines


class Lines:
    """What line mode wrote, and the lines each key added."""

    def __init__(self) -> None:
        self.written: list[str] = []
        self.seen = 0

    def write(self, text: str) -> None:
        self.written.append(text)

    @property
    def text(self) -> str:
        return "".join(self.written)

    def lines(self) -> list[str]:
        return shown(self.text)

    async def wait(self, pilot, words: str) -> None:
        """Until ``words`` are printed (within the deadline), then until all is printed."""
        end = time.monotonic() + DEADLINE
        while words not in self.text and time.monotonic() < end:
            await pilot.pause(0.02)
        await settled(pilot)

    async def after(self, pilot, *keys: str, expect: str) -> list[str]:
        """Press ``keys``; once a line holds ``expect`` and the app is idle, the lines
        from the one the keys began on (a prompt's line is the same line, typed on)."""
        start = max(len(self.lines()) - 1, 0)
        before = self.lines()[start] if self.lines() else ""
        await pilot.press(*keys)
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            await pilot.pause()
            new = self.lines()[start:]
            if expect in said(new):
                break
            await pilot.pause(0.02)
        await settled(pilot)
        new = self.lines()[start:]
        assert expect in said(new), (keys, new)
        if new and new[0] == before:
            new = new[1:]  # the line the keys began on, unchanged
        return new


def said(rows: list[str]) -> str:
    """Rows wrapped between words, read as the one line they are."""
    return " ".join(row for row in rows if row)


def holding(speaker) -> bool:
    """Line mode holds words until typing pauses."""
    return speaker.printer is not None and speaker.printer.holding


async def settled(pilot) -> None:
    """Nothing queued on the app, nothing held for typing to pause: all is printed."""
    speaker = pilot.app.speaker
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        await pilot.pause()
        if speaker._handle is None and not holding(speaker):
            await pilot.pause()
            if speaker._handle is None and not holding(speaker):
                return
        await pilot.pause(0.02)
