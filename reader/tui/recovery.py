"""A kiosk never ends on a fault: it is logged, and the kiosk starts afresh in-process.

Textual ends the app, a traceback on the screen, on any exception a message
handler, a screen or a worker does not catch. At a kiosk that hands the next
visitor a terminal (or, under the supervisor, a second of nothing). Here the
traceback goes to ``crashes.log``; the screens are replaced by a fresh main
screen (the node whose handler failed stops taking messages, so it must go) and
the visitor is forgotten, as after the idle reset. Only a failure of the app's
own message loop, or a second one while starting afresh, still ends the reader:
the supervisor starts it again.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


def log_crash(path: Path | None, error: BaseException) -> None:
    """Append a crash's traceback to the crash log (never the visitor's data)."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(f"--- {datetime.now(UTC).isoformat(timespec='seconds')}\n")
            log.write("".join(traceback.format_exception(error)))
    except OSError:
        pass  # a crash log that cannot be written must not hide the crash


def failed_node(error: BaseException) -> Any:
    """The message pump whose loop caught ``error`` (its ``self``), if any."""
    frame = error.__traceback__.tb_frame if error.__traceback__ is not None else None
    return frame.f_locals.get("self") if frame is not None else None


class Recovery:
    """What a kiosk does with an exception nothing caught."""

    def __init__(self, app: ReaderApp, crash_log: Path | None) -> None:
        self.app = app
        self.crash_log = crash_log
        self.recovering = False
        self.leaving: list[Any] = []  # the screens being replaced
        self.recoveries = 0  # since start: what the tests and an operator can count

    def handle(self, error: Exception, caught_by_a_loop: bool = False) -> bool:
        """True if the kiosk goes on (after starting afresh); False: let the app end.

        ``caught_by_a_loop``: Textual's handler, after a node's message loop caught
        ``error`` and stopped; if that node is the app, only a restart helps.
        """
        app = self.app
        node = failed_node(error) if caught_by_a_loop else None
        moot = isinstance(error, NoMatches) and node not in (None, app)
        if moot and not self._shown(node):
            # A screen closed as soon as it opened (F2 at once): its late handler finds
            # its widgets gone. Moot, kiosk or not.
            return True
        if not app.kiosk.enabled or not app.is_running or node is app:
            return False
        log_crash(self.crash_log, error)
        if node is not None and not self._shown(node):
            return True  # a node on its way out (the old screen): nothing left to mend
        if self.recovering:
            # The app's handlers go on (what they touched is being replaced); a new
            # node failing while the kiosk starts afresh: the supervisor restarts it.
            return not caught_by_a_loop
        self.recovering = True
        self.leaving = list(app.screen_stack)
        app.call_later(self._start_afresh)
        return True

    def _shown(self, node: Any) -> bool:
        """True if ``node`` is on a screen of the stack (not one being removed)."""
        try:
            screen = node.screen
        except Exception:  # no screen: detached
            return False
        return screen in self.app.screen_stack and screen not in self.leaving

    async def _start_afresh(self) -> None:
        app = self.app
        try:
            app.forget_visitor(screen=False)  # all but the screen, as at the idle reset
            old = app.screen
            # A new main screen on top (it starts as at the reader's start), then the old
            # one taken from under it: Textual's switch_screen leaves the stack empty a
            # moment, and a new field fails then.
            await app.push_screen(app.get_default_screen())
            app._screen_stack.remove(old)
            await old.remove()
            self.recoveries += 1
        finally:
            self.recovering, self.leaving = False, []
