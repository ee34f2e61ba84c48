"""Every screen in the pseudo-locale: no word of ours on screen that is not from the catalog.

The catalog and the content are written in look-alike accented letters (see
``tests/test_i18n.py``): a plain ASCII word left on a screen is text that did not
come through the catalog, ours or Textual's.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from test_i18n import ALLOWED, pseudo_catalog, pseudo_content, t, untranslated

from reader import i18n
from reader.library.bookmarks import BookmarkStore
from reader.library.loader import load_library
from reader.locale import catalogs
from reader.tui.app import ReaderApp

# Key names as the key bar and the key help show them: the same in every language.
KEYS = {
    "Up", "Down", "Left", "Right", "Home", "End", "PgUp", "PgDn", "Space", "Backspace",
    "Ctrl", "Shift", "Escape", "Delete", "Insert", "ctrl", "esc", "tab", "enter", "shift",
    "PageUp", "PageDown", "alt", "super",
}  # fmt: skip
DATA = {"sleep", "crisis", "no", "line", "emergency"}  # ids from the content


def screen_text(app: ReaderApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def pseudo_locale(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The pseudo-locale spoken whatever is asked for; the pseudo content's folder."""
    i18n.use("xx", pseudo_catalog(catalogs.extract(), tmp_path / "locale"))
    monkeypatch.setattr(i18n, "use", lambda lang, where=None: None)
    return pseudo_content(tmp_path / "content")


@pytest.fixture
def pseudo_app(tmp_path: Path, pseudo_locale: Path) -> ReaderApp:
    root = pseudo_locale
    store = BookmarkStore.open(tmp_path / "bookmarks.json")
    return ReaderApp(load_library(root), store, "NO")


async def test_every_screen_speaks_only_the_catalog(pseudo_app: ReaderApp) -> None:
    app = pseudo_app
    seen: dict[str, str] = {}
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        seen["main"] = screen_text(app)
        await pilot.press("down", "enter")
        await pilot.pause()
        seen["article"] = screen_text(app)
        await pilot.press("t")
        await pilot.pause()
        seen["contents"] = screen_text(app)
        await pilot.press("escape", "ctrl+f")
        await pilot.pause()
        seen["find"] = screen_text(app)
        await pilot.press("escape", "b")  # a bookmark, for the note dialog below
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        seen["keys"] = screen_text(app)
        await pilot.press("end")  # the key help's last rows: Textual's own keys among them
        await pilot.pause()
        seen["keys, end"] = screen_text(app)
        await pilot.press("escape", "f2")
        await pilot.pause()
        seen["help"] = screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        seen["contact card"] = screen_text(app)
        await pilot.press("escape")
        await pilot.press("slash")
        await pilot.pause()
        seen["search, empty"] = screen_text(app)
        await pilot.press(*t("sleep"))
        await pilot.pause(0.5)
        seen["search"] = screen_text(app)
        await pilot.press("escape", "B")
        await pilot.pause()
        seen["bookmarks"] = screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        seen["note"] = screen_text(app)
    problems = {
        name: words
        for name, text in seen.items()
        if (words := untranslated(text, ALLOWED | KEYS | DATA))
    }
    assert problems == {}, "\n\n".join(f"{n}:\n{seen[n]}" for n in problems)
    assert all(text.strip() for text in seen.values())
    # Each step showed something new: the dialog or screen it opens.
    steps = list(seen.values())
    assert all(before != after for before, after in itertools.pairwise(steps))


async def test_the_operator_pin_dialog_speaks_only_the_catalog(pseudo_locale: Path) -> None:
    from test_kiosk_app import kiosk_app

    app = kiosk_app(pseudo_locale, pin=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+o")
        await pilot.pause()
        asked = screen_text(app)
        await pilot.press("1", "1", "1", "1", "enter")
        await pilot.pause(0.5)
        refused = screen_text(app)
    for text in (asked, refused):
        assert untranslated(text, ALLOWED | KEYS | DATA) == [], text
    assert asked != refused
