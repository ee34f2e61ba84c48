"""Bookmarks on the main screen: b on a line, and the list (B) that opens one.

A bookmark points into the text of one language: marks show only on the text it
was made in, and one made in the other language's text opens its article at the top.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.i18n import _
from reader.library.errors import StorageError
from reader.library.language import languages
from reader.library.models import Article
from reader.library.places import Bookmark, Place
from reader.tui.screens.bookmarks import BookmarksScreen

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView
    from reader.tui.main_screen import MainScreen


class Bookmarking:
    """The main screen's bookmarks: adding, removing, marking and opening them."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def toggle(self, message: ArticleView.BookmarkToggled) -> None:
        """Add or remove the bookmark on the reading line."""
        screen = self.screen
        slug = message.article.slug
        store = screen.store
        line = screen.view.cursor + 1
        text = self.text_of(message.article)

        def change() -> tuple[bool, set[Place]]:
            # Decided here, in order with other writes: b pressed twice quickly adds, then removes.
            existing = store.find(slug, message.place, *text)
            if existing is not None:
                store.remove(existing.id)
            else:
                store.add(slug, message.place, message.heading, message.snippet, "", "", *text)
            return existing is None, {b.place for b in store.bookmarks(slug, *text)}

        def saved(result: tuple[bool, set[Place]] | None, error: BaseException | None) -> None:
            if not screen.is_attached:
                return
            if error is not None or result is None:
                screen.say(_("The bookmark was not saved: {error}").format(error=error))
            elif result[0]:
                said = _("Bookmark added at line {line}. {key} lists bookmarks.")
                screen.say(said.format(line=line, key="B"))
            else:
                screen.say(_("Bookmark removed at line {line}.").format(line=line))
            # The marks show what is stored, whatever happened.
            view = screen.view
            if view.article is message.article:  # not another language's text since
                view.set_bookmarks(result[1] if result else self.stored(slug))

        screen.app.save(change, saved)  # type: ignore[attr-defined]

    def stored(self, slug: str) -> set[Place]:
        """The places of the shown text of ``slug`` that carry a bookmark."""
        try:
            return {b.place for b in self.screen.store.bookmarks(slug, *self.text_of(slug))}
        except StorageError:
            return set()

    def text_of(self, article: Article | str) -> tuple[str, bool]:
        """Which text of an article (or of a slug's) is shown: see :meth:`Library.text_of`."""
        library = self.screen.library
        return library.text_of(library.articles[article] if isinstance(article, str) else article)

    def show_list(self) -> None:
        """The bookmarks screen; a chosen bookmark opens at its place."""
        screen = self.screen

        def opened(bookmark: Bookmark | None) -> None:
            if bookmark is None or bookmark.slug not in screen.library.articles:
                self._back_from_list()
                return
            if bookmark.points_into(*self.text_of(bookmark.slug)):
                screen.open_article(bookmark.slug, bookmark.place, remember=True)
                screen.action_pane("article")
                screen.say(_("Bookmark: {snippet}").format(snippet=bookmark.snippet[:60]))
                return
            # Made in the other language's text: its place is no place in this one.
            screen.open_article(bookmark.slug, Place(0, 0), remember=True)
            screen.action_pane("article")
            said = _("This bookmark was made in another language ({lang}): {key} switches.")
            lang = bookmark.lang or screen.library.main_lang
            screen.say_first(said.format(lang=languages().get(lang, lang), key="F6"))

        screen.app.push_screen(BookmarksScreen(screen.library, screen.store), opened)

    def _back_from_list(self) -> None:
        """Back from the list: the marks as stored now (one may have been deleted there),
        and the status says where the reader is, not what was done before the list."""
        screen = self.screen
        view = screen.view
        if view.article is None:
            screen.say("")
            return
        view.set_bookmarks(self.stored(view.article.slug))
        # Translators: said on leaving the bookmarks list; {place} is "line 12 of 140"
        screen.say(_("Back to reading: {place}.").format(place=view.position_text))
