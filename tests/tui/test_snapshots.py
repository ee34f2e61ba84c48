"""What the screens look like: SVG snapshots at 80x24 and 40x20 (review them when they change).

Update after an intended change with: python -m pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from helpers import MakeApp

from reader.library.bookmarks import Place

SIZES = [(80, 24), (40, 20)]


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Times on the bookmarks screen do not depend on the machine's zone."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_open_article(snap_compare, make_app: MakeApp, size: tuple[int, int]) -> None:
    # The reading cursor on a line with links, the second link selected.
    assert snap_compare(make_app("all-blocks"), press=["l", "l"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_bookmarks_screen(
    snap_compare, make_app: MakeApp, size: tuple[int, int], tmp_path: Path
) -> None:
    app = make_app("all-blocks")
    app.store.add(
        "all-blocks",
        Place(2, 0),
        "A list",
        "- First item",
        "call the GP",
        created="2026-11-01T09:30:00+00:00",
    )
    app.store.add(
        "worry-basics",
        Place(2, 0),
        "What helps",
        "Talking to someone helps.",
        created="2026-11-02T18:05:00+00:00",
    )
    assert snap_compare(app, press=["B"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, make_app: MakeApp, size: tuple[int, int]) -> None:
    assert snap_compare(make_app("all-blocks"), press=["question_mark"], terminal_size=size)
