"""The key bar under each screen: Textual's footer, in the reader's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from reader.i18n import _


class KeyBar(Footer):
    """Textual's footer, its key descriptions (marked with ``N_``) in the reader's language.

    Recomposed whenever the bindings change, so it follows a change of language then.
    """

    def compose(self) -> ComposeResult:
        """The footer's keys, their descriptions translated."""
        for widget in super().compose():
            if isinstance(widget, FooterKey):
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
            yield widget
