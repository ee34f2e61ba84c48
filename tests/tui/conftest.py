"""Fixtures for the full-screen reader's tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import MakeApp, copy_content

from reader.library.bookmarks import BookmarkStore
from reader.library.loader import load_library
from reader.tui.app import ReaderApp

LONG_ARTICLE = """---
title: A long article
topic: sleep
summary: Many sections, for paging and headings.
keywords: [long]
last_reviewed: 2026-01-01
next_review: 2099-01-01
reviewed_by: Not clinically reviewed.
sources: ["S. 2020."]
---
""" + "\n\n".join(
    f"## Section {n}\n\n" + " ".join(f"Sentence {n}.{k} of the long article." for k in range(12))
    for n in range(1, 31)
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The test content folder plus a long article, copied so tests may change it."""
    root = copy_content(tmp_path)
    (root / "long.md").write_text(LONG_ARTICLE)
    return root


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """Where the bookmark store lives."""
    return tmp_path / "data" / "bookmarks.json"


@pytest.fixture
def make_app(content: Path, store_path: Path) -> MakeApp:
    """A reader app on the test content with a store on disk."""

    def make(open_slug: str | None = None, region: str | None = "GB") -> ReaderApp:
        return ReaderApp(load_library(content), BookmarkStore.open(store_path), region, open_slug)

    return make
