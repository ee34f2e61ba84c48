"""The article view: one Line-API widget over the document's line layout.

It lays out only what is needed to paint, then the rest a slice at a time
between key presses, so a long article paints at once. A reading cursor (the
current line) is moved by the keyboard; headings and links are found from it;
the terminal's cursor sits on it.
"""

from __future__ import annotations

import time

from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.document.layout import LayoutOptions, Line
from reader.document.lines import LineLayout, Partial
from reader.document.model import Document
from reader.i18n import N_, _, ngettext
from reader.library.dates import number
from reader.library.models import Article
from reader.library.places import Place
from reader.tui.article_find import ArticleFind
from reader.tui.article_headings import ArticleHeadings
from reader.tui.article_links import ArticleLinks
from reader.tui.article_moves import ArticleMoves
from reader.tui.article_partial import ArticlePartial, same_thumb
from reader.tui.article_render import GUTTER, PLACEHOLDER, ArticleRender
from reader.tui.cursor import HardwareCursor
from reader.tui.reading import FollowsReadingMode
from reader.tui.say_all import line_words

MEASURE = 80  # the longest line, for readability on wide screens
SLICE_SECONDS = 0.008  # background layout per slice: well inside a frame


class ArticleView(
    ArticleLinks,
    ArticleMoves,
    ArticleHeadings,
    ArticleFind,
    ArticleRender,
    ArticlePartial,
    FollowsReadingMode,
    HardwareCursor,
    ScrollView,
    can_focus=True,
    inherit_bindings=False,
):
    """An article, read line by line with a reading cursor."""

    # Translators: the heading of the article view's keys in the list of keys
    help_title = N_("Article")
    COMPONENT_CLASSES = {
        "article--cursor",
        "article--heading",
        "article--link",
        "article--link-selected",
        "article--code",
        "article--marker",
        "article--gutter",
        "article--match",
    }
    BINDINGS = [
        Binding("down,j", "line(1)", N_("Next line"), show=False),
        Binding("up,k", "line(-1)", N_("Previous line"), show=False),
        Binding("pagedown,space", "page(1)", N_("Page down"), show=False),
        Binding("pageup,shift+space", "page(-1)", N_("Page up"), show=False),
        # Translators: key help: to the article's first line
        Binding("home,g", "edge(-1)", N_("Start"), show=False),
        # Translators: key help: to the article's last line
        Binding("end,G", "edge(1)", N_("End"), show=False),
        Binding("h,right_square_bracket", "heading(1)", N_("Next heading")),
        Binding("H,left_square_bracket", "heading(-1)", N_("Previous heading"), show=False),
        Binding("l", "link(1)", N_("Next link")),
        Binding("L", "link(-1)", N_("Previous link"), show=False),
        Binding("enter", "follow", N_("Follow link"), show=False),
        # Translators: key help: back to where the last link was followed from
        Binding("backspace", "back", N_("Back"), show=False),
        # Translators: key help: the article's table of contents
        Binding("t", "contents", N_("Contents"), show=False),
        Binding("i", "about", N_("About this article"), show=False),
        # Translators: key help and footer: put or take away a bookmark (a verb)
        Binding("b", "bookmark", N_("Bookmark")),
        Binding("ctrl+f", "find", N_("Find in article"), show=False),
        Binding("f3,ctrl+g,n", "find_next(1)", N_("Next match"), show=False),
        Binding("shift+f3,ctrl+shift+g,N", "find_next(-1)", N_("Previous match"), show=False),
    ]

    class Opened(Message):
        """An article was opened (or reopened at another place)."""

        def __init__(self, article: Article) -> None:
            super().__init__()
            self.article = article

    class Moved(Message):
        """The reading cursor moved; ``place`` is width-independent."""

        def __init__(self, slug: str, place: Place) -> None:
            super().__init__()
            self.slug = slug
            self.place = place

    class Status(Message):
        """Something to tell the reader in words, in the status line."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class FollowLink(Message):
        """Enter on a link: the screen decides where it leads."""

        def __init__(self, article: Article, href: str, text: str) -> None:
            super().__init__()
            self.article = article
            self.href = href
            self.text = text

    class BookmarkToggled(Message):
        """``b`` on the reading line."""

        def __init__(self, article: Article, place: Place, heading: str, snippet: str) -> None:
            super().__init__()
            self.article = article
            self.place = place
            self.heading = heading
            self.snippet = snippet

    class ContentsRequested(Message):
        """``t``: show the table of contents."""

    class BackRequested(Message):
        """Backspace: go back to the previous article or place."""

    class FindRequested(Message):
        """ctrl+f: open the find bar."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.article: Article | None = None
        self.doc: Document | None = None
        self.laid_out = LineLayout(Document(), LayoutOptions())
        self.cursor = 0
        self.selected_link: tuple[int, int] | None = None  # (line, index in line.links)
        self.bookmarked: set[Place] = set()
        self._width = 0
        self._generation = 0
        self.find_text = ""
        # Rendered rows, keyed by the line object: emptied whenever lines are replaced.
        self._row_cache: dict[tuple[object, ...], Strip] = {}
        # While a long article is only partly parsed: how to get the rest, and its start.
        self._partial: Partial | None = None
        self._start: Document | None = None
        self._share = 1.0  # the part of the whole article that ``doc`` holds
        self._tail_blocks = 0  # not 0 while ``doc`` is only the article's end (End pressed)

    def reading_changed(self) -> None:
        """Screen-reader mode switched: tables as records or grids, the reading line restyled."""
        if self.doc is not None:
            self._relayout(self.place)
        self.refresh()

    @property
    def summary(self) -> str:
        """What the pane holds, in words: "Sleep problems, 9 sections"."""
        if self.article is None or self.doc is None:
            # Translators: after the article pane's name, when no article is open
            return _("no article open")
        if not self.whole:  # only the start is parsed yet: no count to give
            return self.article.title
        count = len(self.doc.headings)
        return ngettext("{title}, {count} section", "{title}, {count} sections", count).format(
            title=self.article.title, count=count
        )

    # -- opening and laying out --------------------------------------------------

    def show(
        self,
        article: Article,
        doc: Document,
        place: Place | None = None,
        partial: Partial | None = None,
    ) -> None:
        """Show ``article`` with the reading cursor at ``place`` (default: the top).

        With ``partial``, ``doc`` is only the article's start (a long article opens at
        once): the whole one comes later through :meth:`take_whole`, or from ``partial``
        the moment something needs a line beyond the start (find, a heading); End
        shows the article's end, parsed alone, until the whole arrives.
        """
        self.article, self.doc = article, doc
        self._partial, self._start = partial, doc
        self._share = partial.share if partial else 1.0
        self._tail_blocks = 0
        self.selected_link = None
        self._width = 0
        self._relayout(place or Place(0, 0))
        self.post_message(self.Opened(article))

    def layout_options(self) -> LayoutOptions:
        """How lines are laid out now (a worker lays out the whole article the same way)."""
        return LayoutOptions(width=self.text_width(), screen_reader=self.reading)

    @property
    def lines(self) -> list[Line]:
        """The lines laid out so far."""
        return self.laid_out.lines

    def clear(self) -> None:
        """No article: the placeholder, as at start."""
        self._generation += 1
        self._row_cache.clear()
        self._partial, self._start, self._share, self._tail_blocks = None, None, 1.0, 0
        self.article, self.doc = None, None
        self.laid_out = LineLayout(Document(), LayoutOptions())
        self.cursor, self.selected_link, self.bookmarked = 0, None, set()
        self.find_text = ""
        self.virtual_size = Size(self.scrollable_content_region.width, len(PLACEHOLDER))
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def set_bookmarks(self, places: set[Place]) -> None:
        """The places in this article that carry a bookmark."""
        self.bookmarked = places
        self.refresh()

    def text_width(self) -> int:
        """The width lines are laid out to."""
        return max(min(self.scrollable_content_region.width - GUTTER, MEASURE), 10)

    def _relayout(
        self, place: Place, row: int | None = None, layout: LineLayout | None = None
    ) -> None:
        """Lay out again from the top (or take ``layout``, if made for the view as it is),
        the cursor at ``place``: centred, or on screen ``row`` (then the caller decides
        whether anything visible changed)."""
        if self.doc is None:
            return
        self._width = self.text_width()
        self._generation += 1
        self._row_cache.clear()
        options = self.layout_options()
        if layout is None or layout.options != options or layout.doc is not self.doc:
            layout = LineLayout(self.doc, options)
        self.laid_out = layout
        self.cursor = layout.find(place.block, place.offset)
        self._update_size()
        if row is None:
            self._scroll_to_cursor(center=True)
            self.refresh()
        else:
            self._ensure_lines(self.cursor - row + self.scrollable_content_region.height + 1)
            self._update_size()
            self.scroll_to(y=max(self.cursor - row, 0), animate=False, immediate=True)
        self.call_after_refresh(self._continue_layout, self._generation)

    def on_resize(self) -> None:
        """Rewrap when the width changes, keeping the reading cursor on the same words."""
        if not self._laid_out_for_width():
            self._relayout(self.place)
        else:
            self._scroll_to_cursor()

    def _laid_out_for_width(self) -> bool:
        return self.doc is None or self.text_width() == self._width

    def render_lines(self, crop: Region) -> list[Strip]:
        """Never draw a layout made for another width (a pane just shown, a resize)."""
        if not self._laid_out_for_width() and self.scrollable_content_region.width:
            self._relayout(self.place)
        return super().render_lines(crop)

    def _more(self, background: bool = False) -> bool:
        """Lay out one more top-level block; False when the document is done.

        At the end of a long article's start, the whole article is taken now (parsed
        here if it has not arrived), except by the background layout, which waits.
        """
        if self.laid_out.more():
            return True
        if background or self._partial is None or self._tail_blocks:
            return False
        self.ensure_whole()
        return True

    def _ensure_lines(self, count: int) -> None:
        while len(self.lines) < count and self._more():
            pass

    def ensure_complete(self) -> None:
        """Lay out the whole document now."""
        self.ensure_whole()
        self.laid_out.ensure_lines(len(self.lines) + 10**9)
        self._update_size()

    def _continue_layout(self, generation: int) -> None:
        """Lay out a slice in the background; again after the next refresh if not done."""
        if generation != self._generation or self.laid_out.complete:
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        while time.perf_counter() < deadline and self._more(background=True):
            pass
        self._update_size()
        if not self.laid_out.complete:
            self.set_timer(0.001, lambda: self._continue_layout(generation))

    @property
    def complete(self) -> bool:
        """True once every line of the whole article is laid out."""
        return self._partial is None and self.laid_out.complete

    def _update_size(self) -> None:
        lines = self.laid_out
        height = len(lines.lines) if self._tail_blocks else lines.estimated_height(self._share)
        size = Size(self._width + GUTTER, height)
        if size == self.virtual_size:
            return
        # Not through the reactive: that would redraw the whole view after every
        # background slice, though nothing visible changed. The scrollbar is redrawn
        # only if its thumb moves: an idle screen stays silent.
        old = self.virtual_size
        self.set_reactive(ScrollView.virtual_size, size)
        bar = self.vertical_scrollbar if self.show_vertical_scrollbar else None
        grew = size.width == old.width and size.height >= old.height  # scroll_y stays valid
        if bar is not None and grew and same_thumb(bar, size.height):
            bar.set_reactive(type(bar).window_virtual_size, size.height)
        else:
            self._scroll_update(size)

    @property
    def place(self) -> Place:
        """The reading cursor's width-independent place."""
        if not self.lines:
            return Place(0, 0)
        line = self.lines[min(self.cursor, len(self.lines) - 1)]
        return Place(line.block, line.offset)

    def line_of(self, place: Place) -> int:
        """The line index of a place (laying out as far as needed)."""
        if self._tail_blocks or (self._start and place.block >= len(self._start.blocks) - 1):
            self.ensure_whole()
        return self.laid_out.find(place.block, place.offset)

    # -- other actions ---------------------------------------------------------

    def action_back(self) -> None:
        """Back to where the last link was followed from."""
        self.post_message(self.BackRequested())

    def action_contents(self) -> None:
        """Show the table of contents."""
        self.ensure_whole()
        self.post_message(self.ContentsRequested())

    def action_bookmark(self) -> None:
        """Toggle a bookmark on the reading line."""
        if self.article is None or not self.lines or self.doc is None:
            return
        if self._tail_blocks:  # a bookmark needs the place in the whole article
            self.ensure_whole()
        line = self.lines[self.cursor]
        heading = self.doc.headings[line.heading].text if line.heading >= 0 else ""
        self.post_message(self.BookmarkToggled(self.article, self.place, heading, line_words(line)))

    def say(self, text: str) -> None:
        """Tell the reader something in words."""
        self.post_message(self.Status(text))

    @property
    def position_text(self) -> str:
        """ "line 12 of 140" (or "of about" while the layout is still going)."""
        total = max(self.virtual_size.height, 1)
        line = self.cursor + 1
        if self._tail_blocks:  # counted back from the end
            total = self.laid_out.estimated_height(self._share)
            line = total - len(self.lines) + self.cursor + 1
            # Translators: the reading line's place, counted back from an estimated end
            said = _("line about {line} of about {total}")
        elif self.complete:
            said = _("line {line} of {total}")
        else:
            # Translators: the reading line's place while the article's length is estimated
            said = _("line {line} of about {total}")
        return said.format(line=number(line), total=number(total))  # "12 345" in bokmål
