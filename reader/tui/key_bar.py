"""The key bar under each screen: Textual's footer, in the reader's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.i18n import _

# Shown first, so a narrow bar still has them: help now, and the list of every key.
FIRST = ("get_help", "keys")


class KeyBar(Footer):
    """Textual's footer, its key descriptions (marked with ``N_``) in the reader's language.

    Recomposed whenever the bindings change, so it follows a change of language then.
    A key is shown whole or not at all: those that would be cut at the right edge are
    hidden (F1 lists every key, and the status line names F2 and F1).
    """

    def compose(self) -> ComposeResult:
        """The footer's keys, their descriptions translated, help and the key list first."""
        keys: list[FooterKey] = []
        for widget in super().compose():
            if not isinstance(widget, FooterKey):
                continue  # groups are not used by the reader's bindings
            kiosk = getattr(self.app, "kiosk", None)
            if widget.action == "quit" and getattr(kiosk, "enabled", False):
                continue  # refused at a public terminal: not offered either
            widget.description = _(widget.description) if widget.description else ""
            languages = getattr(self.app, "languages", None)
            if widget.action == "switch_language" and languages is not None:
                if not languages.others():
                    continue  # content in one language: nothing to switch to
                widget.description = languages.next_name()  # in that language
            if isinstance(widget.tooltip, str) and widget.tooltip:
                widget.tooltip = _(widget.tooltip)
            keys.append(widget)
        keys.sort(key=lambda key: key.action not in FIRST)  # stable: the rest keep their order
        yield from keys

    async def recompose(self) -> None:
        """New keys: only the whole ones shown."""
        await super().recompose()
        self.fit()

    def on_resize(self) -> None:
        """Another width: only the whole keys shown."""
        self.fit()

    def fit(self) -> None:
        """Show the keys that fit whole, in order; hide those that would not."""
        room = self.size.width
        for key in self.query_children(FooterKey):
            width = key.render().cell_len
            key.display = width <= room
            if key.display:
                room -= width
