"""The article view: one Line-API widget over the document's line layout.

It lays out only what is needed to paint, then the rest a slice at a time
between key presses, so a long article paints at once. A reading cursor (the
current line) is moved by the keyboard; headings and links are found from it;
the terminal's cursor sits on it.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Offset, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.document.layout import (
    HEADING_MARK,
    LINK_TARGET,
    MARKER,
    LayoutOptions,
    Line,
    iter_block_lines,
    wrap_plain,
)
from reader.document.model import BOLD, CODE, HTML, ITALIC, LINK, STRIKE, Document
from reader.library.bookmarks import Place
from reader.library.end_matter import END_HEADING
from reader.library.models import Article
from reader.tui.cursor import HardwareCursor

GUTTER = 3  # reading-cursor mark, bookmark mark, space
PLACEHOLDER = (
    "No article is open.",
    "",
    "Choose one in Topics (press 1), then press Enter.",
    "For help contacts, press F2 or c. For every key, press ?.",
)
MEASURE = 80  # the longest line, for readability on wide screens
SLICE_SECONDS = 0.008  # background layout per slice: well inside a frame


class ArticleView(HardwareCursor, ScrollView, can_focus=True, inherit_bindings=False):
    """An article, read line by line with a reading cursor."""

    help_title = "Article"
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
        Binding("down,j", "line(1)", "Next line", show=False),
        Binding("up,k", "line(-1)", "Previous line", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup,shift+space", "page(-1)", "Page up", show=False),
        Binding("home,g", "edge(-1)", "Start", show=False),
        Binding("end,G", "edge(1)", "End", show=False),
        Binding("h,right_square_bracket", "heading(1)", "Next heading"),
        Binding("H,left_square_bracket", "heading(-1)", "Previous heading", show=False),
        Binding("l", "link(1)", "Next link"),
        Binding("L", "link(-1)", "Previous link", show=False),
        Binding("enter", "follow", "Follow link", show=False),
        Binding("backspace", "back", "Back", show=False),
        Binding("t", "contents", "Contents", show=False),
        Binding("i", "about", "About this article", show=False),
        Binding("b", "bookmark", "Bookmark"),
        Binding("ctrl+f", "find", "Find in article", show=False),
        Binding("f3,ctrl+g", "find_next(1)", "Next match", show=False),
        Binding("shift+f3,ctrl+shift+g", "find_next(-1)", "Previous match", show=False),
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

    def __init__(self, *, id: str | None = None, screen_reader: bool = False) -> None:
        super().__init__(id=id)
        self.screen_reader = screen_reader
        self.article: Article | None = None
        self.doc: Document | None = None
        self.lines: list[Line] = []
        self.cursor = 0
        self.selected_link: tuple[int, int] | None = None  # (line, index in line.links)
        self.bookmarked: set[Place] = set()
        self._block_start: dict[int, int] = {}
        self._blocks: Iterator[list[Line]] | None = None
        self._complete = True
        self._width = 0
        self._generation = 0
        self.find_text = ""

    # -- opening and laying out --------------------------------------------------

    def show(self, article: Article, doc: Document, place: Place | None = None) -> None:
        """Show ``article`` with the reading cursor at ``place`` (default: the top)."""
        self.article, self.doc = article, doc
        self.selected_link = None
        self._width = 0
        self._relayout(place or Place(0, 0))
        self.post_message(self.Opened(article))

    def clear(self) -> None:
        """No article: the placeholder, as at start."""
        self._generation += 1
        self.article, self.doc = None, None
        self.lines, self._block_start, self._blocks = [], {}, None
        self.cursor, self.selected_link, self.bookmarked = 0, None, set()
        self._complete = True
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

    def _relayout(self, place: Place) -> None:
        if self.doc is None:
            return
        self._width = self.text_width()
        self._generation += 1
        self.lines, self._block_start = [], {}
        options = LayoutOptions(width=self._width, screen_reader=self.screen_reader)
        self._blocks = iter_block_lines(self.doc, options)
        self._complete = False
        self._ensure_block(place.block + 1)
        self.cursor = self._find(place)
        self._update_size()
        self._scroll_to_cursor(center=True)
        self.refresh()
        self.call_after_refresh(self._continue_layout, self._generation)

    def on_resize(self) -> None:
        """Rewrap when the width changes, keeping the reading cursor on the same words."""
        if self.doc is not None and self.text_width() != self._width:
            self._relayout(self.place)
        else:
            self._scroll_to_cursor()

    def _more(self) -> bool:
        """Lay out one more top-level block; False when the document is done."""
        if self._complete or self._blocks is None:
            return False
        try:
            block_lines = next(self._blocks)
        except StopIteration:
            self._complete = True
            return False
        if block_lines:
            self._block_start.setdefault(block_lines[0].block, len(self.lines))
            for line in block_lines:
                self._block_start.setdefault(line.block, len(self.lines))
                self.lines.append(line)
        return True

    def _ensure_lines(self, count: int) -> None:
        while len(self.lines) < count and self._more():
            pass

    def _ensure_block(self, block: int) -> None:
        while (not self.lines or self.lines[-1].block < block) and self._more():
            pass

    def ensure_complete(self) -> None:
        """Lay out the whole document now."""
        while self._more():
            pass
        self._update_size()

    def _continue_layout(self, generation: int) -> None:
        """Lay out a slice in the background; again after the next refresh if not done."""
        if generation != self._generation or self._complete:
            return
        deadline = time.perf_counter() + SLICE_SECONDS
        while time.perf_counter() < deadline and self._more():
            pass
        self._update_size()
        if not self._complete:
            self.set_timer(0.001, lambda: self._continue_layout(generation))

    @property
    def complete(self) -> bool:
        """True once every line is laid out."""
        return self._complete

    def _update_size(self) -> None:
        height = len(self.lines)
        if not self._complete and self.doc is not None and self.lines:
            done = self.lines[-1].block + 1
            height = max(height, int(height * len(self.doc.blocks) / max(done, 1)))
        self.virtual_size = Size(self._width + GUTTER, height)

    def _find(self, place: Place) -> int:
        start = self._block_start.get(place.block)
        if start is None:
            return max(len(self.lines) - 1, 0) if place.block > 0 else 0
        index = start
        while (  # the blank line that opens a block is no place to read
            self.lines[index].kind == "blank"
            and index + 1 < len(self.lines)
            and self.lines[index + 1].block == place.block
        ):
            index += 1
        while (
            index + 1 < len(self.lines)
            and self.lines[index + 1].block == place.block
            and self.lines[index + 1].offset <= place.offset
        ):
            index += 1
        return index

    @property
    def place(self) -> Place:
        """The reading cursor's width-independent place."""
        if not self.lines:
            return Place(0, 0)
        line = self.lines[min(self.cursor, len(self.lines) - 1)]
        return Place(line.block, line.offset)

    def line_of(self, place: Place) -> int:
        """The line index of a place (laying out as far as needed)."""
        self._ensure_block(place.block + 1)
        return self._find(place)

    # -- moving the reading cursor ---------------------------------------------

    def move_to(self, line: int, center: bool = False) -> None:
        """Put the reading cursor on ``line`` (or the nearest text in the direction moved)."""
        self._ensure_lines(line + 2)
        line = min(max(line, 0), max(len(self.lines) - 1, 0))
        step = 1 if line >= self.cursor else -1
        # Blank lines are skipped: there is nothing on them to read.
        while 0 <= line + step < len(self.lines) and self.lines[line].kind == "blank":
            line += step
            self._ensure_lines(line + 2)
        moved = line != self.cursor
        self.cursor = line
        if self.selected_link is not None and self.selected_link[0] != line:
            self.selected_link = None
        self._scroll_to_cursor(center=center)
        self.refresh()
        if moved and self.article is not None:
            self.post_message(self.Moved(self.article.slug, self.place))

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
        """One line down or up."""
        self.move_to(self.cursor + step)

    def action_page(self, step: int) -> None:
        """One screen down or up, the view moving with the cursor."""
        height = max(self.scrollable_content_region.height - 1, 1)
        self._ensure_lines(self.cursor + height + 1)
        self.scroll_to(y=int(self.scroll_y) + step * height, animate=False, immediate=True)
        self.move_to(self.cursor + step * height)

    def action_edge(self, step: int) -> None:
        """The first or last line."""
        if step > 0:
            self.ensure_complete()
        self.move_to(0 if step < 0 else len(self.lines) - 1)

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
            self.say(f"Heading: {self.lines[index].text.lstrip('# ')}")
            return
        self.say("No more headings" if step > 0 else "No earlier heading")

    def go_to_heading(self, heading_index: int) -> bool:
        """Put the reading cursor on a heading (by its index in the document)."""
        for index in self._heading_starts(0, 1):
            if self.lines[index].heading == heading_index:
                self.move_to(index, center=True)
                return True
        return False

    def go_to_anchor(self, anchor: str) -> bool:
        """Put the reading cursor on the heading with this anchor."""
        heading = self.doc.heading_for_anchor(anchor) if self.doc else None
        return heading is not None and self.go_to_heading(heading.index)

    def action_about(self) -> None:
        """Jump to the article's review dates, authors and sources."""
        if self.doc is not None:
            for heading in reversed(self.doc.headings):
                if heading.text == END_HEADING and self.go_to_heading(heading.index):
                    return

    # -- links -----------------------------------------------------------------

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
                    self.say("No more links" if step > 0 else "No earlier link")
                    return
                index = -1 if step > 0 else len(self.lines[line].links)
                continue
            link_id = links[index][2]
            if link_id == current:  # the same link wrapped onto another line
                continue
            self.selected_link = (line, index)
            self.move_to(line)
            self.selected_link = (line, index)
            self.refresh()
            self.say(f"Link: {self._link_description(link_id)}")
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
            self.say("No link on this line. Press l for the next link.")
            return
        link = self.doc.links[link_id]
        self.post_message(self.FollowLink(self.article, link.href, link.text))

    # -- finding words ---------------------------------------------------------

    def first_match(self, terms: tuple[str, ...]) -> int | None:
        """The first line with a word starting with one of ``terms`` (search results)."""
        words = [re.escape(term) for term in terms if term]
        if not words:
            return None
        pattern = re.compile(r"\b(" + "|".join(words) + ")", re.IGNORECASE)
        self.ensure_complete()
        return next(
            (
                i
                for i, line in enumerate(self.lines)
                if line.kind != "blank" and pattern.search(line.text)
            ),
            None,
        )

    def match_lines(self) -> list[int]:
        """The lines holding the find text."""
        needle = self.find_text.casefold()
        if not needle:
            return []
        self.ensure_complete()
        return [i for i, line in enumerate(self.lines) if needle in line.text.casefold()]

    def find(self, text: str, step: int = 1, include_current: bool = True) -> None:
        """Mark ``text`` everywhere and move the reading cursor to the next match."""
        self.find_text = text
        self.refresh()
        self.action_find_next(step, include_current)

    def action_find_next(self, step: int = 1, include_current: bool = False) -> None:
        """The next (or previous) line holding the find text, wrapping around."""
        lines = self.match_lines()
        if not self.find_text:
            self.say("Nothing to find yet: press ctrl+f and type.")
            return
        if not lines:
            self.say(f"No match for '{self.find_text}'.")
            return
        if step > 0:
            after = [i for i in lines if i > self.cursor or (include_current and i == self.cursor)]
            target = after[0] if after else lines[0]
        else:
            before = [i for i in lines if i < self.cursor]
            target = before[-1] if before else lines[-1]
        self.move_to(target, center=True)
        found = self.lines[target].text.strip()
        self.say(f"Match {lines.index(target) + 1} of {len(lines)}: {found}")

    def action_find(self) -> None:
        """Open the find bar."""
        self.post_message(self.FindRequested())

    # -- other actions ---------------------------------------------------------

    def action_back(self) -> None:
        """Back to where the last link was followed from."""
        self.post_message(self.BackRequested())

    def action_contents(self) -> None:
        """Show the table of contents."""
        self.post_message(self.ContentsRequested())

    def action_bookmark(self) -> None:
        """Toggle a bookmark on the reading line."""
        if self.article is None or not self.lines or self.doc is None:
            return
        line = self.lines[self.cursor]
        heading = self.doc.headings[line.heading].text if line.heading >= 0 else ""
        self.post_message(
            self.BookmarkToggled(self.article, self.place, heading, line.text.strip())
        )

    def say(self, text: str) -> None:
        """Tell the reader something in words."""
        self.post_message(self.Status(text))

    @property
    def position_text(self) -> str:
        """ "line 12 of 140" (or "of about" while the layout is still going)."""
        about = "" if self._complete else "about "
        return f"line {self.cursor + 1} of {about}{max(self.virtual_size.height, 1)}"

    # -- drawing ---------------------------------------------------------------

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
            lines = [w for text in PLACEHOLDER for w in wrap_plain(text, max(width - GUTTER, 10))]
            text = lines[row] if row < len(lines) else ""
            return Strip([Segment(" " * GUTTER + text, base)]).adjust_cell_length(width, base)
        self._ensure_lines(row + 1)
        if row >= len(self.lines):
            return Strip.blank(width, base)
        line = self.lines[row]
        is_cursor = row == self.cursor
        style = base + self.get_component_rich_style("article--cursor") if is_cursor else base
        gutter = self.get_component_rich_style("article--gutter")
        mark = ">" if is_cursor else " "
        booked = "*" if Place(line.block, line.offset) in self.bookmarked else " "
        segments = [Segment(f"{mark}{booked} ", style + gutter + Style(bold=True))]
        selected = (
            self._link_id(*self.selected_link)
            if self.selected_link and self.selected_link[0] == row
            else None
        )
        text_segments = [
            Segment(segment.text, style + self._segment_style(line, segment, selected))
            for segment in line.segments
        ]
        if self.find_text:
            text_segments = self._mark_matches(line.text, text_segments)
        return Strip(segments + text_segments).adjust_cell_length(width, style)

    def _mark_matches(self, text: str, segments: list[Segment]) -> list[Segment]:
        """Show the find text in reverse video wherever it is on the line."""
        needle = self.find_text.casefold()
        haystack = text.casefold()
        marked = [False] * len(text)
        start = haystack.find(needle)
        while start >= 0 and len(haystack) == len(text):
            for index in range(start, start + len(needle)):
                marked[index] = True
            start = haystack.find(needle, start + len(needle))
        if not any(marked):
            return segments
        out: list[Segment] = []
        position = 0
        match = self.get_component_rich_style("article--match") + Style(reverse=True)
        for segment in segments:
            for char in segment.text:
                seg_style = segment.style + match if marked[position] else segment.style
                if out and out[-1].style == seg_style:
                    out[-1] = Segment(out[-1].text + char, seg_style)
                else:
                    out.append(Segment(char, seg_style))
                position += 1
        return out

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
