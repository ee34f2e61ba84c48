"""Terminal cell widths of text: wide East Asian characters take two, marks none."""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Cells taken by one code point in a terminal (0, 1 or 2)."""
    code = ord(char)
    if code < 0x300:  # fast path: Latin, no combining marks below U+0300
        return 1
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    if 0xFE00 <= code <= 0xFE0F or 0x1160 <= code <= 0x11FF:  # variation selectors, jamo
        return 0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 1


def cell_len(text: str) -> int:
    """Cells taken by ``text``."""
    if text.isascii():
        return len(text)
    return sum(char_width(c) for c in text)
