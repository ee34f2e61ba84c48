"""Following links from the article: a heading here, another article, the web; and back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.i18n import _
from reader.tui.screens.dialogs import ConfirmLink

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView
    from reader.tui.main_screen import MainScreen


class LinkFollower:
    """Where a link leads, and the way back; the main screen routes its messages here."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def follow(self, message: ArticleView.FollowLink) -> None:
        """Follow a link: a heading here, another article, or (with consent) the web."""
        screen = self.screen
        target = screen.library.resolve(message.article, message.href)
        view = screen.view
        if target.kind == "anchor":
            view.ensure_whole()  # the way back is a place in the whole article
            here = (message.article.slug, view.place)
            if view.go_to_anchor(target.anchor):
                screen.history.append(here)
            else:
                text = _("No section '{anchor}' in this article.")
                screen.say(text.format(anchor=target.anchor))
        elif target.kind == "article":
            screen.open_article(target.slug, anchor=target.anchor, remember=True)
        elif target.kind == "external" and screen.kiosk:
            text = _(
                "Web address: {url}. Links are not opened on this public "
                "terminal; note the address to visit it on your own device."
            )
            screen.say(text.format(url=target.url))
        elif target.kind == "external":
            screen.app.push_screen(
                ConfirmLink(target.url, message.text),
                lambda yes: self._open_external(target.url, bool(yes)),
            )
        else:
            # Translators: {reason} says why (a link out of the library, a missing article)
            screen.say(_("This link is not followed: {reason}.").format(reason=target.reason))

    def _open_external(self, url: str, yes: bool) -> None:
        screen = self.screen
        if yes:
            screen.app.open_url(url)
            screen.say(_("Asked your web browser to open {url}.").format(url=url))
        else:
            screen.say(_("The link was not opened."))

    def back(self) -> None:
        """Back to where the last link was followed from."""
        screen = self.screen
        if not screen.history:
            screen.say(_("Nothing to go back to."))
            return
        slug, place = screen.history.pop()
        view = screen.view
        title = screen.library.articles[slug].title

        def back_words() -> str:
            # Translators: said after going back; {place} is "line 12 of 140" or the like
            return _("Back: {title}, {place}.").format(title=title, place=view.position_text)

        if view.article is not None and view.article.slug == slug:
            view.move_to(view.line_of(place), center=True)
            screen.say(back_words())
        else:  # said when it has opened, instead of "Opened ..."
            screen.open_article(slug, place, said_when_open=back_words)
