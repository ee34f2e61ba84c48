"""Crisis help never waits for the search index, and typing never waits for a query."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from reader.library.bookmarks import BookmarkStore
from reader.library.loader import load_library
from reader.library.search import SearchIndex
from reader.tui.app import ReaderApp
from reader.tui.item_list import ItemList
from reader.tui.search_screen import SearchScreen


def first_contact(app: ReaderApp) -> str:
    results = app.screen.query_one("#results", ItemList)
    return next(item.text for item in results.items if item.selectable)


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status").render())


@pytest.fixture
def slow_index(monkeypatch):
    """The index build waits until the test lets it go (as 5,000 articles would)."""
    release = threading.Event()
    real_build = SearchIndex.build

    def build(library, cache_dir=None):
        release.wait(10)
        return real_build(library, None)

    monkeypatch.setattr(SearchIndex, "build", build)
    yield release
    release.set()


async def test_crisis_help_comes_first_while_the_index_is_built(content: Path, slow_index) -> None:
    app = ReaderApp(load_library(content), BookmarkStore.open(None), "GB")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("slash")
        await pilot.press(*"I want to die")
        await pilot.pause()
        assert app.search_index is None  # still being built
        assert first_contact(app) == "Emergency, phone 999"
        assert "Help contacts first" in status(app)
        slow_index.set()  # the index is ready: the articles follow the contacts
        for _ in range(50):
            await pilot.pause(0.05)
            if isinstance(app.screen, SearchScreen) and app.screen.results.hits:
                break
        assert app.screen.results.hits and first_contact(app) == "Emergency, phone 999"


async def test_a_failed_index_is_reported_and_crisis_help_still_works(
    content: Path, monkeypatch
) -> None:
    def build(library, cache_dir=None):
        raise sqlite3.OperationalError("no such module: fts5")

    monkeypatch.setattr(SearchIndex, "build", build)
    app = ReaderApp(load_library(content), BookmarkStore.open(None), "GB")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(60):  # the index is built once the first screen has settled
            await pilot.pause(0.05)
            if app.index_error:
                break
        await pilot.pause()
        assert "no such module: fts5" in status(app)  # said on the main screen
        await pilot.press("slash")
        await pilot.press(*"kill myself")
        await pilot.pause()
        assert first_contact(app) == "Emergency, phone 999"
        assert "not available" in status(app) and "fts5" in status(app)


async def test_queries_run_off_the_ui_thread(content: Path, monkeypatch) -> None:
    threads: list[threading.Thread] = []
    real_search = SearchIndex.search

    def search(self, text, limit=20, region=None):
        threads.append(threading.current_thread())
        return real_search(self, text, limit, region)

    monkeypatch.setattr(SearchIndex, "search", search)
    app = ReaderApp(load_library(content), BookmarkStore.open(None), "GB")
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(50):
            await pilot.pause(0.05)
            if app.search_index is not None:
                break
        await pilot.press("slash", *"sleep")
        for _ in range(50):
            await pilot.pause(0.05)
            if app.screen.results and app.screen.results.query == "sleep":
                break
        assert threads and threading.main_thread() not in threads
        assert app.screen.results.hits  # and the results arrived
