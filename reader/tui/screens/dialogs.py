"""Small dialogs: confirm an external link, write a bookmark note."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.geometry import Offset
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.i18n import N_, _
from reader.tui.cursor import HardwareCursor


class Prompt(HardwareCursor, Static, can_focus=True):
    """A dialog's question: focused, so the terminal cursor (and a screen reader) is on it."""

    def cursor_offset(self) -> Offset | None:
        """The start of the question."""
        return Offset(0, 0)


class ConfirmLink(ModalScreen[bool]):
    """Show an external address; open it only on an explicit yes."""

    help_title = N_("Open a web link")
    BINDINGS = [
        Binding("y", "answer(True)", N_("Open in browser")),
        Binding("n,escape", "answer(False)", N_("Cancel")),
    ]

    def __init__(self, url: str, text: str) -> None:
        super().__init__()
        self.url = url
        self.text = text

    def compose(self) -> ComposeResult:
        """The question, the address, the keys."""
        with Vertical(classes="dialog"):
            # Translators: {text} is the link's words; the web address follows on its own line
            question = _('The link "{text}" leads out of the reader to:').format(text=self.text)
            yield Prompt(question, markup=False)
            yield Static(self.url, classes="address", markup=False)
            keys = _(
                "Open it in your web browser? Press {yes} to open, {no} or {escape} to cancel."
            ).format(yes="y", no="n", escape="Escape")
            yield Static(keys, markup=False)
            self.spoken_title = f"{question} {self.url} {keys}"

    def on_mount(self) -> None:
        """Focus the question."""
        self.query_one(Prompt).focus()

    def action_answer(self, answer: bool) -> None:
        """Close with the answer."""
        self.dismiss(answer)


class NoteDialog(ModalScreen[str | None]):
    """Write or change a bookmark's short note."""

    help_title = N_("Bookmark note")
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"))]

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        """A label and a text field."""
        with Vertical(classes="dialog"):
            label = _("Note for this bookmark ({enter} saves, {escape} cancels):")
            self.spoken_title = label.format(enter="Enter", escape="Escape")
            yield Static(self.spoken_title, markup=False)
            note = Input(value=self.note, max_length=500, id="note")
            # No blinking in screen-reader mode: nothing may redraw while idle.
            note.cursor_blink = not getattr(self.app, "screen_reader", False)
            yield note

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter saves."""
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Escape: no change."""
        self.dismiss(None)
