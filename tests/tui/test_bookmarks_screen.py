"""Pilot tests: bookmarks from the keyboard, and the newcomer's walk-through."""

from __future__ import annotations

from pathlib import Path

from helpers import MakeApp

from reader.library.bookmarks import BookmarkStore, Place
from reader.tui.article_view import ArticleView
from reader.tui.item_list import ItemList
from reader.tui.main_screen import MainScreen
from reader.tui.panes import ContactsPane, TopicsPane
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.dialogs import NoteDialog


def status(app: object) -> str:
    return str(app.screen.query_one("#status").render())  # type: ignore[attr-defined]


async def test_b_toggles_a_bookmark_marked_in_the_gutter(
    make_app: MakeApp, store_path: Path
) -> None:
    app = make_app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("h", "down", "b")
        assert status(app) == f"Bookmark added at line {view.cursor + 1}. B lists bookmarks."
        (bookmark,) = app.store.bookmarks()
        assert bookmark.slug == "long" and bookmark.heading == "Section 2"
        assert bookmark.snippet.startswith("Sentence 2.0")
        row = view.cursor - int(view.scroll_y)
        assert view.render_line(row).text.startswith(">* Sentence 2.0")
        await pilot.press("b")
        assert app.store.bookmarks() == [] and status(app).startswith("Bookmark removed")
        assert view.render_line(row).text.startswith(">  Sentence 2.0")


async def test_bookmarks_screen_opens_deletes_and_notes(make_app: MakeApp) -> None:
    app = make_app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("h", "h", "h", "down", "down", "b")
        marked = view.place
        await pilot.press("home", "b", "B")
        assert isinstance(app.screen, BookmarksScreen)
        items = app.screen.query_one(ItemList).items
        assert len(items) == 2 and "Section 4" in items[0].text
        await pilot.press("n")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"ask GP", "enter")
        assert app.store.bookmarks()[0].note == "ask GP"
        lines = app.screen.query_one(ItemList).items[0].lines
        assert "  Note: ask GP" in [line.plain for line in lines]
        await pilot.press("down", "d")
        assert len(app.store.bookmarks()) == 1
        assert status(app).startswith("Bookmark deleted")
        await pilot.press("home", "enter")
        assert isinstance(app.screen, MainScreen)
        assert view.place == marked and app.focused is view


async def test_a_bookmark_of_a_removed_article_is_shown_as_such(make_app: MakeApp) -> None:
    app = make_app()
    app.store.add("vanished", Place(0, 0), "", "old words")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("B")
        items = app.screen.query_one(ItemList).items
        assert "(article no longer available)" in items[0].text
        await pilot.press("enter")
        assert isinstance(app.screen, BookmarksScreen)
        assert status(app) == "That article is no longer available."


async def test_newcomer_walk_through(make_app: MakeApp, store_path: Path) -> None:
    """Keyboard alone: topic, article, headings, links, bookmark, quit, restart, return."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        topics = app.screen.query_one(TopicsPane)
        while topics.current is None or topics.current.data != ("article", "long"):
            await pilot.press("down")
        await pilot.press("enter")
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.slug == "long"
        await pilot.press("h", "h", "H", "l", "down", "down")
        await pilot.press("b")
        place, text = view.place, view.lines[view.cursor].text
        await pilot.press("f2")
        assert app.focused is app.screen.query_one(ContactsPane)
        await pilot.press("q")
    assert BookmarkStore.open(store_path).bookmarks()[0].place == place

    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.press("B", "enter")
        view = again.screen.query_one(ArticleView)
        assert view.article is not None and view.article.slug == "long"
        assert view.place == place and view.lines[view.cursor].text == text
