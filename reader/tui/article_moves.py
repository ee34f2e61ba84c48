"""Moving the article view's reading cursor: by line, page and end; redrawing only what moved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.geometry import Region

from reader.i18n import _
from reader.tui.say_all import line_words

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class ArticleMoves(_Base):
    """Mixin for :class:`ArticleView`: the reading cursor's moves."""

    def move_to(self, line: int, center: bool = False) -> None:
        """Put the reading cursor on ``line`` (or the nearest text in the direction moved)."""
        if line < 0 and not self.places_known:  # above the article's end, shown alone
            before = self.cursor
            self.ensure_whole()
            line += self.cursor - before
        self._ensure_lines(line + 2)
        line = min(max(line, 0), max(len(self.lines) - 1, 0))
        step = 1 if line >= self.cursor else -1
        # Blank lines are skipped: there is nothing on them to read.
        while 0 <= line + step < len(self.lines) and self.lines[line].kind == "blank":
            line += step
            self._ensure_lines(line + 2)
        old, old_link = self.cursor, self.selected_link
        moved = line != self.cursor
        self.cursor = line
        if self.selected_link is not None and self.selected_link[0] != line:
            self.selected_link = None
        top = int(self.scroll_y)
        self._scroll_to_cursor(center=center)
        if int(self.scroll_y) != top:
            self.refresh()
        else:
            self.refresh_rows(old, line, whole=old_link is not None)
        if moved and self.article is not None and self.places_known:
            self.post_message(self.Moved(self.article.slug, self.place))

    def block_from(self, line: int) -> list[int]:
        """The lines with words from ``line`` to the end of its block (laid out as needed)."""
        self._ensure_lines(line + 2)
        if not 0 <= line < len(self.lines):
            return []
        block, end = self.lines[line].block, line
        while True:
            self._ensure_lines(end + 3)
            if end + 1 < len(self.lines) and self.lines[end + 1].block == block:
                end += 1
            else:
                break
        return [n for n in range(line, end + 1) if self.lines[n].kind != "blank"]

    def refresh_rows(self, *rows: int, whole: bool = False) -> None:
        """Redraw these lines: in screen-reader mode only their margin cell, unless ``whole``."""
        top = int(self.scroll_y)
        width = 1 if self.reading and not whole else self.scrollable_content_region.width
        for row in set(rows):
            self.refresh(Region(0, row - top, width, 1))

    def _scroll_to_cursor(self, center: bool = False) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if center:
            target = max(self.cursor - height // 3, 0)
        elif self.cursor < top:
            target = self.cursor
        elif self.cursor >= top + height:
            target = self.cursor - height + 1
        else:
            return
        self._update_size()
        self.scroll_to(y=target, animate=False, immediate=True)

    def action_line(self, step: int) -> None:
        """One line down or up (at either end, a word that says so)."""
        before = self.cursor
        self.move_to(self.cursor + step)
        if self.cursor == before and self.article is not None and self.complete:
            # Translators: Down on the article's last line (Up: on its first)
            self.say(_("End of the article.") if step > 0 else _("Top of the article."))
            return
        self._say_line()

    def _say_line(self) -> None:
        """In screen-reader mode the status holds the reading line's words: after j or k,
        which a screen reader does not take for cursor keys, that is what it reads."""
        if self.reading and self.lines:
            self.say(line_words(self.lines[self.cursor]))  # a heading without its "##"

    def action_page(self, step: int) -> None:
        """One screen down or up, the view moving with the cursor."""
        height = max(self.scrollable_content_region.height - 1, 1)
        self._ensure_lines(self.cursor + height + 1)
        self.scroll_to(y=int(self.scroll_y) + step * height, animate=False, immediate=True)
        self.move_to(self.cursor + step * height)
        self._say_line()

    def action_edge(self, step: int) -> None:
        """The first or last line."""
        if step > 0 and not self.show_end():
            self.ensure_complete()
        elif step < 0 and self.show_start() and self.article is not None:
            self.post_message(self.Moved(self.article.slug, self.place))  # already at 0
        self.move_to(0 if step < 0 else len(self.lines) - 1)
        self._say_line()
