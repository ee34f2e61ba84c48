"""Pieces of line layout: cutting inline text into words, measuring and fitting prefixes.

Widths are cells as Textual draws them (:mod:`reader.document.cells`), and text
too long for a line is cut between graphemes, never inside one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.document.cells import cell_len, graphemes
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


def width(segments: Sequence[Span]) -> int:
    """Cells ``segments`` take when drawn.

    Textual counts a line segment by segment; a terminal draws the joined text,
    where a grapheme split between two styles ("❤" then U+FE0F) can take more.
    The larger count is the one that must fit.
    """
    if len(segments) == 1:
        return cell_len(segments[0].text)
    total = sum(cell_len(s.text) for s in segments)
    joined = "".join(s.text for s in segments)
    return total if joined.isascii() else max(total, cell_len(joined))


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
            out.append(Span(_tail(span.text, room), span.style, span.link))
            break
    return tuple(reversed(out))


def _tail(text: str, room: int) -> str:
    """The longest end of ``text`` of whole graphemes that takes at most ``room`` cells."""
    start, used = len(text), 0
    for begin, _, cells in reversed(graphemes(text)):
        if used + cells > room:
            break
        start, used = begin, used + cells
    while start < len(text) and cell_len(text[start:]) > room:
        start += 1
    return text[start:]


def chunks(text: str, room: int) -> list[str]:
    """Cut ``text`` between graphemes into pieces of at most ``room`` cells."""
    room = max(room, 1)
    if text.isascii() and text.isprintable():
        return [text[start : start + room] for start in range(0, len(text), room)]
    return ["".join(s.text for s in run) for run in cut([Span(text)], room, room, force=True)]


def cut(word: Word, first: int, room: int, force: bool) -> list[Word]:
    """Cut a word too long for a line between graphemes, keeping each piece's style and link.

    The first run takes at most ``first`` cells and may be empty unless ``force``;
    the others take at most ``room``. A run holds at least one grapheme, however
    wide, so nothing is lost when a line has no room at all.
    """
    text = "".join(piece.text for piece in word)
    units = graphemes(text)
    runs: list[Word] = []
    start, limit, count = 0, first, len(units)
    while start < count:
        end, used = start, 0
        while end < count and used + units[end][2] <= limit:
            used += units[end][2]
            end += 1
        # Grapheme counts are Rich's; the run's drawn width is what must fit.
        while end > start and width(_slice(word, units[start][0], units[end - 1][1])) > limit:
            end -= 1
        if end == start and (runs or force):
            end = start + 1
        runs.append(_slice(word, units[start][0], units[end - 1][1]) if end > start else [])
        start, limit = end, room
    return runs


def _slice(word: Word, start: int, end: int) -> Word:
    """Characters ``start`` to ``end`` of the word's joined text, as styled pieces."""
    out: Word = []
    position = 0
    for piece in word:
        stop = position + len(piece.text)
        if stop > start and position < end:
            text = piece.text[max(start - position, 0) : end - position]
            out.append(Span(text, piece.style, piece.link))
        position = stop
        if position >= end:
            break
    return out
