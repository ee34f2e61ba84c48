"""A kiosk's visitor clock and dialogs: the idle countdown and the operator's PIN."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import Worker, WorkerState

from reader.i18n import N_, _, ngettext
from reader.library.pin import PinAnswer, PinGuard
from reader.tui.screens.dialogs import Prompt
from reader.tui.speaking import announce

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


class VisitorClock:
    """After the kiosk's idle timeout without a key, "Still reading?"; when its countdown
    ends unanswered, the visit is forgotten (the app's ``forget_visitor``)."""

    def __init__(self, app: ReaderApp) -> None:
        self.app = app
        self._handle: asyncio.TimerHandle | None = None

    def restart(self) -> None:
        """A key or a click: the visitor is here."""
        if self._handle is not None:
            self._handle.cancel()
        # A plain event-loop timer, so that waiting repaints nothing.
        loop = asyncio.get_running_loop()
        self._handle = loop.call_later(self.app.kiosk.idle_timeout, self.ring)

    def ring(self) -> None:
        """The idle timeout is up: ask whether anyone is still reading."""
        app = self.app
        if isinstance(app.screen, IdleWarning):
            return
        speaking = app.speaker.seconds_left()
        if speaking > 0:  # a visitor listening is still here: ask once speech has ended
            self._handle = asyncio.get_running_loop().call_later(speaking + 1, self.ring)
            return
        app.speaker.stop_speaking()  # the question now, not after a late paragraph

        def answered(still_here: bool | None) -> None:
            if still_here:
                self.restart()
            else:
                app.forget_visitor()

        app.push_screen(IdleWarning(app.kiosk.countdown), answered)


# Seconds left at which screen-reader mode says the countdown again.
NEAR_THE_END = (10, 5)


class IdleWarning(ModalScreen[bool]):
    """ "Still reading?": any key keeps the visitor's place; silence ends the visit."""

    help_title = N_("Still reading?")

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.left = max(int(seconds), 1)
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """The question and the countdown."""
        with Vertical(classes="dialog"):
            yield Prompt(self._text(), markup=False, id="countdown")

    def _text(self) -> str:
        return ngettext(
            "Still reading? Press any key to stay. In {count} second the reader starts again "
            "for the next person, and everything you did here is forgotten.",
            "Still reading? Press any key to stay. In {count} seconds the reader starts again "
            "for the next person, and everything you did here is forgotten.",
            self.left,
        ).format(count=self.left)

    def on_mount(self) -> None:
        """Focus the question; count down each second."""
        self.query_one(Prompt).focus()
        self._timer = self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        speaker = getattr(self.app, "speaker", None)
        if speaker is not None and speaker.seconds_left() > 0:
            return  # the question is still being said: the countdown starts after it
        self.left -= 1
        if self.left <= 0:
            if self._timer is not None:
                self._timer.stop()
            self.dismiss(False)
        elif not getattr(self.app, "screen_reader", False) or self.left in NEAR_THE_END:
            # A screen reader reads each redraw: the deadline once, then near the end only.
            self.query_one(Prompt).update(self._text())

    def on_key(self, event: events.Key) -> None:
        """Any key: the visitor is still here."""
        event.stop()
        event.prevent_default()
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(True)


class PinDialog(ModalScreen[bool]):
    """The operator's way out: the PIN whose hash is in the config.

    Wrong PINs are slowed down and, five in a row, lock the exit (see
    :class:`~reader.library.pin.PinGuard`). The guard is the kiosk's, not
    this dialog's: the app's kiosk settings hold it, so it outlives the dialog,
    the visitor and (on disk) the process. The check runs in a thread.
    """

    help_title = N_("Operator exit")
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, pin_hash: str, guard: PinGuard | None = None) -> None:
        super().__init__()
        self.pin_hash = pin_hash
        self._guard = guard
        self.checking = False

    @property
    def guard(self) -> PinGuard:
        """The kiosk's guard: the one given, else the app's kiosk settings' one."""
        if self._guard is None:
            kiosk = getattr(self.app, "kiosk", None)
            self._guard = getattr(kiosk, "pin_guard", None) or PinGuard()
        return self._guard

    def compose(self) -> ComposeResult:
        """A label, the PIN field and a line for the answer."""
        with Vertical(classes="dialog"):
            label = _("Operator PIN ({enter} to leave the kiosk, {escape} to cancel):")
            self.spoken_title = label.format(enter="Enter", escape="Escape")
            yield Static(self.spoken_title, markup=False)
            yield Input(password=True, max_length=32, id="pin")
            yield Static("", id="pin-result", markup=False)

    def on_mount(self) -> None:
        """Say at once if the exit is locked (or must wait)."""
        self._say(self.guard.refusal())

    def _say(self, text: str) -> None:
        self.query_one("#pin-result", Static).update(text)
        announce(self, text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Check the PIN in a thread: the right one leaves; a wrong one is said so. Enter
        on an empty field cancels (a plain key for Escape)."""
        event.stop()
        if not event.value and not self.checking:
            self.action_cancel()
            return
        if self.checking:
            return
        self.checking = True
        self._say(_("Checking the PIN…"))
        # The worker takes the PIN out of this list, so that nothing (the worker,
        # its description) holds what was typed once it is checked.
        typed = [event.value]
        event.input.value = ""  # each try starts from an empty field
        guard, pin_hash = self.guard, self.pin_hash

        def check() -> PinAnswer:
            return guard.attempt(typed.pop(), pin_hash)

        self.run_worker(
            check,
            name="pin-check",
            group="pin-check",
            description="checking the operator PIN",
            thread=True,
            exit_on_error=False,
        )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The check's answer."""
        worker = event.worker
        if worker.group != "pin-check" or event.state not in (
            WorkerState.SUCCESS,
            WorkerState.ERROR,
        ):
            return
        self.checking = False
        answer = worker.result
        if event.state == WorkerState.ERROR or not isinstance(answer, PinAnswer):
            self._say(_("The PIN could not be checked ({error}).").format(error=worker.error))
            return
        if answer.right:
            self.dismiss(True)
            return
        self._say(answer.message)

    def action_cancel(self) -> None:
        """Back to the reader."""
        self.dismiss(False)
