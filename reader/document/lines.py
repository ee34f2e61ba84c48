"""A document's lines, laid out lazily from the top, one top-level block at a time.

A long article paints at once because only the lines a screen needs are laid
out first; the rest follows in slices, or all at once in a worker thread.
Nothing here knows about Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reader.document.layout import LayoutOptions, Line, iter_block_lines
from reader.document.model import Document


class LineLayout:
    """The lines of ``doc`` laid out so far for ``options``, and where each block starts."""

    def __init__(self, doc: Document, options: LayoutOptions) -> None:
        self.doc = doc
        self.options = options
        self.lines: list[Line] = []
        self.block_start: dict[int, int] = {}
        self._blocks = iter_block_lines(doc, options)
        self.complete = False

    @classmethod
    def whole(
        cls, doc: Document, options: LayoutOptions, pause: Callable[[], None] | None = None
    ) -> LineLayout:
        """Every line of ``doc`` (a worker lays out a long article this way), calling
        ``pause`` between blocks (it may wait, to leave the screen's thread alone)."""
        layout = cls(doc, options)
        while layout.more():
            if pause is not None:
                pause()
        return layout

    def more(self) -> bool:
        """Lay out one more top-level block; False when the document is done."""
        if self.complete:
            return False
        block_lines = next(self._blocks, None)
        if block_lines is None:
            self.complete = True
            return False
        for line in block_lines:
            self.block_start.setdefault(line.block, len(self.lines))
            self.lines.append(line)
        return True

    def ensure_lines(self, count: int) -> None:
        """At least ``count`` lines, if the document has them."""
        while len(self.lines) < count and self.more():
            pass

    def ensure_block(self, block: int) -> None:
        """Everything up to the start of ``block``."""
        while (not self.lines or self.lines[-1].block < block) and self.more():
            pass

    def estimated_height(self, share: float = 1.0) -> int:
        """The number of lines once done (exact when complete); ``share`` is the part
        of the whole article that ``doc`` holds, when it holds only a part."""
        height = len(self.lines)
        if not self.complete and self.lines:
            done = self.lines[-1].block + 1
            height = max(height, int(height * len(self.doc.blocks) / done))
        return height if share >= 1 else int(height / max(share, 0.01))

    def find(self, block: int, offset: int) -> int:
        """The line index of the words at ``offset`` in ``block`` (laid out as far as needed)."""
        self.ensure_block(block + 1)
        lines = self.lines
        start = self.block_start.get(block)
        if start is None:
            return max(len(lines) - 1, 0) if block > 0 else 0
        index = start
        while (  # the blank line that opens a block is no place to read
            lines[index].kind == "blank"
            and index + 1 < len(lines)
            and lines[index + 1].block == block
        ):
            index += 1
        while (
            index + 1 < len(lines)
            and lines[index + 1].block == block
            and lines[index + 1].offset <= offset
        ):
            index += 1
        return index


@dataclass(frozen=True)
class Partial:
    """A long article shown from its start before the whole of it is parsed."""

    share: float  # the part of the whole source that the start holds
    whole: Callable[[], Document]  # the whole article, parsed (waits for a worker's parse)
    end: Callable[[], tuple[Document, float] | None]  # its end parsed alone, and its share
