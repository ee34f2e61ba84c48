"""Arbitrary text through the pipeline and the loader: never an exception, never a control."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reader.document.cells import cell_len
from reader.document.layout import LayoutOptions, layout_document
from reader.document.parse import parse_document
from reader.library import load_library

MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("ab *_`#>-+1.|[]()!<>\\\n\t :~=\x1b\x07\x9b\u202e中é")),
    max_size=400,
)
# Lists and quotes nested deep, which random characters seldom build: each line is a run
# of container markers, then (or not) some text. Deep nesting is where prefixes must be cut.
NESTED = st.lists(
    st.tuples(
        st.integers(0, 40).flatmap(  # any depth up to 40, not mostly shallow
            lambda depth: st.lists(
                st.sampled_from(["- ", "* ", "1. ", "10. ", "> ", "- ", "> ", "  "]),
                min_size=depth,
                max_size=depth,
            )
        ),
        st.sampled_from(
            ["", "a", "word", "中文字", "é", "x" * 45, "`code`", "[link](x.md)", "| a | b |"]
        ),
    ),
    min_size=1,
    max_size=8,
).map(lambda lines: "\n".join("".join(markers) + text for markers, text in lines))

# The narrowest width any face lays text out at: the article view never goes below 10
# columns (reader/tui/article_view.py, text_width) and `reader read --width` refuses less
# than 20. Below it nothing may raise or emit a control either, but a line may be wider
# than asked: a 2-cell character cannot fit in 1 column, nor the rule "* * *" in 4.
NARROWEST = 10


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(MARKDOWNISH, NESTED, st.text(max_size=300)),
    width=st.one_of(st.integers(1, 40), st.integers(1, 130)),  # narrow widths, more often
)
@example(text="x" * 200, width=NARROWEST)  # a word longer than the line is cut
@example(text="中" * 30, width=NARROWEST + 1)  # wide characters, an odd width
@example(text="- " * 30 + "words that go on past the edge", width=20)  # deep prefix, cut
def test_pipeline_never_raises_and_never_emits_controls(text: str, width: int) -> None:
    doc = parse_document(text)
    layout = layout_document(doc, LayoutOptions(width=width))
    for line in layout.lines:
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line.text), line.text
        assert "\u202e" not in line.text
    if width < NARROWEST:
        return
    for line in layout.lines:
        assert cell_len(line.text) <= width, (width, line.text)


@pytest.mark.parametrize(
    "text",
    [
        "1. 1. 1. 1. 1. 1. 1.",  # seven nested lists, the last item empty: 21 cells
        "> > > > > > > > > > >",  # eleven nested quotes, the last one empty: 22 cells
    ],
)
def test_an_empty_container_fits_the_width(text: str) -> None:
    layout = layout_document(parse_document(text), LayoutOptions(width=20))
    assert all(cell_len(line.text) <= 20 for line in layout.lines), [
        line.text for line in layout.lines
    ]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=600))
def test_loader_never_raises_on_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    (tmp_path / "topics.yaml").write_text("- id: t\n  title: T\n")
    (tmp_path / "a.md").write_bytes(b"---\ntitle: x\n" + data)
    (tmp_path / "b.md").write_bytes(data)
    (tmp_path / "contacts.yaml").write_bytes(data)
    library = load_library(tmp_path)
    for article in library.articles.values():
        parse_document(article.body())
