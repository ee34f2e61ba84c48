"""Links in the article view: selecting them by keyboard and following them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.i18n import _

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class ArticleLinks(_Base):
    """Mixin for :class:`ArticleView`: the next and previous link, and Enter on one."""

    def action_link(self, step: int) -> None:
        """Select the next or previous link, moving the reading cursor to it."""
        line, index = (
            self.selected_link if self.selected_link else (self.cursor, -1 if step > 0 else 1_000)
        )
        current = self._link_id(line, index)
        while True:
            index += step
            if step > 0:
                self._ensure_lines(line + 2)
            links = self.lines[line].links if 0 <= line < len(self.lines) else []
            if not 0 <= index < len(links):
                line += step
                if not 0 <= line < len(self.lines):
                    if step < 0 and not self.places_known:  # earlier links: in the whole
                        self.ensure_whole()
                        self.action_link(step)
                        return
                    self.say(_("No more links") if step > 0 else _("No earlier link"))
                    return
                index = -1 if step > 0 else len(self.lines[line].links)
                continue
            link_id = links[index][2]
            if link_id == current:  # the same link wrapped onto another line
                continue
            previous = self.selected_link[0] if self.selected_link else self.cursor
            self.move_to(line)
            self.selected_link = (line, index)
            # The link is drawn reversed: its whole row (and the last link's) changes.
            self.refresh_rows(previous, line, whole=True)
            self.say(_("Link: {link}").format(link=self._link_description(link_id)))
            return

    def _link_id(self, line: int, index: int) -> int | None:
        if 0 <= line < len(self.lines):
            links = self.lines[line].links
            if 0 <= index < len(links):
                return links[index][2]
        return None

    def _link_description(self, link_id: int) -> str:
        assert self.doc is not None
        link = self.doc.links[link_id]
        return f"{link.text} ({link.href})" if link.text != link.href else link.href

    def action_follow(self) -> None:
        """Enter: follow the selected link, or the first one on the reading line."""
        if self.article is None or self.doc is None or not self.lines:
            return
        if self.selected_link and self.selected_link[0] == self.cursor:
            link_id = self._link_id(*self.selected_link)
        else:
            links = self.lines[self.cursor].links
            link_id = links[0][2] if links else None
        if link_id is None:
            # Translators: {key} is a key name ("l")
            self.say(_("No link on this line. Press {key} for the next link.").format(key="l"))
            return
        link = self.doc.links[link_id]
        self.post_message(self.FollowLink(self.article, link.href, link.text))
