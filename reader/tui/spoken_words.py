"""What the talking kiosk says of the screen: the focused item, a new screen, an utterance."""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from reader.i18n import _
from reader.tui.article_view import ArticleView
from reader.tui.item_list import ItemList
from reader.tui.say_all import line_words

Part = tuple[str, str]  # (words, language)


def private_input(widget: Widget, kiosk: bool) -> bool:
    """A field whose contents are never spoken: a PIN, or (at a kiosk) a bookmark note."""
    return isinstance(widget, Input) and (widget.password or (kiosk and widget.id == "note"))


def focus_words(widget: Widget | None, kiosk: bool) -> str:
    """The focused item whole: a list's row, the article's reading line, a question."""
    if isinstance(widget, ItemList):
        current = widget.current
        return current.text if current is not None else ""
    if isinstance(widget, ArticleView):
        if widget.article is None or not widget.lines:
            return ""
        return line_words(widget.lines[min(widget.cursor, len(widget.lines) - 1)])
    if isinstance(widget, Input):
        if private_input(widget, kiosk):
            return ""
        return widget.value or widget.placeholder
    if isinstance(widget, Static) and widget.can_focus:
        content = widget.content
        return content.plain if isinstance(content, Text) else str(content)
    return ""


def whole_words(widget: Widget | None, kiosk: bool) -> list[str]:
    """Everything the focused widget holds, a line each: a list's items (and its group
    headings), or the article's next screenful from the reading line, which moves to its
    last line (so the same key goes on from there)."""
    if isinstance(widget, ItemList):
        return [item.text for item in widget.items]
    if isinstance(widget, ArticleView) and widget.article is not None and widget.lines:
        height = max(widget.scrollable_content_region.height, 1)
        start = widget.cursor
        widget.block_from(start + height)  # laid out that far
        last = min(start + height - 1, len(widget.lines) - 1)
        words = [line_words(widget.lines[n]) for n in range(start, last + 1)]
        widget.move_to(last)
        if last == len(widget.lines) - 1 and widget.complete:
            words.append(_("End of the article."))
        return [text for text in words if text]
    words = focus_words(widget, kiosk)
    return [words] if words else []


def screen_words(screen: Screen[object]) -> str:
    """A new screen's words: its question or title (``spoken_title``), else its name."""
    if hasattr(screen, "spoken_title"):  # "" says nothing (line mode's main screen)
        return str(screen.spoken_title)
    title = getattr(screen, "help_title", "")
    return _(title) if title else ""


def without_repeats(parts: list[Part]) -> list[Part]:
    """Drop words already said within longer words of the same utterance."""
    kept: list[Part] = []
    for n, (words, lang) in enumerate(parts):
        inside = any(
            words in other and (len(other) > len(words) or m < n)
            for m, (other, _lang) in enumerate(parts)
            if m != n
        )
        if words and not inside:
            kept.append((words, lang))
    return kept


def joined(parts: list[Part]) -> list[Part]:
    """One utterance per language: the parts in a row, each ending as a sentence does."""
    runs: list[Part] = []
    for words, lang in parts:
        words = words.strip()
        if words and words[-1] not in ".!?:;,…":
            words += "."
        if runs and runs[-1][1] == lang:
            runs[-1] = (f"{runs[-1][0]} {words}", lang)
        elif words:
            runs.append((words, lang))
    return runs


def printed(parts: list[Part]) -> str:
    """An utterance as line mode prints it: the parts as sentences, the last one exactly
    as it is (an article's line is printed as it stands, for a braille display too)."""
    if not parts:
        return ""
    *before, (last, _lang) = parts
    return " ".join([*(words for words, _lang in joined(before)), last.strip()]).strip()
