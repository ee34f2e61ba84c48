"""A full disk during any kind of save: the reader goes on, says so, and shows what is stored."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from reader.library.bookmarks import BookmarkStore, Place
from reader.library.loader import load_library
from reader.tui.app import ReaderApp
from reader.tui.article_view import ArticleView
from reader.tui.item_list import ItemList
from reader.tui.screens.bookmarks import BookmarksScreen


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status").render())


async def settle(app: ReaderApp, pilot) -> None:
    """Let every write asked for land, and its report reach the screen."""
    app.writer.drain()
    await pilot.pause()
    await pilot.pause()


@pytest.fixture
def full_disk(monkeypatch):
    """From when it is called, every fsync fails as on a full disk."""

    def fill() -> None:
        def full(*_: object) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", full)

    return fill


def reader(content: Path, store_path: Path, slug: str | None = "worry-basics") -> ReaderApp:
    return ReaderApp(load_library(content), BookmarkStore.open(store_path), "GB", slug)


async def test_theme_bookmark_and_position_on_a_full_disk(
    content: Path, store_path: Path, full_disk
) -> None:
    app = reader(content, store_path)
    async with app.run_test(size=(100, 30)) as pilot:
        full_disk()
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        assert "The theme was not saved: " in status(app) and "No space left" in status(app)
        await pilot.press("f4")
        await settle(app, pilot)
        assert "Screen-reader mode was not saved" in status(app)
        await pilot.press("f4", "2", "down", "b")
        await settle(app, pilot)
        assert "The bookmark was not saved" in status(app)
        view = app.screen.query_one(ArticleView)
        assert view.bookmarked == set()  # not shown as saved
        app.screen.flush_position()
        await settle(app, pilot)
        assert "The reading position was not saved" in status(app)
        assert app.is_running
    assert BookmarkStore.open(store_path).bookmarks() == []


async def test_delete_and_note_on_a_full_disk(content: Path, store_path: Path, full_disk) -> None:
    store = BookmarkStore.open(store_path)
    store.add("worry-basics", Place(1, 0), "Worry", "A line worth keeping.")
    store.close()
    app = reader(content, store_path, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        full_disk()
        await pilot.press("d")
        await settle(app, pilot)
        assert isinstance(app.screen, BookmarksScreen)
        assert "The bookmark was not deleted" in status(app)
        assert app.screen.query_one(ItemList).current.text.startswith("Worry basics")  # still there
        await pilot.press("n", *"remember", "enter")
        await settle(app, pilot)
        assert "The note was not saved" in status(app)
        assert "remember" not in " ".join(
            row.text.plain for row in app.screen.query_one(ItemList)._rows
        )
        assert app.is_running


async def test_writes_happen_off_the_ui_thread_in_order(content: Path, store_path: Path) -> None:
    threads: list[threading.Thread] = []
    real = BookmarkStore.add

    def add(self, *args, **kwargs):
        threads.append(threading.current_thread())
        return real(self, *args, **kwargs)

    app = reader(content, store_path)
    async with app.run_test(size=(100, 30)) as pilot:
        BookmarkStore.add = add  # type: ignore[method-assign]
        try:
            await pilot.press("2", "b", "down", "b", "down", "b")
            await settle(app, pilot)
        finally:
            BookmarkStore.add = real  # type: ignore[method-assign]
        assert len(threads) == 3 and threading.main_thread() not in threads
        places = [b.place for b in app.store.bookmarks("worry-basics")]
        assert [(p.block, p.offset) for p in places] == sorted((p.block, p.offset) for p in places)
        assert app.screen.query_one(ArticleView).bookmarked == set(places)


async def test_b_twice_quickly_adds_then_removes(content: Path, store_path: Path) -> None:
    app = reader(content, store_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "b", "b")  # before the first write has landed
        await settle(app, pilot)
        assert app.store.bookmarks() == []
        assert "Bookmark removed" in status(app)
        assert app.screen.query_one(ArticleView).bookmarked == set()


async def test_a_store_that_cannot_be_opened_is_kept_in_memory(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from reader.library.bookmarks import BookmarkStore
    from reader.library.settings import Settings
    from reader.tui.run import build_app

    data = tmp_path / "data"
    data.mkdir()

    def unreadable(_data_dir: Path) -> BookmarkStore:  # a store shaped wrong is moved aside
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(BookmarkStore, "in_data_dir", unreadable)
    settings = Settings(articles=content, data_dir=data, region="GB", config_file=None)
    app = build_app(settings, load_library(content), "worry-basics")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert "Bookmarks could not be opened" in status(app)
        await pilot.press("down", "b")
        await settle(app, pilot)
        assert app.is_running and app.store.bookmarks()  # kept, in memory
