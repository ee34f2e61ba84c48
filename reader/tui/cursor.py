"""The terminal's hardware cursor follows the focus.

Braille displays and terminal screen readers follow the real cursor. Textual
moves it to ``App.cursor_position`` after each frame, so every focusable widget
of ours sets that position to its highlighted row while the frame is rendered,
never a frame late.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Offset, Region
from textual.strip import Strip

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class HardwareCursor(_Base):
    """Mixin for a widget that puts the terminal cursor on its highlighted row when focused.

    A plain mixin (not a Widget subclass), so that it brings no default CSS of
    its own ahead of the widget class it is mixed into.
    """

    def cursor_offset(self) -> Offset | None:
        """The highlighted place, relative to the content region (None: nowhere)."""
        return None

    def place_cursor(self) -> None:
        """Move the app's cursor position to this widget's highlighted place."""
        if not self.has_focus:
            return
        offset = self.cursor_offset()
        if offset is None:
            return
        region = self.content_region
        x = region.x + min(max(offset.x, 0), max(region.width - 1, 0))
        y = region.y + min(max(offset.y, 0), max(region.height - 1, 0))
        self.app.cursor_position = Offset(x, y)

    def render_lines(self, crop: Region) -> list[Strip]:
        """Render, then place the cursor: the frame being drawn carries it."""
        lines: list[Strip] = super().render_lines(crop)
        self.place_cursor()
        return lines

    def on_focus(self) -> None:
        """Put the cursor here when focus arrives (and redraw the highlight as focused)."""
        self.place_cursor()
        if not getattr(self, "reading", False):  # when reading, the highlight is the same
            self.refresh()
