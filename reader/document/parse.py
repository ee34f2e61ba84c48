"""markdown-it-py tokens to the block model.

The parser is CommonMark plus pipe tables and strikethrough. Raw HTML is kept
as literal text (shown, never interpreted), so no content is lost and nothing
in it is acted on. Text is neutralised (see :mod:`reader.document.sanitize`)
before parsing, once, so every face gets the same safe text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from reader.document.anchors import AnchorMaker
from reader.document.model import (
    BOLD,
    CODE,
    HTML,
    IMAGE,
    ITALIC,
    LINK,
    PLAIN,
    STRIKE,
    Block,
    Code,
    Document,
    Heading,
    Inline,
    Link,
    ListBlock,
    ListItem,
    Paragraph,
    Quote,
    Rule,
    Span,
    Table,
    inline_text,
)
from reader.document.sanitize import clean_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

_STYLE_OF_TAG = {"strong": BOLD, "em": ITALIC, "s": STRIKE}
# markdown-it stops reading a document silently at this depth. CommonMark's 20
# cuts a 10-level list; 200 keeps about 100 levels and stays well inside
# Python's recursion limit in markdown-it and in our own builder and layout.
MAX_NESTING = 200
TOO_DEEP = "[The rest of this document is nested too deeply to be shown.]"


@lru_cache(maxsize=1)
def markdown_parser() -> MarkdownIt:
    """The shared markdown-it instance (CommonMark, tables, strikethrough)."""
    # Imported here: markdown-it costs ~40 ms, which the library's import avoids.
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    return parser.enable(["table", "strikethrough"])


def parse_document(text: str, line_offset: int = 0) -> Document:
    """Parse Markdown ``text`` into a :class:`Document`.

    ``line_offset`` is added to source line numbers (the lines of front matter
    above the body), so that they count from the top of the file.
    """
    tokens = markdown_parser().parse(clean_text(text))
    builder = _Builder(line_offset)
    builder.doc.blocks = builder.blocks(tokens, 0, len(tokens))
    if any(token.level >= MAX_NESTING - 1 for token in tokens):
        builder.doc.blocks.append(Paragraph((Span(TOO_DEEP),), 0))
    return builder.doc


class _Builder:
    def __init__(self, line_offset: int) -> None:
        self.doc = Document()
        self.anchors = AnchorMaker()
        self.line_offset = line_offset

    def line(self, token: Token) -> int:
        return (token.map[0] if token.map else 0) + self.line_offset + 1

    def blocks(self, tokens: list[Token], start: int, end: int) -> list[Block]:
        """Blocks from ``tokens[start:end]``, a balanced stretch of block tokens."""
        out: list[Block] = []
        i = start
        while i < end:
            token = tokens[i]
            close = _closing(tokens, i) if token.nesting == 1 else i
            block = self.block(tokens, i, close)
            if block is not None:
                out.append(block)
            i = close + 1
        return out

    def block(self, tokens: list[Token], i: int, close: int) -> Block | None:
        token = tokens[i]
        kind = token.type
        line = self.line(token)
        if kind == "heading_open":
            inline = self.inline(tokens[i + 1])
            heading = Heading(
                level=int(token.tag[1]),
                inline=inline,
                anchor=self.anchors.make(inline_text(inline)),
                index=len(self.doc.headings),
                source_line=line,
            )
            self.doc.headings.append(heading)
            return heading
        if kind == "paragraph_open":
            return Paragraph(self.inline(tokens[i + 1]), line)
        if kind in ("bullet_list_open", "ordered_list_open"):
            return self.list_block(tokens, i, close)
        if kind == "blockquote_open":
            return Quote(tuple(self.blocks(tokens, i + 1, close)), line)
        if kind in ("fence", "code_block"):
            return Code(token.content, token.info.strip(), line)
        if kind == "html_block":
            return Code(token.content, "html", line)
        if kind == "hr":
            return Rule(line)
        if kind == "table_open":
            return self.table(tokens, i, close)
        if kind == "inline":  # loose text outside a paragraph (tight list items)
            return Paragraph(self.inline(token), line)
        return None

    def list_block(self, tokens: list[Token], i: int, close: int) -> ListBlock:
        token = tokens[i]
        items: list[ListItem] = []
        tight = True
        j = i + 1
        while j < close:
            item_close = _closing(tokens, j)
            for k in range(j + 1, item_close):
                inner = tokens[k]
                if (
                    inner.type == "paragraph_open"
                    and not inner.hidden
                    and (inner.level == tokens[j].level + 1)
                ):
                    tight = False
            items.append(
                ListItem(tuple(self.blocks(tokens, j + 1, item_close)), self.line(tokens[j]))
            )
            j = item_close + 1
        start = int(token.attrGet("start") or 1) if token.type == "ordered_list_open" else 1
        return ListBlock(
            tuple(items), token.type == "ordered_list_open", start, tight, self.line(token)
        )

    def table(self, tokens: list[Token], i: int, close: int) -> Table:
        header: list[Inline] = []
        rows: list[tuple[Inline, ...]] = []
        align: list[str] = []
        row: list[Inline] = []
        in_head = False
        for j in range(i + 1, close):
            token = tokens[j]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                row = []
            elif token.type == "tr_close":
                if in_head:
                    header = row
                else:
                    rows.append(tuple(row))
            elif token.type in ("th_open", "td_open"):
                if in_head:
                    style = str(token.attrGet("style") or "")
                    align.append(style.removeprefix("text-align:"))
            elif token.type == "inline":
                row.append(self.inline(token))
        return Table(tuple(header), tuple(rows), tuple(align), self.line(tokens[i]))

    def inline(self, token: Token) -> Inline:
        """Spans from an inline token's children."""
        spans: list[Span] = []
        styles: list[str] = []
        link: int | None = None
        link_start = 0
        for child in token.children or ():
            kind = child.type
            style = frozenset(styles) if styles else PLAIN
            if kind == "text":
                _add(spans, child.content, style, link)
            elif kind == "softbreak":
                _add(spans, " ", style, link)
            elif kind == "hardbreak":
                _add(spans, "\n", style, link)
            elif kind == "code_inline":
                _add(spans, child.content, style | {CODE}, link)
            elif kind == "html_inline":
                _add(spans, child.content, style | {HTML}, link)
            elif kind == "image":
                alt = "".join(c.content for c in child.children or ()) or child.content
                _add(spans, f"[image: {alt}]" if alt else "[image]", style | {IMAGE}, link)
            elif kind == "link_open":
                link = len(self.doc.links)
                link_start = len(spans)
                self.doc.links.append(
                    Link(str(child.attrGet("href") or ""), "", str(child.attrGet("title") or ""))
                )
                styles.append(LINK)
            elif kind == "link_close" and link is not None:
                text = inline_text(tuple(spans[link_start:]))
                old = self.doc.links[link]
                self.doc.links[link] = Link(old.href, text, old.title)
                link = None
                _pop(styles, LINK)
            elif kind.endswith("_open") and child.tag in _STYLE_OF_TAG:
                styles.append(_STYLE_OF_TAG[child.tag])
            elif kind.endswith("_close") and child.tag in _STYLE_OF_TAG:
                _pop(styles, _STYLE_OF_TAG[child.tag])
            elif child.content:  # anything unknown still keeps its text
                _add(spans, child.content, style, link)
        return tuple(spans)


def _add(spans: list[Span], text: str, style: frozenset[str], link: int | None) -> None:
    if not text:
        return
    if spans and spans[-1].style == style and spans[-1].link == link:
        spans[-1] = Span(spans[-1].text + text, style, link)
    else:
        spans.append(Span(text, style, link))


def _pop(styles: list[str], style: str) -> None:
    for k in range(len(styles) - 1, -1, -1):
        if styles[k] == style:
            del styles[k]
            return


def _closing(tokens: list[Token], i: int) -> int:
    """Index of the token that closes ``tokens[i]``."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j
    return len(tokens) - 1
