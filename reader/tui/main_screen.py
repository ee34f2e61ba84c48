"""The main screen: topics, article and help contacts side by side (or one at a time).

Each pane handles its own keys and posts messages; this screen only routes
them: it opens articles, keeps the history, saves positions and bookmarks, and
says what happened in the status line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import Reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from reader.document.lines import Partial
from reader.document.sanitize import clean_line
from reader.i18n import N_, _
from reader.library.errors import StorageError
from reader.library.loader import Library
from reader.library.models import Contact
from reader.library.places import Place
from reader.tui.article_view import ArticleView
from reader.tui.bookmarking import Bookmarking
from reader.tui.contact_card import ContactCard
from reader.tui.find_bar import FindBar
from reader.tui.following import LinkFollower
from reader.tui.item_list import ItemList
from reader.tui.key_bar import KeyBar
from reader.tui.pane_layout import NARROW, PANES, PaneLayout
from reader.tui.panes import ContactsPane, TopicsPane
from reader.tui.say_all import line_words
from reader.tui.screen_words import list_words, opened_words, title_words, welcome_words
from reader.tui.screens.lists import show_contents
from reader.tui.speaking import announce, article_opened
from reader.tui.whole_article import WholeArticle

if TYPE_CHECKING:
    from reader.library.bookmarks import BookmarkStore

SAVE_DELAY = 1.0  # seconds after the last move before the position is written


class MainScreen(Screen[None]):
    """Topics, the article, and help contacts."""

    help_title = N_("Main screen")
    # Textual repaints the whole screen when focus moves; the panes that gain and lose
    # focus redraw themselves, and a screen reader would read the whole screen again.
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    BINDINGS = [
        Binding("1", "pane('topics')", N_("Topics")),
        Binding("2", "pane('article')", N_("Article"), show=False),
        Binding("3", "pane('contacts')", N_("Contacts"), show=False),
        Binding("B", "bookmarks", N_("Bookmarks")),
    ]

    def __init__(
        self,
        library: Library,
        region: str | None,
        open_slug: str | None = None,
    ) -> None:
        # The layout's classes from the start: set after the first frame, they would
        # redraw every row, and a screen reader would read the screen again.
        narrow = self.app.size.width < NARROW or bool(getattr(self.app, "screen_reader", False))
        first = "article" if open_slug in library.articles else "topics"
        super().__init__(classes=f"-show-{first}{' -narrow' if narrow else ''}")
        # Focused as the screen is composed: focused a frame later, the panes' borders
        # and titles would be drawn twice, and a screen reader would read them again.
        self.AUTO_FOCUS = f"#{first}"
        self.library = library
        self.contacts_region = region
        self.open_slug = open_slug
        self.history: list[tuple[str, Place]] = []
        self.links = LinkFollower(self)
        self.bookmarking = Bookmarking(self)
        self.whole_article = WholeArticle(self)
        self.pane_layout = PaneLayout(self)
        self._save_timer: asyncio.TimerHandle | None = None
        self._pending: tuple[str, Place, str] | None = None
        self._lead = ""  # see say_first
        self._said_when_open: Callable[[], str] | None = None  # see open_article
        self.recomposing = False  # every pane being replaced (F6)

    def compose(self) -> ComposeResult:
        """Title bar, the three panes, status line, footer."""
        yield Static(self._title(), id="title-bar", markup=False)
        # Screen-reader mode: the pane's name and what is in it, the first words drawn.
        yield Static("", id="pane-name", markup=False)
        with Horizontal(id="panes"):
            yield TopicsPane(self.library, id="topics")
            yield ArticleView(id="article")
            yield ContactsPane(self.library.contacts, self.contacts_region, id="contacts")
        yield FindBar()
        yield Static("", id="status", markup=False)
        yield KeyBar()

    @property
    def store(self) -> BookmarkStore:
        """The app's store (a kiosk swaps it for a fresh one between visitors)."""
        store: BookmarkStore = self.app.store  # type: ignore[attr-defined]
        return store

    @property
    def screen_reader(self) -> bool:
        """True in screen-reader mode (F4 switches it)."""
        return bool(getattr(self.app, "screen_reader", False))

    def _title(self) -> str:
        return title_words(self)

    @property
    def spoken_title(self) -> str:
        """What speech says first: the title bar's words."""
        return self._title()

    @property
    def kiosk(self) -> bool:
        """True on a public terminal."""
        settings = getattr(self.app, "kiosk", None)
        return bool(settings and settings.enabled)

    def reset(self) -> None:
        """Back to the start for the next visitor: no article, no history, topics."""
        self._pending = None
        if self._save_timer is not None:
            self._save_timer.cancel()
        self.history.clear()
        self.whole_article.cancel()
        self.query_one(FindBar).forget()  # the last visitor's words (clear() drops the marks)
        self.view.clear()
        topics = self.query_one(TopicsPane)
        topics.collapsed = topics.first_collapsed()
        topics.open_slug = ""
        topics.rebuild(None)
        self.query_one(ContactsPane).show_topic(None)
        self.query_one("#title-bar", Static).update(self._title())
        self.say("")
        for pane in self.query(ItemList):
            pane.to_start()
        self.action_pane("topics")
        self.call_after_refresh(self._welcome)

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    def on_mount(self) -> None:
        """Titles, layout for the width, and the first article or the topics."""
        self.watch(self.app, "screen_reader", self._screen_reader_changed, init=False)
        self.pane_layout.apply_width(self.size.width, self.screen_reader)
        if self.open_slug and self.open_slug in self.library.articles:
            self.open_article(self.open_slug)
            self.action_pane("article")
        else:
            self.action_pane("topics")
            self.call_after_refresh(self._welcome)

    def _welcome(self, notices: list[str] | None = None) -> None:
        self.say(welcome_words(self, notices))

    def store_notices(self, notices: list[str]) -> None:
        """What the store had to say when it opened (a corrupt file moved aside...)."""
        if notices:
            self._welcome(notices)

    # -- panes -------------------------------------------------------------------

    def on_resize(self) -> None:
        """One pane at a time when narrow."""
        self.pane_layout.apply_width(self.size.width, self.screen_reader)

    def _screen_reader_changed(self, on: bool) -> None:
        self.pane_layout.apply_width(self.size.width, self.screen_reader)
        self.query_one("#title-bar", Static).update(self._title())
        if getattr(self.app, "line_mode", False):  # its first line says the mode
            if isinstance(self.focused, ItemList):
                self.say(list_words(self.focused))  # and where the reader is
            return
        said = (
            _("Screen-reader mode on: one pane at a time, {key} turns it off.")
            if on
            else _("Screen-reader mode off. {key} turns it on.")
        )
        self.say(said.format(key="F4"))

    def name_pane(self, pane_id: str) -> None:
        """The pane-name line: "Help contacts, Norway, 9 contacts"."""
        self.pane_layout.name(pane_id)

    def action_pane(self, pane_id: str) -> None:
        """Focus (and, when narrow, show) a pane."""
        self.pane_layout.show(pane_id)
        self.pane_layout.mark_active(pane_id)  # now, not a frame later
        self.query_one(f"#{pane_id}").focus()

    def on_item_list_chosen(self, message: ItemList.Chosen) -> None:
        """Enter on a contact: the contact in full, with a QR code to take away."""
        if message.item_list.id == "contacts" and isinstance(message.item.data, Contact):
            self.app.push_screen(ContactCard(message.item.data, self.screen_reader))

    def on_item_list_highlighted(self, message: ItemList.Highlighted) -> None:
        """Say which topic or contact is highlighted (when that list has focus)."""
        pane = message.item_list
        if pane.has_focus and pane.id in PANES:
            self.say(f"{_(PANES[pane.id])}: {message.row}")

    async def _dispatch_message(self, message: Message) -> None:
        """While every pane is replaced (F6), a message about the old ones (a focus, a
        highlight) finds them gone: it is moot, not a fault."""
        try:
            await super()._dispatch_message(message)
        except NoMatches:
            if not self.recomposing:
                raise

    def on_descendant_focus(self, event: Widget.DescendantFocus) -> None:
        """Tab between panes shows the focused one when narrow."""
        if event.widget.id in PANES:
            self.pane_layout.show(event.widget.id)
            if isinstance(event.widget, ItemList):
                self.say(list_words(event.widget))
            self.pane_layout.mark_active(event.widget.id)

    def show_contacts(self) -> None:
        """Bring the help contacts up, emergency numbers first, and say so (focusing them
        says it too, unless they already had the focus or were under another screen)."""
        self.action_pane("contacts")
        self.say(list_words(self.query_one(ContactsPane)))

    def say(self, text: str) -> None:
        """Put words in the status line (after any that were to lead the next ones)."""
        lead, self._lead = self._lead, ""
        # Words from content (a link's target, a title) show their controls as symbols.
        said = clean_line(f"{lead} {text}" if lead and text else lead or text)
        status = self.query_one("#status", Static)
        if str(status.content) != said:  # the same words: nothing to redraw (or read again)
            status.update(said)
        announce(self, said)

    def say_first(self, text: str) -> None:
        """Words to lead whatever the status line says next (or alone, if nothing does)."""
        self._lead = text
        # Alone if nothing follows soon (a new screen's focus and rows speak a frame or two later).
        self.set_timer(0.3, lambda: self._lead and self.say(""))

    # -- opening articles ----------------------------------------------------------

    def open_article(
        self,
        slug: str,
        place: Place | None = None,
        anchor: str = "",
        remember: bool = False,
        said_when_open: Callable[[], str] | None = None,
    ) -> None:
        """Open an article at ``place``, at a heading, or where it was left; once it has
        opened, the status says ``said_when_open()`` (else "Opened ...")."""
        self._said_when_open = said_when_open
        view = self.view
        self.flush_position()
        self.whole_article.cancel()
        if remember and view.article is not None:
            view.ensure_whole()  # the way back is a place in the whole article
            self.history.append((view.article.slug, view.place))
        article = self.library.articles[slug]
        if place is None and not anchor:
            try:
                place = self.store.position(slug, *self.library.text_of(article))
            except StorageError as error:  # locked by another process too long, say
                self.say(_("The reading position could not be read: {error}").format(error=error))
        # A long article opens at once on its start while the whole is parsed in a worker
        # (unless the place to open at lies beyond the start).
        start = None if anchor else self.library.document_start(slug)
        if start is not None and (place is None or place.block < len(start[0].blocks) - 1):
            doc, share = start
            whole, end = self.library.document, self.library.document_end
            view.show(article, doc, place, Partial(share, partial(whole, slug), partial(end, slug)))
            self.whole_article.later(slug)
        else:
            view.show(article, self.library.document(slug), place)
        # In the same frame as the article: no frame with the last title.
        self.query_one("#title-bar", Static).update(self._title())
        view.set_bookmarks(self.bookmarking.stored(slug))
        if anchor and not view.go_to_anchor(anchor):
            said = _("No section '{anchor}' in {title}.")
            self.say(said.format(anchor=anchor, title=article.title))

    def reading_section(self) -> tuple[str, int | None] | None:
        """The open article, and the heading the reading line is under (None: above all)."""
        view = self.view
        if view.article is None:
            return None
        self.flush_position()
        view.ensure_whole()  # heading numbers are the whole article's
        return view.article.slug, view.section()

    async def change_library(self, library: Library, slug: str | None) -> None:
        """Every pane drawn anew from ``library`` (another language's), ``slug`` open at
        its top: a place left in one language's text is no place in the other's."""
        self.flush_position()
        self.whole_article.cancel()
        self.history.clear()
        self.library = library
        self.recomposing = True
        try:
            await self.recompose()
        finally:
            self.recomposing = False
        self.pane_layout.apply_width(self.size.width, self.screen_reader)
        if slug is not None and slug in library.articles:
            self.open_article(slug, Place(0, 0))
            self.action_pane("article")
        else:
            self.action_pane("topics")

    def go_to_section(self, heading: int) -> None:
        """The reading line to a heading (by number); it stays at the top if there is none."""
        self.view.go_to_heading(heading)

    def on_article_view_find_requested(self) -> None:
        """ctrl+f: the find bar, below the article."""
        if self.view.article is None:
            said = _("Open an article first, then press {key} to find words in it.")
            self.say(said.format(key="ctrl+f"))
            return
        self.query_one(FindBar).open(blink=not self.screen_reader)
        said = _("Find: type a word; {enter} goes to the next match, {escape} closes.")
        self.say(said.format(enter="Enter", escape="Escape"))

    def on_find_bar_find(self, message: FindBar.Find) -> None:
        """Every match marked, the reading cursor on the next."""
        self.view.find(message.text)

    def on_find_bar_next(self, message: FindBar.Next) -> None:
        """Enter or F3 in the find bar: the next match (shift+F3: the previous)."""
        self.view.action_find_next(message.step)

    def on_find_bar_closed(self) -> None:
        """The bar closed: back to reading, on the match."""
        self.view.focus()

    def open_found(self, slug: str, terms: tuple[str, ...]) -> None:
        """Open a search result at the first line holding one of the words searched."""
        match: list[str] = []  # said with "Opened ...", once it has opened

        def said() -> str:
            return " ".join([opened_words(self), *match])

        self.open_article(slug, Place(0, 0), remember=True, said_when_open=said)
        self.action_pane("article")
        line = self.view.first_match(terms)
        if line is not None:
            self.view.move_to(line, center=True)
            found = line_words(self.view.lines[line])
            match.append(_("First match: {line}").format(line=found))

    def on_topics_pane_article_chosen(self, message: TopicsPane.ArticleChosen) -> None:
        """Open the chosen article and move to it."""
        self.open_article(message.slug, remember=True)
        self.action_pane("article")

    def on_article_view_opened(self, message: ArticleView.Opened) -> None:
        """Update the title bar, the topic list, the contacts and the status."""
        article = message.article
        self.query_one(TopicsPane).mark_open(article.slug)
        self.query_one(ContactsPane).show_topic(article.topic)
        if self.has_class("-show-article"):  # the pane-name line names the new article
            self.name_pane("article")
        words, self._said_when_open = self._said_when_open, None
        said = words() if words is not None else opened_words(self)
        if said:
            self.say(said)
        article_opened(self)

    def on_article_view_moved(self, message: ArticleView.Moved) -> None:
        """Save the reading position shortly after the reader stops moving."""
        article = self.library.articles.get(message.slug)
        self._pending = (
            message.slug,
            message.place,
            self.library.text_of(article)[0] if article else "",
        )
        if self._save_timer is not None:
            self._save_timer.cancel()
        # A plain event-loop timer: a Textual timer's event would repaint the
        # screen, which screen-reader mode must not do while the reader is idle.
        loop = asyncio.get_running_loop()
        self._save_timer = loop.call_later(SAVE_DELAY, self.flush_position)

    def flush_position(self) -> None:
        """Write the pending reading position now (through the app's ordered writer)."""
        if self._pending is not None:
            slug, place, lang = self._pending
            self._pending = None
            store = self.store

            def saved(_result: object, error: BaseException | None) -> None:
                if error is not None:
                    said = _("The reading position was not saved: {error}")
                    self.say(said.format(error=error))

            self.app.save(lambda: store.set_position(slug, place, lang), saved)

    def on_article_view_status(self, message: ArticleView.Status) -> None:
        """Words from the article view."""
        self.say(message.text)

    def on_article_view_follow_link(self, message: ArticleView.FollowLink) -> None:
        """Follow a link: a heading here, another article, or (with consent) the web."""
        self.links.follow(message)

    def on_article_view_back_requested(self) -> None:
        """Back to where the last link was followed from."""
        self.links.back()

    def on_article_view_bookmark_toggled(self, message: ArticleView.BookmarkToggled) -> None:
        """Add or remove the bookmark on the reading line."""
        self.bookmarking.toggle(message)

    def on_article_view_contents_requested(self) -> None:
        """The table of contents; Enter jumps to a heading."""
        show_contents(self)

    def action_bookmarks(self) -> None:
        """The bookmarks screen; a chosen bookmark opens at its place."""
        self.bookmarking.show_list()
