"""The operator at the kiosk: wrong PINs lock the exit, in words, through resets and restarts.

The PIN guard's wall clock is injected: the five-minute lock takes no time.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.widgets import Input

from reader.library import pin as pin_module
from reader.library.loader import load_library
from reader.library.pin import LOCK_SECONDS, MIN_SCRYPT_N, PIN_LOCK_FILE, hash_pin
from reader.library.settings import load_settings
from reader.tui import kiosk as tui_kiosk
from reader.tui.app import ReaderApp
from reader.tui.kiosk import IdleWarning, PinDialog
from reader.tui.main_screen import MainScreen
from reader.tui.run import build_app

PIN = "246813"
WRONG = "111111"
LOCKED = "Operator exit locked for 5 minutes after 5 wrong PINs."


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def kiosk_app(content: Path, clock: Clock) -> ReaderApp:
    """A kiosk built as `reader --kiosk --config ... --data-dir ...` builds it."""
    config = content.parent / "config.toml"
    config.write_text(
        "[kiosk]\nenabled = true\ncountdown = 1\n"
        f'operator_pin_hash = "{hash_pin(PIN, n=MIN_SCRYPT_N)}"\n'
    )
    settings = load_settings(
        config=str(config),
        data_dir=str(content.parent / "data"),
        region="GB",
        environ={},
    )
    settings.kiosk.pin_guard.clock = clock
    return build_app(settings, load_library(content))


def said(app: ReaderApp) -> str:
    """The dialog's answer line."""
    return str(app.screen.query_one("#pin-result").render())


def on_screen(app: ReaderApp) -> str:
    """The text drawn on the terminal, row by row joined, as a person reads it."""
    rows = [strip.text.strip(" │┃") for strip in app.screen._compositor.render_strips()]
    return " ".join(" ".join(rows).split())


async def answer(pilot, pin: str) -> str:  # type: ignore[no-untyped-def]
    """Type a PIN and Enter, and wait (at most 10 s) for the dialog's answer."""
    app = pilot.app
    dialog = app.screen
    await pilot.press(*pin, "enter")
    for _ in range(200):
        if not (isinstance(dialog, PinDialog) and getattr(dialog, "checking", False)):
            break
        await pilot.pause(0.05)
    else:
        raise AssertionError("the PIN was never answered")
    await pilot.pause()
    return said(app) if isinstance(app.screen, PinDialog) else ""


async def five_wrong_pins(pilot, clock: Clock) -> list[str]:  # type: ignore[no-untyped-def]
    """Five wrong PINs, ten seconds apart (longer than any wait before the lock)."""
    answers = []
    for turn in range(5):
        if turn:
            clock.now += 10
        answers.append(await answer(pilot, WRONG))
    return answers


async def test_five_wrong_pins_lock_the_exit_in_words(content: Path) -> None:
    clock = Clock()
    app = kiosk_app(content, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, PinDialog)
        answers = await five_wrong_pins(pilot, clock)
        assert answers[0].startswith("Wrong PIN (1). 4 tries left")
        assert answers[1].startswith("Wrong PIN (2). The next try is accepted in 1 second.")
        assert answers[2].startswith("Wrong PIN (3). The next try is accepted in 2 seconds.")
        assert answers[3].startswith("Wrong PIN (4). The next try is accepted in 4 seconds.")
        assert answers[4] == f"Wrong PIN (5). {LOCKED}"
        # On screen, where the operator looks.
        assert LOCKED in on_screen(app)
        # The right PIN does not open it while it is locked.
        assert await answer(pilot, PIN) == LOCKED
        assert app.is_running and isinstance(app.screen, PinDialog)
        clock.now += 61
        assert await answer(pilot, PIN) == (
            "Operator exit locked for 4 minutes after 5 wrong PINs."
        )
        # Closing and opening the dialog again says it at once.
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
        await pilot.press("ctrl+o")
        assert said(app) == "Operator exit locked for 4 minutes after 5 wrong PINs."
        # The visitor reset replaces the store and pops every screen: the lock stays.
        app.forget_visitor()
        await pilot.pause()
        await pilot.press("ctrl+o")
        assert said(app) == "Operator exit locked for 4 minutes after 5 wrong PINs."
        assert (await answer(pilot, PIN)).startswith("Operator exit locked")
        assert app.is_running


async def test_the_idle_reset_does_not_lift_the_lock(content: Path) -> None:
    clock = Clock()
    app = kiosk_app(content, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        await five_wrong_pins(pilot, clock)
        # The guesser walks away: the idle countdown comes (as its timer would bring
        # it), then the reset for the next visitor, which pops every screen.
        app.visitor_clock.ring()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarning)
        for _ in range(100):
            if isinstance(app.screen, MainScreen):
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, MainScreen) and len(app.screen_stack) == 1
        await pilot.press("ctrl+o")
        assert said(app) == LOCKED
        assert await answer(pilot, PIN) == LOCKED
        assert app.is_running


async def test_a_restarted_kiosk_is_still_locked_until_the_time_is_up(content: Path) -> None:
    clock = Clock()
    app = kiosk_app(content, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        await five_wrong_pins(pilot, clock)
    # The supervisor starts a new reader on the same data folder (a new app, new settings).
    clock.now += 30
    again = kiosk_app(content, clock)
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        assert said(again) == "Operator exit locked for 5 minutes after 5 wrong PINs."
        assert await answer(pilot, PIN) == LOCKED
        assert again.is_running
        clock.now += LOCK_SECONDS - 30  # five minutes after the fifth wrong PIN
        await answer(pilot, PIN)
        await pilot.pause()
    assert again.return_code == 0
    assert not (content.parent / "data" / PIN_LOCK_FILE).exists()  # the count is gone


async def test_the_pin_is_checked_off_the_ui_thread(content: Path, monkeypatch) -> None:
    """While the (slow) check runs, the screen still answers keys."""
    release = threading.Event()
    threads: list[str] = []
    real = pin_module.check_pin

    def slow_check(pin: str, pin_hash: str) -> bool:
        threads.append(threading.current_thread().name)
        release.wait(5)  # on the UI thread this would freeze the app for 5 s
        return real(pin, pin_hash)

    monkeypatch.setattr(pin_module, "check_pin", slow_check)
    monkeypatch.setattr(tui_kiosk, "check_pin", slow_check, raising=False)  # wherever it is used
    clock = Clock()
    app = kiosk_app(content, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        dialog = app.screen
        assert isinstance(dialog, PinDialog)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await pilot.press(*PIN, "enter")
        await pilot.press("1", "2")  # typed while the PIN is being checked
        assert loop.time() - started < 3, "the app froze while checking"
        assert said(app) == "Checking the PIN…" and dialog.checking
        assert dialog.query_one("#pin", Input).value == "12"
        assert threads and threads[0] != threading.main_thread().name
        release.set()
        for _ in range(100):
            if not app.is_running or not isinstance(app.screen, PinDialog):
                break
            await pilot.pause(0.05)
    assert app.return_code == 0


@pytest.mark.parametrize("wrong", [1, 2])
async def test_a_wrong_pin_or_two_still_lets_the_operator_out(content: Path, wrong: int) -> None:
    clock = Clock()
    app = kiosk_app(content, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+o")
        for _ in range(wrong):
            await answer(pilot, WRONG)
        if wrong == 2:
            assert await answer(pilot, PIN) == (
                "Too soon after a wrong PIN: the next try is accepted in 1 second."
            )
            clock.now += 1
        await answer(pilot, PIN)
        await pilot.pause()
    assert app.return_code == 0
