"""The terminal in line mode: keys read as the full-screen reader reads them, no frames.

In line mode the app runs as it always does (screens, focus, the announcer), but
nothing it draws reaches the terminal: the terminal stays on its normal screen,
like a shell, and only the announcer's lines are written (:mod:`reader.tui.line_mode`).
F4 switches between the two in place: the same driver, the same app, the same
article at the same line.
"""

from __future__ import annotations

import os
import selectors
from codecs import getincrementaldecoder
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import events
from textual._xterm_parser import XTermParser
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.drivers.web_driver import WebDriver
from textual.geometry import Size

from reader.tui.line_mode import LinePrinter

if TYPE_CHECKING:
    from textual.app import App

    from reader.tui.app import ReaderApp

# The reader's exit status when its terminal went away (as a hang-up would end it).
INPUT_ENDED = 129
# What the full-screen reader turns on and line mode must turn off (and back).
LEAVE_FULL_SCREEN = (
    "\x1b[<u"  # the kitty keyboard protocol
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reports
    "\x1b[?2004l"  # bracketed paste
    "\x1b[?1004l"  # focus reports
    "\x1b[?7h"  # line wrap
    "\x1b[?1049l"  # the alternate screen
    "\x1b[?25h"  # the cursor shown
)
ENTER_FULL_SCREEN = (
    "\x1b[?1049h"  # the alternate screen
    "\x1b[?1000h\x1b[?1003h\x1b[?1015h\x1b[?1006h"
    "\x1b[?2004h"
    "\x1b[?7l"
    "\x1b[?25l"
)


class LinesOrFrames(Driver):
    """What line mode adds to a driver: Textual's own output (frames, terminal modes)
    dropped while ``lines`` is on, our lines written through the driver all the same."""

    def __init__(self, app: App[Any], **kwargs: Any) -> None:
        super().__init__(app, **kwargs)
        self.lines = bool(getattr(app, "line_mode", False))

    def write(self, data: str) -> None:
        """Textual's own output: dropped in line mode."""
        if not self.lines:
            super().write(data)

    def write_text(self, text: str) -> None:
        """Line mode's own words (already cleaned of control characters)."""
        super().write(text)
        self.flush()

    def line_mode(self, on: bool) -> None:
        """Switch between line mode and the full screen, in place."""
        if on == self.lines:
            return
        if on:
            super().write(LEAVE_FULL_SCREEN)
            self.flush()
            self.lines = True
            return
        self.lines = False
        super().write(ENTER_FULL_SCREEN)
        self.flush()
        # A resize to the same size makes Textual draw every row again.
        size = Size(*self._app.size)
        self._app.post_message(events.Resize(size, size))


class LineDriver(LinesOrFrames, LinuxDriver):
    """Textual's Linux driver, whose frames can be switched off (line mode), and whose
    input never ends the reader but for the terminal going away."""

    def run_input_thread(self) -> None:
        """Textual's input loop, with two differences. A byte that is not UTF-8 (a
        scanner, a wrong keyboard layout, a paste) is read as U+FFFD: Textual's decoder
        raised, and the app ended with status 0. The end of input (a closed terminal
        whose hang-up was ignored) ends the reader: Textual went on selecting a terminal
        that is always readable and always empty, at a whole core."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        try:
            while not self.exit_event.is_set():
                if selector.select(0.1):
                    try:
                        data = os.read(self.fileno, 4096)
                    except OSError:  # EIO: the terminal is gone
                        data = b""
                    if not data:
                        self._app.call_later(self._app.exit, None, INPUT_ENDED)
                        return
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()


class LineWebDriver(LinesOrFrames, WebDriver):
    """Textual's web driver (`reader serve`), whose frames can be switched off: the page's
    terminal then gets the lines alone, and its live region says them."""


def driver_class(found: type[Driver]) -> type[Driver]:
    """Ours where Textual would use its Linux or web driver; else Textual's."""
    return {LinuxDriver: LineDriver, WebDriver: LineWebDriver}.get(found, found)


def switch_line_mode(app: ReaderApp, on: bool, write: Callable[[str], None] | None) -> None:
    """Line mode on or off: the terminal's screen, and the printer the announcer writes
    to (``write`` takes its lines where there is no terminal: tests)."""
    printer = app.speaker.printer
    if printer is not None and not on and app.kiosk.enabled:
        printer.forget()  # the visitor's lines go before the full screen comes back
    driver = app._driver
    if isinstance(driver, LinesOrFrames):
        driver.line_mode(on)
        write = driver.write_text
    app.speaker.print_to(
        LinePrinter(write or (lambda _text: None), lambda: app.size.width) if on else None
    )
