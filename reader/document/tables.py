"""Pipe tables as lines: a grid when it fits the width, else one record per row.

The stacked form ("Header: value" lines, a blank line between rows) keeps every
cell readable at 40 columns and reads well with a screen reader.
"""

from __future__ import annotations

from collections.abc import Iterator

from reader.document import fitting
from reader.document.model import Inline, Span, Table, inline_text

_SEP = " | "
_HEAD = frozenset({"bold", "table-head"})
_MARK = frozenset({"marker"})

# A row is a tuple of spans, a str (a separator drawn as a marker), or None (a break).
Row = tuple[Span, ...] | str | None


def table_lines(table: Table, width: int, records: bool = False) -> Iterator[Row]:
    """Yield the rows of ``table`` laid out for ``width`` cells (``records``: never a grid)."""
    columns = max([len(table.header), *(len(row) for row in table.rows)], default=0)
    if columns == 0:
        return
    cells = [_pad(table.header, columns), *(_pad(row, columns) for row in table.rows)]
    sizes = [max(fitting.width(row[c]) for row in cells) for c in range(columns)]
    if not records and sum(sizes) + len(_SEP) * (columns - 1) <= width:
        yield from _grid(table, cells, sizes)
    else:
        yield from _stacked(cells)


def _pad(row: tuple[Inline, ...], columns: int) -> tuple[Inline, ...]:
    return row + ((),) * (columns - len(row))


def _grid(table: Table, cells: list[tuple[Inline, ...]], sizes: list[int]) -> Iterator[Row]:
    for number, row in enumerate(cells):
        spans: list[Span] = []
        for c, cell in enumerate(row):
            if c:
                spans.append(Span(_SEP, _MARK))
            gap = sizes[c] - fitting.width(cell)
            align = table.align[c] if c < len(table.align) else ""
            left = gap // 2 if align == "center" else gap if align == "right" else 0
            style = _HEAD if number == 0 else frozenset()
            spans.append(Span(" " * left))
            spans.extend(Span(s.text, s.style | style, s.link) for s in cell)
            if c < len(row) - 1:
                spans.append(Span(" " * (gap - left)))
        yield tuple(spans)
        if number == 0:
            yield "-+-".join("-" * size for size in sizes)


def _stacked(cells: list[tuple[Inline, ...]]) -> Iterator[Row]:
    header = [inline_text(cell) for cell in cells[0]]
    for number, row in enumerate(cells[1:]):
        if number:
            yield None
        for c, cell in enumerate(row):
            label = header[c] or f"Column {c + 1}"
            yield (Span(f"{label}: ", _HEAD), *cell)
