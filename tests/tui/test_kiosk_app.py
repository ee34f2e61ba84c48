"""Pilot tests of the kiosk: no way out, a visitor forgotten, the operator's PIN, QR codes."""

from __future__ import annotations

from pathlib import Path

import pytest
import segno

from reader.library.kiosk import KioskSettings
from reader.library.loader import load_library
from reader.library.pin import MIN_SCRYPT_N, hash_pin
from reader.library.qr import qr_modules
from reader.library.settings import Settings
from reader.tui.app import ReaderApp
from reader.tui.article_view import ArticleView
from reader.tui.contact_card import ContactCard, qr_lines
from reader.tui.kiosk import IdleWarning, PinDialog
from reader.tui.main_screen import MainScreen
from reader.tui.panes import ContactsPane, TopicsPane
from reader.tui.run import build_app

PIN = "2468"


def kiosk_app(
    content: Path,
    pin: bool = True,
    idle: float = 60,
    countdown: float = 1,
    screen_reader: bool = False,
) -> ReaderApp:
    """A kiosk built as `reader --kiosk` builds it, with its data folder beside the content."""
    kiosk = KioskSettings(
        enabled=True,
        idle_timeout=idle,
        countdown=countdown,
        operator_pin_hash=hash_pin(PIN, n=MIN_SCRYPT_N) if pin else "",
    )
    settings = Settings(
        articles=content,
        data_dir=content.parent / "data",
        region="GB",
        config_file=None,
        screen_reader=screen_reader,
        kiosk=kiosk,
    )
    return build_app(settings, load_library(content))


async def until(pilot, condition, limit: float = 10.0) -> None:
    """Wait for something to happen (not for a guessed time), at most ``limit`` seconds."""
    for _ in range(int(limit / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("it never happened")


def status(app: ReaderApp) -> str:
    return str(app.screen.query_one("#status").render())


async def test_no_key_quits_a_kiosk(content: Path) -> None:
    app = kiosk_app(content)
    async with app.run_test(size=(100, 30)) as pilot:
        # Only keys Textual binds. ctrl+z, ctrl+\ and ctrl+d reach a real terminal as
        # bytes (or signals) and are tested there: tests/test_terminal_kiosk.py.
        for key in ("q", "ctrl+q", "ctrl+c", "ctrl+p", "escape"):
            await pilot.press(key)
            assert app.is_running and app.return_code is None, key
            assert isinstance(app.screen, MainScreen), key
        assert status(app).startswith("This is a public terminal")


async def test_a_visitor_is_forgotten_after_the_idle_countdown(
    content: Path, tmp_path: Path
) -> None:
    app = kiosk_app(content, idle=1.0, countdown=1)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter", "h", "b", "ctrl+t")  # read, bookmark, restyle
        view = app.screen.query_one(ArticleView)
        slug = view.article.slug  # type: ignore[union-attr]
        app.writer.drain()
        assert app.store.bookmarks() and app.theme != "reader-dark"
        await until(pilot, lambda: isinstance(app.screen, IdleWarning))
        assert "Still reading? Press any key" in str(app.screen.query_one("#countdown").render())
        await until(pilot, lambda: isinstance(app.screen, MainScreen))
        await pilot.pause()
        main = app.screen
        assert isinstance(main, MainScreen)
        assert app.store.bookmarks() == [] and app.store.position(slug) is None
        assert view.article is None and main.history == []
        assert app.theme == "reader-dark"
        assert app.focused is main.query_one(TopicsPane)
        assert main.query_one(TopicsPane).open_slug == ""
    # Nothing of the visitor was ever written to disk: not even a data folder.
    assert not (content.parent / "data").exists()
    assert not [
        p
        for p in tmp_path.rglob("*")
        if p.is_file() and p.suffix != ".md" and p.name not in ("topics.yaml", "contacts.yaml")
    ]


async def test_any_key_during_the_countdown_keeps_the_visitor(content: Path) -> None:
    app = kiosk_app(content, idle=1.0, countdown=5)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("down", "enter", "b")
        await until(pilot, lambda: isinstance(app.screen, IdleWarning))
        await pilot.press("x")
        assert isinstance(app.screen, MainScreen)
        assert app.store.bookmarks() and app.screen.query_one(ArticleView).article is not None


async def test_links_to_the_web_are_shown_not_opened(content: Path, monkeypatch) -> None:
    app = kiosk_app(content)
    opened: list[str] = []
    monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.open_article("all-blocks")
        await pilot.press("2", "l", "l", "l", "l", "enter")
        assert isinstance(app.screen, MainScreen) and opened == []
        assert status(app).startswith("Web address: https://example.org/page.")


async def test_operator_exit_needs_the_right_pin(content: Path) -> None:
    app = kiosk_app(content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, PinDialog)
        await pilot.press(*"1111", "enter")
        assert app.is_running and "Wrong PIN (1)." in str(
            app.screen.query_one("#pin-result").render()
        )
        await pilot.press(*PIN, "enter")
        await pilot.pause()
    assert app.return_code == 0


async def test_without_a_pin_there_is_no_way_out(content: Path) -> None:
    app = kiosk_app(content, pin=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, MainScreen) and app.is_running


@pytest.mark.parametrize("screen_reader", [False, True])
async def test_a_contact_card_carries_a_qr_code(content: Path, screen_reader: bool) -> None:
    app = kiosk_app(content, screen_reader=screen_reader)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f2", "down")
        contacts = app.screen_stack[0].query_one(ContactsPane)
        for _ in range(3):  # when reading, Down goes through the number's rows first
            if contacts.current is not None and contacts.current.data.phone == "999":
                await pilot.press("down")
        await pilot.press("enter")  # the helpline after the emergency number
        assert contacts.current is not None and contacts.current.data.phone == "116 123"
        assert isinstance(app.screen, ContactCard)
        texts = [str(w.render()) for w in app.screen.query("Static")]
        if screen_reader:
            assert "The number, digit by digit: 1 1 6, 1 2 3." in texts
            assert not app.screen.query("#qr")
        else:
            drawn = str(app.screen.query_one("#qr").render()).split("\n")
            assert drawn == qr_lines(qr_modules("tel:116123") or [])
            # The drawing is the code segno makes for the number, module for module.
            matrix = [
                list(map(bool, row))
                for row in segno.make_qr("tel:116123", error="m").matrix_iter(scale=1, border=2)
            ]
            top = [[ch in "█▀" for ch in line] for line in drawn]
            assert top == matrix[::2]
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)


@pytest.mark.parametrize("operator", [False, True])
async def test_f4_lasts_one_visit_at_a_kiosk(content: Path, operator: bool) -> None:
    app = kiosk_app(content, screen_reader=operator)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("f4")
        assert app.screen_reader is not operator
        assert app.main.has_class("-narrow") is not operator  # one pane at a time
        app.forget_visitor()  # what the idle countdown ends in
        await pilot.pause()
        assert app.screen_reader is operator  # the operator's setting, not the visitor's
        assert app.main.has_class("-narrow") is operator


async def test_the_key_bar_offers_no_key_a_kiosk_refuses(content: Path) -> None:
    from textual.widgets._footer import FooterKey

    from reader.library.bookmarks import BookmarkStore

    for kiosk in (True, False):
        store = BookmarkStore.open(None)
        app = kiosk_app(content) if kiosk else ReaderApp(load_library(content), store, "GB")
        async with app.run_test(size=(160, 30)) as pilot:
            await pilot.pause()
            actions = {key.action for key in app.screen.query(FooterKey)}
            assert "get_help" in actions
            assert ("quit" in actions) is not kiosk, actions


@pytest.mark.parametrize("screen_reader", [False, True])
async def test_the_countdown_is_redrawn_each_second_only_without_a_screen_reader(
    content: Path, screen_reader: bool
) -> None:
    from reader.tui.screens.dialogs import Prompt

    app = kiosk_app(content, idle=600, countdown=13, screen_reader=screen_reader)
    async with app.run_test(size=(100, 30)) as pilot:
        app.visitor_clock.ring()
        await until(pilot, lambda: isinstance(app.screen, IdleWarning))
        warning = app.screen
        await until(pilot, lambda: bool(warning.query(Prompt)))
        shown: list[int] = []
        prompt = warning.query_one(Prompt)
        update = prompt.update
        prompt.update = lambda text: (shown.append(warning.left), update(text))  # type: ignore[method-assign]
        for _ in range(12):
            warning._tick()  # a second, without waiting one
        expected = [10, 5] if screen_reader else list(range(12, 0, -1))
        assert shown == expected


async def test_an_address_too_long_for_a_qr_code_is_shown_without_one(content: Path) -> None:
    """segno's DataOverflowError ended the reader when Enter was pressed on it."""
    contacts = content / "contacts.yaml"
    address = "https://example.org/" + "a" * 3000
    contacts.write_text(contacts.read_text().replace("https://example.org/helplines", address))
    app = kiosk_app(content)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        (long,) = [c for c in app.library.contacts.contacts if c.id == "intl-directory"]
        app.push_screen(ContactCard(long, screen_reader=False))
        await pilot.pause()
        texts = [str(w.render()) for w in app.screen.query("Static")]
        assert "This address is too long for a QR code." in texts
        assert not app.screen.query("#qr") and app.is_running
        assert any(address in text for text in texts)  # the address itself, still there


@pytest.mark.parametrize(
    ("size", "screen_reader"), [((100, 30), False), ((100, 30), True), ((40, 20), False)]
)
async def test_the_next_visitor_starts_at_the_top_of_every_list(
    content: Path, size: tuple[int, int], screen_reader: bool
) -> None:
    """The topics' highlight stayed on the last visitor's article, and the next visitor's
    first words named it."""
    app = kiosk_app(content, screen_reader=screen_reader)
    async with app.run_test(size=size) as pilot:
        main = app.screen
        topics, contacts = main.query_one(TopicsPane), main.query_one(ContactsPane)
        first_topic, first_contact = topics.highlighted, contacts.highlighted
        await pilot.press("down", "down", "down", "enter")  # an article, deep in the list
        await pilot.press("f2", "down", "down", "down")
        assert (topics.highlighted, contacts.highlighted) != (first_topic, first_contact)
        app.forget_visitor()
        await pilot.pause()
        assert topics.highlighted == first_topic and contacts.highlighted == first_contact
        assert topics.scroll_y == 0 and contacts.scroll_y == 0
        await until(pilot, lambda: "Sleep (topic, 2 articles, expanded) selected" in status(app))
        said = status(app)
        assert "Old advice" not in said and "Worry basics" not in said, said
        await pilot.press("down")
        assert topics.highlighted == topics._nearest_selectable(first_topic + 1, 1)
