"""The start or the end of a long Markdown source, cut where parsing it alone parses it the same.

A megabyte takes markdown-it about half a second; its first screen, or its last,
needs a few kilobytes. A cut falls at a blank line outside any fenced code,
before a line that starts a new paragraph or heading at the margin, so the
blocks on either side of it are the blocks the whole source has there. (A
reference definition on the other side can still turn text into a link: the
whole article, parsed a moment later, puts that right.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

START = 32_000  # characters: many screens, parsed in a few milliseconds
END = 8_000  # characters: a few screens above the end, for End pressed at once
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NEW_BLOCK = re.compile(r"^(#{1,6} |[A-Za-z\u00c0-\uffff])")  # a heading or a paragraph


def _cuts(source: str) -> Iterator[int]:
    """Every place ``source`` can be cut, in order."""
    fence = ""
    position = 0
    previous_blank = False
    for line in source.splitlines(keepends=True):
        stripped = line.rstrip("\n")
        opened = _FENCE.match(stripped)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
        elif opened:
            fence = opened.group(1)
        elif previous_blank and _NEW_BLOCK.match(stripped):
            yield position
        previous_blank = not fence and not stripped.strip()
        position += len(line)


def start_of(source: str, size: int = START) -> str | None:
    """``source`` cut at a safe place after ``size`` characters; None if it is short."""
    if len(source) <= size * 2:
        return None
    return next((source[:cut] for cut in _cuts(source) if cut >= size), None)


def end_of(source: str, size: int = END) -> str | None:
    """The last part of ``source``, cut at the last safe place ``size`` characters or more
    before its end; None if it is short or has no such place."""
    if len(source) <= max(size, START) * 2:
        return None
    last = None
    for cut in _cuts(source):
        if cut > len(source) - size:
            break
        last = cut
    return None if not last else source[last:]
