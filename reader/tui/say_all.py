"""Say all: the open article read aloud from the reading line, the line moving along.

One block (a paragraph, a heading, a list item) is one utterance; the reading
line moves through the block's lines as they are about to be said, by the time
the words take at the speech rate (the protocol tells nothing back), and on to
the next block when this one is said. Any key stops it (the speaker's ``key``).
Plain event-loop timers: a Textual timer's event would repaint the screen, and
only the reading line's rows may be redrawn while it reads.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import TYPE_CHECKING

from reader.i18n import _
from reader.library.end_matter import END_HEADING
from reader.speech.protocol import seconds_to_say

if TYPE_CHECKING:
    from reader.document.layout import Line
    from reader.document.lines import LineLayout
    from reader.tui.article_view import ArticleView
    from reader.tui.speaking import Speaker


def line_words(line: Line) -> str:
    """A line's words as spoken: a heading without its drawn "##" mark."""
    text = line.text.strip()
    return text.lstrip("#").strip() if line.kind == "heading" else text


# Per layout: how many lines were searched, and where the end matter begins (if found).
# Lines are only ever added to a layout (a new width is a new layout), so each line is
# looked at once: no scan of a long article on every key.
_END_MATTER: weakref.WeakKeyDictionary[LineLayout, tuple[int, int | None]] = (
    weakref.WeakKeyDictionary()
)


def end_matter_line(view: ArticleView) -> int | None:
    """The line where the end matter begins (its words are the interface's, not the
    article's), if it is laid out yet."""
    layout = view.laid_out
    searched, found = _END_MATTER.get(layout, (0, None))
    if found is None:
        heading = _(END_HEADING)
        lines = layout.lines
        found = next(
            (
                number
                for number in range(len(lines) - 1, searched - 1, -1)
                if lines[number].kind == "heading" and line_words(lines[number]) == heading
            ),
            None,
        )
        _END_MATTER[layout] = (len(lines), found)
    return found


class SayAll:
    """Reads one article aloud, block by block, until stopped or at its end."""

    def __init__(self, speaker: Speaker) -> None:
        self.speaker = speaker
        self.view: ArticleView | None = None
        self.active = False
        self._handles: list[asyncio.TimerHandle] = []

    def start(self, view: ArticleView, said: str = "") -> None:
        """Read from the reading line; a first block that is in ``said`` is not said again."""
        self.stop()
        self.view, self.active = view, True
        lines = view.block_from(view.cursor)
        if lines and said and self._words(lines) in said:
            self._after(lines)  # the title, just said as "Opened ..."
        else:
            self._read(view.cursor)

    def stop(self) -> None:
        """No more of the article."""
        self.active = False
        for handle in self._handles:
            handle.cancel()
        self._handles.clear()

    def _words(self, lines: list[int]) -> str:
        assert self.view is not None
        return " ".join(line_words(self.view.lines[n]) for n in lines).strip()

    def _read(self, line: int) -> None:
        view = self.view
        if not self.active or view is None or view.article is None:
            return
        lines = view.block_from(line)
        if not lines:
            self.active = False
            self.speaker.speak(_("End of the article."), self.speaker.text_language(None))
            return
        words = self._words(lines)
        lang = self.speaker.text_language(view, lines[0])
        self.speaker.speak(words, lang)
        self._move(lines[0])
        loop = asyncio.get_running_loop()
        total = seconds_to_say(words, self.speaker.rate)
        said = 0
        self._handles = []
        for number in lines[1:]:  # each line when the words before it are said
            said += len(line_words(view.lines[number - 1])) + 1
            at = total * said / max(len(words), 1)
            self._handles.append(loop.call_later(at, self._move, number))
        self._handles.append(loop.call_later(total, self._after, lines))

    def _move(self, line: int) -> None:
        if self.active and self.view is not None:
            self.view.move_to(line)
            self.speaker.moved(self.view)

    def _after(self, lines: list[int]) -> None:
        """The block is said: the next one (blank lines are skipped)."""
        view = self.view
        if not self.active or view is None:
            return
        following = lines[-1] + 1
        while following < len(view.lines) and view.lines[following].kind == "blank":
            following += 1
            view.block_from(following)  # lays out more lines as needed
        self._read(following)
