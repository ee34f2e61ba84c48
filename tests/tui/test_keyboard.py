"""Keyboard completeness: every pane reachable, every action bound and listed in the help."""

from __future__ import annotations

import inspect
import re

import pytest
from helpers import MakeApp
from textual.binding import Binding

from reader.tui.app import ReaderApp
from reader.tui.article_view import ArticleView
from reader.tui.contact_card import ContactCard
from reader.tui.item_list import ItemList
from reader.tui.kiosk import IdleWarning, PinDialog
from reader.tui.main_screen import MainScreen
from reader.tui.panes import ContactsPane, TopicsPane
from reader.tui.screens.bookmarks import BookmarksScreen
from reader.tui.screens.dialogs import ConfirmLink, NoteDialog
from reader.tui.screens.lists import ContentsScreen, HelpScreen
from reader.tui.search_screen import SearchScreen

OUR_CLASSES = [
    SearchScreen,
    ContactCard,
    IdleWarning,
    PinDialog,
    ReaderApp,
    MainScreen,
    ItemList,
    TopicsPane,
    ContactsPane,
    ArticleView,
    BookmarksScreen,
    ContentsScreen,
    HelpScreen,
    ConfirmLink,
    NoteDialog,
]


def _bindings(cls: type, ours: bool = True) -> list[Binding]:
    found: list[Binding] = []
    for klass in cls.__mro__:
        if klass.__module__.startswith("reader.") or not ours:
            found += [b for b in klass.__dict__.get("BINDINGS", []) if isinstance(b, Binding)]
    return found


@pytest.mark.parametrize("cls", OUR_CLASSES, ids=lambda c: c.__name__)
def test_every_action_of_ours_has_a_key(cls: type) -> None:
    bound = {
        b.action.split("(")[0].removeprefix("app.").removeprefix("screen.")
        for b in _bindings(cls, ours=False)
    }
    actions = {
        name.removeprefix("action_")
        for name, _ in inspect.getmembers(cls)
        if name.startswith("action_") and getattr(cls, name).__module__.startswith("reader.")
    }
    assert actions <= bound, f"{cls.__name__}: actions without a key: {actions - bound}"
    assert all(b.description for b in _bindings(cls)), "every key says what it does"


async def test_tab_and_pane_keys_reach_every_pane(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        order = []
        for _ in range(3):
            await pilot.press("tab")
            order.append(app.focused.id if app.focused else None)
        assert order == ["contacts", "topics", "article"]
        await pilot.press("shift+tab")
        assert app.focused is screen.query_one(TopicsPane)
        for key, pane in (("3", ContactsPane), ("1", TopicsPane), ("2", ArticleView)):
            await pilot.press(key)
            assert app.focused is screen.query_one(pane)


def _help_texts(app: ReaderApp) -> list[str]:
    assert isinstance(app.screen, HelpScreen)
    return [item.text for item in app.screen.query_one(ItemList).items]


@pytest.mark.parametrize(
    ("opener", "screen_class", "keys"),
    [
        ((), MainScreen, ["Bookmarks: B", "Topics: 1", "Next link: l", "Expand topic: Right, +"]),
        (("B",), BookmarksScreen, ["Delete: d, Delete", "Note: n", "Back: Escape, Backspace"]),
        (("t",), ContentsScreen, ["Close: Escape, t, Backspace", "Choose: Enter"]),
        (("l", "l", "l", "l", "enter"), ConfirmLink, ["Open in browser: y", "Cancel: n, Escape"]),
    ],
)
async def test_every_screen_lists_its_keys_in_the_help(
    make_app: MakeApp, opener: tuple[str, ...], screen_class: type, keys: list[str]
) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*opener)
        assert isinstance(app.screen, screen_class)
        below = app.screen
        await pilot.press("f1")
        texts = _help_texts(app)
        for key in keys:
            assert key in texts, (key, texts)
        for binding in _bindings(type(below)):
            assert any(text.startswith(f"{binding.description}:") for text in texts), binding
        assert "Get help now: F2, c" in texts  # the way to help is listed everywhere
        await pilot.press("escape")
        assert app.screen is below


async def test_the_note_dialog_lists_its_keys_too(make_app: MakeApp) -> None:
    app = make_app("all-blocks")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("b", "B", "n")
        assert isinstance(app.screen, NoteDialog)
        await pilot.press("f1")
        assert "Cancel: Escape" in _help_texts(app)


def test_every_f_key_and_escape_action_has_a_plain_key_too() -> None:
    """Fenrir's PTY mode and some terminals take F-keys and Escape for themselves."""
    from reader.tui.find_bar import FindBar

    # Where a field has the focus, its letters are typed: Enter in the empty field
    # is the plain key (tested with each field), and F-keys work while typing.
    in_a_field = {
        (FindBar, "close"), (FindBar, "next(1)"), (FindBar, "next(-1)"),
        (SearchScreen, "close"), (PinDialog, "cancel"), (NoteDialog, "cancel"),
    }  # fmt: skip

    def plain(key: str) -> bool:  # a letter, a sign, Enter, ctrl+letter: not F-key or Escape
        return key != "escape" and not re.fullmatch(r"(shift\+|ctrl\+)*f\d+", key)

    classes = [ReaderApp, MainScreen, ArticleView, SearchScreen, BookmarksScreen,
               ContentsScreen, HelpScreen, ContactCard, ConfirmLink, NoteDialog, PinDialog,
               FindBar]  # fmt: skip
    missing = []
    for cls in classes:
        bindings = [b for b in cls.BINDINGS if isinstance(b, Binding)]
        for binding in bindings:
            keys = binding.key.split(",")
            if any(plain(key) for key in keys) or (cls, binding.action) in in_a_field:
                continue
            others = [b for b in bindings + ReaderApp.BINDINGS if b.action == binding.action]
            if not any(plain(key) for b in others for key in b.key.split(",")):
                missing.append((cls.__name__, binding.action, binding.key))
    assert missing == []


@pytest.mark.parametrize("size", [(100, 30), (40, 20)])
@pytest.mark.parametrize("keys", [(), ("down", "down", "enter")], ids=["topics", "article"])
async def test_the_key_bar_shows_whole_keys_help_and_the_key_list_first(
    make_app: MakeApp, size: tuple[int, int], keys: tuple[str, ...]
) -> None:
    """At 100 columns the bar was cut ("F4 Screen-reader mode" without "on or off", two
    keys off the edge); at 40 it ended where the width did. A key is shown whole or
    not at all, and F2 and F1 (every key) always are."""
    from textual.widgets._footer import FooterKey

    from reader.tui.key_bar import KeyBar

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        shown = [key for key in bar.query(FooterKey) if key.display]
        assert [key.action for key in shown[:2]] == ["get_help", "keys"]
        assert all(key.region.right <= bar.region.right for key in shown)
        row = bar.region.y
        drawn = app.screen._compositor.render_strips()[row].text
        for key in shown:  # each whole, in words, on the row
            assert f"{key.key_display} {key.description}" in drawn, drawn
        hidden = [key for key in bar.query(FooterKey) if not key.display]
        room = bar.region.width - sum(key.region.width for key in shown)
        assert all(key.render().cell_len > room for key in hidden)  # none would have fit
