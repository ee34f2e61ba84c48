"""Drawing the article view: one screen row at a time, the terminal cursor on the reading line."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Offset
from textual.strip import Strip

from reader.document.layout import HEADING_MARK, LINK_TARGET, MARKER, Line, wrap_plain
from reader.document.model import BOLD, CODE, HTML, ITALIC, LINK, STRIKE
from reader.i18n import N_, _
from reader.library.places import Place

GUTTER = 3  # reading-cursor mark, bookmark mark, space
ROW_CACHE = 2_000  # rendered rows kept; emptied when full (a screen is ~50 rows)
PLACEHOLDER = (
    N_("No article is open."),
    "",
    # Translators: {topics} and {open} are key names ("1", "Enter"); Topics is the pane's name
    N_("Choose one in Topics (press {topics}), then press {open}."),
    # Translators: {help}, {contacts} and {keys} are key names ("F2", "c", "?")
    N_("For help contacts, press {help} or {contacts}. For every key, press {keys}."),
)
PLACEHOLDER_KEYS = {"topics": "1", "open": "Enter", "help": "F2", "contacts": "c", "keys": "?"}


def _placeholder(width: int) -> list[str]:
    """The no-article hint, in the language spoken now, wrapped to ``width``."""
    texts = tuple(_(text).format(**PLACEHOLDER_KEYS) if text else "" for text in PLACEHOLDER)
    return _wrapped(texts, width)


@lru_cache(maxsize=4)
def _wrapped(texts: tuple[str, ...], width: int) -> list[str]:
    """``texts`` wrapped to ``width`` (once per width and language, not per painted row)."""
    return [line for text in texts for line in wrap_plain(text, width)]


if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class ArticleRender(_Base):
    """Mixin for :class:`ArticleView`: ``render_line`` and where the terminal cursor goes."""

    def cursor_offset(self) -> Offset | None:
        """The reading line, at the selected link or the text's start."""
        if self.doc is None:
            return None
        x = GUTTER
        if self.selected_link and self.selected_link[0] == self.cursor:
            links = self.lines[self.cursor].links
            if self.selected_link[1] < len(links):
                x += links[self.selected_link[1]][0]
        return Offset(x, self.cursor - int(self.scroll_y))

    def render_line(self, y: int) -> Strip:
        """One screen row of the article."""
        row = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        base = self.rich_style
        if self.doc is None:
            lines = _placeholder(max(width - GUTTER, 10))

            text = lines[row] if row < len(lines) else ""
            return Strip([Segment(" " * GUTTER + text, base)]).adjust_cell_length(width, base)
        self._ensure_lines(row + 1)
        if row >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[row]
        is_cursor = row == self.cursor
        selected = (
            self._link_id(*self.selected_link)
            if self.selected_link and self.selected_link[0] == row
            else None
        )
        # Only the end shown: its places are not the whole article's, nor the bookmarks'.
        booked = self.places_known and Place(line.block, line.offset) in self.bookmarked
        # Rows are cached as toolong caches them: a scroll by one line draws one new row.
        key = (id(line), width, is_cursor, selected, booked, self.find_text, self.reading)
        cached = self._row_cache.get(key)
        if cached is None:
            cached = self._render_row(line, width, is_cursor, selected, booked)
            if len(self._row_cache) > ROW_CACHE:
                self._row_cache.clear()
            self._row_cache[key] = cached
        return cached

    def notify_style_update(self) -> None:
        """A new theme: cached rows have the old colours."""
        self._row_cache.clear()
        super().notify_style_update()

    def _render_row(
        self, line: Line, width: int, is_cursor: bool, selected: int | None, booked: bool
    ) -> Strip:
        base = self.rich_style
        # A screen reader's user meets the reading line by the margin mark alone, so a
        # move redraws one cell of the old line and one of the new.
        restyle = is_cursor and not self.reading
        style = base + self.get_component_rich_style("article--cursor") if restyle else base
        gutter = self.get_component_rich_style("article--gutter")
        mark = ">" if is_cursor else " "
        star = "*" if booked else " "
        segments = [Segment(f"{mark}{star} ", style + gutter + Style(bold=True))]
        text_segments = [
            Segment(segment.text, style + self._segment_style(line, segment, selected))
            for segment in line.segments
        ]
        if self.find_text:
            text_segments = self._mark_matches(line.text, text_segments)
        return Strip(segments + text_segments).adjust_cell_length(width, style)

    def _segment_style(self, line: Line, segment: object, selected: int | None) -> Style:
        names = segment.style  # type: ignore[attr-defined]
        link = segment.link  # type: ignore[attr-defined]
        style = Style()
        if line.kind == "heading" or HEADING_MARK in names:
            style += self.get_component_rich_style("article--heading")
        if MARKER in names or LINK_TARGET in names:
            style += self.get_component_rich_style("article--marker")
        if CODE in names or HTML in names:
            style += self.get_component_rich_style("article--code")
        if BOLD in names:
            style += Style(bold=True)
        if ITALIC in names:
            style += Style(italic=True)
        if STRIKE in names:
            style += Style(strike=True)
        if LINK in names:
            style += self.get_component_rich_style("article--link") + Style(underline=True)
            if link is not None and link == selected:
                style += self.get_component_rich_style("article--link-selected")
        return style
