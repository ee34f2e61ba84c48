"""The start of a long Markdown source, cut where parsing it alone parses it the same.

A megabyte takes markdown-it about half a second; its first screen needs a few
kilobytes. The cut falls at a blank line outside any fenced code, before a line
that starts a new paragraph or heading at the margin, so the blocks before the
cut are the blocks the whole source has there. (A reference definition further
down can still turn text of the start into a link: the whole article, parsed a
moment later, puts that right.)
"""

from __future__ import annotations

import re

START = 32_000  # characters: many screens, parsed in a few milliseconds
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_NEW_BLOCK = re.compile(r"^(#{1,6} |[A-Za-z\u00c0-\uffff])")  # a heading or a paragraph


def start_of(source: str, size: int = START) -> str | None:
    """``source`` cut at a safe place after ``size`` characters; None if it is short."""
    if len(source) <= size * 2:
        return None
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
        elif position >= size and previous_blank and _NEW_BLOCK.match(stripped):
            return source[:position]
        previous_blank = not fence and not stripped.strip()
        position += len(line)
    return None
