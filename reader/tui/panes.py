"""The topic list and the help contacts: the panes beside the article."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from reader.i18n import N_, _, ngettext
from reader.library.contacts import Contacts
from reader.library.loader import Library
from reader.library.models import Contact
from reader.tui.item_list import Item, ItemList

EXPANDED_LIMIT = 200  # articles: a larger library starts with its topics closed


class TopicsPane(ItemList):
    """Topics with their articles; topics expand and collapse by key."""

    help_title = N_("Topics")
    BINDINGS = [
        Binding("right,plus", "expand(True)", N_("Expand topic"), show=False),
        Binding("left,minus", "expand(False)", N_("Collapse topic"), show=False),
    ]

    class ArticleChosen(Message):
        """An article was chosen in the topic list."""

        def __init__(self, slug: str) -> None:
            super().__init__()
            self.slug = slug

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.collapsed: set[str] = self.first_collapsed()
        self.open_slug = ""

    def first_collapsed(self) -> set[str]:
        """The topics closed at start: none, unless the library is too large to list
        whole (thousands of titles to scroll past, and to lay out before the first frame)."""
        if len(self.library.articles) <= EXPANDED_LIMIT:
            return set()
        return {topic.id for topic in self.library.topics}

    def on_mount(self) -> None:
        """Fill the list."""
        self.rebuild()

    @property
    def summary(self) -> str:
        """What the pane holds, in words: "8 topics, 12 articles"."""
        topics = {t.id for t in self.library.topics}
        articles = sum(1 for a in self.library.articles.values() if a.topic in topics)
        count = len(self.library.topics)
        topics_said = ngettext("{count} topic", "{count} topics", count).format(count=count)
        articles_said = ngettext("{count} article", "{count} articles", articles)
        return f"{topics_said}, {articles_said.format(count=articles)}"

    def rebuild(self, highlight: object = None) -> None:
        """Rebuild the rows from the library and the expanded state."""
        items: list[Item] = []
        # Translators: an article in the topic list that is open now
        open_title = _("{title} (open)")
        in_topic, open_in_topic = _("{title} (article)"), _("{title} (article, open)")
        for topic in self.library.topics:
            articles = self.library.articles_in(topic.id)
            closed = topic.id in self.collapsed
            sign = "+" if closed else "-"
            label = f"[{sign}] {topic.title} ({len(articles)})"
            # The sign leads the words read, so the one character a screen reader
            # speaks after Left or Right (tdsr) is the new state: "plus" or "minus".
            if closed:
                # Translators: {sign} is + or - and stays first: a screen reader says it first
                said = ngettext(
                    "{sign} {title} (topic, {count} article, collapsed)",
                    "{sign} {title} (topic, {count} articles, collapsed)",
                    len(articles),
                )
            else:
                # Translators: {sign} is + or - and stays first: a screen reader says it first
                said = ngettext(
                    "{sign} {title} (topic, {count} article, expanded)",
                    "{sign} {title} (topic, {count} articles, expanded)",
                    len(articles),
                )
            said = said.format(sign=sign, title=topic.title, count=len(articles))
            items.append(Item([Text(label, style="bold")], ("topic", topic.id), label=said))
            if not closed:
                for article in articles:
                    title, said = article.title, in_topic
                    if article.slug == self.open_slug:
                        title, said = open_title.format(title=title), open_in_topic
                    items.append(
                        Item(
                            [Text(f"    {title}")],
                            ("article", article.slug),
                            label=said.format(title=article.title),
                        )
                    )
        index = next((i for i, item in enumerate(items) if item.data == highlight), None)
        self.set_items(items, index)

    def mark_open(self, slug: str) -> None:
        """Show which article is open, and put the highlight on it."""
        self.open_slug = slug
        article = self.library.articles.get(slug)
        if article is not None:
            self.collapsed.discard(article.topic)
        self.rebuild(("article", slug))

    def action_expand(self, expand: bool) -> None:
        """Expand or collapse the highlighted topic (or the article's topic)."""
        item = self.current
        if item is None:
            return
        kind, key = item.data
        topic = key if kind == "topic" else self.library.articles[key].topic
        if expand:
            self.collapsed.discard(topic)
        else:
            self.collapsed.add(topic)
        self.rebuild(("topic", topic))

    def on_item_list_chosen(self, message: ItemList.Chosen) -> None:
        """Enter: toggle a topic, open an article."""
        message.stop()
        kind, key = message.item.data
        if kind == "topic":
            self.action_expand(key in self.collapsed)
        else:
            self.post_message(self.ArticleChosen(key))


class ContactsPane(ItemList):
    """Help contacts for the region: emergency numbers first, then the open topic's."""

    help_title = N_("Help contacts")

    def __init__(self, contacts: Contacts, region: str | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.contacts = contacts
        self.contacts_region = region
        self.topic: str | None = None

    def on_mount(self) -> None:
        """Fill the list."""
        self.show_topic(None)

    @property
    def summary(self) -> str:
        """What the pane holds, in words: "Norway, International, 9 contacts"."""
        groups = self.contacts.select(self.contacts_region, self.topic)
        count = sum(len(group.contacts) for group in groups)
        names = ", ".join(group.name for group in groups)
        if not groups:
            # Translators: no help contacts in this pane
            return _("none")
        said = ngettext("{groups}, {count} contact", "{groups}, {count} contacts", count)
        return said.format(groups=names, count=count)

    def show_topic(self, topic: str | None) -> None:
        """Order the contacts for an article's topic."""
        self.topic = topic
        items: list[Item] = []
        for group in self.contacts.select(self.contacts_region, topic):
            items.append(
                Item(
                    [Text(group.name, style="bold underline")],
                    selectable=False,
                    style="item-list--heading",
                )
            )
            items.extend(contact_item(contact) for contact in group.contacts)
        if not items:
            items.append(
                Item(
                    [
                        Text(
                            _(
                                "No contacts configured. In an emergency, call your "
                                "local emergency number."
                            )
                        )
                    ]
                )
            )
        # Reordered for an article that opened: not a move in the list, nothing to say.
        with self.prevent(ItemList.Highlighted):
            self.set_items(items, 0)


def contact_item(contact: Contact) -> Item:
    """A contact as a list item: name, ways to reach it, purpose, hours."""
    title = Text()
    if contact.emergency:
        # Translators: before an emergency contact's name, in capitals as a warning
        title.append(_("EMERGENCY") + " ", style="bold reverse")
    title.append(contact.organisation, style="bold")
    lines = [title, *(Text(f"{name}: {value}") for name, value in contact.ways())]
    lines += [Text(contact.purpose), Text(contact.details())]
    ways = contact.ways()
    reach = f"{ways[0][0].lower()} {ways[0][1]}" if ways else ""
    # Short, so the number stays on the first row even at 40 columns.
    label = f"{contact.organisation}, {reach}"
    if contact.emergency and "emergency" not in contact.organisation.lower():
        label = _("Emergency: {contact}").format(contact=label)
    # Read a row at a time: name and number first, then each other way, purpose, hours.
    details = [f"{name}: {value}" for name, value in ways[1:]]
    details += [contact.purpose, contact.details()]
    return Item(lines, contact, label=label, details=details)
