"""Headings in the article view: the next or previous one, one by index or anchor."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.i18n import _
from reader.library.end_matter import END_HEADING

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class ArticleHeadings(_Base):
    """Mixin for :class:`ArticleView`: moving the reading cursor by headings."""

    def _heading_starts(self, start: int, step: int) -> Iterator[int]:
        index = start
        while True:
            if step > 0:
                self._ensure_lines(index + 2)
            if not (0 <= index < len(self.lines)):
                return
            line = self.lines[index]
            if line.kind == "heading" and (
                index == 0
                or self.lines[index - 1].kind != "heading"
                or self.lines[index - 1].heading != line.heading
            ):
                yield index
            index += step

    def action_heading(self, step: int) -> None:
        """The next or previous heading."""
        for index in self._heading_starts(self.cursor + step, step):
            self.move_to(index)
            heading = self.lines[index].text.lstrip("# ")
            self.say(_("Heading: {heading}").format(heading=heading))
            return
        if step < 0 and not self.places_known:  # earlier headings are in the whole article
            self.ensure_whole()
            self.action_heading(step)
            return
        self.say(_("No more headings") if step > 0 else _("No earlier heading"))

    def go_to_heading(self, heading_index: int) -> bool:
        """Put the reading cursor on a heading (by its index in the document)."""
        for index in self._heading_starts(0, 1):
            if self.lines[index].heading == heading_index:
                self.move_to(index, center=True)
                return True
        return False

    def section(self) -> int | None:
        """The heading (by its index in the document) the reading cursor is under."""
        for index in range(min(self.cursor, len(self.lines) - 1), -1, -1):
            if self.lines[index].kind == "heading":
                heading: int = self.lines[index].heading
                return heading
        return None

    def go_to_anchor(self, anchor: str) -> bool:
        """Put the reading cursor on the heading with this anchor."""
        self.ensure_whole()  # anchors are the whole article's
        heading = self.doc.heading_for_anchor(anchor) if self.doc else None
        return heading is not None and self.go_to_heading(heading.index)

    def action_about(self) -> None:
        """Jump to the article's review dates, authors and sources."""
        if self.doc is not None:
            for heading in reversed(self.doc.headings):
                if heading.text == _(END_HEADING) and self.go_to_heading(heading.index):
                    self.say(_("Heading: {heading}").format(heading=heading.text))
                    return
