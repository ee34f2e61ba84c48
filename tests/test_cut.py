"""A long source cut at its start or end parses, on its side of the cut, as the whole does."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.document.layout import LayoutOptions, iter_block_lines
from reader.document.parse import parse_document
from reader.document.start import end_of, start_of

SPEC = Path(__file__).parent / "corpora" / "commonmark-spec-0.31.2.md"


def block_texts(source: str) -> list[list[str]]:
    """Each top-level block as its laid-out text (numbers of links and headings aside)."""
    doc = parse_document(source)
    return [[line.text for line in lines] for lines in iter_block_lines(doc, LayoutOptions())]


def generated() -> str:
    parts = []
    for n in range(900):
        parts.append(f"## Part {n}\n\nWords of part {n}, *some* with `code`.\n")
        parts.append("```\nfenced\n\nSome text at the margin inside a fence\n```\n")
        parts.append(f"- a list item {n}\n\n  continued\n- another\n")
        parts.append("> a quote\n>\n> more\n")
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["spec", "generated"])
@pytest.mark.parametrize("size", [2_000, 16_000, 32_000])
def test_each_side_of_a_cut_parses_as_the_whole_does_there(name: str, size: int) -> None:
    source = SPEC.read_text(encoding="utf-8") if name == "spec" else generated()
    whole = block_texts(source)
    start, end = start_of(source, size), end_of(source, size)
    assert start is not None and end is not None
    assert len(start) >= size and len(end) >= size
    assert source.startswith(start) and source.endswith(end)
    start_blocks, end_blocks = block_texts(start), block_texts(end)
    assert start_blocks == whole[: len(start_blocks)]
    # The end's first block follows no blank line of its own: compare it without one.
    assert end_blocks[1:] == whole[len(whole) - len(end_blocks) + 1 :]
    assert (
        end_blocks[0] == [t for t in whole[len(whole) - len(end_blocks)] if t][: len(end_blocks[0])]
    )


def test_a_short_source_is_not_cut() -> None:
    assert start_of("Short.\n\nText.\n", 100) is None and end_of("Short.\n\nText.\n", 100) is None
