"""The bookmarks screen: open one at its exact place, delete one, write a note."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from reader.i18n import N_, _, ngettext
from reader.library.loader import Library
from reader.library.places import Bookmark, when
from reader.tui.item_list import Item, ItemList
from reader.tui.key_bar import KeyBar
from reader.tui.screens.dialogs import NoteDialog
from reader.tui.speaking import announce

if TYPE_CHECKING:
    from reader.library.bookmarks import BookmarkStore


class BookmarksScreen(Screen[Bookmark | None]):
    """Every bookmark: article, heading, the line's words, note and when."""

    help_title = N_("Bookmarks")
    BINDINGS = [
        Binding("escape,backspace", "close", N_("Back")),
        Binding("d,delete", "delete", N_("Delete")),
        # Translators: a key's description: write a note on the highlighted bookmark
        Binding("n", "note", N_("Note")),
    ]

    def __init__(self, library: Library, store: BookmarkStore) -> None:
        super().__init__()
        self.library = library
        self.store = store

    def compose(self) -> ComposeResult:
        """Title, list, status, footer."""
        yield Static(_("Bookmarks"), id="title-bar", markup=False)
        yield ItemList(id="bookmark-list")
        yield Static("", id="status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        """Fill the list and focus it."""
        self.refill(0)
        self.query_one(ItemList).focus()

    def refill(self, highlight: int, done: str = "") -> None:
        """Rebuild the list from the store; the status says ``done`` (what just happened)
        before the count, in one sentence run: said once, the answer first."""
        items: list[Item] = []
        for bookmark in self.store.bookmarks():
            article = self.library.articles.get(bookmark.slug)
            title = (
                article.title
                if article
                else _("{slug} (article no longer available)").format(slug=bookmark.slug)
            )
            where = f" - {bookmark.heading}" if bookmark.heading else ""
            # Translators: a bookmark's note, in the list of bookmarks
            note = _("Note: {note}").format(note=bookmark.note) if bookmark.note else ""
            # Translators: when a bookmark was made, e.g. "Added 27 November 2026, 14:03"
            added = _("Added {when}").format(when=when(bookmark.created))
            lines = [Text(f"{title}{where}", style="bold"), Text(f'  "{bookmark.snippet}"')]
            if note:
                lines.append(Text(f"  {note}"))
            lines.append(Text(f"  {added}", style="italic"))
            details = [note] if note else []
            details.append(added)
            label = f"{title}{where}: {bookmark.snippet}"
            items.append(Item(lines, bookmark, label=label, details=details))
        if not items:
            items.append(
                Item(
                    [
                        Text(
                            _(
                                "No bookmarks yet. Press {key} on a line of an article "
                                "to bookmark it."
                            ).format(key="b")
                        )
                    ],
                    selectable=False,
                )
            )
        with self.prevent(ItemList.Highlighted):  # the count below is what to say now
            self.query_one(ItemList).set_items(items, highlight)
        count = len(self.store.bookmarks())
        keys = _("{enter} opens, {delete} deletes, {note} adds a note, {back} goes back.").format(
            enter="Enter", delete="d", note="n", back="Escape"
        )
        counted = ngettext("{count} bookmark.", "{count} bookmarks.", count).format(count=count)
        self.say(f"{done} {counted} {keys}".strip())

    def say(self, text: str) -> None:
        """Put words in the status line."""
        self.query_one("#status", Static).update(text)
        announce(self, text)

    def on_item_list_highlighted(self, message: ItemList.Highlighted) -> None:
        """Say which bookmark is highlighted (read after j and k, which are no cursor keys)."""
        row = message.row
        bookmark = message.item.data
        kiosk = getattr(getattr(self.app, "kiosk", None), "enabled", False)
        if kiosk and isinstance(bookmark, Bookmark) and bookmark.note and bookmark.note in row:
            # A public terminal may be speaking aloud: a visitor's note is seen, never said.
            row = _("a note (not read out at a public terminal)")
        # Translators: said when a bookmark is highlighted, before its words
        self.say(_("Bookmark: {row}").format(row=row))

    def _current(self) -> Bookmark | None:
        item = self.query_one(ItemList).current
        return item.data if item is not None and isinstance(item.data, Bookmark) else None

    def on_item_list_chosen(self, message: ItemList.Chosen) -> None:
        """Open the chosen bookmark."""
        message.stop()
        bookmark = message.item.data
        if isinstance(bookmark, Bookmark):
            if bookmark.slug not in self.library.articles:
                self.say(_("That article is no longer available."))
                return
            self.dismiss(bookmark)

    def action_delete(self) -> None:
        """Delete the highlighted bookmark."""
        bookmark = self._current()
        if bookmark is None:
            return
        index = self.query_one(ItemList).highlighted
        store = self.store

        def deleted(_result: object, error: BaseException | None) -> None:
            if not self.is_attached:
                return
            if error is not None:
                done = _("The bookmark was not deleted: {error}").format(error=error)
            else:
                done = _("Bookmark deleted: {snippet}").format(snippet=bookmark.snippet[:60])
            self.refill(index, done)  # what is stored, whatever happened

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

                def saved(_result: object, error: BaseException | None) -> None:
                    if not self.is_attached:
                        return
                    if error is not None:
                        done = _("The note was not saved: {error}").format(error=error)
                    else:
                        done = _("Note saved.") if note.strip() else _("Note removed.")
                    self.refill(index, done)

                self.app.save(lambda: store.set_note(bookmark.id, note), saved)
            self.query_one(ItemList).focus()

        self.app.push_screen(NoteDialog(bookmark.note), save)

    def action_close(self) -> None:
        """Back to reading."""
        self.dismiss(None)
