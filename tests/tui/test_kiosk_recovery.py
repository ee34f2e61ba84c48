"""A kiosk never ends on a fault: logged to crashes.log, and a fresh start in-process."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from test_kiosk_app import kiosk_app, status, until

from reader.tui.item_list import ItemList
from reader.tui.main_screen import MainScreen
from reader.tui.panes import ContactsPane
from reader.tui.screens.bookmarks import BookmarksScreen


class Boom(RuntimeError):
    """The fault the tests cause."""


def fail_once(cls: type, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``cls.name`` raises the first time it is called, then works as before."""
    original = getattr(cls, name)
    takes = len(inspect.signature(original).parameters) - 1  # Textual passes what it takes
    calls = []

    def failing(self, *args):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 1:
            raise Boom("a fault nobody caught")
        return original(self, *args[:takes])

    monkeypatch.setattr(cls, name, failing)


@pytest.mark.parametrize(
    ("where", "name", "keys"),
    [
        (MainScreen, "action_bookmarks", ("B",)),  # a screen's action
        (ItemList, "on_blur", ("f2",)),  # a widget's own handler: it stops taking messages
        (BookmarksScreen, "on_mount", ("B",)),  # a screen being shown
    ],
    ids=["screen", "widget", "mounting screen"],
)
async def test_a_fault_at_a_kiosk_is_logged_and_the_kiosk_starts_afresh(
    content: Path, monkeypatch: pytest.MonkeyPatch, where: type, name: str, keys: tuple[str, ...]
) -> None:
    fail_once(where, name, monkeypatch)
    app = kiosk_app(content)
    crashes = content.parent / "data" / "crashes.log"
    app.recovery.crash_log = crashes
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter", "b")  # a visitor's article and bookmark
        await pilot.press(*keys)
        await until(pilot, lambda: app.recovery.recoveries == 1)
        await pilot.pause()
        assert app.is_running and app._exception is None
        assert "Boom: a fault nobody caught" in crashes.read_text()
        assert isinstance(app.screen, MainScreen) and len(app.screen_stack) == 1
        assert app.main.view.article is None and app.store.bookmarks() == []
        # The welcome (or, after F2, the help contacts it asked for): nothing of the visit.
        await until(pilot, lambda: "F2: get help now" in status(app) or "999" in status(app))
        assert "Every kind of block" not in status(app)
        await pilot.press("f2", "down")  # the new screen takes keys
        contacts = app.main.query_one(ContactsPane)
        await until(pilot, lambda: app.focused is contacts and contacts.highlighted > 0)


async def test_outside_a_kiosk_a_fault_ends_the_reader(make_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fail_once(MainScreen, "action_bookmarks", monkeypatch)
    app = make_app()
    with pytest.raises(Boom):
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("B")
            await pilot.pause()
