"""The bookmarks screen: open one at its exact place, delete one, write a note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.library.loader import Library
from reader.library.places import Bookmark, when
from reader.tui.item_list import Item, ItemList
from reader.tui.screens.dialogs import NoteDialog

if TYPE_CHECKING:
    from reader.library.bookmarks import BookmarkStore


class BookmarksScreen(Screen[Bookmark | None]):
    """Every bookmark: article, heading, the line's words, note and when."""

    help_title = "Bookmarks"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("d,delete", "delete", "Delete"),
        Binding("n", "note", "Note"),
    ]

    def __init__(self, library: Library, store: BookmarkStore) -> None:
        super().__init__()
        self.library = library
        self.store = store

    def compose(self) -> ComposeResult:
        """Title, list, status, footer."""
        yield Static("Bookmarks", id="title-bar", markup=False)
        yield ItemList(id="bookmark-list")
        yield Static("", id="status", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the list and focus it."""
        self.refill(0)
        self.query_one(ItemList).focus()

    def refill(self, highlight: int) -> None:
        """Rebuild the list from the store."""
        items: list[Item] = []
        for bookmark in self.store.bookmarks():
            article = self.library.articles.get(bookmark.slug)
            title = article.title if article else f"{bookmark.slug} (article no longer available)"
            where = f" - {bookmark.heading}" if bookmark.heading else ""
            lines = [Text(f"{title}{where}", style="bold"), Text(f'  "{bookmark.snippet}"')]
            if bookmark.note:
                lines.append(Text(f"  Note: {bookmark.note}"))
            lines.append(Text(f"  Added {when(bookmark.created)}", style="italic"))
            details = [f"Note: {bookmark.note}"] if bookmark.note else []
            details.append(f"Added {when(bookmark.created)}")
            label = f"{title}{where}: {bookmark.snippet}"
            items.append(Item(lines, bookmark, label=label, details=details))
        if not items:
            items.append(
                Item(
                    [Text("No bookmarks yet. Press b on a line of an article to bookmark it.")],
                    selectable=False,
                )
            )
        with self.prevent(ItemList.Highlighted):  # the count below is what to say now
            self.query_one(ItemList).set_items(items, highlight)
        count = len(self.store.bookmarks())
        self.say(
            f"{count} bookmark{'s' if count != 1 else ''}. Enter opens, d deletes, "
            "n adds a note, Escape goes back."
        )

    def say(self, text: str) -> None:
        """Put words in the status line."""
        self.query_one("#status", Static).update(text)

    def on_item_list_highlighted(self, message: ItemList.Highlighted) -> None:
        """Say which bookmark is highlighted (read after j and k, which are no cursor keys)."""
        self.say(f"Bookmark: {message.row}")

    def _current(self) -> Bookmark | None:
        item = self.query_one(ItemList).current
        return item.data if item is not None and isinstance(item.data, Bookmark) else None

    def on_item_list_chosen(self, message: ItemList.Chosen) -> None:
        """Open the chosen bookmark."""
        message.stop()
        bookmark = message.item.data
        if isinstance(bookmark, Bookmark):
            if bookmark.slug not in self.library.articles:
                self.say("That article is no longer available.")
                return
            self.dismiss(bookmark)

    def action_delete(self) -> None:
        """Delete the highlighted bookmark."""
        bookmark = self._current()
        if bookmark is None:
            return
        index = self.query_one(ItemList).highlighted
        store = self.store

        def deleted(_: object, error: BaseException | None) -> None:
            if not self.is_attached:
                return
            self.refill(index)  # what is stored, whatever happened
            if error is not None:
                self.say(f"The bookmark was not deleted: {error}")
            else:
                self.say(f"Bookmark deleted: {bookmark.snippet[:60]}")

        self.app.save(lambda: store.remove(bookmark.id), deleted)

    def action_note(self) -> None:
        """Write a note on the highlighted bookmark."""
        bookmark = self._current()
        if bookmark is None:
            return
        index = self.query_one(ItemList).highlighted

        def save(note: str | None) -> None:
            if note is not None:
                store = self.store

                def saved(_: object, error: BaseException | None) -> None:
                    if not self.is_attached:
                        return
                    self.refill(index)
                    if error is not None:
                        self.say(f"The note was not saved: {error}")
                    else:
                        self.say("Note saved." if note.strip() else "Note removed.")

                self.app.save(lambda: store.set_note(bookmark.id, note), saved)
            self.query_one(ItemList).focus()

        self.app.push_screen(NoteDialog(bookmark.note), save)

    def action_close(self) -> None:
        """Back to reading."""
        self.dismiss(None)
