"""The line layout: wrapping at several widths, styles, links, tables, keeping one's place."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from helpers import CORPORA, FIXTURES, REPO

from reader.document.cells import cell_len
from reader.document.layout import LayoutOptions, layout_document, wrap_plain
from reader.document.model import BOLD, LINK
from reader.document.parse import parse_document
from reader.library.frontmatter import split_front_matter

WIDTHS = [20, 40, 80, 120]
WORD = re.compile(r"\w+")


def _sample_texts() -> dict[str, str]:
    texts = {"all-blocks": (FIXTURES / "content" / "all-blocks.md").read_text()}
    for path in sorted((REPO / "articles").glob("*.md"))[:4]:
        texts[path.stem] = path.read_text()
    texts["spec"] = (CORPORA / "commonmark-spec-0.31.2.md").read_text()[:40_000]
    return {name: split_front_matter(text).body for name, text in texts.items()}


SAMPLES = _sample_texts()


def _lines(text: str, width: int, **options: object) -> list[str]:
    layout = layout_document(parse_document(text), LayoutOptions(width=width, **options))
    return [line.text for line in layout.lines]


def _words(text: str, width: int, tables: bool) -> str:
    """The word characters of the text laid out at ``width``, with or without tables."""
    layout = layout_document(parse_document(text), LayoutOptions(width=width))
    kept = [line.text for line in layout.lines if tables or line.kind != "table"]
    return "".join(WORD.findall("".join(kept)))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_no_line_is_wider_than_the_width(name: str, width: int) -> None:
    for line in _lines(SAMPLES[name], width):
        assert cell_len(line) <= width, line


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_no_text_is_lost_or_reordered(name: str, width: int) -> None:
    text = SAMPLES[name]
    # Outside tables, every word character of the unwrapped text, in order.
    assert _words(text, width, tables=False) == _words(text, 10_000, tables=False)
    # Tables may change form (grid or records, which repeat the headers) but lose nothing.
    assert Counter(_words(text, width, tables=True)) >= Counter(_words(text, 10_000, True))


def test_words_are_not_split_when_they_fit() -> None:
    text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda"
    for width in WIDTHS:
        for line in _lines(text, width):
            assert all(word in text.split() for word in line.split())


def test_a_word_longer_than_the_line_is_cut_not_lost() -> None:
    word = "x" * 50
    lines = _lines(f"a {word} b", 20)
    assert all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == f"a{word}b"


def test_wide_and_combining_characters_count_by_cells() -> None:
    text = "中文字符" * 10  # 40 characters, 80 cells
    lines = _lines(text, 20)
    assert [cell_len(line) for line in lines] == [20, 20, 20, 20]
    combining = "e\u0301" * 30  # 30 cells, 60 code points
    assert len(_lines(combining, 30)) == 1
    family = "👩\u200d👩\u200d👧" * 10  # 10 emoji of 2 cells each, 50 code points
    assert _lines(family, 10) == ["👩\u200d👩\u200d👧" * 5] * 2
    assert [cell_len(line) for line in _lines("❤\ufe0f" * 20, 20)] == [20, 20]


def test_list_items_hang_and_quotes_mark_every_line() -> None:
    text = "- " + "word " * 12 + "\n\n> " + "quoted " * 10 + "\n"
    lines = _lines(text, 20)
    assert lines[0].startswith("- word")
    assert lines[1].startswith("  word")
    quoted = [line for line in lines if "quoted" in line]
    assert len(quoted) > 2 and all(line.startswith("> ") for line in quoted)


def test_ordered_markers_align() -> None:
    text = "".join(f"{n}. item\n" for n in range(1, 12))
    lines = _lines(text, 40)
    assert lines[0] == " 1. item" and lines[10] == "11. item"


def test_code_is_indented_and_cut_not_wrapped_at_words() -> None:
    lines = _lines("```\nshort\n" + "y" * 30 + "\n```\n", 20)
    assert lines[0] == "    short"
    assert all(line.startswith("    ") for line in lines)
    assert "".join(line.strip() for line in lines[1:]) == "y" * 30


def test_heading_marks_are_optional_and_headings_are_bold() -> None:
    layout = layout_document(parse_document("## Title\n"), LayoutOptions(width=40))
    (line,) = layout.lines
    assert line.text == "## Title" and line.kind == "heading"
    assert all(BOLD in s.style for s in line.segments)
    assert _lines("## Title\n", 40, heading_marks=False) == ["Title"]


def test_each_line_knows_its_heading_and_links() -> None:
    text = "intro\n\n## One\n\nsee [the link](a.md) here\n\n## Two\n\nend\n"
    layout = layout_document(parse_document(text), LayoutOptions(width=80))
    by_text = {line.text: line for line in layout.lines}
    assert by_text["intro"].heading == -1
    assert by_text["see the link here"].heading == 0
    assert by_text["end"].heading == 1
    (start, end, link) = by_text["see the link here"].links[0]
    assert "see the link here"[start:end] == "the link" and link == 0
    assert [layout.lines[i].text for i in layout.heading_lines] == ["## One", "## Two"]


def test_link_suffix_adds_targets_in_text() -> None:
    lines = _lines(
        "[here](https://example.org) and <https://x.org>\n",
        80,
        link_suffix=lambda link: None if link.text == link.href else f"({link.href})",
    )
    assert lines == ["here (https://example.org) and https://x.org"]


def test_link_spans_survive_wrapping() -> None:
    text = "words " * 5 + "[a long link text that wraps](x.md)"
    layout = layout_document(parse_document(text), LayoutOptions(width=30))
    linked = "".join(line.text[start:end] for line in layout.lines for start, end, _ in line.links)
    assert linked.replace(" ", "") == "alonglinktextthatwraps"
    assert all(LINK in s.style for line in layout.lines for s in line.segments if s.link == 0)


def test_tables_are_grids_when_they_fit_and_records_when_not() -> None:
    text = "| Activity | Effect |\n|:--|--:|\n| Walking | -0.62 |\n| Yoga | -0.55 |\n"
    grid = _lines(text, 40)
    assert grid == [
        "Activity | Effect",
        "---------+-------",
        "Walking  |  -0.62",
        "Yoga     |  -0.55",
    ]
    stacked = _lines(text, 12)
    assert stacked == [
        "Activity:",
        "Walking",
        "Effect:",
        "-0.62",
        "",
        "Activity:",
        "Yoga",
        "Effect:",
        "-0.55",
    ]


def test_place_survives_a_rewrap() -> None:
    text = SAMPLES["all-blocks"] + "\n\n" + "A closing paragraph of many words. " * 30
    doc = parse_document(text)
    wide = layout_document(doc, LayoutOptions(width=120))
    narrow = layout_document(doc, LayoutOptions(width=30))
    for index, line in enumerate(wide.lines):
        words = WORD.findall(line.text)
        if line.kind != "text" or not words:
            continue
        found = narrow.lines[narrow.find(line.block, line.offset)]
        assert found.block == line.block
        assert words[0] in found.text, (wide.lines[index].text, found.text)


def test_deep_nesting_stays_inside_the_width() -> None:
    text = "".join("  " * depth + "- level " + str(depth) + "\n" for depth in range(60))
    lines = _lines(text, 40)
    assert all(cell_len(line) <= 40 for line in lines)
    assert "level 59" in "\n".join(lines)


def test_nesting_beyond_the_limit_is_cut_with_a_notice() -> None:
    text = "".join("  " * depth + "- level " + str(depth) + "\n" for depth in range(150))
    lines = _lines(text, 40)
    assert "nested too deeply" in " ".join(lines)
    assert "level 90" in "\n".join(lines)


def test_wrap_plain() -> None:
    assert wrap_plain("one two three four", 9) == ["one two", "three", "four"]
