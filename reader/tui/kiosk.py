"""Kiosk dialogs: the idle countdown and the operator's PIN."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.library.kiosk import check_pin
from reader.tui.screens.dialogs import Prompt


class IdleWarning(ModalScreen[bool]):
    """ "Still reading?": any key keeps the visitor's place; silence ends the visit."""

    help_title = "Still reading?"

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.left = max(int(seconds), 1)
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """The question and the countdown."""
        with Vertical(classes="dialog"):
            yield Prompt(self._text(), markup=False, id="countdown")

    def _text(self) -> str:
        return (
            f"Still reading? Press any key to stay. In {self.left} second"
            f"{'' if self.left == 1 else 's'} the reader starts again for the next person, "
            "and everything you did here is forgotten."
        )

    def on_mount(self) -> None:
        """Focus the question; count down each second."""
        self.query_one(Prompt).focus()
        self._timer = self.set_interval(1.0, self._tick)

    def _tick(self) -> None:
        self.left -= 1
        if self.left <= 0:
            if self._timer is not None:
                self._timer.stop()
            self.dismiss(False)
        else:
            self.query_one(Prompt).update(self._text())

    def on_key(self, event: events.Key) -> None:
        """Any key: the visitor is still here."""
        event.stop()
        event.prevent_default()
        if self._timer is not None:
            self._timer.stop()
        self.dismiss(True)


class PinDialog(ModalScreen[bool]):
    """The operator's way out: the PIN whose hash is in the config."""

    help_title = "Operator exit"
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, pin_hash: str) -> None:
        super().__init__()
        self.pin_hash = pin_hash
        self.tries = 0

    def compose(self) -> ComposeResult:
        """A label, the PIN field and a line for the answer."""
        with Vertical(classes="dialog"):
            yield Static("Operator PIN (Enter to leave the kiosk, Escape to cancel):", markup=False)
            yield Input(password=True, max_length=32, id="pin")
            yield Static("", id="pin-result", markup=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """The right PIN leaves; a wrong one is said so."""
        if check_pin(event.value, self.pin_hash):
            self.dismiss(True)
            return
        self.tries += 1
        event.input.value = ""
        self.query_one("#pin-result", Static).update(f"Wrong PIN ({self.tries}).")

    def action_cancel(self) -> None:
        """Back to the reader."""
        self.dismiss(False)
