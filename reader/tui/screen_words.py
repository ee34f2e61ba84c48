"""What the main screen says in its title bar and status line, in the reader's language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.i18n import N_, _, ngettext
from reader.library.end_matter import spoken_date
from reader.tui.article_view import ArticleView
from reader.tui.item_list import ItemList
from reader.tui.pane_layout import PANES
from reader.tui.panes import TopicsPane

if TYPE_CHECKING:
    from reader.tui.main_screen import MainScreen

# The first line drawn at start names the key that switches screen-reader mode,
# so a screen-reader user hears it before anything else.
# Translators: {mode} and {help} are key names (F4, F2); "reader" is the app's name
TITLE = N_("{mode}: screen-reader mode. {help}: get help now. reader: mental-health information.")
# Translators: {mode} and {help} are key names (F4, F2); "reader" is the app's name
TITLE_READING = N_("Screen-reader mode ({mode} turns it off). {help}: get help now. reader.")


def title_words(screen: MainScreen) -> str:
    """The title bar's words: the open article's title and review date, or the app's."""
    views = screen.query(ArticleView)  # none yet while composing
    article = views.first().article if views else None
    if article is not None:
        if article.review_overdue():
            title = _("{title}. Reviewed {date}. REVIEW OVERDUE. {help}: get help now.")
        else:
            title = _("{title}. Reviewed {date}. {help}: get help now.")
        date = spoken_date(article.last_reviewed)
        return title.format(title=article.title, date=date, help="F2")
    if getattr(screen.app, "line_mode", False):
        return ""  # line mode's first line names the reader and its keys
    title = _(TITLE_READING if screen.screen_reader else TITLE).format(mode="F4", help="F2")
    settings = getattr(getattr(screen.app, "speaker", None), "settings", None)
    if screen.kiosk and getattr(settings, "allowed", False):
        # A visitor cannot bring a screen reader: the key that speaks, first.
        # Translators: {key} is the key that turns speech on and off (F5)
        speech = _("{key}: speech.").format(key="F5")
        return f"{speech} {title}"
    return title


def welcome_words(screen: MainScreen, notices: list[str] | None = None) -> str:
    """What the status line says at start: the topics, and the keys that help."""
    topics = screen.query_one(TopicsPane)
    # Translators: no topic is highlighted ("none selected")
    current = topics.current.text if topics.current else _("none")
    said = "".join(f"{notice} " for notice in notices or [])
    count = len(screen.library.topics)
    welcome = ngettext(
        "Topics: {count} topic, {current} selected. "
        "{enter} opens. {help}: get help now. {keys}: keys.",
        "Topics: {count} topics, {current} selected. "
        "{enter} opens. {help}: get help now. {keys}: keys.",
        count,
    )
    keys = {"enter": "Enter", "help": "F2", "keys": "?"}
    return said + welcome.format(count=count, current=current, **keys)


def opened_words(screen: MainScreen) -> str:
    """What the status line says when an article has opened ("" if none is open)."""
    view = screen.view
    if view.article is None or view.doc is None:
        return ""
    count = len(view.doc.headings)
    said = (
        ngettext(
            "Opened {title}, {count} section, {position}.",
            "Opened {title}, {count} sections, {position}.",
            count,
        )
        if view.whole
        else _("Opened {title}, {position}.")
    )
    title, position = view.article.title, view.position_text
    note = screen.library.fallback_note(view.article)  # not yet in this language
    said = said.format(title=title, count=count, position=position)
    return f"{said} {note}" if note else said


def list_words(pane: ItemList) -> str:
    """A pane's list as it is reached: "Help contacts: 9 items, Emergency, phone 113
    selected." ("" while it has no item)."""
    if pane.current is None or pane.id not in PANES:
        return ""
    count = sum(1 for item in pane.items if item.selectable)
    said = ngettext(
        "{pane}: {count} item, {current} selected.",
        "{pane}: {count} items, {current} selected.",
        count,
    )
    return said.format(pane=_(PANES[pane.id]), count=count, current=pane.current.text)
