"""Screens that are one list: the table of contents and the key help."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap
from textual.containers import Vertical
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from reader.document.model import Document
from reader.i18n import N_, _
from reader.tui.item_list import Item, ItemList

if TYPE_CHECKING:
    from reader.tui.main_screen import MainScreen


class ContentsScreen(ModalScreen[int | None]):
    """The article's headings; Enter jumps to one."""

    help_title = N_("Table of contents")
    BINDINGS = [Binding("escape,t,backspace", "close", N_("Close"))]

    def __init__(self, title: str, doc: Document, current: int) -> None:
        super().__init__()
        self.title_text = title
        self.doc = doc
        self.current = current

    def compose(self) -> ComposeResult:
        """A title and the list of headings."""
        with Vertical(classes="dialog tall"):
            self.spoken_title = _("Contents of {title}").format(title=self.title_text)
            yield Static(self.spoken_title, classes="dialog-title", markup=False)
            yield ItemList(id="contents")

    def on_mount(self) -> None:
        """Fill the list and highlight the current section."""
        items = [
            Item(
                [Text("  " * (heading.level - 1) + heading.text)],
                heading.index,
                # Translators: said by a screen reader for a heading in the table of contents
                label=_("Heading level {level}: {heading}").format(
                    level=heading.level, heading=heading.text
                ),
            )
            for heading in self.doc.headings
        ]
        contents = self.query_one(ItemList)
        contents.set_items(items, max(self.current, 0))
        contents.focus()

    def on_item_list_chosen(self, message: ItemList.Chosen) -> None:
        """Jump to the chosen heading."""
        message.stop()
        self.dismiss(message.item.data)

    def action_close(self) -> None:
        """Close without jumping."""
        self.dismiss(None)


def key_sections(screen: Screen, app_node: DOMNode) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every binding reachable on ``screen``, grouped by the widget that owns it.

    Built from the bindings themselves, so the help can never go stale. Titles
    (``help_title``) and descriptions are marked with ``N_`` where they are defined
    and translated here, when the help is shown.
    """
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    seen: set[type] = set()
    nodes: list[DOMNode] = [*screen.query("*"), screen, app_node]
    for node in nodes:
        if type(node) in seen:
            continue
        seen.add(type(node))
        title = getattr(node, "help_title", None)
        if node is app_node:
            # Translators: heading in the key help over the keys that work on every screen
            title = N_("Everywhere")
        if not title:
            continue
        rows = _rows(node._bindings, app_node)
        if rows:
            sections.append((_(title), rows))
    return sections


def _rows(bindings: BindingsMap, app_node: DOMNode) -> list[tuple[str, str]]:
    grouped: dict[tuple[str, str], list[str]] = {}
    for _key, binding in bindings:
        if not binding.description or binding.system:
            continue
        keys = grouped.setdefault((binding.action, binding.description), [])
        display = app_node.get_key_display(binding)  # type: ignore[attr-defined]
        if display not in keys:
            keys.append(display)
    return [(", ".join(keys), _(description)) for (_action, description), keys in grouped.items()]


def show_contents(main: MainScreen) -> None:
    """The open article's table of contents over ``main``; Enter jumps to a heading."""
    view = main.view
    if view.article is None or view.doc is None:
        return
    doc, current = view.doc, view.lines[view.cursor].heading if view.lines else 0

    def jump(heading: int | None) -> None:
        if heading is not None and view.go_to_heading(heading):
            main.say(_("Heading: {heading}").format(heading=doc.headings[heading].text))
        view.focus()

    main.app.push_screen(ContentsScreen(view.article.title, doc, current), jump)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen below, generated from its bindings."""

    help_title = N_("Keys")
    BINDINGS = [Binding("escape,question_mark,f1,backspace", "close", N_("Close"))]

    def __init__(self, below: Screen) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        """A title and the list of keys."""
        with Vertical(classes="dialog tall"):
            self.spoken_title = _("Keys ({key} closes)").format(key="Escape")
            yield Static(self.spoken_title, classes="dialog-title", markup=False)
            yield ItemList(id="keys")

    def on_mount(self) -> None:
        """List every key of the screen below, by where it works."""
        lists = self.query(ItemList)
        if not lists:
            return  # closed before it was shown
        items: list[Item] = []
        for title, rows in key_sections(self.below, self.app):
            items.append(
                Item(
                    [Text(title, style="bold underline")],
                    selectable=False,
                    style="item-list--heading",
                )
            )
            width = max(len(keys) for keys, _description in rows)
            items.extend(
                Item([Text(f"{keys.ljust(width)}  {description}")], label=f"{description}: {keys}")
                for keys, description in rows
            )
        keys = lists.first()
        keys.set_items(items, 1)
        keys.focus()

    def action_close(self) -> None:
        """Back to where help was asked for."""
        self.dismiss(None)
