"""The find bar below the article: its own keys, its own messages (as toolong's FindDialog)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input


class FindBar(Input):
    """Words to find in the open article; the screen routes what it asks for to the view."""

    help_title = "Find"
    BINDINGS = [Binding("escape", "close", "Close the find bar")]

    @dataclass
    class Find(Message):
        """The words changed: mark them and go to the next match."""

        text: str

    class Next(Message):
        """Enter: the next match."""

    class Closed(Message):
        """Escape: the bar closed; the reading cursor stays on the match."""

    def __init__(self) -> None:
        super().__init__(placeholder="Find in this article (Enter: next, Escape: close)", id="find")

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
        """Enter: the next match."""
        event.stop()
        self.post_message(self.Next())

    def action_close(self) -> None:
        """Escape: close the bar."""
        if self.display:
            self.display = False
            self.post_message(self.Closed())
