"""The talking kiosk's voice: after each key, the words of what changed, spoken.

What is said comes from the app's own model, never from the screen's cells: the
words each screen puts in its status line (:func:`announce`), the focused item
whole (:func:`focus_words`), and a new screen's question or title. A key stops
what was being said (the visitor has moved on); the words its handling produces
are gathered for a moment and spoken as one utterance. The speech process runs
beside the app (:mod:`reader.speech.engine`), so no key ever waits for it.
"""

from __future__ import annotations

import asyncio
import time
import weakref
from typing import TYPE_CHECKING

from textual import events
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

from reader import i18n
from reader.i18n import N_, _
from reader.speech import protocol
from reader.speech.settings import SpeechSettings
from reader.tui.article_view import ArticleView
from reader.tui.line_mode import first_line
from reader.tui.say_all import SayAll, end_matter_line
from reader.tui.spoken_words import (
    Part,
    focus_words,
    joined,
    printed,
    private_input,
    screen_words,
    whole_words,
    without_repeats,
)

if TYPE_CHECKING:
    from pathlib import Path

    from reader.speech.engine import SpeechEngine
    from reader.tui.app import ReaderApp
    from reader.tui.line_mode import LinePrinter

# A key's words arrive over a few message hops: gathered until this long without
# more (and never longer than GATHER_MAX after the first), then spoken as one.
QUIET = 0.005
GATHER_MAX = 0.15
# Keys that change how speech sounds without cutting off what is being said.
GENTLE_KEYS = {"f11", "f12", "f23", "f24"}


def announce(node: DOMNode, text: str) -> None:
    """Hand the words a screen puts in its status line to the app's voice (if any)."""
    speaker = getattr(node.app, "speaker", None)
    if text and isinstance(speaker, Speaker):
        speaker.said(text)


def article_opened(node: DOMNode) -> None:
    """An article opened: the app's voice (if any) reads it aloud once its title is said."""
    speaker = getattr(node.app, "speaker", None)
    if isinstance(speaker, Speaker):
        speaker.article_opened()


class Speaker:
    """The app's voice: on or off, its rate and volume, and what it said last."""

    def __init__(self, app: ReaderApp, settings: SpeechSettings, log: Path | None) -> None:
        self.app = app
        self.settings = settings
        self.log = log
        self.on = False
        self.rate, self.volume = settings.rate, settings.volume
        self.engine: SpeechEngine | None = None
        self.say_all = SayAll(self)
        self.last: list[Part] = []  # for "repeat"
        self.busy_until = 0.0  # about when the words queued now are said (time.monotonic)
        self.failure = ""  # why speech gave up, once it has
        self._sent_lang = ""
        self._statuses: list[str] = []
        self._handle: asyncio.TimerHandle | None = None
        self._deadline: asyncio.TimerHandle | None = None
        self._first = 0.0
        self._screens: weakref.WeakSet[Screen[object]] = weakref.WeakSet()
        self._focused: Widget | None = None
        self._item = ""
        self._article_opened = False
        self._lead = ""  # said before the screen's words: speech's own keys, once on
        self._last_key: events.Key | None = None
        # Line mode's printer: the same words, appended to the terminal (None: not in it).
        self.printer: LinePrinter | None = None

    @property
    def listening(self) -> bool:
        """True while anything takes the words: speech, or line mode's printer."""
        return self.on or self.printer is not None

    # -- on and off ------------------------------------------------------------------

    def start(self, announce_keys: bool = False) -> bool:
        """Speech on (the process starts in its own thread); False if it cannot."""
        problem = self._unavailable()
        if problem:
            self.failure = problem
            said = _("Speech is not available: {reason}.").format(reason=problem)
            self.app.main.say(said)
            return False
        if self.engine is None or self.engine.failed:
            from reader.speech.engine import SpeechEngine  # only once speech is wanted

            if self.engine is not None:
                self.engine.close()
            loop = asyncio.get_running_loop()

            def failed(reason: str) -> None:  # from the engine's thread
                loop.call_soon_threadsafe(self._gave_up, reason)

            self.engine = SpeechEngine(self.settings.server_command(), failed, self.log)
            self._sent_lang = ""
        self.on, self.failure = True, ""
        self.engine.send(protocol.rate(self.rate))
        self.engine.send(protocol.volume(self.volume))
        self._screens, self._focused, self._item = weakref.WeakSet(), None, ""
        self._lead = self.keys_words() if announce_keys else ""
        self._schedule()
        return True

    def toggle(self) -> None:
        """F5: on (saying its keys) or off (saying how to turn it on again)."""
        if self.on:
            words = _("Speech off. {key} turns it on.").format(key="F5")
            self.speak(words, i18n.language())  # the last words, so silence is no mystery
            self.say_all.stop()
            self.on = False
            self._statuses.clear()
            self.app.main.say(words)
        else:
            self.start(announce_keys=True)

    def print_to(self, printer: LinePrinter | None) -> None:
        """Line mode on (its first line, then the screen as if new) or off."""
        self.printer = printer
        if printer is not None:
            self._lead = f"{first_line()} {self._lead}".strip()
            self._screens, self._focused, self._item = weakref.WeakSet(), None, ""
            self._schedule()

    def stop_speaking(self) -> None:
        """Silence now, and no more of the article."""
        self.say_all.stop()
        self.busy_until = 0.0
        if self.engine is not None:
            self.engine.send(protocol.STOP)

    def turn_off(self) -> None:
        """Speech off: silence, and nothing more said until it is on again."""
        self.stop_speaking()
        self.on = False
        self._statuses.clear()

    def close(self) -> None:
        """Stop the process (the app is ending)."""
        self.say_all.stop()
        for timer in (self._handle, self._deadline):
            if timer is not None:
                timer.cancel()
        if self.engine is not None:
            self.engine.send(protocol.STOP)
            self.engine.close()
            self.engine = None

    def reset(self) -> None:
        """A kiosk's next visitor: the last one's words forgotten, the operator's settings."""
        self.stop_speaking()
        self.last, self._statuses, self._lead = [], [], ""
        self._focused, self._item, self._last_key = None, "", None  # a field's words, too
        self.rate, self.volume = self.settings.rate, self.settings.volume
        if self.printer is not None:  # the terminal's lines and scrollback, too
            self.printer.forget()
            self.print_to(self.printer)
        if self.settings.on and not self.failure:  # once given up, only F5 tries again
            self.start()
        else:
            self.turn_off()

    def _unavailable(self) -> str:
        if self.settings.shipped:
            from reader.speech.server import choose_program

            if choose_program("auto", None) is None:
                return _("no speech synthesiser is installed (espeak-ng or speech-dispatcher)")
        return ""

    def _gave_up(self, reason: str) -> None:
        self.on, self.failure = False, reason
        self.say_all.stop()
        self.app.main.say(
            _("Speech stopped working ({reason}); the reader goes on without it.").format(
                reason=reason
            )
        )

    def keys_words(self) -> str:
        """What is said when speech comes on: its keys."""
        return _(
            "Speech on. {repeat}: repeat. {stop}: stop. {all}: read on from here. "
            "{faster}, {slower}: faster, slower. {louder}, {softer}: louder, softer. "
            "{off}: speech off."
        ).format(
            repeat="F7", stop="F8", all="F9", faster="F11", slower="shift+F11",
            louder="F12", softer="shift+F12", off="F5",
        )  # fmt: skip

    # -- what is said ----------------------------------------------------------------

    def key(self, event: events.Key) -> None:
        """A key is about to be handled: what was being said stops; typing is echoed."""
        if not self.listening or event is self._last_key:
            return  # the same key bubbling back up to the app
        self._last_key = event
        if event.key in GENTLE_KEYS:
            return
        if not self.on:
            self._schedule()
            return
        self.stop_speaking()
        focused = self.app.focused
        if isinstance(focused, Input) and event.is_printable and event.character:
            if private_input(focused, self.app.kiosk.enabled):
                self._send([(_("star"), i18n.language())])
            elif self.engine is not None:
                self._language(i18n.language())
                self.engine.send(protocol.letter(event.character))
        self._schedule()

    def said(self, text: str) -> None:
        """Words a screen put in its status line: spoken with the key's other words."""
        if self.listening and text:
            self._statuses.append(text)
            self._schedule()

    def screen_pushed(self) -> None:
        """A screen opened (by a key or a timer): its words are said once it has settled."""
        if self.listening:
            self._schedule()

    def moved(self, widget: Widget) -> None:
        """Reading aloud moved the reading line: not news for the next key to say."""
        if self.app.focused is widget:
            self._focused, self._item = widget, focus_words(widget, self.app.kiosk.enabled)

    def article_opened(self) -> None:
        """An article opened: once its title is said, it is read aloud from the reading line
        (also the one opened at start, before speech has started)."""
        if self.listening:
            self._article_opened = True
            self._schedule()
        elif self.settings.on and self.engine is None:
            self._article_opened = True

    def _schedule(self) -> None:
        now = time.monotonic()
        if self._handle is not None:
            if now - self._first >= GATHER_MAX:
                return  # gathering ends soon whatever else arrives
            self._handle.cancel()
        else:
            self._first = now
        loop = asyncio.get_running_loop()
        self._handle = loop.call_later(QUIET, self._when_settled)
        if self._deadline is None:  # whatever the queues do, the words go by then
            self._deadline = loop.call_later(GATHER_MAX * 2, self._overdue)

    def _overdue(self) -> None:
        self._deadline = None
        if self._handle is not None:
            self.flush()

    def _when_settled(self) -> None:
        """Flush once no message is waiting on the screen's nodes (as Textual's own test
        pilot waits): a key's words arrive over several hops, each a queue."""
        if self._handle is None:
            return
        screen = self.app.screen
        busy = [
            node
            for node in (self.app, screen, *screen.walk_children())
            if node.is_running and not node._message_queue.empty()
        ]
        if not busy or time.monotonic() - self._first > GATHER_MAX:
            self.flush()
            return
        left, handle = 0, self._handle

        def done() -> None:
            nonlocal left
            left -= 1
            if left == 0 and self._handle is handle:
                self._when_settled()

        # A closing node refuses the callback and would be found busy again: count only
        # the nodes that will call back (they do so later, from their own queues).
        left = sum(node.call_later(done) for node in busy)
        if left == 0:
            self.flush()

    def flush(self) -> None:
        """Say (and print, in line mode) what changed since the last utterance, as one."""
        self._handle = None
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        if not self.listening:
            return
        app, ui = self.app, i18n.language()
        screen = app.screen
        parts: list[Part] = [(self._lead, ui)] if self._lead else []
        self._lead = ""
        if screen not in self._screens:
            parts.append((screen_words(screen), ui))
        self._screens = weakref.WeakSet(app.screen_stack)
        parts += [(text, ui) for text in self._statuses]
        self._statuses = []
        focused = screen.focused
        if self._article_opened and screen is app.main:
            focused = app.main.view  # focused a moment later (the screen's focus is queued)
        item = focus_words(focused, app.kiosk.enabled)
        # A field's words once, when it is reached: what is typed was echoed.
        moved = focused is not self._focused
        changed = moved or (item != self._item and not isinstance(focused, Input))
        said = [(item, self.text_language(focused))] if item and changed else []
        self._focused, self._item = focused, item
        if self.printer is not None:
            field = focused if isinstance(focused, Input) else None
            # A field's hint (its placeholder) only when nothing else says what to type.
            words = printed(without_repeats(parts if field and parts else parts + said))
            if field is None:
                self.printer.key_answer(words)
            else:
                self.printer.key_answer(words, field.id or "", self._field_text(field), moved)
        if not self.on:
            self._article_opened = False
            return
        reading = self._article_opened and isinstance(focused, ArticleView)  # read next
        parts = without_repeats(parts if reading else parts + said)
        if parts:
            self._send(parts)
            self.last = parts
        if self._article_opened:
            self._article_opened = False
            view = app.main.view
            if view.article is not None and screen is app.main:
                self.say_all.start(view, said=" ".join(words for words, _lang in parts))

    def _field_text(self, field: Input) -> str:
        """What line mode shows of a field: its text, or a star a letter if private."""
        return (
            "*" * len(field.value) if private_input(field, self.app.kiosk.enabled) else field.value
        )

    def text_language(self, widget: Widget | None, line: int | None = None) -> str:
        """The language of the words of ``widget`` (at ``line``, else its reading line):
        an article's own, else (its end matter too) the interface's."""
        if isinstance(widget, ArticleView) and widget.article is not None:
            end = end_matter_line(widget)
            if end is None or (widget.cursor if line is None else line) < end:
                return self.app.library.text_of(widget.article)[0]
        return i18n.language()

    def speak(self, text: str, lang: str) -> None:
        """Queue ``text`` after whatever is being said."""
        self._send([(text, lang)])

    def _send(self, parts: list[Part]) -> None:
        if self.engine is None:
            return
        now = time.monotonic()
        for words, lang in joined(parts):
            line = protocol.speak(words)
            if line:
                self._language(lang)
                self.engine.send(line)
                self.busy_until = max(now, self.busy_until) + protocol.seconds_to_say(
                    words, self.rate
                )

    def _language(self, lang: str) -> None:
        if lang != self._sent_lang and self.engine is not None:
            self.engine.send(protocol.language(lang))
            self._sent_lang = lang

    def seconds_left(self) -> float:
        """About how long until the words queued now are said (0 when silent)."""
        if not self.on:
            return 0.0
        if self.say_all.active:
            return max(self.busy_until - time.monotonic(), 1.0)
        return max(self.busy_until - time.monotonic(), 0.0)

    # -- the speech keys ---------------------------------------------------------------

    def repeat(self) -> None:
        """Say the last utterance again (line mode: print the last answer again)."""
        if self.printer is not None and self.printer.last:
            self.printer.answer(self.printer.last)
        if self.on and self.last:
            self._send(self.last)

    def read_on(self) -> None:
        """Read the open article aloud from its reading line; line mode prints the
        whole list, or the article's next screenful, a line each."""
        if self.printer is not None:
            self.printer.print_held()
            focused = self.app.screen.focused
            self.printer.lines(whole_words(focused, self.app.kiosk.enabled))
            self._item = focus_words(focused, self.app.kiosk.enabled)  # printed just now
        if not self.on:
            return
        view = self.app.main.view
        if view.article is None or self.app.screen is not self.app.main:
            said = _("Open an article first, then press {key} to hear it.").format(key="F9")
            self.speak(said, i18n.language())
        else:
            self.say_all.start(view)

    def change(self, what: str, step: int) -> None:
        """Rate or volume up or down a step, remembered (at a kiosk, for this visit only)."""
        if not self.on:
            return
        if what == "rate":
            self.rate = protocol.clamp(self.rate + step)
            line, value = protocol.rate(self.rate), self.rate
        else:
            self.volume = protocol.clamp(self.volume + step)
            line, value = protocol.volume(self.volume), self.volume
        if self.engine is not None:
            self.engine.send(line)
        if not self.app.kiosk.enabled:
            name = "speech_rate" if what == "rate" else "speech_volume"
            self.app.save_preference(name, value, N_("The speech setting was not saved: {error}"))
