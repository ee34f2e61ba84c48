"""Line mode: the announcer's words after each key, appended as lines, as a shell prints.

Every terminal screen reader reads new lines at the bottom once, in order, and
keeps them reviewable; full-screen redraws are where each one guesses. So in
line mode the reader draws nothing (:class:`~reader.tui.line_driver.LineDriver`)
and writes only this: one line per key, holding the words that answer it (the
same words the talking kiosk speaks), and a prompt line while a field is typed
into, echoed and erased as a shell echoes.
"""

from __future__ import annotations

import asyncio
import textwrap
from collections.abc import Callable

from reader.document.sanitize import clean_line
from reader.i18n import N_, _

# What a field's prompt says, by the field's id.
PROMPTS = {
    # Translators: line mode's prompt while typing a search (a shell-like prompt)
    "query": N_("Search"),
    # Translators: line mode's prompt while typing words to find in the article
    "find": N_("Find"),
    # Translators: line mode's prompt while typing a bookmark's note
    "note": N_("Note"),
    # Translators: line mode's prompt while typing the operator's PIN
    "pin": N_("PIN"),
}


# What a field's typing brings (a search's count) is printed once typing pauses this long.
TYPING_PAUSE = 0.4


def first_line() -> str:
    """The first words line mode prints: what it is, and the keys that help."""
    return _(
        "reader: mental-health information, in line mode. "
        "{help}: get help now. {keys}: keys. {mode}: full screen."
    ).format(help="c", keys="?", mode="m")


class LinePrinter:
    """Appends answers and keeps one prompt line, through ``write`` (the terminal).

    Each answer begins a new line and leaves the cursor at its end: a screen reader
    that reads the line at the cursor (Orca after an arrow key, BRLTTY) finds the
    answer there, and Orca takes text that ends at the cursor for a command's output
    and speaks it. A prompt's line is the same, the cursor after what is typed.
    """

    def __init__(self, write: Callable[[str], None], width: Callable[[], int]) -> None:
        """``width``: the terminal's columns, now."""
        self.write = write
        self.width = width
        self.prompt = ""  # the open prompt's label, "" when none is open
        self.shown = ""  # what the open prompt shows after its label
        # The cursor is after an answer or a prompt. At first it is wherever the shell
        # (or the full screen, after F4) left it: the first answer begins a new line.
        self.mid_line = True
        self.last = ""  # the last answer (r repeats it)
        self._held = ""  # an answer that came while typing, printed once typing pauses
        self._hold: asyncio.TimerHandle | None = None

    def key_answer(
        self, words: str, field_id: str | None = None, field_text: str = "", moved: bool = False
    ) -> None:
        """What a key brought: ``words``, and where the focus is now. In a field (its id
        and the text it shows), a prompt line; typed on, the letters echoed, and words
        that came with them (a search's count) held until the typing pauses: each
        letter's count printed at once would bury the letters."""
        typing = field_id is not None and not moved
        if field_id is None and self.prompt:
            self.close_prompt()
        if typing:
            self.typed(field_text)
        if self._held and not typing:  # the count first, then what the key brought
            self.print_held()
        if field_id is not None and moved:
            self.answer(words)
            self.open_prompt(field_id, field_text)
        elif typing and words:
            self._held = words
            if self._hold is not None:
                self._hold.cancel()
            self._hold = asyncio.get_running_loop().call_later(TYPING_PAUSE, self.print_held)
        else:
            self.answer(words)

    @property
    def holding(self) -> bool:
        """True while words wait for the typing to pause."""
        return self._hold is not None

    def print_held(self) -> None:
        """The words held while typing, now."""
        if self._hold is not None:
            self._hold.cancel()
        self._hold = None
        held, self._held = self._held, ""
        self.answer(held)

    def answer(self, words: str) -> None:
        """A key's answer: lines of its own, after what is there; an open prompt is
        shown again below it, as a shell shows its prompt after a message."""
        words = clean_line(words).strip()
        if not words:
            return
        self.last = words
        # Wrapped between words: a screen reader reading a row never meets half a word.
        rows = textwrap.wrap(
            words, max(self.width(), 10), break_on_hyphens=False, drop_whitespace=True
        )
        self._new_line("\r\n".join(rows))
        if self.prompt:
            self._new_line(f"{self.prompt}{self.shown}")

    def lines(self, texts: list[str]) -> None:
        """Several lines at once (a whole list, a page of the article)."""
        for text in texts:
            self.answer(text)

    def _new_line(self, text: str) -> None:
        self.write(("\r\n" if self.mid_line else "") + text)
        self.mid_line = True

    def open_prompt(self, field_id: str, value: str) -> None:
        """A field got the focus: its prompt, and what it holds."""
        label = _(PROMPTS.get(field_id, N_("Text")))
        self.prompt, self.shown = f"{label}: ", clean_line(value)
        self._new_line(f"{self.prompt}{self.shown}")

    def close_prompt(self) -> None:
        """The field lost the focus: the next answer goes below the prompt."""
        self.prompt, self.shown = "", ""

    def typed(self, value: str) -> None:
        """The field now holds ``value``: echo what was added, erase what was taken
        away, as a shell does (Backspace erases the last letter on the line)."""
        value = clean_line(value)
        same = 0
        for old, new in zip(self.shown, value, strict=False):
            if old != new:
                break
            same += 1
        erase = len(self.shown) - same
        self.write("\b \b" * erase + value[same:])
        self.shown = value

    def end(self) -> None:
        """The reader is closing: the shell's prompt goes on a line of its own."""
        if self.mid_line:
            self.write("\r\n")

    def forget(self) -> None:
        """A kiosk's next visitor: the terminal and its scrollback cleared, nothing kept."""
        if self._hold is not None:
            self._hold.cancel()
        self.write("\x1b[H\x1b[2J\x1b[3J")
        self.prompt, self.shown, self.last, self._held, self._hold = "", "", "", "", None
        self.mid_line = False
