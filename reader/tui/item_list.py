"""A keyboard list of multi-line items on the Line API: topics, contacts, bookmarks.

The highlighted item is marked by "> " as well as by colour, and the terminal
cursor sits on its first line while the list has focus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Offset, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.cursor import HardwareCursor

MARK = "> "


@dataclass
class Item:
    """One entry: its lines of text, what it stands for, and whether it can be chosen."""

    lines: list[Text]
    data: Any = None
    selectable: bool = True
    style: str = ""  # an extra component class, e.g. for group headings
    label: str = field(default="")  # what the status line says of it

    @property
    def text(self) -> str:
        """The item's text on one line."""
        return self.label or " ".join(line.plain.strip() for line in self.lines)


class ItemList(HardwareCursor, ScrollView, can_focus=True, inherit_bindings=False):
    """A scrolling list of items with a highlighted one."""

    help_title = "List"

    COMPONENT_CLASSES = {
        "item-list--highlight",
        "item-list--highlight-blurred",
        "item-list--heading",
        "item-list--muted",
    }
    BINDINGS = [
        Binding("up,k", "move(-1)", "Previous", show=False),
        Binding("down,j", "move(1)", "Next", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "edge(-1)", "First", show=False),
        Binding("end", "edge(1)", "Last", show=False),
        Binding("enter", "choose", "Choose", show=False),
    ]
    highlighted: reactive[int] = reactive(-1, always_update=True)

    class Highlighted(Message):
        """The highlight moved to ``item``."""

        def __init__(self, item_list: ItemList, item: Item, index: int) -> None:
            super().__init__()
            self.item_list = item_list
            self.item = item
            self.index = index

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
        self._rows: list[tuple[int, Text]] = []  # (item index, wrapped line)
        self._first_row: list[int] = []
        self._wrap_width = 0

    # -- content ---------------------------------------------------------------

    def set_items(self, items: list[Item], highlighted: int | None = None) -> None:
        """Replace the items, keeping the highlight where it was if possible."""
        previous = self.highlighted
        self.items = items
        self._wrap_width = 0
        self._rewrap()
        target = previous if highlighted is None else highlighted
        self.highlighted = self._nearest_selectable(max(target, 0), 1)

    def _rewrap(self) -> None:
        if self.scrollable_content_region.width == 0:
            return  # not laid out yet: on_resize wraps once the width is known
        width = max(self.scrollable_content_region.width - len(MARK), 4)
        if width == self._wrap_width and self._rows:
            return
        self._wrap_width = width
        console = self.app.console
        self._rows, self._first_row = [], []
        for index, item in enumerate(self.items):
            self._first_row.append(len(self._rows))
            for line in item.lines:
                # Continuation lines hang under the text, not under its indentation.
                indent = len(line.plain) - len(line.plain.lstrip(" "))
                room = max(width - indent, 4)
                body = line[indent:] if indent else line
                for number, piece in enumerate(
                    body.wrap(console, room, overflow="fold") or [Text("")]
                ):
                    lead = line[:indent] if number == 0 else Text(" " * indent)
                    self._rows.append((index, Text.assemble(lead, piece) if indent else piece))
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows))
        self.refresh()

    def on_resize(self) -> None:
        """Rewrap to the new width."""
        self._rewrap()
        self._scroll_to_highlight()

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
        """Scroll to the highlight and tell the screen."""
        self._scroll_to_highlight()
        self.refresh()
        item = self.current
        if item is not None:
            self.post_message(self.Highlighted(self, item, index))

    def _scroll_to_highlight(self) -> None:
        if not (0 <= self.highlighted < len(self._first_row)):
            return
        top = self._first_row[self.highlighted]
        bottom = (
            self._first_row[self.highlighted + 1] - 1
            if self.highlighted + 1 < len(self._first_row)
            else len(self._rows) - 1
        )
        height = self.scrollable_content_region.height
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom >= self.scroll_y + height:
            self.scroll_to(y=min(top, bottom - height + 1), animate=False, immediate=True)

    def action_move(self, step: int) -> None:
        """Move the highlight to the next or previous selectable item."""
        start = self.highlighted + step
        if not (0 <= start < len(self.items)):
            return
        index = start
        while 0 <= index < len(self.items) and not self.items[index].selectable:
            index += step
        if 0 <= index < len(self.items):
            self.highlighted = index

    def action_page(self, direction: int) -> None:
        """Move about one screen."""
        if self.highlighted < 0:
            return
        height = max(self.scrollable_content_region.height - 1, 1)
        row = self._first_row[self.highlighted] + direction * height
        row = min(max(row, 0), len(self._rows) - 1)
        self.highlighted = self._nearest_selectable(self._rows[row][0], direction)

    def action_edge(self, direction: int) -> None:
        """Go to the first or last item."""
        self.highlighted = self._nearest_selectable(
            0 if direction < 0 else len(self.items), -direction
        )

    def action_choose(self) -> None:
        """Enter on the highlighted item."""
        item = self.current
        if item is not None:
            self.post_message(self.Chosen(self, item, self.highlighted))

    # -- drawing ---------------------------------------------------------------

    def cursor_offset(self) -> Offset | None:
        """The first line of the highlighted item, where its text starts."""
        if not (0 <= self.highlighted < len(self._first_row)):
            return None
        return Offset(len(MARK), self._first_row[self.highlighted] - int(self.scroll_y))

    def render_line(self, y: int) -> Strip:
        """One row of the list."""
        row = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if row >= len(self._rows):
            return Strip.blank(width, base)
        index, text = self._rows[row]
        item = self.items[index]
        first = self._first_row[index] == row
        style = base
        if item.style:
            style += self.get_component_rich_style(item.style)
        if index == self.highlighted:
            name = "item-list--highlight" if self.has_focus else "item-list--highlight-blurred"
            style += self.get_component_rich_style(name)
        mark = MARK if index == self.highlighted and first else " " * len(MARK)
        segments = [Segment(mark, style + Style(bold=True))]
        segments.extend(
            Segment(seg.text, style + seg.style if seg.style else style)
            for seg in text.render(self.app.console)
            if seg.text != "\n"
        )
        return Strip(segments).adjust_cell_length(width, style)

    def on_blur(self) -> None:
        """Redraw the highlight as blurred."""
        self.refresh()
