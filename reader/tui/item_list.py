"""A keyboard list of multi-line items on the Line API: topics, contacts, bookmarks.

The highlighted item is marked by "> " as well as by colour, and the terminal
cursor sits on its first line while the list has focus.

In screen-reader mode each item is drawn as its words (its ``label``, then its
``details``), one row each where they fit, and every row is a stop for the
cursor: a line-reading screen reader speaks the row at the cursor, so each row
must make sense alone. The highlight is only the mark in the margin, and a move
redraws the two margin cells that changed, nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Offset, Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.i18n import N_, _
from reader.tui.cursor import HardwareCursor
from reader.tui.reading import FollowsReadingMode
from reader.tui.row_wrap import wrap_row

MARK = "> "


@dataclass
class Item:
    """One entry: its lines of text, what it stands for, and whether it can be chosen."""

    lines: list[Text]
    data: Any = None
    selectable: bool = True
    style: str = ""  # an extra component class, e.g. for group headings
    label: str = field(default="")  # what the status line says of it (and its first row, read)
    details: list[str] = field(default_factory=list)  # rows after the label, when read

    @property
    def text(self) -> str:
        """The item's text on one line."""
        return self.label or " ".join(line.plain.strip() for line in self.lines)

    def reading_lines(self) -> list[Text]:
        """The item as a screen-reader user meets it: the essential words first."""
        if not self.selectable:
            return self.lines
        first = Text(self.text, style=self.lines[0].style if self.lines else "")
        return [first, *(Text(detail) for detail in self.details)]


@dataclass(frozen=True)
class Row:
    """One screen row of the list: whose it is, its text, and whether the cursor stops there."""

    item: int
    text: Text
    first: bool
    stop: bool


class ItemList(
    FollowsReadingMode, HardwareCursor, ScrollView, can_focus=True, inherit_bindings=False
):
    """A scrolling list of items with a highlighted one."""

    # Translators: the title of a list's keys in the key help
    help_title = N_("List")

    COMPONENT_CLASSES = {
        "item-list--highlight",
        "item-list--highlight-blurred",
        "item-list--heading",
        "item-list--muted",
    }
    BINDINGS = [
        # Translators: a key's description: the previous item in a list
        Binding("up,k", "move(-1)", N_("Previous"), show=False),
        # Translators: a key's description: the next item in a list
        Binding("down,j", "move(1)", N_("Next"), show=False),
        Binding("pageup", "page(-1)", N_("Page up"), show=False),
        Binding("pagedown", "page(1)", N_("Page down"), show=False),
        # Translators: a key's description: the first item in a list
        Binding("home", "edge(-1)", N_("First"), show=False),
        # Translators: a key's description: the last item in a list
        Binding("end", "edge(1)", N_("Last"), show=False),
        Binding("enter", "choose", N_("Choose"), show=False),
    ]
    highlighted: reactive[int] = reactive(-1, always_update=True, repaint=False)

    class Highlighted(Message):
        """The highlight moved to ``item`` (``row``: the words on the cursor's row)."""

        def __init__(self, item_list: ItemList, item: Item, index: int, row: str = "") -> None:
            super().__init__()
            self.item_list = item_list
            self.item = item
            self.index = index
            self.row = row or item.text

        @property
        def control(self) -> ItemList:
            """The list the message came from."""
            return self.item_list

    class Chosen(Highlighted):
        """Enter was pressed on ``item``."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.items: list[Item] = []
        self._rows: list[Row] = []
        self._first_row: list[int] = []
        self._wrap_key: tuple[int, bool] = (0, False)
        self._cursor_row = -1  # the row the cursor is on (the item's first, unless reading)
        self._marked: tuple[int, ...] = ()  # rows drawn as highlighted

    def reading_changed(self) -> None:
        """Screen-reader mode switched: rows as stops or items, the highlight restyled."""
        row = self._cursor_row
        self._rewrap()
        if 0 <= self.highlighted < len(self._first_row):
            self._cursor_row = self._first_row[self.highlighted]
        if row != self._cursor_row:
            self._moved()
        self.refresh()

    # -- content ---------------------------------------------------------------

    def set_items(self, items: list[Item], highlighted: int | None = None) -> None:
        """Replace the items, keeping the highlight where it was if possible."""
        previous = self.highlighted
        self.items = items
        self._wrap_key = (0, False)
        self._cursor_row = -1
        self._rewrap()
        target = previous if highlighted is None else highlighted
        self.highlighted = self._nearest_selectable(max(target, 0), 1)

    def to_start(self) -> None:
        """The first item highlighted and the list at its top (for a kiosk's next visitor)."""
        self.highlighted = self._nearest_selectable(0, 1)
        self.scroll_to(y=0, animate=False, immediate=True)

    def _rewrap(self) -> None:
        if self.scrollable_content_region.width == 0:
            return  # not laid out yet: on_resize wraps once the width is known
        width = max(self.scrollable_content_region.width - len(MARK), 4)
        key = (width, self.reading)
        if key == self._wrap_key and self._rows:
            return
        self._wrap_key = key
        old = self._rows
        self._rows, self._first_row = [], []
        reading = self.reading
        for index, item in enumerate(self.items):
            self._first_row.append(len(self._rows))
            lines = item.reading_lines() if reading else item.lines
            for line in lines:
                for piece in wrap_row(line, width, self.app.console):
                    first = len(self._rows) == self._first_row[-1]
                    stop = item.selectable and (first or reading)
                    self._rows.append(Row(index, piece, first, stop))
        size = Size(self.scrollable_content_region.width, len(self._rows))
        if size != self.virtual_size:
            # Not through the reactive, which would redraw every row, changed or not.
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        self._refresh_changed(old)

    def _refresh_changed(self, old: list[Row]) -> None:
        """Redraw only the rows whose words changed (a rebuild often changes few)."""
        top = int(self.scroll_y)
        height = self.scrollable_content_region.height
        changed = [
            row
            for row in range(top, top + height)
            if (old[row] if row < len(old) else None)
            != (self._rows[row] if row < len(self._rows) else None)
        ]
        if changed:
            self.refresh_lines(changed[0], changed[-1] - changed[0] + 1)

    def on_resize(self) -> None:
        """Rewrap to the new width."""
        self._rewrap()
        if 0 <= self.highlighted < len(self._first_row) and not (
            0 <= self._cursor_row < len(self._rows)
            and self._rows[self._cursor_row].item == self.highlighted
        ):
            self._cursor_row = self._first_row[self.highlighted]
        if self._scroll_to_cursor():
            self.refresh()

    @property
    def current(self) -> Item | None:
        """The highlighted item."""
        if 0 <= self.highlighted < len(self.items):
            return self.items[self.highlighted]
        return None

    # -- movement --------------------------------------------------------------

    def _nearest_selectable(self, index: int, step: int) -> int:
        if not self.items:
            return -1
        index = min(max(index, 0), len(self.items) - 1)
        for candidate in (
            *range(index, len(self.items) if step > 0 else -1, step),
            *range(index, -1 if step > 0 else len(self.items), -step),
        ):
            if self.items[candidate].selectable:
                return candidate
        return -1

    def watch_highlighted(self, index: int) -> None:
        """Put the cursor on the item, scroll to it, redraw what changed, tell the screen."""
        if 0 <= index < len(self._first_row) and not (
            0 <= self._cursor_row < len(self._rows) and self._rows[self._cursor_row].item == index
        ):
            self._cursor_row = self._first_row[index]
        self._moved()
        item = self.current
        if item is not None:
            row = self._rows[self._cursor_row] if 0 <= self._cursor_row < len(self._rows) else None
            words = row.text.plain.strip() if row is not None and not row.first else ""
            self.post_message(self.Highlighted(self, item, index, words))

    def _highlight_rows(self) -> tuple[int, ...]:
        if not (0 <= self._cursor_row < len(self._rows)):
            return ()
        if self.reading:
            return (self._cursor_row,)
        item = self._rows[self._cursor_row].item
        start = self._first_row[item]
        end = self._first_row[item + 1] if item + 1 < len(self._first_row) else len(self._rows)
        return tuple(range(start, end))

    def _moved(self) -> None:
        """Scroll if needed; else redraw only the rows (or margin cells) that changed."""
        if self._scroll_to_cursor():
            self.refresh()
        else:
            top = int(self.scroll_y)
            cells = len(MARK) if self.reading else self.scrollable_content_region.width
            marked = self._highlight_rows()
            for row in set(self._marked) ^ set(marked):
                self.refresh(Region(0, row - top, cells, 1))
        self._marked = self._highlight_rows()

    def _scroll_to_cursor(self) -> bool:
        """Bring the cursor's rows into view; True if the view scrolled."""
        rows = self._highlight_rows()
        if not rows:
            return False
        top, bottom = rows[0], rows[-1]
        height = self.scrollable_content_region.height
        before = int(self.scroll_y)
        if top < before:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom >= before + height:
            self.scroll_to(y=min(top, bottom - height + 1), animate=False, immediate=True)
        return int(self.scroll_y) != before

    def _go(self, row: int) -> None:
        self._cursor_row = row
        self.highlighted = self._rows[row].item

    def _stop_from(self, row: int, step: int) -> int | None:
        while 0 <= row < len(self._rows):
            if self._rows[row].stop:
                return row
            row += step
        return None

    def action_move(self, step: int) -> None:
        """Move the highlight to the next or previous stop (item, or row when reading)."""
        if not (0 <= self._cursor_row < len(self._rows)):
            return
        row = self._cursor_row + step
        if not self.reading and step > 0:
            # Past the rest of this item's rows.
            while row < len(self._rows) and self._rows[row].item == self.highlighted:
                row += 1
        elif not self.reading:
            row = self._first_row[self._rows[row].item] if row >= 0 else row
        target = self._stop_from(row, step)
        if target is not None:
            self._go(target)
        else:  # a key that changes nothing says why
            self._at_edge(step)

    def _at_edge(self, step: int) -> None:
        from reader.tui.speaking import announce  # the voice imports this module

        # Translators: said when Down is pressed on a list's last item (Up: its first)
        announce(self, _("End of the list.") if step > 0 else _("Top of the list."))

    def action_page(self, direction: int) -> None:
        """Move about one screen."""
        if not (0 <= self._cursor_row < len(self._rows)):
            return
        height = max(self.scrollable_content_region.height - 1, 1)
        row = min(max(self._cursor_row + direction * height, 0), len(self._rows) - 1)
        if not self.reading:
            row = self._first_row[self._rows[row].item]
        target = self._stop_from(row, direction)
        if target is None:
            target = self._stop_from(row, -direction)
        if target is not None:
            self._go(target)

    def action_edge(self, direction: int) -> None:
        """Go to the first or last item."""
        target = (
            self._stop_from(0, 1) if direction < 0 else self._stop_from(len(self._rows) - 1, -1)
        )
        if target is not None:
            if not self.reading:
                target = self._first_row[self._rows[target].item]
            if target == self._cursor_row:
                self._at_edge(direction)
            self._go(target)

    def action_choose(self) -> None:
        """Enter on the highlighted item."""
        item = self.current
        if item is not None:
            self.post_message(self.Chosen(self, item, self.highlighted))

    # -- drawing ---------------------------------------------------------------

    def cursor_offset(self) -> Offset | None:
        """The cursor's row (the item's first), where its text starts."""
        if not (0 <= self._cursor_row < len(self._rows)):
            return None
        return Offset(len(MARK), self._cursor_row - int(self.scroll_y))

    def render_lines(self, crop: Region) -> list[Strip]:
        """Never draw rows wrapped for another width (a pane just shown, a resize)."""
        width = max(self.scrollable_content_region.width - len(MARK), 4)
        if self.scrollable_content_region.width and self._wrap_key != (width, self.reading):
            self._rewrap()
            if 0 <= self.highlighted < len(self._first_row):
                self._cursor_row = self._first_row[self.highlighted]
                self._marked = self._highlight_rows()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """One row of the list."""
        row_index = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row_index >= len(self._rows):
            return Strip.blank(width, base)
        row = self._rows[row_index]
        item = self.items[row.item]
        style = base
        if item.style:
            style += self.get_component_rich_style(item.style)
        marked = row_index in self._marked
        if marked and not self.reading:
            name = "item-list--highlight" if self.has_focus else "item-list--highlight-blurred"
            style += self.get_component_rich_style(name)
        first_marked = marked and (self.reading or row.first)
        mark = MARK if first_marked else " " * len(MARK)
        segments = [Segment(mark, style + Style(bold=True))]
        segments.extend(
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in row.text.render(self.app.console)
            if seg.text != "\n"
        )
        return Strip(segments).adjust_cell_length(width, style)

    def on_blur(self) -> None:
        """Redraw the highlight as blurred."""
        if not self.reading:
            for row in self._marked:
                self.refresh_line(row)
