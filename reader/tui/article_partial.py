"""A long article before the whole of it is parsed: its start, or its end alone (End
pressed at once), then the whole, taken without moving the words on screen."""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING

from textual.scrollbar import ScrollBar

from reader.document.lines import LineLayout
from reader.document.model import Document
from reader.library.places import Place

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


def same_thumb(bar: ScrollBar, virtual_height: int) -> bool:
    """Whether ``bar`` would be drawn the same over ``virtual_height`` lines."""

    def drawn(virtual: int) -> list[object]:
        window = bar.window_size if bar.window_size < virtual else 0
        return bar.renderer.render_bar(
            size=bar.size.height,
            virtual_size=ceil(virtual),
            window_size=ceil(window),
            position=bar.position,
        ).segments

    return drawn(bar.window_virtual_size) == drawn(virtual_height)


class ArticlePartial(_Base):
    """Mixin for :class:`ArticleView`: a long article shown in part."""

    @property
    def whole(self) -> bool:
        """False while only the start (or the end) of a long article is parsed."""
        return self._partial is None

    @property
    def places_known(self) -> bool:
        """False while only the article's end is shown: its places are not yet known."""
        return not self._tail_blocks

    def take_whole(self, doc: Document, layout: LineLayout | None = None) -> None:
        """The whole article, parsed (and laid out, if ``layout`` was made for the view as
        it is now): the same words stay where they are on screen, and nothing is redrawn
        unless a line in view changed (a screen reader would say it again)."""
        if self._partial is None:
            return
        top, height = int(self.scroll_y), self.scrollable_content_region.height
        seen = [line.text for line in self.lines[top : top + height]]
        row, place, tail = self.cursor - top, self.place, self._tail_blocks
        if tail:  # the end's blocks are the whole's last ones
            place = Place(place.block + len(doc.blocks) - self._tail_blocks, place.offset)
        self._partial, self._start, self._share, self._tail_blocks = None, None, 1.0, 0
        self.selected_link = None  # its line number was the part's, not the whole's
        self.doc = doc
        self._relayout(place, row=row, layout=layout)
        top = int(self.scroll_y)
        if [line.text for line in self.lines[top : top + height]] != seen:
            self.refresh()
        if tail and self.article is not None:  # the place is known only now
            self.post_message(self.Moved(self.article.slug, self.place))

    def ensure_whole(self) -> None:
        """The whole article now (parsed here if the worker has not brought it yet)."""
        if self._partial is not None:
            self.take_whole(self._partial.whole())

    def show_end(self) -> bool:
        """The article's end, parsed alone, while the whole is not here yet (End at once).

        False when the whole is already here or the end cannot be cut off alone.
        """
        if self._partial is None or self.doc is None:
            return False
        if not self._tail_blocks:
            end = self._partial.end()
            if end is None:
                return False
            self.doc, self._share = end
            self._tail_blocks = len(self.doc.blocks)
            self.selected_link = None
            self._relayout(Place(self._tail_blocks, 0))
        return True

    def show_start(self) -> bool:
        """Back to the article's start from its end, while the whole is not here yet."""
        if not self._tail_blocks or self._start is None or self._partial is None:
            return False
        self.doc, self._share, self._tail_blocks = self._start, self._partial.share, 0
        self.selected_link = None
        self._relayout(Place(0, 0))
        return True
