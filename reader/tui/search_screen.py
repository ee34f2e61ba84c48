"""Search across all articles as you type; crisis contacts first when a query needs them."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.i18n import N_, _, ngettext
from reader.library.loader import Library
from reader.library.models import Contact
from reader.library.search import Results, SearchIndex, crisis_answer
from reader.tui.contact_card import ContactCard
from reader.tui.forget import let_go_of_worker
from reader.tui.item_list import Item, ItemList
from reader.tui.key_bar import KeyBar
from reader.tui.panes import contact_item
from reader.tui.speaking import announce


@dataclass(frozen=True)
class Found:
    """The article chosen from the results, and the words to look for in it."""

    slug: str
    terms: tuple[str, ...]


def marked(snippet: str) -> Text:
    """A snippet with its [matches] in bold as well as in brackets."""
    plain = Text("  ")
    inside = False
    for char in snippet:
        if char in "[]":
            inside = char == "["
            plain.append(char, style="bold")
        else:
            plain.append(char, style="bold underline" if inside else "")
    return plain


class SearchScreen(Screen[Found | None]):
    """A search field over a list of results."""

    # Translators: the heading of the search screen's keys in the list of keys
    help_title = N_("Search")
    BINDINGS = [
        # Translators: key help and footer: close the search, back to reading
        Binding("escape", "close", N_("Back")),
        Binding("down", "results", N_("To the results"), show=False),
        Binding("slash,backspace", "field", N_("To the search field"), show=False),
    ]

    def __init__(
        self, library: Library, index: SearchIndex | None, region: str | None, screen_reader: bool
    ) -> None:
        super().__init__()
        self.library = library
        self.index = index
        self.contacts_region = region
        self.screen_reader = screen_reader
        self.results: Results | None = None
        self._query = ""

    def compose(self) -> ComposeResult:
        """Title, field, results, status, footer."""
        self.spoken_title = _("Search: type what you are looking for, in your own words.")
        yield Static(self.spoken_title, id="title-bar", markup=False)
        # Translators: shown in the empty search field: an example of a search
        example = _("for example: can't sleep")
        yield Input(placeholder=example, id="query", max_length=3000)
        yield ItemList(id="results")
        yield Static("", id="status", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        """Focus the field; follow the index as it is built (or fails)."""
        field = self.query_one(Input)
        field.cursor_blink = not self.screen_reader
        field.focus()
        self.show("")

    def set_index(self, index: SearchIndex | None) -> None:
        """The index is ready, or could not be built (it is built off the UI thread)."""
        self.index = index
        self.show(self.query_one(Input).value)

    def say(self, text: str) -> None:
        """Words in the status line."""
        self.query_one("#status", Static).update(text)
        announce(self, text)

    def on_input_changed(self, event: Input.Changed) -> None:
        """Search as the reader types."""
        self.show(event.value)

    def show(self, query: str) -> None:
        """Crisis help at once, whatever the index's state; articles from a worker."""
        answer = crisis_answer(self.library, query, self.contacts_region)
        if answer.crisis or self.index is None or not query.strip():
            # Nothing to look for: what to type is said at once, with the screen's title.
            self.list_results(answer)
        if self.index is None:
            error = getattr(self.app, "index_error", "")
            self.say(self._not_ready(error, answer.crisis))
            return
        if not query.strip():
            return
        # The query is read by the worker, not handed to it: a worker outlives its
        # screen, and at a kiosk nothing may keep a visitor's words.
        self._query = query
        self.run_worker(
            self._search, thread=True, exclusive=True, group="search", exit_on_error=False
        )

    @staticmethod
    def _not_ready(error: str, crisis: bool) -> str:
        """Why no articles are listed (the index is not built), in whole sentences."""
        if error and crisis:
            # Translators: {error} says why the search failed; {key} is a key name ("F2")
            text = _(
                "Help contacts first. Searching articles is not available: {error}. "
                "{key}: get help now."
            )
        elif error:
            # Translators: {error} says why the search failed; {key} is a key name ("F2")
            text = _("Searching articles is not available: {error}. {key}: get help now.")
        elif crisis:
            # Translators: {key} is a key name ("F2")
            text = _(
                "Help contacts first. The search is still being prepared; articles appear "
                "as soon as it is. {key}: get help now."
            )
        else:
            # Translators: {key} is a key name ("F2")
            text = _(
                "The search is still being prepared; articles appear as soon as it is. "
                "{key}: get help now."
            )
        return text.format(error=error, key="F2")

    def _search(self) -> None:
        """In a worker thread: typing never waits for a query."""
        try:
            if self.index is None:
                return
            results = self.index.search(self._query, region=self.contacts_region)
            if not get_current_worker().is_cancelled:
                self.app.call_from_thread(self.list_results, results)
        finally:
            let_go_of_worker()

    def on_unmount(self) -> None:
        """Closed: let go of the words searched for."""
        self._query = ""
        self.results = None

    def list_results(self, results: Results) -> None:
        """Show what a query found (if it is still the query in the field)."""
        query = results.query
        if not self.is_attached or query != self.query_one(Input).value:
            return  # the reader has typed on since
        self.results = results
        items: list[Item] = []
        if results.crisis:
            items.append(
                Item(
                    [
                        Text(
                            _("Help now: you do not have to face this alone"),
                            style="bold underline",
                        )
                    ],
                    selectable=False,
                    style="item-list--heading",
                )
            )
            items.extend(contact_item(contact) for contact in results.crisis_contacts)
        if results.hits:
            items.append(
                Item(
                    [
                        Text(
                            # Translators: heading over the articles found, with their number
                            _("Articles ({count})").format(count=len(results.hits)),
                            style="bold underline",
                        )
                    ],
                    selectable=False,
                    style="item-list--heading",
                )
            )
        for hit in results.hits:
            topic = self.library.topic(hit.topic)
            items.append(
                Item(
                    [
                        Text(hit.title, style="bold"),
                        Text(f"  {topic.title if topic else hit.topic}", style="italic"),
                        marked(hit.snippet),
                    ],
                    Found(hit.slug, results.terms),
                    # Translators: a search result, as a screen reader says it
                    label=_("{title}, in {topic}").format(
                        title=hit.title, topic=topic.title if topic else hit.topic
                    ),
                    details=[hit.snippet],
                )
            )
        self.query_one(ItemList).set_items(items, 0)
        if self.index is None:
            return  # the status says why there are no articles yet
        count, words = len(results.hits), query.strip()
        if not words:
            # Translators: {down} and {enter} are key names ("Down", "Enter")
            text = _("Type a few words. {down} moves to the results, {enter} opens the first.")
            self.say(text.format(down="Down", enter="Enter"))
        elif results.crisis:
            # The English says "articles" whatever the count (as it always has); a
            # language with other forms for other counts gives them in its catalog.
            # Translators: {key} is a key name ("Down")
            text = ngettext(
                "Help contacts first, then {count} articles. {key} moves to them.",
                "Help contacts first, then {count} articles. {key} moves to them.",
                count,
            )
            self.say(text.format(count=count, key="Down"))
        elif count:
            # Translators: {key} is a key name ("Down")
            text = ngettext(
                '{count} article for "{query}". {key} moves to it.',
                '{count} articles for "{query}". {key} moves to them.',
                count,
            )
            self.say(text.format(count=count, query=words, key="Down"))
        else:
            self.say(_('No articles for "{query}". Try other words.').format(query=words))

    def on_input_submitted(self) -> None:
        """Enter in the field opens the first article found; in an empty field it goes
        back (a plain key for Escape); with nothing found it says so."""
        if self.app.screen is not self:
            return  # closed already (F2 before this Enter was handled)
        if self.results and self.results.hits:
            hit = self.results.hits[0]
            self.dismiss(Found(hit.slug, self.results.terms))
        elif not self.query_one(Input).value.strip():
            self.dismiss(None)
        elif self.results and self.results.crisis:
            self.query_one(ItemList).focus()  # the help contacts found
        else:
            said = _("No articles to open. Type other words, or {key} for help contacts.")
            self.say(said.format(key="F2"))

    def on_item_list_highlighted(self, message: ItemList.Highlighted) -> None:
        """Say which result is highlighted, once the reader is in the results."""
        if message.item_list.has_focus:
            # Translators: said when a search result is highlighted, before its words
            self.say(_("Result: {row}").format(row=message.row))

    def on_item_list_chosen(self, message: ItemList.Chosen) -> None:
        """Open an article at its first match, or a contact's card."""
        message.stop()
        data = message.item.data
        if isinstance(data, Found):
            self.dismiss(data)
        elif isinstance(data, Contact):
            self.app.push_screen(ContactCard(data, self.screen_reader))

    def action_results(self) -> None:
        """Down from the field: into the results."""
        results = self.query_one(ItemList)
        if results.items:
            results.focus()

    def action_field(self) -> None:
        """Back to the field."""
        self.query_one(Input).focus()

    def action_close(self) -> None:
        """Back to reading."""
        self.dismiss(None)
