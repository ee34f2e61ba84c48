"""Pilot tests: search as you type, crisis contacts first, find in an article."""

from __future__ import annotations

from helpers import MakeApp
from textual.widgets import Input

from reader.library.models import Contact
from reader.tui.article_view import ArticleView
from reader.tui.contact_card import ContactCard
from reader.tui.item_list import ItemList
from reader.tui.main_screen import MainScreen
from reader.tui.search_screen import Found, SearchScreen


async def index_ready(app: object, pilot: object) -> None:
    """Wait for the search index, which is built in a worker after the first frame."""
    for _ in range(100):
        await pilot.pause()  # type: ignore[attr-defined]
        await app.workers.wait_for_complete()  # type: ignore[attr-defined]
        if app.search_index is not None:  # type: ignore[attr-defined]
            return
    raise AssertionError("the search index was never built")


def status(app: object) -> str:
    return str(app.screen.query_one("#status").render())  # type: ignore[attr-defined]


async def test_search_as_you_type_and_open_at_the_first_match(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await index_ready(app, pilot)
        assert app.search_index is not None  # built off the UI thread
        await pilot.press("slash")
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"worr")  # a prefix, as the reader types
        results = app.screen.query_one(ItemList)
        slugs = [item.data.slug for item in results.items if isinstance(item.data, Found)]
        assert slugs[0] == "worry-basics"
        assert status(app) == '1 article for "worr". Down moves to it.'
        snippet = [line.plain for line in results.items[1].lines][2]
        assert "[" in snippet and "]" in snippet  # the match is marked in text, not colour
        await pilot.press("enter")
        assert isinstance(app.screen, MainScreen)
        view = app.screen.query_one(ArticleView)
        assert view.article is not None and view.article.slug == "worry-basics"
        assert "worr" in view.lines[view.cursor].text.lower()
        assert app.focused is view


async def test_a_crisis_query_puts_help_first(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await index_ready(app, pilot)
        await pilot.press("slash", *"i want to die")
        items = app.screen.query_one(ItemList).items
        assert items[0].text.startswith("Help now")
        assert isinstance(items[1].data, Contact) and items[1].data.emergency
        assert status(app).startswith("Help contacts first")
        await pilot.press("down")  # from the field into the results: the emergency number
        assert app.focused is app.screen.query_one(ItemList)
        assert app.screen.query_one(ItemList).current.data.phone == "999"
        await pilot.press("enter")
        assert isinstance(app.screen, ContactCard)
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, MainScreen)


async def test_hostile_queries_never_fail(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await index_ready(app, pilot)
        await pilot.press("slash")
        field = app.screen.query_one(Input)
        for query in ('"', "NEAR(", "(((", "AND", "*", "x" * 3000, ""):
            field.value = query
            await pilot.pause()
            assert isinstance(app.screen, SearchScreen)


async def test_find_in_article(make_app: MakeApp) -> None:
    app = make_app("long")
    async with app.run_test(size=(100, 30)) as pilot:
        view = app.screen.query_one(ArticleView)
        await pilot.press("ctrl+f")
        find = app.screen.query_one("#find", Input)
        assert find.display and app.focused is find
        await pilot.press(*"Section 5")
        assert view.lines[view.cursor].text == "## Section 5"
        assert status(app).startswith("Match 1 of 1: ## Section 5")
        find.value = ""
        await pilot.press(*"Section 7")
        first = view.cursor
        assert view.lines[first].text == "## Section 7"
        await pilot.press("enter")  # the next match wraps to the only one
        assert view.cursor == first
        # Matches are marked on screen (reverse video), not by colour alone.
        row = view.cursor - int(view.scroll_y)
        strip = view.render_line(row)
        assert any(seg.style and seg.style.reverse and seg.text == "Section 7" for seg in strip)

        await pilot.press("escape")
        assert not find.display and app.focused is view and view.cursor == first
        view.find("long article")
        await pilot.pause()

        def match_number() -> int:
            return int(status(app).split()[1])

        here = match_number()
        await pilot.press("f3")
        assert match_number() == here + 1
        await pilot.press("shift+f3", "shift+f3")
        assert match_number() == here - 1
