"""The block model: a small, plain-data view of a Markdown document.

Blocks hold inline text as :class:`Span` runs. Links are numbered in document
order; a span that belongs to a link carries that number. Nothing here knows
about terminals or Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Style names a span or line may carry. Faces map them to what they can show.
BOLD = "bold"
ITALIC = "italic"
CODE = "code"
STRIKE = "strike"
LINK = "link"
IMAGE = "image"
HTML = "html"

Style = frozenset[str]
PLAIN: Style = frozenset()


@dataclass(frozen=True, slots=True)
class Span:
    """A run of inline text with one style; ``link`` indexes :attr:`Document.links`."""

    text: str
    style: Style = PLAIN
    link: int | None = None


Inline = tuple[Span, ...]


def inline_text(inline: Inline) -> str:
    """The plain text of an inline run."""
    return "".join(span.text for span in inline)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; ``anchor`` is unique in its document, ``index`` its place among headings."""

    level: int
    inline: Inline
    anchor: str
    index: int
    source_line: int

    @property
    def text(self) -> str:
        """The heading's plain text."""
        return inline_text(self.inline)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of inline text."""

    inline: Inline
    source_line: int


@dataclass(frozen=True, slots=True)
class ListItem:
    """One item of a list: its own blocks."""

    blocks: tuple[Block, ...]
    source_line: int


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bullet or ordered list; ``tight`` lists have no blank lines between items."""

    items: tuple[ListItem, ...]
    ordered: bool
    start: int
    tight: bool
    source_line: int


@dataclass(frozen=True, slots=True)
class Quote:
    """A block quote."""

    blocks: tuple[Block, ...]
    source_line: int


@dataclass(frozen=True, slots=True)
class Code:
    """A fenced or indented code block, or a raw HTML block (``info == "html"``)."""

    text: str
    info: str
    source_line: int


@dataclass(frozen=True, slots=True)
class Table:
    """A pipe table; ``align`` holds "left", "center", "right" or "" per column."""

    header: tuple[Inline, ...]
    rows: tuple[tuple[Inline, ...], ...]
    align: tuple[str, ...]
    source_line: int


@dataclass(frozen=True, slots=True)
class Rule:
    """A thematic break."""

    source_line: int


Block = Heading | Paragraph | ListBlock | Quote | Code | Table | Rule


@dataclass(frozen=True, slots=True)
class Link:
    """A link as written: ``href`` is the raw target, ``text`` the link text."""

    href: str
    text: str
    title: str = ""


@dataclass(slots=True)
class Document:
    """A parsed document: top-level blocks, every heading and every link in order."""

    blocks: list[Block] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)

    def heading_for_anchor(self, anchor: str) -> Heading | None:
        """The heading whose anchor is ``anchor``, if any."""
        for heading in self.headings:
            if heading.anchor == anchor:
                return heading
        return None
