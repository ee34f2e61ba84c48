"""The find bar below the article: its own keys, its own messages (as toolong's FindDialog)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input

from reader.i18n import N_, _


class FindBar(Input):
    """Words to find in the open article; the screen routes what it asks for to the view."""

    # Translators: the heading of the find bar's keys in the list of keys
    help_title = N_("Find")
    BINDINGS = [
        Binding("escape", "close", N_("Close the find bar")),
        # The article's own keys for the next and previous match work here too.
        Binding("f3,ctrl+g", "next(1)", N_("Next match"), show=False),
        Binding("shift+f3,ctrl+shift+g", "next(-1)", N_("Previous match"), show=False),
    ]

    @dataclass
    class Find(Message):
        """The words changed: mark them and go to the next match."""

        text: str

    @dataclass
    class Next(Message):
        """Enter, F3: the next match (``step`` -1: the previous)."""

        step: int = 1

    class Closed(Message):
        """Escape: the bar closed; the reading cursor stays on the match."""

    def __init__(self) -> None:
        # Translators: shown in the empty find bar; {enter} and {escape} are key names
        hint = _("Find in this article ({enter}: next, {escape}: close)")
        super().__init__(placeholder=hint.format(enter="Enter", escape="Escape"), id="find")

    def open(self, blink: bool) -> None:
        """Show the bar and type into it."""
        self.display = True
        self.cursor_blink = blink
        self.focus()

    def forget(self) -> None:
        """Closed and empty (a kiosk's next visitor must not find the last one's words)."""
        with self.prevent(Input.Changed):  # nothing to find: nothing to say
            self.value = ""
        self.display = False

    def on_input_changed(self, event: Input.Changed) -> None:
        """Find as the reader types."""
        event.stop()
        self.post_message(self.Find(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter: the next match; on an empty bar, close it (a plain key for Escape)."""
        event.stop()
        if self.value:
            self.post_message(self.Next())
        else:
            self.action_close()

    def action_next(self, step: int) -> None:
        """F3 or shift+F3 while typing: the next or previous match."""
        self.post_message(self.Next(step))

    def action_close(self) -> None:
        """Escape: close the bar."""
        if self.display:
            self.display = False
            self.post_message(self.Closed())
