"""Pieces of line layout: cutting inline text into words, measuring and fitting prefixes."""

from __future__ import annotations

import re

from reader.document.cells import cell_len, char_width
from reader.document.model import Inline, Span

MARKER = "marker"

PIECES = re.compile(r"(\n)|([ \t]+)|([^ \t\n]+)")

# An inline run cut into words; a word is a list of styled pieces.
Word = list[Span]
BREAK: Word = []


def plain_space(space: Span) -> Span:
    return Span(" ", space.style, space.link)


def words(inline: Inline) -> list[Word]:
    """Cut spans into words (lists of pieces), single-space markers and breaks."""
    words: list[Word] = []
    current: Word = []
    for span in inline:
        for match in PIECES.finditer(span.text):
            newline, spaces, text = match.groups()
            if text is not None:
                current.append(Span(text, span.style, span.link))
                continue
            if current:
                words.append(current)
                current = []
            if newline:
                words.append(BREAK)
            elif spaces:
                words.append([Span(" ", span.style, span.link)])
    if current:
        words.append(current)
    return words


def width(segments: tuple[Span, ...] | list[Span]) -> int:
    return sum(cell_len(s.text) for s in segments)


def visible(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def strip_prefix(prefix: tuple[Span, ...]) -> tuple[Span, ...]:
    """A prefix for a blank line: quote marks stay, trailing spaces go."""
    text = "".join(s.text for s in prefix).rstrip()
    return (Span(text, frozenset({MARKER})),) if text else ()


def fit(prefix: tuple[Span, ...], limit: int) -> tuple[Span, ...]:
    """Cut a prefix from the left so it takes at most ``limit`` cells (deep nesting)."""
    limit = max(limit, 0)
    if width(prefix) <= limit:
        return prefix
    out: list[Span] = []
    room = limit
    for span in reversed(prefix):
        size = cell_len(span.text)
        if size <= room:
            out.append(span)
            room -= size
        else:
            out.append(Span(span.text[len(span.text) - room :] if room else "", span.style))
            break
    return tuple(reversed(out))


def chunks(text: str, room: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``room`` cells."""
    chunks: list[str] = []
    current: list[str] = []
    used = 0
    for char in text:
        w = char_width(char)
        if used + w > room and current:
            chunks.append("".join(current))
            current, used = [], 0
        current.append(char)
        used += w
    if current:
        chunks.append("".join(current))
    return chunks
