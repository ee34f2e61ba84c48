"""Terminal cell widths of text, measured exactly as Rich (and so Textual) measures them.

Textual draws each laid-out line as Rich segments and measures and crops them
with :func:`rich.cells.cell_len`; laying out with the same function means a line
laid out for N cells is drawn in N cells, emoji sequences ("❤️", "👍🏽", "👩‍👩‍👧")
and all. Text is cut only between graphemes, as :func:`rich.cells.split_graphemes`
groups them (a character with its combining marks, variation selectors and
zero-width-joined followers), never inside one.

Only ``rich.cells`` is imported (about 7 ms, less the ``typing`` that most
programs have loaded already); nothing here needs Textual.
"""

from __future__ import annotations

from rich.cells import cell_len as _rich_cell_len
from rich.cells import split_graphemes

# (start, end, cells) of one grapheme of a text.
Grapheme = tuple[int, int, int]


def cell_len(text: str) -> int:
    """Cells taken by ``text``, as Rich and Textual count them."""
    if text.isascii() and text.isprintable():  # one cell each, and the common case
        return len(text)
    return _rich_cell_len(text)


def graphemes(text: str) -> list[Grapheme]:
    """``(start, end, cells)`` of each grapheme of ``text``, in order, covering all of it."""
    if text.isascii() and text.isprintable():
        return [(index, index + 1, 1) for index in range(len(text))]
    return split_graphemes(text)[0]
