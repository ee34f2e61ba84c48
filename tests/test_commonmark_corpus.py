"""All 652 CommonMark spec examples pass through the pipeline with no error and no lost text."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from helpers import CORPORA

from reader.document.cells import cell_len
from reader.document.layout import LayoutOptions, layout_document
from reader.document.parse import parse_document
from reader.document.sanitize import clean_text

EXAMPLES = json.loads((CORPORA / "commonmark-0.31.2-examples.json").read_text())
WORD = re.compile(r"\w+")
INLINE_TAGS = {"em", "strong", "code", "a", "del", "s", "span"}


class _HtmlText(HTMLParser):
    """The text a browser would show for the spec's expected HTML (img alt included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.parts.append(dict(attrs).get("alt") or "")
        elif tag not in INLINE_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag not in INLINE_TAGS:
            self.parts.append(" ")


def _expected_words(html: str) -> list[str]:
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    return WORD.findall(clean_text("".join(parser.parts)))


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    it = iter(haystack)
    return all(any(word == other for other in it) for word in needle)


def test_the_corpus_is_complete() -> None:
    assert len(EXAMPLES) == 652


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: str(e["example"]))
def test_example_keeps_its_text(example: dict[str, object]) -> None:
    doc = parse_document(str(example["markdown"]))
    wide = layout_document(doc, LayoutOptions(width=10_000))
    got = WORD.findall("\n".join(line.text for line in wide.lines))
    expected = _expected_words(str(example["html"]))
    assert _is_subsequence(expected, got), (expected, got)
    narrow = layout_document(doc, LayoutOptions(width=20))
    assert all(cell_len(line.text) <= 20 for line in narrow.lines)
