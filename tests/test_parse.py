"""Markdown to the block model: every block kind, links, anchors and source lines."""

from __future__ import annotations

from reader.document.model import (
    BOLD,
    CODE,
    IMAGE,
    ITALIC,
    LINK,
    STRIKE,
    Code,
    Heading,
    ListBlock,
    Paragraph,
    Quote,
    Rule,
    Table,
    inline_text,
)
from reader.document.parse import parse_document


def test_headings_have_levels_and_unique_anchors() -> None:
    doc = parse_document("# Top\n\n## Why? It's *good*\n\n## Why? It's good\n\nSetext\n------\n")
    levels = [(h.level, h.text, h.anchor) for h in doc.headings]
    assert levels == [
        (1, "Top", "top"),
        (2, "Why? It's good", "why-its-good"),
        (2, "Why? It's good", "why-its-good-1"),
        (2, "Setext", "setext"),
    ]
    assert doc.heading_for_anchor("why-its-good-1") is doc.headings[2]
    assert all(isinstance(b, Heading) for b in doc.blocks)


def test_inline_styles() -> None:
    doc = parse_document("**b** *i* `c` ~~s~~ ![alt](x.png)\n")
    (para,) = doc.blocks
    assert isinstance(para, Paragraph)
    styles = {span.text: span.style for span in para.inline if span.text.strip()}
    assert BOLD in styles["b"]
    assert ITALIC in styles["i"]
    assert CODE in styles["c"]
    assert STRIKE in styles["s"]
    assert IMAGE in styles["[image: alt]"]


def test_links_are_numbered_with_text_and_target() -> None:
    doc = parse_document('See [one](a.md#x "T") and <https://example.org>.\n')
    assert [(link.href, link.text, link.title) for link in doc.links] == [
        ("a.md#x", "one", "T"),
        ("https://example.org", "https://example.org", ""),
    ]
    spans = doc.blocks[0].inline  # type: ignore[union-attr]
    linked = [s for s in spans if s.link is not None]
    assert [s.link for s in linked] == [0, 1]
    assert all(LINK in s.style for s in linked)


def test_lists_nest_and_know_tightness_and_start() -> None:
    doc = parse_document("3. a\n4. b\n   - c\n   - d\n\n- loose\n\n- list\n")
    ordered, loose = doc.blocks
    assert isinstance(ordered, ListBlock) and ordered.ordered and ordered.start == 3
    assert ordered.tight
    nested = ordered.items[1].blocks[1]
    assert isinstance(nested, ListBlock) and not nested.ordered
    assert [inline_text(i.blocks[0].inline) for i in nested.items] == ["c", "d"]  # type: ignore[union-attr]
    assert isinstance(loose, ListBlock) and not loose.tight


def test_quote_code_html_rule_table() -> None:
    text = (
        "> quoted\n\n```py\nx = 1\n```\n\n    indented\n\n<div>raw</div>\n\n---\n\n"
        "| a | b |\n|:-|-:|\n| 1 | 2 |\n"
    )
    quote, fence, indented, html, rule, table = parse_document(text).blocks
    assert isinstance(quote, Quote) and isinstance(quote.blocks[0], Paragraph)
    assert isinstance(fence, Code) and fence.info == "py" and fence.text == "x = 1\n"
    assert isinstance(indented, Code) and indented.text == "indented\n"
    assert isinstance(html, Code) and html.info == "html" and "<div>raw</div>" in html.text
    assert isinstance(rule, Rule)
    assert isinstance(table, Table)
    assert [inline_text(c) for c in table.header] == ["a", "b"]
    assert [[inline_text(c) for c in row] for row in table.rows] == [["1", "2"]]
    assert table.align == ("left", "right")


def test_source_lines_count_from_the_file_top() -> None:
    doc = parse_document("para\n\n## Head\n", line_offset=10)
    assert [b.source_line for b in doc.blocks] == [11, 13]


def test_escape_sequences_are_neutralised_in_every_block() -> None:
    text = "# T\x1b[31m\n\npara \x1b]0;x\x07\n\n```\n\x1b[2J\n```\n\n[l\u202e](u)\n"
    doc = parse_document(text)
    texts = [h.text for h in doc.headings] + [link.text for link in doc.links]
    texts += [b.text for b in doc.blocks if isinstance(b, Code)]
    texts += [inline_text(b.inline) for b in doc.blocks if isinstance(b, Paragraph)]
    joined = "".join(texts)
    assert "\x1b" not in joined and "\x07" not in joined and "\u202e" not in joined
    assert "\u241b" in joined  # shown as a visible symbol instead
