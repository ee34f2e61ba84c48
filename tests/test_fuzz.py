"""Arbitrary text through the pipeline and the loader: never an exception, never a control."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.document.cells import cell_len
from reader.document.layout import LayoutOptions, layout_document
from reader.document.parse import parse_document
from reader.library import load_library

MARKDOWNISH = st.text(
    alphabet=st.sampled_from(list("ab *_`#>-+1.|[]()!<>\\\n\t :~=\x1b\x07\x9b\u202e中é")),
    max_size=400,
)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(MARKDOWNISH, st.text(max_size=300)), width=st.integers(1, 130))
def test_pipeline_never_raises_and_never_emits_controls(text: str, width: int) -> None:
    layout = layout_document(parse_document(text), LayoutOptions(width=width))
    for line in layout.lines:
        assert cell_len(line.text) <= max(width, 1) or width < 12
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in line.text), line.text
        assert "\u202e" not in line.text


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
