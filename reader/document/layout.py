"""The line layout: blocks to word-wrapped, styled lines for a given width.

Each :class:`Line` knows the top-level block it came from, the section
heading it sits under, where its links are, and ``offset``: how many visible
characters of its block come before it. ``(block, offset)`` does not depend on
the width, so a reader's place survives a rewrap (see :meth:`Layout.find`).

Layout is per top-level block (:func:`iter_block_lines`), so a face can lay
out a long document lazily or a piece at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from reader.document import fitting
from reader.document.cells import cell_len
from reader.document.fitting import MARKER
from reader.document.model import (
    CODE,
    HTML,
    Block,
    Code,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
)
from reader.document.tables import table_lines

HEADING_MARK = "heading-mark"
LINK_TARGET = "link-target"
RULE_TEXT = "* * *"
RULE_WORDS = "(section break)"
MIN_TEXT_WIDTH = 10

Segment = Span  # a styled piece of a laid-out line; same shape as an inline span


@dataclass(frozen=True, slots=True)
class Line:
    """One laid-out line of a document."""

    segments: tuple[Segment, ...]
    kind: str
    block: int
    offset: int
    heading: int
    source_line: int

    @property
    def text(self) -> str:
        """The line's plain text."""
        return "".join(segment.text for segment in self.segments)

    @property
    def links(self) -> list[tuple[int, int, int]]:
        """``(start cell, end cell, link index)`` for each link on this line."""
        found: list[tuple[int, int, int]] = []
        column = 0
        for segment in self.segments:
            width = cell_len(segment.text)
            if segment.link is not None:
                if found and found[-1][2] == segment.link and found[-1][1] == column:
                    found[-1] = (found[-1][0], column + width, segment.link)
                else:
                    found.append((column, column + width, segment.link))
            column += width
        return found


@dataclass(frozen=True)
class LayoutOptions:
    """How to lay out: width, heading marks, and what (if anything) follows a link's text."""

    width: int = 80
    heading_marks: bool = True
    link_suffix: Callable[[Link], str | None] | None = None
    bullet: str = "-"
    # Screen-reader mode: tables as "Header: value" records, breaks in words.
    screen_reader: bool = False


@dataclass
class Layout:
    """All lines of a document at one width."""

    lines: list[Line]
    width: int
    heading_lines: list[int] = field(default_factory=list)

    def find(self, block: int, offset: int) -> int:
        """Index of the line holding visible character ``offset`` of ``block``."""
        best = 0
        for index, line in enumerate(self.lines):
            if line.block > block:
                break
            if line.block == block and line.kind != "blank" and line.offset > offset:
                break
            best = index
        return best


def layout_document(doc: Document, options: LayoutOptions) -> Layout:
    """Lay out a whole document."""
    lines: list[Line] = []
    for block_lines in iter_block_lines(doc, options):
        lines.extend(block_lines)
    heading_lines: list[int] = []
    for index, line in enumerate(lines):
        if line.kind == "heading" and (
            index == 0
            or lines[index - 1].kind != "heading"
            or lines[index - 1].heading != line.heading
        ):
            heading_lines.append(index)
    return Layout(lines, options.width, heading_lines)


def iter_block_lines(doc: Document, options: LayoutOptions, start: int = 0) -> Iterator[list[Line]]:
    """Yield the lines of each top-level block from ``start``, with a blank line between."""
    writer = _Writer(doc, options)
    if start:
        writer.heading = _heading_before(doc, start)
    for index in range(start, len(doc.blocks)):
        writer.begin(index, doc.blocks[index])
        if index:
            writer.blank(())
        writer.block(doc.blocks[index], (), ())
        yield writer.take()


def wrap_plain(text: str, width: int, indent: str = "") -> list[str]:
    """Word-wrap plain text (for metadata and other non-Markdown text)."""
    doc = Document()
    writer = _Writer(doc, LayoutOptions(width=width))
    writer.begin(0, Paragraph((Span(text),), 0))
    segment = (Span(indent),) if indent else ()
    writer.inline((Span(text),), segment, segment, "text")
    return [line.text for line in writer.take()]


def _heading_before(doc: Document, block: int) -> int:
    result = -1
    for heading in doc.headings:
        if heading.source_line <= doc.blocks[block].source_line:
            result = heading.index
    return result


class _Writer:
    """Lays out blocks into lines, tracking block, offset and current heading."""

    def __init__(self, doc: Document, options: LayoutOptions) -> None:
        self.doc = doc
        self.options = options
        self.width = max(options.width, 1)
        self.lines: list[Line] = []
        self.heading = -1
        self.block_index = 0
        self.source_line = 0
        self.offset = 0

    def begin(self, index: int, block: Block) -> None:
        self.block_index = index
        self.source_line = block.source_line
        self.offset = 0

    def take(self) -> list[Line]:
        lines, self.lines = self.lines, []
        return lines

    def emit(self, segments: list[Span], kind: str, offset: int | None = None) -> None:
        self.lines.append(
            Line(
                tuple(s for s in segments if s.text),
                kind,
                self.block_index,
                self.offset if offset is None else offset,
                self.heading,
                self.source_line,
            )
        )

    def blank(self, prefix: tuple[Span, ...]) -> None:
        stripped = fitting.strip_prefix(prefix)
        self.emit(list(stripped), "blank")

    # -- blocks -----------------------------------------------------------

    def block(self, block: Block, first: tuple[Span, ...], rest: tuple[Span, ...]) -> None:
        if isinstance(block, Heading):
            self.heading = block.index
            mark = "#" * block.level + " " if self.options.heading_marks else ""
            style = frozenset({"bold", f"h{block.level}"})
            inline = tuple(Span(s.text, s.style | style, s.link) for s in block.inline)
            mark_span = (Span(mark, style | {HEADING_MARK}),) if mark else ()
            self.inline(inline, first + mark_span, (*rest, Span(" " * len(mark))), "heading")
        elif isinstance(block, Paragraph):
            self.inline(block.inline, first, rest, "text")
        elif isinstance(block, ListBlock):
            self.list_block(block, first, rest)
        elif isinstance(block, Quote):
            self.children(
                block.blocks,
                (*first, Span("> ", frozenset({MARKER}))),
                (*rest, Span("> ", frozenset({MARKER}))),
                tight=False,
            )
        elif isinstance(block, Code):
            self.code(block, first, rest)
        elif isinstance(block, Table):
            self.table(block, first, rest)
        elif isinstance(block, Rule):
            text = RULE_WORDS if self.options.screen_reader else RULE_TEXT
            rule = Span(text, frozenset({MARKER}))
            self.emit([*fitting.fit(first, self.width - len(text)), rule], "rule")

    def children(
        self,
        blocks: tuple[Block, ...],
        first: tuple[Span, ...],
        rest: tuple[Span, ...],
        tight: bool,
    ) -> None:
        if not blocks:  # an empty item or quote: its marks alone, cut to the width
            self.emit(list(fitting.fit(first, self.width - MIN_TEXT_WIDTH)), "text")
            return
        for index, child in enumerate(blocks):
            if index and not tight:
                self.blank(rest)
            self.block(child, first if index == 0 else rest, rest)

    def list_block(self, block: ListBlock, first: tuple[Span, ...], rest: tuple[Span, ...]) -> None:
        widest = len(f"{block.start + len(block.items) - 1}.") if block.ordered else 0
        for index, item in enumerate(block.items):
            if index and not block.tight:
                self.blank(rest)
            marker = f"{block.start + index}." if block.ordered else self.options.bullet
            marker = marker.rjust(widest) + " "
            lead = first if index == 0 else rest
            self.children(
                item.blocks,
                (*lead, Span(marker, frozenset({MARKER}))),
                (*rest, Span(" " * cell_len(marker))),
                tight=block.tight,
            )

    def code(self, block: Code, first: tuple[Span, ...], rest: tuple[Span, ...]) -> None:
        style = frozenset({HTML if block.info == "html" else CODE})
        indent = Span("    ")
        text = block.text[:-1] if block.text.endswith("\n") else block.text
        for number, raw in enumerate(text.split("\n")):
            lead = (first if number == 0 else rest) + (indent,)
            prefix = fitting.fit(lead, self.width - MIN_TEXT_WIDTH)
            room = max(self.width - fitting.width(prefix), 1)
            chunks = fitting.chunks(raw.expandtabs(4), room) or [""]
            for k, chunk in enumerate(chunks):
                pre = (
                    prefix if k == 0 else fitting.fit((*rest, indent), self.width - MIN_TEXT_WIDTH)
                )
                self.emit([*pre, Span(chunk, style)], "code")
                self.offset += fitting.visible(chunk)

    def table(self, block: Table, first: tuple[Span, ...], rest: tuple[Span, ...]) -> None:
        prefix = fitting.fit(rest, self.width - MIN_TEXT_WIDTH)
        room = self.width - fitting.width(prefix)
        rows = table_lines(block, room, records=self.options.screen_reader)
        for number, row in enumerate(rows):
            if row is None:  # a row break in the stacked form
                self.blank(rest)
                continue
            if isinstance(row, str):
                row = (Span(row, frozenset({MARKER})),)
            lead = fitting.fit(first, self.width - MIN_TEXT_WIDTH) if number == 0 else prefix
            if fitting.width(row) <= room:
                self.emit([*lead, *row], "table")
                self.offset += sum(fitting.visible(s.text) for s in row if MARKER not in s.style)
            else:  # a stacked "Header: value" record that needs wrapping
                self.inline(row, lead, prefix, "table")

    # -- inline wrapping --------------------------------------------------

    def inline(
        self, inline: Inline, first: tuple[Span, ...], rest: tuple[Span, ...], kind: str
    ) -> None:
        """Word-wrap ``inline`` with ``first`` before its first line and ``rest`` before others."""
        words = fitting.words(self._with_link_suffixes(inline))
        limit = self.width - MIN_TEXT_WIDTH
        line: list[Span] = list(fitting.fit(first, limit))
        used = fitting.width(line)
        rest_prefix = fitting.fit(rest, limit)
        room_on_fresh = self.width - fitting.width(rest_prefix)
        has_text = False
        space: Span | None = None
        line_offset = self.offset

        def new_line() -> None:
            nonlocal line, used, has_text, space, line_offset
            self.emit(line, kind, line_offset)
            line = list(rest_prefix)
            used = self.width - room_on_fresh
            has_text = False
            space = None
            line_offset = self.offset

        for word in words:
            if word is fitting.BREAK:
                new_line()
                continue
            if word[0].text[0] in " \t":
                space = Span(" ", word[0].style, word[0].link) if has_text else None
                continue
            size = fitting.width(word)
            gap = 1 if space is not None else 0
            if has_text and used + gap + size > self.width:
                new_line()
                gap = 0
            if used + gap + size > self.width and size > room_on_fresh:
                # Longer than any line: cut it between graphemes, filling lines to the edge.
                gap = 1 if space is not None and used + 1 < self.width else 0
                runs = fitting.cut(word, self.width - used - gap, room_on_fresh, not has_text)
                for number, run in enumerate(runs):
                    if number:
                        new_line()
                    elif not run:
                        continue
                    elif gap and space is not None:
                        line.append(fitting.plain_space(space))
                        used += 1
                    line.extend(run)
                    used += fitting.width(run)
                    has_text = True
                    self.offset += sum(
                        fitting.visible(p.text) for p in run if LINK_TARGET not in p.style
                    )
                space = None
                continue
            if space is not None:
                line.append(fitting.plain_space(space))
                used += 1
            line.extend(word)
            used += size
            if not has_text:
                line_offset = self.offset
            has_text = True
            space = None
            self.offset += sum(fitting.visible(p.text) for p in word if LINK_TARGET not in p.style)
        if has_text or not self.lines or line:
            self.emit(line, kind, line_offset)

    def _with_link_suffixes(self, inline: Inline) -> Inline:
        suffix = self.options.link_suffix
        if suffix is None or all(span.link is None for span in inline):
            return inline
        out: list[Span] = []
        for index, span in enumerate(inline):
            out.append(span)
            following = inline[index + 1].link if index + 1 < len(inline) else None
            if span.link is not None and following != span.link:
                text = suffix(self.doc.links[span.link])
                if text:
                    out.append(Span(" " + text, frozenset({LINK_TARGET}), None))
        return tuple(out)
