"""Which of the main screen's panes show, and what names them: the layout's one job.

Three panes side by side; one at a time below ``NARROW`` columns or in
screen-reader mode, with the pane-name line ("Help contacts, Norway, 9
contacts") that a screen reader meets first, and "(active)" in the focused
pane's border title.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Static

from reader.i18n import N_, _

if TYPE_CHECKING:
    from textual.screen import Screen

NARROW = 70  # below this many columns (or with a screen reader), one pane at a time
# The panes' names, translated where they are shown: _(PANES[pane_id]).
PANES = {
    # Translators: a pane's name
    "topics": N_("Topics"),
    # Translators: a pane's name
    "article": N_("Article"),
    # Translators: a pane's name
    "contacts": N_("Help contacts"),
}


class PaneLayout:
    """Shows, names and marks the main screen's panes (through its CSS classes)."""

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen

    def apply_width(self, width: int, reading: bool) -> None:
        """One pane at a time when narrow or reading; keep showing the focused one."""
        screen = self.screen
        screen.set_class(width < NARROW or reading, "-narrow")
        focused = screen.focused
        self.show(focused.id if focused and focused.id in PANES else "topics")

    def show(self, pane_id: str) -> None:
        """Show ``pane_id`` (when one at a time) and name it."""
        for other in PANES:
            self.screen.set_class(other == pane_id, f"-show-{other}")
        self.name(pane_id)

    def name(self, pane_id: str) -> None:
        """The pane-name line: "Help contacts, Norway, 9 contacts"."""
        pane = self.screen.query_one(f"#{pane_id}")
        summary = getattr(pane, "summary", "")
        pane_name = self.screen.query_one("#pane-name", Static)
        pane_name.update(f"{_(PANES[pane_id])}, {summary}")

    def mark_active(self, active: str) -> None:
        """ "(active)" in the focused pane's border title (when it changes: that redraws it)."""
        for pane_id, title in PANES.items():
            pane = self.screen.query_one(f"#{pane_id}")
            # Translators: a pane's name in its border, when it has the focus
            wanted = _("{pane} (active)").format(pane=_(title)) if pane_id == active else _(title)
            if pane.border_title != wanted:
                pane.border_title = wanted
