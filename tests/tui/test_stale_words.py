"""After each key the status line (and so the talking kiosk and line mode) says what is
true now: nothing left over from an earlier key, nothing missing."""

from __future__ import annotations

import time
from pathlib import Path

from helpers import MakeApp
from textual.widgets import Static

from reader.library.bookmarks import BookmarkStore
from reader.library.loader import load_library
from reader.tui.app import ReaderApp
from reader.tui.find_bar import FindBar
from reader.tui.screens.bookmarks import BookmarksScreen


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status").render())


async def until(pilot, condition, limit: float = 10.0) -> None:
    """Wait for something to happen (not for a guessed time)."""
    end = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < end, "it never happened"
        await pilot.pause(0.02)


async def test_back_after_a_link_to_another_article_says_back_last(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l", "l")  # the link to the other article
        await pilot.press("enter")
        await until(pilot, lambda: app.main.view.article.slug == "worry-basics")
        await pilot.press("backspace")
        await until(pilot, lambda: app.main.view.article.slug == "all-blocks")
        await pilot.pause()
        assert status(app).startswith("Back: Every kind of block, line "), status(app)


async def test_the_pane_name_follows_a_link_to_another_article(
    content: Path, store_path: Path
) -> None:
    library = load_library(content)
    app = ReaderApp(library, BookmarkStore.open(store_path), "GB", "all-blocks", screen_reader=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l", "l", "enter")
        await until(pilot, lambda: app.main.view.article.slug == "worry-basics")
        await pilot.pause()
        name = str(app.main.query_one("#pane-name", Static).render())
        assert name.startswith("Article, Worry basics"), name


async def test_a_bookmark_deleted_in_the_list_is_unmarked_and_not_said_added(
    make_app: MakeApp,
) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b")
        await until(pilot, lambda: status(app).startswith("Bookmark added"))
        assert app.main.view.bookmarked
        await pilot.press("B")
        await until(pilot, lambda: isinstance(app.screen, BookmarksScreen))
        await pilot.press("d")
        await until(pilot, lambda: status(app).startswith("Bookmark deleted"))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is app.main)
        await pilot.pause()
        assert not app.main.view.bookmarked  # no "*" left in the margin
        assert status(app).startswith("Back to reading: line 1 of "), status(app)


async def test_i_says_the_heading_it_moved_to(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("h")
        await until(pilot, lambda: status(app) == "Heading: A list")
        await pilot.press("i")
        await until(pilot, lambda: status(app) != "Heading: A list")
        assert status(app) == "Heading: About this article"


async def test_f3_and_shift_f3_work_in_the_find_bar(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.main.view
        await pilot.press("ctrl+f", *"item")
        await until(pilot, lambda: status(app).startswith("Match 1 of 3"))
        assert isinstance(app.focused, FindBar)
        first = view.cursor
        await pilot.press("f3")
        await until(pilot, lambda: status(app).startswith("Match 2 of 3"))
        assert view.cursor > first and isinstance(app.focused, FindBar)
        await pilot.press("shift+f3")
        await until(pilot, lambda: status(app).startswith("Match 1 of 3"))
        assert view.cursor == first
        # Enter in an empty bar closes it (a plain key for Escape).
        await pilot.press(*["backspace"] * 4, "enter")
        await until(pilot, lambda: not app.main.query_one(FindBar).display)


async def test_a_list_says_where_it_ends(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        said: list[str] = []
        app.speaker.said = said.append  # type: ignore[method-assign]
        await pilot.press("end", "down")
        await until(pilot, lambda: "End of the list." in said)
        await pilot.press("home", "up")
        await until(pilot, lambda: "Top of the list." in said)
