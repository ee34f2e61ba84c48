"""A kiosk's next visitor finds nothing of the last one: not on screen, not in memory, not on disk.

Visitor 1 walks every screen and types a word of their own into every field.
After the idle reset, visitor 2's app is searched for that word everywhere: the
widget tree, the drawn screen, every string held by a Python object, and the
data, cache and log folders.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest
from helpers import REPO, kiosk_settings

from reader.library.loader import load_library
from reader.speech.settings import SpeechSettings
from reader.tui.app import ReaderApp
from reader.tui.main_screen import MainScreen
from reader.tui.run import build_app

# The visitor's word, only ever as letters: the test itself must not hold it whole.
LETTERS = ("q", "z", "x", "v", "p", "l", "o", "r", "m")


def kiosk(content: Path, data: Path, speech: SpeechSettings | None = None) -> ReaderApp:
    return build_app(kiosk_settings(content, data, speech=speech), load_library(content))


async def until(pilot, condition, limit: float = 5.0) -> None:
    for _ in range(int(limit / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("never happened")


def telltale() -> str:
    """What any trace of the word contains (made when needed, never kept)."""
    return "".join(LETTERS[:5])


def strings_held(telltale: str) -> list[str]:
    """Every string that a Python object holds with ``telltale`` in it (caches included)."""
    gc.collect()
    found = []
    for obj in gc.get_objects():
        try:
            members = (
                list(obj.keys()) + list(obj.values())
                if isinstance(obj, dict)
                else list(obj)
                if isinstance(obj, (list, tuple, set, frozenset))
                else list(vars(obj).values())
                if hasattr(obj, "__dict__") and not isinstance(obj, type)
                else []
            )
        except Exception:
            continue
        found += [
            f"{type(obj).__name__}: {m[:80]!r}"
            for m in members
            if isinstance(m, str) and telltale in m.lower()
        ]
    return found


@pytest.mark.parametrize("speaking", [False, True], ids=["silent", "speaking"])
async def test_the_next_visitor_finds_nothing_of_the_last(
    content: Path, tmp_path: Path, monkeypatch, speaking: bool
) -> None:
    cache, data = tmp_path / "cache", tmp_path / "data"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    # Speaking, every word is said (to a logging speech process, outside these folders).
    logger = [sys.executable, str(REPO / "tests" / "log_speech.py"), str(tmp_path / "said")]
    app = kiosk(content, data, SpeechSettings(True, logger) if speaking else None)
    async with app.run_test(size=(100, 30)) as pilot:
        # Visitor 1: read, find, bookmark with a note, search, try the PIN, copy.
        await pilot.press("down", "enter")
        await pilot.press("ctrl+f", *LETTERS, "enter")
        await pilot.press("shift+home", "ctrl+c")  # copy the find text
        await pilot.press("escape", "b", "B")
        await pilot.press("n", *LETTERS, "enter", "escape")
        await pilot.press("slash", *LETTERS)
        await pilot.pause(0.3)
        await pilot.press("escape", "ctrl+o", *LETTERS, "enter", "escape")
        await pilot.press("ctrl+t", "f4", "pagedown")
        assert telltale() in app.clipboard  # the walk did reach every field
        # Silence: the countdown, then the reset.
        app.visitor_clock.ring()
        # (Speaking, the countdown starts once its question has been said.)
        await until(
            pilot,
            lambda: isinstance(app.screen, MainScreen) and app.store.bookmarks() == [],
            limit=30,
        )
        await pilot.pause(0.3)

        # Visitor 2 looks everywhere.
        screen = app.export_screenshot()
        assert telltale() not in screen.lower()
        for node in [app, *app.screen.walk_children(with_self=True)]:
            for value in (getattr(node, "value", ""), str(getattr(node, "render", lambda: "")())):
                assert telltale() not in str(value).lower(), node
        assert app.clipboard == ""
        assert app.theme == "reader-dark" and not app.screen_reader
        assert app.speaker.on == speaking  # the operator's setting
        held = strings_held(telltale())
        assert held == [], "\n".join(held)
    for folder in (data, cache):
        for path in folder.rglob("*") if folder.exists() else []:
            if path.is_file():
                assert telltale().encode() not in path.read_bytes().lower(), path
