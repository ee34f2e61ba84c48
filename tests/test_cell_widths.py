"""Laid-out lines fit the width as Textual draws them: emoji, graphemes, wide text and links.

Each line is drawn the way ``ArticleRender.render_line`` draws it (a gutter, then
one Rich segment per laid-out segment, in a strip cut to the view's width) and
measured with ``rich.cells.cell_len``, the function Textual measures and crops with.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import copy_content
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich._unicode_data import load as load_cell_table
from rich.cells import cell_len as rich_cell_len
from rich.cells import get_character_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from reader.document.cells import cell_len
from reader.document.fitting import MARKER
from reader.document.layout import HEADING_MARK, LayoutOptions, Line, layout_document
from reader.document.model import BOLD, ITALIC, LINK
from reader.document.parse import parse_document
from reader.library.bookmarks import BookmarkStore
from reader.library.loader import load_library
from reader.tui.app import ReaderApp
from reader.tui.article_render import GUTTER
from reader.tui.article_view import ArticleView

WIDTHS = [10, 20, 40, 80]


def _plain(text: str) -> tuple[str, str]:
    """Markdown with no markup shows itself."""
    return text, text


# (Markdown, the text it shows): one paragraph each.
PARAGRAPHS = {
    "emoji": _plain("I ❤️ reading 👍🏽 and 👩‍👩‍👧 families, 🇯🇵 flags and #️⃣ keycaps."),
    "variation selectors": _plain("☺︎ text, ☺️ emoji, ❤ plain, ❤️ red."),
    "combining": _plain("cafe\u0301 re\u0301sume\u0301 nai\u0308ve"),
    "cjk": _plain("日本語のテキストは一文字が二つのセルを使います。中文字符和标点，句号。ＡＢＣ！"),
    "mixed": (
        "**太字の❤️**と*斜体👍🏽*、[リンク👩‍👩‍👧のテキスト](https://example.org/)と`code❤️`、"
        "see [the ☺︎ docs](a.md) now.",
        "太字の❤️と斜体👍🏽、リンク👩‍👩‍👧のテキストとcode❤️、see the ☺︎ docs now.",
    ),
    "long words": _plain(
        "a " + "👍🏽" * 30 + " b " + "日本語" * 20 + " c " + "❤️" * 25 + " d " + "e\u0301" * 40
    ),
    "long link": (
        "go [" + "👩‍👩‍👧" * 20 + "x日本" * 10 + "](x.md) **then** on",
        "go " + "👩‍👩‍👧" * 20 + "x日本" * 10 + " then on",
    ),
    # A link or a style that ends inside a grapheme: drawn, the grapheme may join up.
    "graphemes split by styles": (
        "[❤](x)\ufe0f here, **👩\u200d**👩 there, `❤`\ufe0f end",
        "❤\ufe0f here, 👩\u200d👩 there, ❤\ufe0f end",
    ),
    "wide word at a narrow edge": _plain("abcdefgh 日本 ijklmnopq 日本語日本語日本語"),
}

BLOCKS = """# Heading ❤️ 日本語 👩‍👩‍👧

> A quote with 👍🏽 emoji and 日本語 that wraps at narrow widths, ❤️ and [a link 👩‍👩‍👧](q.md).

- A list item 日本語日本語日本語 with ☺︎ and e\u0301 in it
- 👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽

| 名前 | Feeling |
|:--|--:|
| 太郎 | ❤️ |
| 👩‍👩‍👧 | [good 👍🏽](g.md) |

```
code ❤️ 日本語日本語日本語日本語日本語日本語 👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧👩‍👩‍👧 e\u0301e\u0301
```
"""


def _style(names: frozenset[str]) -> Style:
    """A stand-in for ``ArticleRender._segment_style`` (styles never change a cell's width)."""
    return Style(bold=BOLD in names, italic=ITALIC in names, underline=LINK in names)


def _draw(line: Line, width: int) -> Strip:
    """The strip ``render_line`` draws for ``line`` in a view ``width`` + GUTTER cells wide."""
    base = Style()
    segments = [Segment(">* ", base + Style(bold=True))]  # reading mark, bookmark mark, space
    text_segments = [Segment(s.text, base + _style(s.style)) for s in line.segments]
    return Strip(segments + text_segments).adjust_cell_length(width + GUTTER, base)


def _check_drawn(line: Line, width: int) -> None:
    """The line fits ``width`` as Textual measures it, and drawing it crops nothing."""
    text = line.text
    assert Strip([Segment(s.text) for s in line.segments]).cell_length <= width, text
    assert rich_cell_len(text) <= width, text
    drawn = "".join(segment.text for segment in _draw(line, width))
    assert drawn[GUTTER : GUTTER + len(text)] == text, (drawn, text)
    assert drawn[GUTTER + len(text) :].strip(" ") == "", (drawn, text)


def _check_links(line: Line) -> None:
    """Each of the line's link columns holds, as Textual crops the strip, that link's text."""
    strip = Strip([Segment(s.text) for s in line.segments])
    runs: list[tuple[int, str]] = []
    previous = None
    for segment in line.segments:
        if segment.link is not None and segment.link == previous:
            runs[-1] = (segment.link, runs[-1][1] + segment.text)
        elif segment.link is not None:
            runs.append((segment.link, segment.text))
        previous = segment.link
    assert [link for _, _, link in line.links] == [link for link, _ in runs]
    for (start, end, _), (_, text) in zip(line.links, runs, strict=True):
        if start == end:  # only marks that join the character before ("a[🏽](x)"): no cells
            without = line.text.replace(text, "", 1)
            assert rich_cell_len(without) == rich_cell_len(line.text), (line.text, text)
            continue
        assert "".join(s.text for s in strip.crop(start, end)) == text, (line.text, start, end)


def _content(lines: list[Line]) -> str:
    """The lines' non-space characters, markers (quote marks, bullets, heading marks) aside."""
    return "".join(
        "".join(c for c in s.text if not c.isspace())
        for line in lines
        for s in line.segments
        if MARKER not in s.style and HEADING_MARK not in s.style
    )


def _suffix(link: object) -> str:
    return "(→ elsewhere)"


@pytest.mark.parametrize("suffix", [False, True], ids=["plain", "link-suffix"])
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(PARAGRAPHS))
def test_paragraphs_fit_when_drawn_and_lose_nothing(name: str, width: int, suffix: bool) -> None:
    markdown, shown = PARAGRAPHS[name]
    options = LayoutOptions(width=width, link_suffix=_suffix if suffix else None)
    lines = layout_document(parse_document(markdown), options).lines
    for line in lines:
        _check_drawn(line, width)
        _check_links(line)
    got = "".join(c for line in lines for c in line.text if not c.isspace())
    if suffix:
        got = got.replace("(→elsewhere)", "")
    assert got == "".join(c for c in shown if not c.isspace())


@pytest.mark.parametrize("width", WIDTHS)
def test_blocks_fit_when_drawn_and_lose_nothing(width: int) -> None:
    doc = parse_document(BLOCKS)
    lines = layout_document(doc, LayoutOptions(width=width)).lines
    for line in lines:
        _check_drawn(line, width)
        _check_links(line)
    wide = layout_document(doc, LayoutOptions(width=10_000)).lines
    for kind in ("heading", "text", "code"):
        assert _content([line for line in lines if line.kind == kind]) == _content(
            [line for line in wide if line.kind == kind]
        )
    table = _content([line for line in lines if line.kind == "table"])
    for word in ("名前", "太郎", "❤️", "👩‍👩‍👧", "good👍🏽"):
        assert word in table


@pytest.mark.parametrize("width", WIDTHS)
def test_link_text_survives_cutting(width: int) -> None:
    markdown, _ = PARAGRAPHS["long link"]
    doc = parse_document(markdown)
    lines = layout_document(doc, LayoutOptions(width=width)).lines
    strips = [Strip([Segment(s.text) for s in line.segments]) for line in lines]
    linked = "".join(
        "".join(s.text for s in strip.crop(start, end))
        for line, strip in zip(lines, strips, strict=True)
        for start, end, link in line.links
        if link == 0
    )
    assert linked == doc.links[0].text
    assert all(LINK in s.style for line in lines for s in line.segments if s.link == 0)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("unit", ["👍🏽", "👩‍👩‍👧", "❤️", "e\u0301", "🇯🇵", "#️⃣", "日"])
def test_a_long_word_is_cut_between_graphemes(unit: str, width: int) -> None:
    for markdown in (unit * 60, f"*{unit * 60}*", f"[{unit * 60}](x.md)", f"```\n{unit * 60}\n```"):
        lines = layout_document(parse_document(markdown), LayoutOptions(width=width)).lines
        texts = [line.text.strip() for line in lines]
        assert all(text and text == unit * (len(text) // len(unit)) for text in texts), texts
        assert "".join(texts) == unit * 60
        assert all(rich_cell_len(line.text) <= width for line in lines)


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("❤️", 2),
        ("👍🏽", 2),
        ("👩‍👩‍👧", 2),
        ("☺︎", 1),
        ("e\u0301", 1),
        ("日本語", 6),
        ("，。！", 6),
        ("abc", 3),
        ("", 0),
    ],
)
def test_cell_len_of_sequences_is_richs(text: str, cells: int) -> None:
    assert cell_len(text) == rich_cell_len(text) == cells


def test_cell_len_agrees_with_rich_on_code_points() -> None:
    # Every code point of the Basic Multilingual Plane, and both sides of each edge
    # of Rich's width table and of the planes beyond.
    edges = {
        e + d
        for start, end, _ in load_cell_table().widths
        for e in (start, end)
        for d in (-1, 0, 1)
    }
    edges |= {plane * 0x10000 + d for plane in range(1, 17) for d in (0, 0x8000, 0xFFFF)}
    codes = sorted(set(range(0x10000)) | {e for e in edges if 0 <= e <= 0x10FFFF})
    disagree = [
        hex(code)
        for code in codes
        if not 0xD800 <= code <= 0xDFFF
        and cell_len(chr(code)) != get_character_cell_size(chr(code))
    ]
    assert disagree == []


TRICKY = st.sampled_from(
    [
        *"ab  *_[]()`\n",
        *("❤", "\ufe0f", "\ufe0e", "\u200d", "👩", "👍", "🏽", "日", "，", "\u0301", "#", "☺", "🇯"),
        *("❤️", "👍🏽", "👩‍👩‍👧", "#️⃣", "e\u0301", "☺︎", "(x)"),
    ]
)


@settings(max_examples=200, deadline=None)
@example(text="aaaa[🏽](x)", width=10)  # a link of one skin-tone modifier, joined to the "a"
@given(text=st.lists(TRICKY, min_size=8, max_size=160).map("".join), width=st.sampled_from(WIDTHS))
def test_any_emoji_text_fits_when_drawn(text: str, width: int) -> None:
    assert cell_len(text) == rich_cell_len(text)
    doc = parse_document(text)
    lines = layout_document(doc, LayoutOptions(width=width)).lines
    for line in lines:
        _check_drawn(line, width)
        _check_links(line)
    wide = layout_document(doc, LayoutOptions(width=10_000)).lines
    assert _content(lines) == _content(wide)


FRONT_MATTER = """---
title: Emoji and wide text
topic: sleep
summary: Lines of emoji, graphemes and wide text.
keywords: [emoji]
last_reviewed: 2026-01-01
next_review: 2099-01-01
reviewed_by: Not clinically reviewed.
sources: ["S. 2020."]
---
"""


@pytest.mark.parametrize("columns", [26, 46])
async def test_the_article_view_draws_every_line_whole(tmp_path: Path, columns: int) -> None:
    """The real ``render_line`` in a headless app crops no laid-out line."""
    root = copy_content(tmp_path)
    paragraphs = "\n\n".join(markdown for markdown, _ in PARAGRAPHS.values())
    (root / "emoji.md").write_text(FRONT_MATTER + BLOCKS + "\n\n" + paragraphs)
    store = BookmarkStore.open(tmp_path / "bookmarks.json")
    app = ReaderApp(load_library(root), store, "GB", "emoji")
    async with app.run_test(size=(columns, 30)) as pilot:
        await pilot.pause()
        view = app.screen.query_one(ArticleView)
        view.ensure_complete()
        assert view.lines and view.scroll_y == 0
        for row, line in enumerate(view.lines):
            drawn = "".join(segment.text for segment in view.render_line(row))
            assert drawn[GUTTER : GUTTER + len(line.text)] == line.text, (drawn, line.text)
            assert rich_cell_len(line.text) <= view.text_width(), line.text
