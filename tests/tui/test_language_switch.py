"""F6: the reader in the other language, the open article at the same section."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import REPO
from test_kiosk_app import kiosk_app, until

from reader import i18n
from reader.library.bookmarks import BookmarkStore
from reader.library.loader import load_library
from reader.tui.app import ReaderApp


def screen_text(app: ReaderApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def bundled_kiosk(tmp_path: Path) -> ReaderApp:
    """A kiosk on a copy of the bundled articles (a kiosk keeps its data beside them)."""
    content = tmp_path / "content"
    shutil.copytree(REPO / "articles", content)
    return kiosk_app(content, pin=False)


def bundled(tmp_path: Path, slug: str | None = "sleep-problems") -> ReaderApp:
    library = load_library(REPO / "articles", lang="en")
    return ReaderApp(library, BookmarkStore.open(tmp_path / "store.json"), "NO", slug)


async def test_f6_opens_the_same_article_in_bokmal_at_the_same_section(tmp_path: Path) -> None:
    app = bundled(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        assert "F6 Norsk bokmål" in screen_text(app)  # the way there, named in itself
        await pilot.press("h", "h", "h")
        assert app.main.reading_section() == ("sleep-problems", 2)
        await pilot.press("f6")
        await until(pilot, lambda: app.library.lang == "nb")
        await pilot.pause()
        text = screen_text(app)
        assert i18n.language() == "nb"
        assert "Søvnproblemer" in text and "Emner" in text and "Hjelpekontakter" in text
        assert "F6 English" in text  # the way back, in English
        view = app.main.view
        assert view.article is not None and view.article.lang == "nb"
        assert view.lines[view.cursor].text.lstrip("# ") == "Tegn på søvnløshet"
        assert app.store.preference("lang") == "nb"  # remembered
        await pilot.press("f6")
        await until(pilot, lambda: app.library.lang == "en")
        await pilot.pause()
        assert app.main.reading_section() == ("sleep-problems", 2)
        assert "Signs of insomnia" in screen_text(app)
        assert app.store.preference("lang") == "en"


async def test_f6_from_the_topics_and_from_a_dialog(tmp_path: Path) -> None:
    app = bundled(tmp_path, slug=None)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f1")  # the key help is open: F6 works from every screen
        await pilot.press("f6")
        await until(pilot, lambda: app.library.lang == "nb")
        await pilot.pause()
        assert len(app.screen_stack) == 1 and "I krise nå" in screen_text(app)
        assert "Språk: norsk bokmål" in app.main.query_one("#status").render().plain


async def test_one_language_only_says_so(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await pilot.pause()
        assert i18n.language() == "en"
        assert "one language only" in app.main.query_one("#status").render().plain


async def test_a_kiosk_forgets_the_visitors_language(tmp_path: Path) -> None:
    app = bundled_kiosk(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        await until(pilot, lambda: app.library.lang == "nb")
        assert app.store.preference("lang") is None  # a visit's choice is not kept
        app.forget_visitor()
        await until(pilot, lambda: app.library.lang == "en")
        await pilot.pause()
        assert i18n.language() == "en" and "In crisis now" in screen_text(app)


async def test_bookmarks_and_positions_belong_to_their_language(tmp_path: Path) -> None:
    app = bundled(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("h", "h", "b")  # a bookmark in the English text
        await until(pilot, lambda: bool(app.main.view.bookmarked))
        (made,) = app.store.bookmarks()
        assert made.lang == "en"
        await pilot.press("f6")
        await until(pilot, lambda: app.library.lang == "nb")
        await pilot.pause()
        assert app.main.view.bookmarked == set()  # no mark on the bokmål text's place
        await pilot.press("B", "enter")
        await pilot.pause()
        status = app.main.query_one("#status").render().plain
        assert app.main.view.cursor == 0 and "(English)" in status and "F6" in status
        await pilot.press("f6")
        await until(pilot, lambda: app.library.lang == "en")
        await pilot.pause()
        assert app.main.view.bookmarked == {made.place}


async def test_a_kiosk_reset_during_a_visitors_switch_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from reader.tui import language_switch

    slow = language_switch.load_library

    def load(*args: object) -> object:
        time.sleep(0.5)  # the visitor's language is still loading at the reset
        return slow(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(language_switch, "load_library", load)
    app = bundled_kiosk(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("f6")
        app.forget_visitor()
        await pilot.pause(1.5)
        assert not app.languages.busy
        assert (app.library.lang, i18n.language()) == ("en", "en")
        assert "In crisis now" in screen_text(app)


@pytest.mark.parametrize("keys", [("f2",), ("1",), ("B",), ("slash",), ("c", "f2", "down")])
async def test_keys_pressed_while_the_new_language_is_drawn_wait_for_it(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    """F6 then F2 within ~10 ms crashed the reader (NoMatches '#contacts'): the keys
    reached panes being replaced. Here they arrive exactly then, and act afterwards."""
    from textual import events

    from reader.tui.language_switch import LanguageSwitch

    app = bundled(tmp_path, slug=None)
    arrived = LanguageSwitch._arrived

    async def keys_then_arrive(switch: LanguageSwitch, *args: object) -> None:
        for key in keys:
            app.post_message(events.Key(key, None))
        await arrived(switch, *args)  # type: ignore[arg-type]

    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.languages._arrived = keys_then_arrive.__get__(app.languages)  # type: ignore[method-assign]
        await pilot.press("f6")
        await until(pilot, lambda: app.library.lang == "nb")
        await pilot.pause()
        assert app._exception is None
        assert app.is_running
        expected = {"f2": "contacts", "1": "topics", "c": "contacts", "down": "contacts"}
        if keys[-1] in expected:
            await until(
                pilot, lambda: app.focused is not None and app.focused.id == expected[keys[-1]]
            )
        else:
            await until(pilot, lambda: len(app.screen_stack) == 2)  # bookmarks, search
