"""Finding words in the article view: search results' first match and ctrl+f."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style

from reader.document.cells import graphemes
from reader.i18n import _

if TYPE_CHECKING:
    from reader.tui.article_view import ArticleView

    _Base = ArticleView
else:
    _Base = object


class ArticleFind(_Base):
    """Mixin for :class:`ArticleView`: find text, move to matches, mark them."""

    find_text: str

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
            # Translators: {key} is a key name ("ctrl+f")
            self.say(_("Nothing to find yet: press {key} and type.").format(key="ctrl+f"))
            return
        if not lines:
            self.say(_("No match for '{text}'.").format(text=self.find_text))
            return
        if step > 0:
            after = [i for i in lines if i > self.cursor or (include_current and i == self.cursor)]
            target = after[0] if after else lines[0]
        else:
            before = [i for i in lines if i < self.cursor]
            target = before[-1] if before else lines[-1]
        self.move_to(target, center=True)
        found = self.lines[target].text.strip()
        number, count = lines.index(target) + 1, len(lines)
        # Translators: "Match 2 of 5: " and the words of the line the match is on
        text = _("Match {number} of {count}: {line}")
        self.say(text.format(number=number, count=count, line=found))

    def action_find(self) -> None:
        """Open the find bar."""
        self.post_message(self.FindRequested())

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
        # Whole graphemes: a mark ending inside one ("❤" of "❤️") would split it, and
        # Textual would count its cells wrong.
        for start, end, _cells in graphemes(text):
            if any(marked[start:end]):
                marked[start:end] = [True] * (end - start)
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
