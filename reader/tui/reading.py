"""Widgets that follow the app's screen-reader mode (switched by F4 at any time)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class FollowsReadingMode(_Base):
    """Mixin: ``reading`` is the app's screen-reader mode; ``reading_changed`` runs on a switch."""

    @property
    def reading(self) -> bool:
        """True in screen-reader mode."""
        return bool(getattr(self.app, "screen_reader", False))

    def on_mount(self) -> None:
        """Watch the mode (an app without one, as in some tests, never switches)."""
        if hasattr(self.app, "screen_reader"):
            self.watch(self.app, "screen_reader", self.reading_changed, init=False)

    def reading_changed(self) -> None:
        """Lay out or draw again for the new mode."""
